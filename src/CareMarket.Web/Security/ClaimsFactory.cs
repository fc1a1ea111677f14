using System.Security.Claims;
using CareMarket.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CareMarket.Web.Security;

/// <summary>Puts the user's council and provider into the sign-in cookie, so each request knows its tenant.</summary>
public sealed class ClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Policies.LocalAuthorityClaim, user.LocalAuthorityId.ToString()));
        identity.AddClaim(new Claim("caremarket:name", user.DisplayName));
        if (user.ProviderId is { } p) identity.AddClaim(new Claim(Policies.ProviderClaim, p.ToString()));
        return identity;
    }
}
