using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace CareMarket.Register.CqcApi;

/// <summary>
/// The CQC public API (typed HttpClient). Sends the subscription key and partner code on every call; retries 429
/// (honouring Retry-After), 408, 5xx and network errors with exponential back-off and jitter, up to
/// <see cref="CqcApiOptions.MaxAttempts"/> attempts, then throws one <see cref="CqcApiException"/>.
/// </summary>
public sealed class CqcApiClient
{
    /// <summary>Back-off before the second attempt; doubles each time, with ±25% jitter, capped at <see cref="MaxBackoff"/>.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);
    /// <summary>A Retry-After longer than this is cut to it: a sync waits, but not for hours.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);

    private readonly HttpClient http;
    private readonly CqcApiOptions options;
    private readonly Func<TimeSpan, CancellationToken, Task> delay;
    private readonly string baseUrl;

    [ActivatorUtilitiesConstructor]
    public CqcApiClient(HttpClient http, CqcApiOptions options) : this(http, options, Task.Delay) { }

    /// <param name="delay">Waits between attempts; tests pass one that returns at once (and records the waits).</param>
    public CqcApiClient(HttpClient http, CqcApiOptions options, Func<TimeSpan, CancellationToken, Task> delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PerPage, 1);
        this.http = http;
        this.options = options;
        this.delay = delay;
        baseUrl = options.BaseAddress.ToString().TrimEnd('/');
    }

    /// <summary>Ids of the locations matching the filter, every page, each id once.</summary>
    public async IAsyncEnumerable<string> ListLocationIdsAsync(LocationFilter filter,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var query = new List<(string Name, string? Value)>
        {
            ("localAuthority", filter.LocalAuthority),
            ("inspectionDirectorate", filter.InspectionDirectorate),
            ("careHome", filter.CareHome is { } home ? (home ? "Y" : "N") : null),
        };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var result = await GetAsync(Url("/locations", [.. query, ("page", Num(page)), ("perPage", Num(options.PerPage))]),
                CqcApiJson.Default.ApiLocationPage, notFoundIsNull: false, ct);
            var ids = result?.Locations?.Select(l => l.LocationId).OfType<string>().ToList() ?? [];
            foreach (var id in ids)
            {
                if (seen.Add(id)) yield return id;
            }
            if (ids.Count == 0 || page >= (result?.TotalPages ?? 1)) yield break;
        }
    }

    /// <summary>Ids of locations changed in [start, endExclusive), every page, each id once.</summary>
    public async IAsyncEnumerable<string> ChangedLocationIdsAsync(DateTimeOffset start, DateTimeOffset endExclusive,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (endExclusive <= start) yield break;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            (string Name, string? Value)[] query =
            [
                ("startTimestamp", Timestamp(start)), ("endTimestamp", Timestamp(endExclusive)),
                ("page", Num(page)), ("perPage", Num(options.PerPage)),
            ];
            var result = await GetAsync(Url("/changes/location", query),
                CqcApiJson.Default.ApiChangePage, notFoundIsNull: false, ct);
            var ids = result?.Changes?.Where(id => !string.IsNullOrWhiteSpace(id)).ToList() ?? [];
            foreach (var id in ids)
            {
                if (seen.Add(id)) yield return id;
            }
            if (ids.Count == 0 || page >= (result?.TotalPages ?? 1)) yield break;
        }
    }

    /// <summary>One location in our words; null when CQC does not know it (404).</summary>
    public async Task<CqcLocation?> GetLocationAsync(string id, CancellationToken ct = default) =>
        (await GetMappedLocationAsync(id, ct))?.Location;

    /// <summary>One location with its registration status and any mapping warnings; null when CQC does not know it.</summary>
    public async Task<MappedLocation?> GetMappedLocationAsync(string id, CancellationToken ct = default)
    {
        var url = Url($"/locations/{Uri.EscapeDataString(id)}", []);
        var api = await GetAsync(url, CqcApiJson.Default.ApiLocation, notFoundIsNull: true, ct);
        if (api is null) return null;
        return CqcApiMapper.Map(api)
            ?? throw new CqcApiException(url, 200, 1, "The location has no locationId, providerId or name.");
    }

    /// <summary>One provider (name, brand, locations); null when CQC does not know it (404).</summary>
    public async Task<ProviderInfo?> GetProviderAsync(string id, CancellationToken ct = default)
    {
        var url = Url($"/providers/{Uri.EscapeDataString(id)}", []);
        var api = await GetAsync(url, CqcApiJson.Default.ApiProvider, notFoundIsNull: true, ct);
        return api is null ? null : CqcApiMapper.Map(api);
    }

    private async Task<T?> GetAsync<T>(string url, JsonTypeInfo<T> type, bool notFoundIsNull, CancellationToken ct)
        where T : class
    {
        int? lastStatus = null;
        string detail = "";
        Exception? lastError = null;
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            TimeSpan? retryAfter = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Add("Ocp-Apim-Subscription-Key", options.SubscriptionKey);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                lastStatus = (int)response.StatusCode;
                lastError = null;
                if (response.IsSuccessStatusCode)
                {
                    await using var body = await response.Content.ReadAsStreamAsync(ct);
                    try
                    {
                        return await JsonSerializer.DeserializeAsync(body, type, ct);
                    }
                    catch (JsonException e)
                    {
                        throw new CqcApiException(url, lastStatus, attempt, $"The response is not the JSON expected: {e.Message}", e);
                    }
                }
                if (response.StatusCode == HttpStatusCode.NotFound && notFoundIsNull) return null;
                if (!IsTransient(response.StatusCode))
                {
                    throw new CqcApiException(url, lastStatus, attempt, Explain(response.StatusCode));
                }
                retryAfter = RetryAfter(response.Headers.RetryAfter);
                detail = Explain(response.StatusCode);
            }
            catch (HttpRequestException e)
            {
                lastError = e;
                detail = e.Message;
            }
            catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
            {
                lastError = e;
                detail = "The request timed out.";
            }
            if (attempt < options.MaxAttempts) await delay(retryAfter ?? Backoff(attempt), ct);
        }
        throw new CqcApiException(url, lastStatus, options.MaxAttempts, detail, lastError);
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    private static string Explain(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "Check Cqc:ApiKey (the subscription key).",
        HttpStatusCode.TooManyRequests => "CQC throttled the requests.",
        HttpStatusCode.NotFound => "Not found.",
        _ when (int)status >= 500 => "CQC's server failed.",
        _ => "",
    };

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        var wait = header?.Delta ?? (header?.Date is { } at ? at - DateTimeOffset.UtcNow : null);
        if (wait is not { } w) return null;
        return w < TimeSpan.Zero ? TimeSpan.Zero : w > MaxRetryAfter ? MaxRetryAfter : w;
    }

    /// <summary>1s, 2s, 4s, 8s … (capped), each ±25% so that many clients do not retry in step.</summary>
    internal static TimeSpan Backoff(int attempt)
    {
        var seconds = Math.Min(FirstBackoff.TotalSeconds * Math.Pow(2, attempt - 1), MaxBackoff.TotalSeconds);
        return TimeSpan.FromSeconds(seconds * (0.75 + Random.Shared.NextDouble() * 0.5));
    }

    private string Url(string path, IEnumerable<(string Name, string? Value)> query)
    {
        var parts = query.Append((Name: "partnerCode", Value: (string?)options.PartnerCode))
            .Where(q => !string.IsNullOrWhiteSpace(q.Value))
            .Select(q => $"{Uri.EscapeDataString(q.Name)}={Uri.EscapeDataString(q.Value!)}");
        return $"{baseUrl}{path}?{string.Join("&", parts)}";
    }

    private static string Num(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset t) =>
        t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

public static class CqcApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CqcApiClient"/> (typed HttpClient) and <see cref="CqcSync"/> (scoped, over the scoped
    /// CareMarketDb) with the given options. Returns false, registering nothing, when options is null (no API key).
    /// </summary>
    public static bool AddCqcApi(this IServiceCollection services, CqcApiOptions? options)
    {
        if (options is null) return false;
        services.AddSingleton(options);
        services.AddHttpClient<CqcApiClient>(h => h.Timeout = TimeSpan.FromSeconds(100));
        services.AddScoped<CqcSync>();
        return true;
    }
}
