using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using CareMarket.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareMarket.Web.Security;

/// <summary>
/// API keys for providers' own systems: header X-Api-Key. A key acts as a provider user of the council that
/// issued it. Only a SHA-256 hash is stored; the key itself is shown once, when it is made.
/// </summary>
public static class ApiKeys
{
    public const string Scheme = "ApiKey";
    public const string Header = "X-Api-Key";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Makes a new key for a provider; returns the key to show once.</summary>
    public static async Task<string> IssueAsync(CareMarketDb db, int localAuthorityId, int providerId, string name, CancellationToken ct = default)
    {
        var key = "cmk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        db.ApiKeys.Add(new ApiKey
        {
            LocalAuthorityId = localAuthorityId, ProviderId = providerId, Name = name, Prefix = key[..12],
            Hash = Hash(key), CreatedAt = db.Now,
        });
        await db.SaveChangesAsync(ct);
        return key;
    }
}

public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, DbContextOptions<CareMarketDb> dbOptions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeys.Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
            return AuthenticateResult.NoResult();
        var hash = ApiKeys.Hash(values.ToString().Trim());
        // A context of its own: the request's context must not be made before the request's actor is known.
        await using var db = new CareMarketDb(dbOptions);
        var key = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("Unknown or revoked API key");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, $"api-key:{key.Prefix}"),
            new Claim(ClaimTypes.Role, Roles.Provider),
            new Claim(Policies.LocalAuthorityClaim, key.LocalAuthorityId.ToString()),
            new Claim(Policies.ProviderClaim, key.ProviderId.ToString()),
        ], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
