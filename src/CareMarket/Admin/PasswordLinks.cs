using System.Security.Cryptography;
using System.Text;
using CareMarket.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareMarket.Admin;

/// <summary>
/// The one-time link to set a password (an invitation, or a reset). Identity's own reset tokens are sealed with the
/// web app's data protection keys, which the command line does not have; this token is a random secret whose hash is
/// kept with the user (Identity's user tokens), so a link printed by <c>caremarket user add</c> works in the web app.
/// It works once (it is bound to the security stamp, which setting the password changes, and it is removed), only
/// the newest link of a user works, and it expires after <see cref="Lifetime"/>.
/// </summary>
public sealed class PasswordLinks(TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string Provider = "CareMarketPasswordLink";
    /// <summary>Long enough for an invitation sent by e-mail to be opened after a weekend.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(3);
    /// <summary>The page the link opens.</summary>
    public const string Path = "/account/set-password";

    /// <summary>The link to send: the page, the user and the token.</summary>
    public static string Url(string baseUrl, string userId, string token) =>
        $"{baseUrl.TrimEnd('/')}{Path}?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}";

    public async Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var stamp = await manager.GetSecurityStampAsync(user);
        await manager.SetAuthenticationTokenAsync(user, Provider, purpose, $"{expires}:{Hash(token)}:{Hash(stamp)}");
        return token;
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        if (string.IsNullOrEmpty(token)) return false;
        var stored = await manager.GetAuthenticationTokenAsync(user, Provider, purpose);
        var parts = stored?.Split(':');
        if (parts is not { Length: 3 } || !long.TryParse(parts[0], out var expires)) return false;
        if (clock.GetUtcNow().ToUnixTimeSeconds() >= expires) return false;
        var stamp = await manager.GetSecurityStampAsync(user);
        return FixedEquals(parts[1], Hash(token)) && FixedEquals(parts[2], Hash(stamp));
    }

    /// <summary>Used once: forget it, so even a link made before a later stamp change cannot come back.</summary>
    public static Task ForgetAsync(UserManager<AppUser> manager, AppUser user) =>
        manager.RemoveAuthenticationTokenAsync(user, Provider, UserManager<AppUser>.ResetPasswordTokenPurpose);

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(false);

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}

/// <summary>Accounts as the web app and the command line both make them: the password policy and the one-time links.</summary>
public static class AccountServices
{
    public static IdentityBuilder AddCareMarketAccounts(this IdentityBuilder identity)
    {
        // Identity's own validator would repeat the length rule in its words and could add composition rules: ours alone.
        identity.Services.RemoveAll<IPasswordValidator<AppUser>>();
        identity.AddPasswordValidator<PasswordPolicy>();
        identity.AddTokenProvider<PasswordLinks>(PasswordLinks.Provider);
        identity.Services.Configure<IdentityOptions>(o =>
        {
            Passwords.Configure(o.Password);
            o.Tokens.PasswordResetTokenProvider = PasswordLinks.Provider;
            o.User.RequireUniqueEmail = true;
        });
        identity.Services.TryAddScoped<Users>();
        return identity;
    }
}
