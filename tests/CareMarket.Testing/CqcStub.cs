using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CareMarket.Register.CqcApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CareMarket.Testing;

/// <summary>One request the stub received.</summary>
public sealed record StubRequest(string Path, IReadOnlyDictionary<string, string> Query, string? SubscriptionKey);

/// <summary>
/// A stand-in for the CQC public API: a real Kestrel server on a free local port, serving the recorded-shape JSON
/// in Fixtures/ under /public/v1. Locations, providers and the change feed can be changed by a test; a location
/// can be made to answer 429 (Retry-After) a number of times, or 500 always. Every request is recorded.
/// </summary>
public sealed class CqcStub : IAsyncDisposable
{
    public const string SubscriptionKey = "stub-subscription-key-0f3a";
    public const string PartnerCode = "CareMarketTests";
    public const int RetryAfterSeconds = 2;

    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<(DateTimeOffset At, string LocationId)> changes = [];

    public ConcurrentDictionary<string, JsonObject> Locations { get; } = new();
    public ConcurrentDictionary<string, JsonObject> Providers { get; } = new();
    /// <summary>Location id → how many more 429 answers to give before serving it.</summary>
    public ConcurrentDictionary<string, int> Throttled { get; } = new();
    /// <summary>Location ids CQC no longer lists (by council), though it still answers for them by id.</summary>
    public ConcurrentDictionary<string, bool> Unlisted { get; } = new();
    /// <summary>Location ids that always answer 500.</summary>
    public ConcurrentDictionary<string, bool> Broken { get; } = new();
    public ConcurrentQueue<StubRequest> Requests { get; } = new();
    public Uri BaseAddress { get; private set; } = null!;

    private CqcStub(WebApplication app) => this.app = app;

    public static string FixturePath(string name) =>
        Path.Combine(TestDatabase.RepoRoot(), "tests", "CareMarket.Tests", "Register", "CqcApi", "Fixtures", name);

    public static JsonObject Fixture(string name) => JsonNode.Parse(File.ReadAllText(FixturePath(name)))!.AsObject();

    public static async Task<CqcStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new CqcStub(app);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(FixturePath("x"))!, "*.json"))
        {
            var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            if (Path.GetFileName(file).StartsWith("provider-")) stub.Providers[(string)json["providerId"]!] = json;
            else stub.Locations[(string)json["locationId"]!] = json;
        }
        stub.Map();
        await app.StartAsync();
        stub.BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/public/v1");
        return stub;
    }

    public CqcApiOptions Options(int perPage = 2, int maxAttempts = 5) =>
        new(BaseAddress, SubscriptionKey, PartnerCode, perPage, maxAttempts);

    /// <summary>A client whose waits return at once and are recorded in <paramref name="delays"/>.</summary>
    public CqcApiClient Client(List<TimeSpan>? delays = null, int perPage = 2, int maxAttempts = 5, string? key = null)
    {
        var options = Options(perPage, maxAttempts) with { SubscriptionKey = key ?? SubscriptionKey };
        return new CqcApiClient(new HttpClient(), options, (wait, _) =>
        {
            lock (gate) delays?.Add(wait);
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// CQC deregisters a location; with a successor, it names it in relationships[] as CQC does ("HSCA Successor"),
    /// and the successor names it back ("HSCA Predecessor").
    /// </summary>
    public void Deregister(string locationId, string date, string? successorId = null, string reason = "Location Changed Provider")
    {
        var location = Locations[locationId];
        location["registrationStatus"] = "Deregistered";
        location["deregistrationDate"] = date;
        if (successorId is null) return;
        location["relationships"] = new JsonArray(new JsonObject
        {
            ["relatedLocationId"] = successorId, ["relatedLocationName"] = (string?)Locations.GetValueOrDefault(successorId)?["name"],
            ["type"] = "HSCA Successor", ["reason"] = reason,
        });
        if (Locations.TryGetValue(successorId, out var successor))
        {
            successor["relationships"] = new JsonArray(new JsonObject
            {
                ["relatedLocationId"] = locationId, ["relatedLocationName"] = (string?)location["name"],
                ["type"] = "HSCA Predecessor", ["reason"] = reason,
            });
        }
    }

    public void AddChange(DateTimeOffset at, string locationId)
    {
        lock (gate) changes.Add((at, locationId));
    }

    /// <summary>CQC publishes a new rating: the current one moves to the history.</summary>
    public void Rerate(string locationId, string word, string reportDate)
    {
        var location = Locations[locationId];
        if (location["currentRatings"]?["overall"] is JsonObject old)
        {
            var history = location["historicRatings"] as JsonArray ?? [];
            history.Insert(0, new JsonObject
            {
                ["reportDate"] = old["reportDate"]?.DeepClone(),
                ["overall"] = new JsonObject { ["rating"] = old["rating"]?.DeepClone(), ["keyQuestionRatings"] = old["keyQuestionRatings"]?.DeepClone() },
            });
            location["historicRatings"] = history;
        }
        location["currentRatings"] = new JsonObject
        {
            ["overall"] = new JsonObject
            {
                ["rating"] = word, ["reportDate"] = reportDate,
                ["keyQuestionRatings"] = new JsonArray(
                    new JsonObject { ["name"] = "Safe", ["rating"] = word, ["reportDate"] = reportDate },
                    new JsonObject { ["name"] = "Well-led", ["rating"] = word, ["reportDate"] = reportDate }),
            },
            ["reportDate"] = reportDate,
        };
    }

    public IReadOnlyList<StubRequest> RequestsTo(string pathStart) =>
        Requests.Where(r => r.Path.StartsWith(pathStart, StringComparison.Ordinal)).ToList();

    private void Map()
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            Requests.Enqueue(new StubRequest(request.Path.Value ?? "",
                request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
                request.Headers.TryGetValue("Ocp-Apim-Subscription-Key", out var k) ? k.ToString() : null));
            if (request.Headers["Ocp-Apim-Subscription-Key"] != SubscriptionKey)
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsJsonAsync(new { statusCode = 401, message = "Access denied due to invalid subscription key." });
                return;
            }
            await next(context);
        });

        app.MapGet("/public/v1/locations", (HttpRequest request) =>
        {
            var la = request.Query["localAuthority"].ToString();
            var directorate = request.Query["inspectionDirectorate"].ToString();
            var careHome = request.Query["careHome"].ToString();
            var matching = Locations.Values
                .Where(l => !Unlisted.ContainsKey((string)l["locationId"]!))
                .Where(l => la == "" || string.Equals((string?)l["localAuthority"], la, StringComparison.OrdinalIgnoreCase))
                .Where(l => directorate == "" || string.Equals((string?)l["inspectionDirectorate"], directorate, StringComparison.OrdinalIgnoreCase))
                .Where(l => careHome == "" || (string?)l["careHome"] == careHome)
                .OrderBy(l => (string)l["locationId"]!, StringComparer.Ordinal)
                .Select(l => (JsonNode)new JsonObject
                {
                    ["locationId"] = (string?)l["locationId"], ["locationName"] = (string?)l["name"], ["postalCode"] = (string?)l["postalCode"],
                })
                .ToList();
            return Page("/locations", request, matching, "locations");
        });

        app.MapGet("/public/v1/locations/{id}", (string id) =>
        {
            if (Broken.ContainsKey(id)) return Results.Json(new { statusCode = 500, message = "Internal server error" }, statusCode: 500);
            if (Throttled.TryGetValue(id, out var left) && left > 0)
            {
                Throttled[id] = left - 1;
                return new TooManyRequests();
            }
            return Locations.TryGetValue(id, out var location)
                ? Results.Text(location.ToJsonString(), "application/json")
                : Results.Json(new { statusCode = 404, message = "Resource not found" }, statusCode: 404);
        });

        app.MapGet("/public/v1/providers/{id}", (string id) =>
            Providers.TryGetValue(id, out var provider)
                ? Results.Text(provider.ToJsonString(), "application/json")
                : Results.Json(new { statusCode = 404, message = "Resource not found" }, statusCode: 404));

        app.MapGet("/public/v1/changes/location", (HttpRequest request) =>
        {
            var start = DateTimeOffset.Parse(request.Query["startTimestamp"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
            var end = DateTimeOffset.Parse(request.Query["endTimestamp"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
            List<JsonNode> ids;
            lock (gate)
            {
                ids = changes.Where(c => c.At >= start && c.At < end).OrderBy(c => c.At)
                    .Select(c => c.LocationId).Distinct().Select(id => (JsonNode)JsonValue.Create(id)!).ToList();
            }
            return Page("/changes/location", request, ids, "changes");
        });
    }

    private static IResult Page(string path, HttpRequest request, List<JsonNode> items, string name)
    {
        var perPage = int.TryParse(request.Query["perPage"], out var pp) && pp > 0 ? pp : 1000;
        var page = int.TryParse(request.Query["page"], out var p) && p > 0 ? p : 1;
        var totalPages = (items.Count + perPage - 1) / perPage;
        var others = string.Join("", request.Query.Where(q => q.Key is not ("page" or "perPage"))
            .Select(q => $"&{q.Key}={Uri.EscapeDataString(q.Value.ToString())}"));
        var body = new JsonObject
        {
            ["total"] = items.Count,
            ["firstPageUri"] = $"{path}?page=1&perPage={perPage}{others}",
            ["page"] = page,
            ["totalPages"] = totalPages,
            ["perPage"] = perPage,
            ["prevPageUri"] = page > 1 ? $"{path}?page={page - 1}&perPage={perPage}{others}" : null,
            ["nextPageUri"] = page < totalPages ? $"{path}?page={page + 1}&perPage={perPage}{others}" : null,
            ["lastPageUri"] = $"{path}?page={Math.Max(totalPages, 1)}&perPage={perPage}{others}",
            [name] = new JsonArray(items.Skip((page - 1) * perPage).Take(perPage).Select(i => i.DeepClone()).ToArray()),
        };
        return Results.Text(body.ToJsonString(), "application/json");
    }

    private sealed class TooManyRequests : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsJsonAsync(new { statusCode = 429, message = "Rate limit is exceeded. Try again in 2 seconds." });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
