using System.Security.Claims;
using CareMarket.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CareMarket.Web.Security;

/// <summary>
/// Puts the user's council and provider into the sign-in cookie, so each request knows its tenant. Made again at each
/// security stamp check (Program.cs), so a confirmed provider link or changed roles reach a session within minutes.
/// </summary>
public sealed class ClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Policies.LocalAuthorityClaim, user.LocalAuthorityId.ToString()));
        identity.AddClaim(new Claim("caremarket:name", user.DisplayName));
        // Only a confirmed link names the provider. A provider user still waiting acts for no provider (an id none has),
        // so they see no provider's data and are never taken for council staff.
        if (user.ProviderId is { } p)
        {
            identity.AddClaim(new Claim(Policies.ProviderClaim, p.ToString()));
            // Only shows the approver's page in the menu: the use case checks the account itself.
            if (user.IsProviderApprover) identity.AddClaim(new Claim(Policies.ApproverClaim, "true"));
        }
        else if (identity.HasClaim(Options.ClaimsIdentity.RoleClaimType, Roles.Provider))
            identity.AddClaim(new Claim(Policies.ProviderClaim, Actor.NoCouncil.ToString()));
        return identity;
    }
}
