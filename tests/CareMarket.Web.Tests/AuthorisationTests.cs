using System.Net;
using System.Net.Http.Json;
using CareMarket.Data;
using CareMarket.Demo;
using CareMarket.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CareMarket.Web.Tests;

/// <summary>
/// Every endpoint the app maps (minimal API routes and Razor Pages, with each page's handlers), called by every kind
/// of caller: anonymous, each demo role with a cookie, the Eastholm commissioner, and a provider's API key. Who may
/// call what comes from each endpoint's own authorisation metadata, so a new endpoint is checked without editing
/// this test; an endpoint whose route parameters or policy the test cannot interpret fails the test.
/// </summary>
public class AuthorisationTests(SharedApps apps, ITestOutputHelper output) : IClassFixture<SharedApps>
{
    /// <summary>Open to anyone. Everything else must refuse an anonymous caller.</summary>
    private static readonly string[] PublicRoutes = ["/account/sign-in", "/account/sign-out", "/account/access-denied", "/account/set-password", "/error", "/openapi/{documentName}.json"];

    private static bool IsPublic(string route) => PublicRoutes.Contains(route) || route.StartsWith("/swagger", StringComparison.Ordinal);

    private sealed record Caller(string Name, HttpClient Client, string? Role, bool ApiKey = false)
    {
        public bool IsProvider => Role == Roles.Provider;
        public bool IsAnonymous => Role is null;
    }

    private sealed record Call(string Route, string Method, string? Handler, bool IsPage, bool HasId, string Url, AuthorizationPolicy Policy, bool TakesFile = false);

    private sealed record Foreign(int ServiceId, int ProviderId, int ApiKeyId, int RequestId, int RestrictionId, HashSet<string> Markers);

    [Fact]
    public async Task Every_endpoint_refuses_whoever_may_not_call_it_and_never_shows_a_provider_another_providers_data()
    {
        var app = await apps.For(Engine.Sqlite);
        var foreign = await ForeignAsync(app);
        var calls = await CallsAsync(app, foreign);
        output.WriteLine($"{calls.Count} calls over {calls.Select(c => c.Route).Distinct().Count()} routes:");
        foreach (var c in calls) output.WriteLine($"  {c.Method} {c.Route}{(c.Handler is null ? "" : $" (handler {c.Handler})")} -> {c.Url}");

        // The enumeration found what this app is known to have (guards against enumerating nothing).
        calls.Select(c => c.Route).ShouldContain("/api/v1/register/services/{id:int}");
        calls.Select(c => c.Route).ShouldContain("/register/services/{id:int}");
        calls.ShouldContain(c => c.Method == "PUT" && c.Route.EndsWith("/contract"));
        calls.ShouldContain(c => c.Handler == "Contract");
        calls.ShouldContain(c => c.Handler == "Restrict");
        calls.ShouldContain(c => c.Method == "POST" && c.Route.EndsWith("/restrictions/{restrictionId:int}/lift"));

        var callers = new List<Caller> { new("anonymous", app.Client(), null) };
        foreach (var account in DemoBorough.Accounts())
        {
            callers.Add(new(account.Email, await app.SignedInAsync(account.Email), account.Role));
        }
        callers.Add(new("provider API key", await app.ApiKeyClientAsync(), Roles.Provider, ApiKey: true));

        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var call in calls)
        {
            foreach (var caller in callers)
            {
                var expectation = Expect(call, caller, foreign);
                if (expectation is null) continue;
                var response = await SendAsync(call, caller);
                var body = await response.Content.ReadAsStringAsync();
                checkedCount++;
                if (expectation(response, body) is { } problem)
                {
                    failures.Add($"{call.Method} {call.Url}{(call.Handler is null ? "" : $" handler {call.Handler}")} as {caller.Name}: " +
                        $"{problem} (got {(int)response.StatusCode} {response.Headers.Location})");
                }
            }
        }
        output.WriteLine($"{checkedCount} requests checked");
        failures.ShouldBeEmpty(string.Join(Environment.NewLine, failures));
    }

    /// <summary>What a caller must get from a call; null when the call is an allowed write, not exercised here.</summary>
    private static Func<HttpResponseMessage, string, string?>? Expect(Call call, Caller caller, Foreign foreign)
    {
        if (IsPublic(call.Route))
        {
            if (!caller.IsAnonymous || call.Method != "GET") return null;
            return (r, _) => (int)r.StatusCode >= 400 ? "a public page must answer anyone" : null;
        }

        var schemes = call.Policy.AuthenticationSchemes;
        var authenticated = !caller.IsAnonymous && (caller.ApiKey
            ? schemes.Contains(ApiKeys.Scheme)
            : schemes.Count == 0 || schemes.Contains(IdentityConstants.ApplicationScheme));
        if (!authenticated)
        {
            return call.IsPage
                ? (r, _) => RedirectsTo(r, "/account/sign-in") ? null : "must redirect to the sign-in page"
                : (r, _) => r.StatusCode == HttpStatusCode.Unauthorized ? null : "must answer 401";
        }

        if (!Allowed(call.Policy, caller.Role!))
        {
            return call.IsPage
                ? (r, _) => RedirectsTo(r, "/account/access-denied") || r.StatusCode == HttpStatusCode.Forbidden ? null : "must be refused (access denied)"
                : (r, _) => r.StatusCode == HttpStatusCode.Forbidden ? null : "must answer 403";
        }

        if (caller.IsProvider)
        {
            // Another provider's service, provider or key: not found, or refused.
            if (call.HasId)
            {
                return (r, body) =>
                    r.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden || RedirectsTo(r, "/account/access-denied")
                        ? null
                        : "must not reach another provider's record (404 or 403)";
            }
            // No id: whatever it answers, nothing of another provider's in it.
            return (r, body) => (int)r.StatusCode >= 500 ? "server error"
                : r.StatusCode == HttpStatusCode.OK && LeakIn(body) is { } leak ? $"shows another provider's record ({leak})"
                : null;

            string? LeakIn(string body) => foreign.Markers.FirstOrDefault(body.Contains);
        }

        // A care request is the council's own: another council's staff do not find it.
        if (call.HasId && call.Route.Contains("/requests/{id") && caller.Name.EndsWith("@eastholm.example"))
            return (r, _) => r.StatusCode is HttpStatusCode.NotFound ? null : "another council's care request must not be found";

        if (call.Method != "GET") return null; // an allowed write: the API tests exercise it.

        // Council staff may read: they get the page or the data (which shows the route parameters are real ids).
        return (r, _) => r.StatusCode == HttpStatusCode.OK ? null : "a permitted reader must get 200";
    }

    private static bool RedirectsTo(HttpResponseMessage r, string path) =>
        r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location is { } l
        && (l.IsAbsoluteUri ? l.AbsolutePath : l.OriginalString.Split('?')[0]) == path;

    /// <summary>Whether a role satisfies a policy's requirements (only the kinds this app uses are understood).</summary>
    private static bool Allowed(AuthorizationPolicy policy, string role)
    {
        foreach (var requirement in policy.Requirements)
        {
            switch (requirement)
            {
                case DenyAnonymousAuthorizationRequirement:
                    break;
                case RolesAuthorizationRequirement roles when !roles.AllowedRoles.Contains(role):
                    return false;
                case RolesAuthorizationRequirement:
                    break;
                default:
                    throw new InvalidOperationException($"The test does not understand the requirement {requirement.GetType().Name}: teach it.");
            }
        }
        return true;
    }

    private async Task<HttpResponseMessage> SendAsync(Call call, Caller caller)
    {
        var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Url);
        if (call.IsPage && call.Method == "POST")
        {
            var token = caller.ApiKey ? "" : await CareMarketApp.AntiforgeryTokenAsync(caller.Client);
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Arrangement"] = "SpotPurchase",
                ["Input.StartsOn"] = "2026-04-01",
            });
        }
        else if (call.TakesFile)
        {
            request.Content = new MultipartFormDataContent
            {
                { new ByteArrayContent("CQC location ID\n"u8.ToArray()), "file", "test.csv" },
            };
        }
        else if (call.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = JsonContent.Create(new { arrangement = "SpotPurchase", startsOn = "2026-04-01", providerId = 1, name = "test" });
        }
        return await caller.Client.SendAsync(request);
    }

    /// <summary>A service, provider and API key of another provider than the demo provider user's (Hawthorn).</summary>
    private static async Task<Foreign> ForeignAsync(CareMarketApp app)
    {
        var hawthorn = await app.HawthornAsync();
        await using var db = app.Db();
        var northbridge = await db.LocalAuthorities.Where(l => l.OnsCode == DemoBorough.HomeOnsCode).Select(l => l.Id).FirstAsync();
        var service = await db.Services.AsNoTracking()
            .Where(s => s.ProviderId != hawthorn.Id && s.HostLocalAuthorityId == northbridge && s.CqcLocationId != null
                && db.Contracts.Any(c => c.ServiceId == s.Id))
            .OrderBy(s => s.Id).FirstAsync();
        await app.IssueApiKeyAsync(service.ProviderId);
        var keyId = await db.ApiKeys.Where(k => k.ProviderId == service.ProviderId).Select(k => k.Id).FirstAsync();
        // Every other provider's CQC ids: all the same length, so one never contains another.
        var markers = (await db.Services.Where(s => s.ProviderId != hawthorn.Id && s.CqcLocationId != null).Select(s => s.CqcLocationId!).ToListAsync())
            .Concat(await db.Providers.Where(p => p.Id != hawthorn.Id && p.CqcProviderId != null).Select(p => p.CqcProviderId!).ToListAsync())
            .ToHashSet();
        // A care request never sent to the provider user's provider (Hawthorn).
        var request = await db.CareRequests.Where(r => !db.Invitations.Any(i => i.CareRequestId == r.Id && i.ProviderId == hawthorn.Id))
            .OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        // A suspension or embargo on another provider's service (the demo has them; none on Hawthorn's).
        var restriction = await db.ServiceRestrictions.Where(r => db.Services.Any(s => s.Id == r.ServiceId && s.ProviderId != hawthorn.Id))
            .OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        return new Foreign(service.Id, service.ProviderId, keyId, request, restriction, markers);
    }

    /// <summary>Every endpoint with each of its methods (a page with each handler), its route filled in.</summary>
    private static async Task<List<Call>> CallsAsync(CareMarketApp app, Foreign foreign)
    {
        var services = app.Services;
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var pageLoader = services.GetRequiredService<PageLoader>();
        var calls = new List<Call>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var url = Fill(endpoint.RoutePattern, foreign, out var hasId);
            var policy = await AuthorizationPolicy.CombineAsync(policies,
                             endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
                             endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>())
                         ?? await policies.GetFallbackPolicyAsync()
                         ?? throw new InvalidOperationException("No fallback policy");
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null && !IsPublic(route))
                throw new InvalidOperationException($"{route} allows anonymous callers but is not in the public list");

            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await pageLoader.LoadAsync(page, endpoint.Metadata);
                var handlers = compiled.HandlerMethods.Select(h => (Method: h.HttpMethod.ToUpperInvariant(), h.Name)).Distinct().ToList();
                if (handlers.Count == 0) handlers.Add(("GET", null));
                foreach (var (method, name) in handlers)
                {
                    calls.Add(new(route, method, name, true, hasId, name is null ? url : $"{url}?handler={name}", policy));
                }
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods
                    ?? throw new InvalidOperationException($"{route}: an endpoint that answers every method; the test does not know what to send");
                // An upload endpoint is matched only for a multipart body, so it gets one (with a small file).
                var takesFile = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes
                    .Contains("multipart/form-data") == true;
                foreach (var method in methods) calls.Add(new(route, method, null, false, hasId, url, policy, takesFile));
            }
        }
        return calls;
    }

    /// <summary>Fills a route's parameters with ids of another provider's records; fails on a parameter it cannot fill.</summary>
    private static string Fill(RoutePattern pattern, Foreign foreign, out bool hasId)
    {
        hasId = false;
        var parts = new List<string>();
        string? previous = null;
        foreach (var segment in pattern.PathSegments)
        {
            var text = "";
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        text += literal.Content;
                        break;
                    case RoutePatternSeparatorPart separator:
                        text += separator.Content;
                        break;
                    case RoutePatternParameterPart { Name: "documentName" }:
                        text += "v1";
                        break;
                    case RoutePatternParameterPart { Name: "kind" }:
                        text += "ActiveLocations";
                        break;
                    case RoutePatternParameterPart { Name: "restrictionId" }:
                        hasId = true;
                        text += foreign.RestrictionId;
                        break;
                    case RoutePatternParameterPart { Name: "id", IsOptional: true }:
                        // A page that adds without an id and changes with one: called as the add page.
                        break;
                    case RoutePatternParameterPart { Name: "id" }:
                        hasId = true;
                        text += previous switch
                        {
                            "services" or "local-services" => foreign.ServiceId,
                            "providers" => foreign.ProviderId,
                            "api-keys" => foreign.ApiKeyId,
                            "requests" => foreign.RequestId,
                            _ => throw new InvalidOperationException($"{pattern.RawText}: the test does not know what id to put after '{previous}'; teach Fill"),
                        };
                        break;
                    case RoutePatternParameterPart p:
                        throw new InvalidOperationException($"{pattern.RawText}: the test cannot fill the parameter {{{p.Name}}}; teach Fill");
                }
            }
            previous = text;
            if (text.Length > 0) parts.Add(text);
        }
        return "/" + string.Join("/", parts);
    }
}
