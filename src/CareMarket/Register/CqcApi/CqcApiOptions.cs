using Microsoft.Extensions.Configuration;

namespace CareMarket.Register.CqcApi;

/// <summary>
/// How to reach the CQC public API. Configuration keys (section "Cqc"): Cqc:BaseAddress (optional, defaults to
/// <see cref="DefaultBaseAddress"/>), Cqc:ApiKey (the subscription key, required), Cqc:PartnerCode (required),
/// Cqc:PerPage (optional, 500), Cqc:MaxAttempts (optional, 5).
/// </summary>
public sealed record CqcApiOptions(Uri BaseAddress, string SubscriptionKey, string PartnerCode, int PerPage = 500, int MaxAttempts = 5)
{
    public static readonly Uri DefaultBaseAddress = new("https://api.service.cqc.org.uk/public/v1");

    /// <summary>Reads the "Cqc" section; null when no API key is configured (the API is then not used).</summary>
    public static CqcApiOptions? FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Cqc");
        var key = section["ApiKey"];
        if (string.IsNullOrWhiteSpace(key)) return null;
        var partner = section["PartnerCode"];
        if (string.IsNullOrWhiteSpace(partner))
        {
            throw new InvalidOperationException("Cqc:ApiKey is set but Cqc:PartnerCode is not: CQC asks for both on every call.");
        }
        var baseText = section["BaseAddress"];
        var baseAddress = string.IsNullOrWhiteSpace(baseText) ? DefaultBaseAddress : new Uri(baseText, UriKind.Absolute);
        return new CqcApiOptions(baseAddress, key.Trim(), partner.Trim(),
            int.TryParse(section["PerPage"], out var perPage) && perPage > 0 ? perPage : 500,
            int.TryParse(section["MaxAttempts"], out var attempts) && attempts > 0 ? attempts : 5);
    }
}

/// <summary>Which locations to list. Null parts are not sent.</summary>
public sealed record LocationFilter(string? LocalAuthority = null, string? InspectionDirectorate = null, bool? CareHome = null)
{
    public const string AdultSocialCare = "Adult social care";

    /// <summary>The adult social care locations CQC places in one council.</summary>
    public static LocationFilter AdultSocialCareIn(string localAuthority) => new(localAuthority, AdultSocialCare);
}

/// <summary>A CQC provider as the API gives it, without its contacts.</summary>
public sealed record ProviderInfo(string ProviderId, string Name, string? BrandId, string? BrandName,
    IReadOnlyList<string> LocationIds, string? Street, string? City, string? Postcode, string? RegistrationStatus);

/// <summary>The CQC API could not be read: names the URL, the last status, and how many attempts were made.</summary>
public sealed class CqcApiException(string url, int? lastStatus, int attempts, string detail, Exception? inner = null)
    : Exception($"CQC API {url} failed after {attempts} attempt{(attempts == 1 ? "" : "s")}: " +
                $"{(lastStatus is { } s ? $"last status {s}" : "no response")}. {detail}".TrimEnd(), inner)
{
    public string Url { get; } = url;
    /// <summary>The last HTTP status received; null when no response came (network error, timeout).</summary>
    public int? LastStatus { get; } = lastStatus;
    public int Attempts { get; } = attempts;
}
