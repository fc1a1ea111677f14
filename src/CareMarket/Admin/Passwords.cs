using CareMarket.Data;
using Microsoft.AspNetCore.Identity;

namespace CareMarket.Admin;

/// <summary>
/// Passwords as the NCSC advises: length over complexity. At least <see cref="MinimumLength"/> characters, long
/// passphrases welcome (up to <see cref="MaximumLength"/>), no rules about digits, capitals or symbols; refused when
/// it is a commonly used or breached password (a shipped list, CommonPasswords/README.md) or holds the e-mail's name.
/// </summary>
public static class Passwords
{
    public const int MinimumLength = 12;
    /// <summary>Long enough for any passphrase (NCSC: allow at least 64); the bound only stops absurd input.</summary>
    public const int MaximumLength = 256;
    /// <summary>An e-mail's name (before the @) shorter than this is not looked for inside a password ("jo@…").</summary>
    public const int ShortestNameLookedFor = 3;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    /// <summary>How many common passwords the shipped list holds.</summary>
    public static int CommonCount => Common.Value.Count;

    /// <summary>What is wrong with a password for the person with this e-mail, in words for them; empty when it is fine.</summary>
    public static IReadOnlyList<string> Problems(string? password, string? email)
    {
        if (string.IsNullOrEmpty(password)) return ["Enter a password"];
        var problems = new List<string>();
        if (password.Length < MinimumLength)
            problems.Add($"Enter a password of at least {MinimumLength} characters: three random words make a good one");
        else if (password.Length > MaximumLength)
            problems.Add($"Enter a password of {MaximumLength} characters or fewer");
        var lower = password.ToLowerInvariant();
        if (Common.Value.Contains(lower))
            problems.Add("This password is one of the most commonly used, and easy to guess: choose another");
        var name = NameOf(email);
        if (name is { Length: >= ShortestNameLookedFor } && lower.Contains(name, StringComparison.Ordinal))
            problems.Add("Your password must not contain your email address or the name before the @");
        return problems;
    }

    /// <summary>Identity's options as this policy needs them: the length, and none of Identity's composition rules.</summary>
    public static void Configure(PasswordOptions o)
    {
        o.RequiredLength = MinimumLength;
        o.RequireDigit = false;
        o.RequireLowercase = false;
        o.RequireUppercase = false;
        o.RequireNonAlphanumeric = false;
        o.RequiredUniqueChars = 1;
    }

    private static string? NameOf(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return null;
        var at = email.IndexOf('@');
        return (at > 0 ? email[..at] : email).Trim().ToLowerInvariant();
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = typeof(Passwords).Assembly.GetManifestResourceStream("CareMarket.Admin.CommonPasswords.common-passwords.txt")
            ?? throw new InvalidOperationException("The common passwords list is not in the build (CareMarket.csproj embeds it).");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0) set.Add(line);
        }
        return set;
    }
}

/// <summary>Identity's check of a new password (web app and command line alike): <see cref="Passwords.Problems"/>.</summary>
public sealed class PasswordPolicy : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var problems = Passwords.Problems(password, user.Email ?? user.UserName);
        return Task.FromResult(problems.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed([.. problems.Select(p => new IdentityError { Code = "CareMarketPassword", Description = p })]));
    }
}
