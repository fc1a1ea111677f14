using System.Net.Mail;
using CareMarket.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Admin;

/// <summary>Where a provider user's link to its provider stands.</summary>
public enum ProviderLink { None, Waiting, Confirmed }

/// <summary>A user of the council, as the administration page lists them.</summary>
public sealed record UserRow(string Id, string Email, string Name, IReadOnlyList<string> Roles, DateTime? DisabledAt,
    ProviderLink Link, int? ProviderId, string? Provider, string? CqcProviderId, DateTime? ConfirmedAt, string? ConfirmedBy,
    bool IsApprover, bool HasPassword)
{
    public bool IsDisabled => DisabledAt is not null;
    public bool IsAdministrator => Roles.Contains(Data.Roles.Administrator);
}

/// <summary>A user to add: the e-mail, a name, the roles, for a provider user the CQC provider id asked for, and
/// (command line only, read from standard input) a password instead of a link.</summary>
public sealed record NewUser(string? Email, string? Name, IReadOnlyList<string>? Roles, string? CqcProviderId = null, string? Password = null);

/// <summary>A user added or sent a new link: the token for <see cref="PasswordLinks.Url"/>, or null when a password was given.</summary>
public sealed record UserLink(string UserId, string Email, string? Token);

/// <summary>The rules of users, as small functions (tested directly).</summary>
public static class UserRules
{
    /// <summary>A role as a person types it ("administrator", "quality officer", "Social worker"), or null if it is none.</summary>
    public static string? ParseRole(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        static string Plain(string s) => new([.. s.Where(char.IsLetter).Select(char.ToLowerInvariant)]);
        var plain = Plain(text);
        return Data.Roles.All.FirstOrDefault(r => Plain(r) == plain || Plain(Data.Roles.Describe(r)) == plain
            || (r == Data.Roles.Provider && plain == "provider") || (r == Data.Roles.Partner && plain == "partner"));
    }

    /// <summary>What is wrong with a set of roles: none, an unknown one, or a provider or partner role mixed with others.</summary>
    public static string? RolesProblem(IReadOnlyList<string>? roles)
    {
        if (roles is null || roles.Count == 0) return "Choose at least one role";
        var unknown = roles.FirstOrDefault(r => !Data.Roles.All.Contains(r));
        if (unknown is not null) return $"There is no role \"{unknown}\": choose from {string.Join(", ", Data.Roles.All.Select(Data.Roles.Describe))}";
        // A provider user acts for a provider, a partner reads the shared picture: neither is also council staff.
        if (roles.Count > 1 && roles.Contains(Data.Roles.Provider)) return "A provider user has no other role";
        if (roles.Count > 1 && roles.Contains(Data.Roles.Partner)) return "A partner has no other role";
        return null;
    }

    /// <summary>What is wrong with an e-mail address, or null.</summary>
    public static string? EmailProblem(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return "Enter an email address";
        var trimmed = email.Trim();
        if (trimmed.Length > 256) return "Enter an email address of 256 characters or fewer";
        return MailAddress.TryCreate(trimmed, out var parsed) && parsed.Address == trimmed && trimmed.Contains('.', StringComparison.Ordinal)
            ? null
            : "Enter an email address in the correct format, like name@example.gov.uk";
    }

    /// <summary>
    /// A council keeps at least one administrator who can sign in: a change that takes the last one away (their role
    /// removed, or their account disabled, by themselves or another) is refused.
    /// </summary>
    /// <param name="isEnabledAdministrator">The user changed is an administrator who can sign in now.</param>
    /// <param name="staysEnabledAdministrator">And still will after the change.</param>
    /// <param name="otherEnabledAdministrators">The council's other administrators who can sign in.</param>
    public static bool LeavesNoAdministrator(bool isEnabledAdministrator, bool staysEnabledAdministrator, int otherEnabledAdministrators) =>
        isEnabledAdministrator && !staysEnabledAdministrator && otherEnabledAdministrators == 0;
}

/// <summary>
/// The council's users: add and invite (a one-time link to set the password), roles, disabling, new links, and
/// provider users' links to their provider by CQC provider id. Because CQC ids are public, a link asked for takes
/// effect only when the council's administrator or the provider's own approver confirms it. An administrator manages
/// only their own council's users; the command line (the system) names the council.
/// Identity's saves go through this <see cref="CareMarketDb"/>, so each is audited with the actor (secrets hidden).
/// </summary>
public sealed class Users(CareMarketDb db, UserManager<AppUser> users)
{
    private const string NotYours = "Only the council's administrators manage its users";

    /// <summary>The council's users, by name. The system names the council; anyone else sees their own council's.</summary>
    public Task<List<UserRow>> ListAsync(int? localAuthorityId = null, CancellationToken ct = default)
    {
        var council = db.Actor.IsSystem ? localAuthorityId : db.SeesCouncilRecords ? db.Council : null;
        return council is { } c ? RowsAsync(c, ct) : Task.FromResult<List<UserRow>>([]);
    }

    private async Task<List<UserRow>> RowsAsync(int council, CancellationToken ct)
    {
        var rows = await db.Users.AsNoTracking().Where(u => u.LocalAuthorityId == council).OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .ToListAsync(ct);
        var roles = (await db.UserRoles.Where(ur => db.Users.Any(u => u.Id == ur.UserId && u.LocalAuthorityId == council))
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.Name!);
        var providerIds = rows.Select(r => r.ProviderId ?? r.RequestedProviderId).OfType<int>().Distinct().ToList();
        var providers = await db.Providers.AsNoTracking().Where(p => providerIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => (p.Name, p.CqcProviderId), ct);
        return [.. rows.Select(r =>
        {
            var providerId = r.ProviderId ?? r.RequestedProviderId;
            var provider = providerId is { } id && providers.TryGetValue(id, out var p) ? p : default;
            var link = r.ProviderId is not null ? ProviderLink.Confirmed : r.RequestedProviderId is not null ? ProviderLink.Waiting : ProviderLink.None;
            return new UserRow(r.Id, r.Email ?? "", r.DisplayName, [.. roles[r.Id].Order()], r.DisabledAt, link, providerId, provider.Name,
                provider.CqcProviderId, r.ProviderConfirmedAt, r.ProviderConfirmedBy, r.IsProviderApprover, r.PasswordHash is not null);
        })];
    }

    /// <summary>
    /// Adds a user to a council (null: the administrator's own; the command line names it). The decision carries the
    /// one-time link's token to send them, or none when a password was given. Nothing is written when it is refused.
    /// </summary>
    public async Task<Decision> AddAsync(int? localAuthorityId, NewUser input, CancellationToken ct = default)
    {
        if ((localAuthorityId ?? db.Council) is not { } council || !Manages(council)) return new Decision.Forbidden(NotYours);
        var errors = new List<FieldError>();
        var email = input.Email?.Trim();
        if (UserRules.EmailProblem(email) is { } emailProblem) errors.Add(new("Email", emailProblem));
        else if (await users.FindByEmailAsync(email!) is not null) errors.Add(new("Email", $"There is already a user with the email address {email}"));
        var name = string.IsNullOrWhiteSpace(input.Name) ? email : input.Name.Trim();
        if (name is { Length: > 200 }) errors.Add(new("Name", "Enter a name of 200 characters or fewer"));
        var roles = (input.Roles ?? []).Distinct().ToList();
        if (UserRules.RolesProblem(roles) is { } rolesProblem) errors.Add(new("Roles", rolesProblem));
        int? providerId = null;
        if (!string.IsNullOrWhiteSpace(input.CqcProviderId))
        {
            if (!roles.Contains(Roles.Provider)) errors.Add(new("CqcProviderId", "Only a provider user is linked to a provider: give them the provider user role"));
            else if (await ProviderByCqcIdAsync(input.CqcProviderId, ct) is { } found) providerId = found;
            else errors.Add(new("CqcProviderId", NoProvider(input.CqcProviderId)));
        }
        if (errors.Count > 0) return new Decision.Invalid(errors);

        var user = new AppUser
        {
            UserName = email, Email = email, DisplayName = name!, LocalAuthorityId = council, LockoutEnabled = true,
        };
        if (providerId is not null) AskFor(user, providerId.Value);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = input.Password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, input.Password);
        if (!created.Succeeded) return Failed(created, input.Password is null ? "Email" : "Password");
        var added = await users.AddToRolesAsync(user, roles);
        if (!added.Succeeded) return Failed(added, "Roles");
        var token = input.Password is null ? await users.GeneratePasswordResetTokenAsync(user) : null;
        await tx.CommitAsync(ct);
        return new Decision.Created<UserLink>(new(user.Id, email!, token));
    }

    /// <summary>Replaces a user's roles. A provider user who stops being one loses the link to their provider.</summary>
    public async Task<Decision> SetRolesAsync(string userId, IReadOnlyList<string>? roles, CancellationToken ct = default)
    {
        if (await ManagedAsync(userId) is not { } user) return new Decision.NotFound();
        var wanted = (roles ?? []).Distinct().ToList();
        if (UserRules.RolesProblem(wanted) is { } problem) return new Decision.Refused("Roles", problem);
        var current = await users.GetRolesAsync(user);
        var enabledAdmin = user.DisabledAt is null && current.Contains(Roles.Administrator);
        if (UserRules.LeavesNoAdministrator(enabledAdmin, wanted.Contains(Roles.Administrator), await OtherAdministratorsAsync(user, ct)))
            return new Decision.Conflict($"{user.Email} is the council's last administrator: make someone else an administrator first");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!wanted.Contains(Roles.Provider)) ForgetProvider(user);
        var removed = await users.RemoveFromRolesAsync(user, current.Except(wanted));
        if (!removed.Succeeded) return Failed(removed, "Roles");
        var added = await users.AddToRolesAsync(user, wanted.Except(current));
        if (!added.Succeeded) return Failed(added, "Roles");
        await tx.CommitAsync(ct);
        return Decision.Ok;
    }

    /// <summary>Disables a user: sign-in is refused, and their sessions end (a new security stamp).</summary>
    public async Task<Decision> DisableAsync(string userId, CancellationToken ct = default)
    {
        if (await ManagedAsync(userId) is not { } user) return new Decision.NotFound();
        if (user.DisabledAt is not null) return Decision.Ok;
        var admin = await users.IsInRoleAsync(user, Roles.Administrator);
        if (UserRules.LeavesNoAdministrator(admin, false, await OtherAdministratorsAsync(user, ct)))
            return new Decision.Conflict($"{user.Email} is the council's last administrator: make someone else an administrator before disabling this account");
        user.DisabledAt = db.Now;
        // A new stamp ends every session (checked each SecurityStampValidatorOptions.ValidationInterval) and every link.
        var result = await users.UpdateSecurityStampAsync(user);
        return result.Succeeded ? Decision.Ok : Failed(result, "");
    }

    public async Task<Decision> EnableAsync(string userId, CancellationToken ct = default)
    {
        if (await ManagedAsync(userId) is not { } user) return new Decision.NotFound();
        if (user.DisabledAt is null) return Decision.Ok;
        user.DisabledAt = null;
        var result = await users.UpdateAsync(user);
        return result.Succeeded ? Decision.Ok : Failed(result, "");
    }

    /// <summary>A new one-time link to set the password (the old password and links stop working once it is used).</summary>
    public async Task<Decision> NewLinkAsync(string userId, CancellationToken ct = default)
    {
        if (await ManagedAsync(userId) is not { } user) return new Decision.NotFound();
        if (user.DisabledAt is not null) return new Decision.Conflict($"{user.Email} is disabled: enable the account before sending a new link");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return new Decision.Created<UserLink>(new(user.Id, user.Email!, token));
    }

    /// <summary>
    /// Asks for a provider user to be linked to the provider with this CQC provider id. It takes effect only when
    /// confirmed (<see cref="ConfirmProviderAsync"/>); a confirmed link to another provider ends at once.
    /// </summary>
    public async Task<Decision> AskForProviderAsync(string userId, string? cqcProviderId, CancellationToken ct = default)
    {
        if (await ManagedAsync(userId) is not { } user) return new Decision.NotFound();
        if (!await users.IsInRoleAsync(user, Roles.Provider))
            return new Decision.Refused("CqcProviderId", "Only a provider user is linked to a provider: give them the provider user role");
        if (string.IsNullOrWhiteSpace(cqcProviderId)) return new Decision.Refused("CqcProviderId", "Enter the provider's CQC provider id, like 1-101641521");
        if (await ProviderByCqcIdAsync(cqcProviderId, ct) is not { } providerId) return new Decision.Refused("CqcProviderId", NoProvider(cqcProviderId));
        if (user.ProviderId == providerId) return Decision.Ok;
        var hadProvider = user.ProviderId is not null;
        ForgetProvider(user);
        AskFor(user, providerId);
        // The old provider's access ends now, not when the session next refreshes.
        var result = hadProvider ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user);
        return result.Succeeded ? Decision.Ok : Failed(result, "CqcProviderId");
    }

    /// <summary>
    /// Confirms the provider a user asked for: by the council's administrator, or by an approver of that provider (a
    /// provider user of the same council already confirmed for it and marked approver). Anyone else is refused.
    /// </summary>
    public async Task<Decision> ConfirmProviderAsync(string userId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || !SameCouncil(user)) return new Decision.NotFound();
        if (!await MayConfirmAsync(user))
            return new Decision.Forbidden("Only the council's administrators or an approver of the same provider confirm a provider link");
        if (user.RequestedProviderId is not { } providerId) return new Decision.Conflict($"{user.Email} is not waiting for a provider link");
        user.ProviderId = providerId;
        user.RequestedProviderId = null;
        user.ProviderConfirmedAt = db.Now;
        user.ProviderConfirmedBy = db.Actor.Name;
        var result = await users.UpdateAsync(user);
        return result.Succeeded ? Decision.Ok : Failed(result, "");
    }

    /// <summary>Makes a confirmed provider user an approver of their provider, or stops them being one (administrators only).</summary>
    public async Task<Decision> SetApproverAsync(string userId, bool approver, CancellationToken ct = default)
    {
        if (await ManagedAsync(userId) is not { } user) return new Decision.NotFound();
        if (approver && user.ProviderId is null)
            return new Decision.Conflict($"{user.Email} is not confirmed for a provider yet: confirm the link first");
        user.IsProviderApprover = approver;
        var result = await users.UpdateAsync(user);
        return result.Succeeded ? Decision.Ok : Failed(result, "");
    }

    /// <summary>For an approver: the users of their council waiting to be linked to their provider.</summary>
    public async Task<List<UserRow>> WaitingForMyProviderAsync(CancellationToken ct = default)
    {
        if (db.Actor.ProviderId is not { } provider || await ApproverAsync() is not { } me) return [];
        return [.. (await RowsAsync(me.LocalAuthorityId, ct)).Where(u => u.Link == ProviderLink.Waiting && u.ProviderId == provider)];
    }

    /// <summary>Whether a link to set a password is good now (the page asks before showing its form).</summary>
    public async Task<bool> LinkWorksAsync(string? userId, string? token)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token)) return false;
        var user = await users.FindByIdAsync(userId);
        return user is { DisabledAt: null }
            && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, token);
    }

    /// <summary>
    /// Sets the password from a one-time link (nobody is signed in: the change is audited as the user). The link then
    /// stops working; the account's lockout is cleared.
    /// </summary>
    public async Task<Decision> SetPasswordAsync(string? userId, string? token, string? password, CancellationToken ct = default)
    {
        const string Expired = "This link has expired or has already been used: ask your council's CareMarket administrator for a new one";
        if (!await LinkWorksAsync(userId, token)) return new Decision.Refused("Token", Expired);
        var user = (await users.FindByIdAsync(userId!))!;
        var problems = Passwords.Problems(password, user.Email);
        if (problems.Count > 0) return new Decision.Invalid([.. problems.Select(p => new FieldError("Password", p))]);
        db.Actor = new Actor(user.Email ?? user.Id, user.LocalAuthorityId, user.ProviderId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var reset = await users.ResetPasswordAsync(user, token!, password!);
        if (!reset.Succeeded)
            return reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)) ? new Decision.Refused("Token", Expired) : Failed(reset, "Password");
        user.EmailConfirmed = true;
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        await PasswordLinks.ForgetAsync(users, user);
        await tx.CommitAsync(ct);
        return Decision.Ok;
    }

    /// <summary>A user for the command line, by e-mail (any council: the system names them).</summary>
    public Task<AppUser?> FindByEmailAsync(string email) => users.FindByEmailAsync(email.Trim());

    private bool Manages(int localAuthorityId) =>
        db.Actor.IsSystem || (db.SeesCouncilRecords && db.Council == localAuthorityId);

    private bool SameCouncil(AppUser user) => db.Actor.IsSystem || db.Council == user.LocalAuthorityId;

    /// <summary>A user the actor manages: any for the system, else one of the administrator's own council (else null: not found).</summary>
    private async Task<AppUser?> ManagedAsync(string userId)
    {
        var user = await users.FindByIdAsync(userId);
        return user is not null && Manages(user.LocalAuthorityId) ? user : null;
    }

    private async Task<bool> MayConfirmAsync(AppUser user)
    {
        if (Manages(user.LocalAuthorityId)) return true;
        var approver = await ApproverAsync();
        return approver is not null && approver.LocalAuthorityId == user.LocalAuthorityId
            && user.RequestedProviderId is { } asked && approver.ProviderId == asked;
    }

    /// <summary>The actor's own account when it is a provider approver who can sign in (an API key is nobody's account).</summary>
    private async Task<AppUser?> ApproverAsync()
    {
        if (db.Actor.ProviderId is not { } provider || db.Actor.IsSystem) return null;
        var me = await users.FindByNameAsync(db.Actor.Name);
        return me is { IsProviderApprover: true, DisabledAt: null } && me.ProviderId == provider && me.LocalAuthorityId == db.Actor.LocalAuthorityId ? me : null;
    }

    private async Task<int> OtherAdministratorsAsync(AppUser user, CancellationToken ct)
    {
        var role = await db.Roles.Where(r => r.Name == Roles.Administrator).Select(r => r.Id).FirstOrDefaultAsync(ct);
        return await db.Users.CountAsync(u => u.LocalAuthorityId == user.LocalAuthorityId && u.Id != user.Id && u.DisabledAt == null
            && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == role), ct);
    }

    private async Task<int?> ProviderByCqcIdAsync(string cqcProviderId, CancellationToken ct)
    {
        var id = cqcProviderId.Trim();
        return await db.Providers.Where(p => p.CqcProviderId == id).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
    }

    private static string NoProvider(string cqcProviderId) =>
        $"No provider in the register has the CQC provider id {cqcProviderId.Trim()}: check it (like 1-101641521), or bring the register up to date first";

    private void AskFor(AppUser user, int providerId)
    {
        user.RequestedProviderId = providerId;
        user.ProviderRequestedAt = db.Now;
        user.ProviderRequestedBy = db.Actor.Name;
    }

    private static void ForgetProvider(AppUser user)
    {
        user.ProviderId = null;
        user.RequestedProviderId = null;
        user.ProviderRequestedAt = null;
        user.ProviderRequestedBy = null;
        user.ProviderConfirmedAt = null;
        user.ProviderConfirmedBy = null;
        user.IsProviderApprover = false;
    }

    private static Decision.Invalid Failed(IdentityResult result, string field) =>
        new([.. result.Errors.Select(e => new FieldError(field, e.Description))]);
}
