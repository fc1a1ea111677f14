using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using CareMarket.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
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
    UrlEncoder encoder, IDbContextFactory<CareMarketDb> contexts, ApiKeyCache cache) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeys.Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
            return AuthenticateResult.NoResult();
        var hash = ApiKeys.Hash(values.ToString().Trim());
        if (!cache.Keys.TryGetValue(hash, out ApiKeyCache.Known? key))
        {
            // A context of its own: the request's context must not be made before the request's actor is known.
            await using var db = contexts.CreateDbContext();
            key = await db.ApiKeys.IgnoreQueryFilters([Tenancy.Filter]).AsNoTracking()
                .Where(k => k.Hash == hash && k.RevokedAt == null)
                .Select(k => new ApiKeyCache.Known(k.Prefix, k.LocalAuthorityId, k.ProviderId))
                .FirstOrDefaultAsync(Context.RequestAborted);
            // Unknown keys are not remembered: a key made a moment ago works at once.
            if (key is not null) cache.Remember(hash, key);
        }
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

/// <summary>
/// API keys looked up, remembered briefly by their hash (never the key): a provider's system sends many requests in a
/// row, and each was a query of its own. Revoking a key forgets it at once in this process; another instance of the
/// app may accept it for up to <see cref="For"/>.
/// </summary>
public sealed class ApiKeyCache
{
    public static readonly TimeSpan For = TimeSpan.FromSeconds(30);

    public sealed record Known(string Prefix, int LocalAuthorityId, int ProviderId);

    // Bounded, so a flood of different keys cannot grow it without limit.
    internal MemoryCache Keys { get; } = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    internal void Remember(string hash, Known key) =>
        Keys.Set(hash, key, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = For, Size = 1 });

    public void Forget(string hash) => Keys.Remove(hash);
}
