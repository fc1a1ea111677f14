using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Tests;

/// <summary>
/// A care request through the API on both engines: create, match, send, offer, award; providers kept apart. On an app
/// without the demo: Northbridge, its broker, a home with two beds free, a full home of another provider, and a
/// request already waiting in the queue.
/// </summary>
public class BrokerageApiTests
{
    private static readonly JsonSerializerOptions Json = ApiTests.Json;

    [Theory]
    [BothEngines]
    public async Task Lifecycle_ThroughTheApi_CreateMatchSendOfferAward(Engine engine)
    {
        await using var app = await CareMarketApp.StartAsync(engine, demo: false);
        int area;
        Service home;
        await using (var data = app.Data())
        {
            var northbridge = await data.CouncilAsync("Northbridge");
            await data.UserAsync(northbridge, Roles.Broker);
            area = northbridge.Locality.Id;
            home = await data.ServiceAsync(northbridge);
            // Two residential beds free now; the other home has none.
            await data.BedsAsync(home, 2, BedCategory.Residential, max: 30, reportedBy: "manager");
            await data.BedsAsync(await data.ServiceAsync(northbridge), 0, BedCategory.Residential, max: 30);
            await data.CareRequestAsync(northbridge, ServiceType.Homecare, createdAt: data.Now.AddDays(-3));
        }
        var broker = await app.SignedInAsync(CareMarketApp.Email(Roles.Broker));

        // Create: an impossible request is refused by field; a good one is created.
        var bad = await broker.PostAsJsonAsync("/api/v1/brokerage/requests", new { personReference = "", serviceType = "Homecare", wantedStart = "2026-12-01", priority = "Routine" }, Json);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("personReference");
        var created = await broker.PostAsJsonAsync("/api/v1/brokerage/requests", new
        {
            personReference = "NB-TEST-1", ageBand = "From85", supportReason = "SupportWithMemoryAndCognition", homeAreaId = area,
            postcode = "NB4 3CD", serviceType = "CareHomeWithoutNursing", bedCategory = "Residential", maxDistanceKm = 30,
            wantedStart = app.Today.ToString("yyyy-MM-dd"), priority = "HospitalDischarge",
        }, Json);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetInt32();

        // Match: the home with beds is eligible, with reasons; ineligible ones say why.
        var matches = await broker.GetFromJsonAsync<JsonElement>($"/api/v1/brokerage/requests/{id}/matches", Json);
        var eligible = matches.GetProperty("eligible").EnumerateArray().ToList();
        eligible.ShouldContain(m => m.GetProperty("serviceId").GetInt32() == home.Id);
        eligible.First().GetProperty("reasons").GetArrayLength().ShouldBeGreaterThan(0);
        matches.GetProperty("ineligible").EnumerateArray().ShouldAllBe(m => m.GetProperty("reason").GetString()!.Length > 0);

        // Send, then the home's provider offers by its API key and sees no person.
        var detail = await broker.GetFromJsonAsync<JsonElement>($"/api/v1/brokerage/requests/{id}", Json);
        var version = detail.GetProperty("request").GetProperty("version").GetInt32();
        (await broker.PostAsJsonAsync($"/api/v1/brokerage/requests/{id}/send", new { serviceIds = new[] { home.Id }, offersCloseAt = app.Now.AddDays(1), version }, Json))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var provider = await app.ApiKeyClientAsync(home.ProviderId);
        var invitations = await provider.GetStringAsync("/api/v1/brokerage/invitations");
        invitations.ShouldContain($"\"requestId\":{id}");
        invitations.ShouldContain("NB4");
        invitations.ShouldNotContain("NB-TEST-1");
        invitations.ShouldNotContain("NB4 3CD");
        var offer = await provider.PostAsJsonAsync($"/api/v1/brokerage/requests/{id}/offers", new { serviceId = home.Id, weeklyPrice = 975m, startDate = app.Today.AddDays(1).ToString("yyyy-MM-dd"), description = "Ground floor room" }, Json);
        offer.StatusCode.ShouldBe(HttpStatusCode.Created, await offer.Content.ReadAsStringAsync());
        var offerId = (await offer.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetInt32();

        // Another provider cannot see the request nor offer on it.
        int otherProvider;
        await using (var db = app.Db()) otherProvider = await db.Providers.Where(p => p.Id != home.ProviderId).Select(p => p.Id).FirstAsync();
        var stranger = await app.ApiKeyClientAsync(otherProvider);
        (await stranger.GetStringAsync("/api/v1/brokerage/invitations")).ShouldNotContain($"\"requestId\":{id},");
        (await stranger.PostAsJsonAsync($"/api/v1/brokerage/requests/{id}/offers", new { serviceId = home.Id, weeklyPrice = 1m, startDate = "2030-01-01" }, Json))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The broker sees the offer ranked, awards it with the right version; a second award is refused.
        detail = await broker.GetFromJsonAsync<JsonElement>($"/api/v1/brokerage/requests/{id}", Json);
        var offers = detail.GetProperty("offers").EnumerateArray().ToList();
        offers.ShouldHaveSingleItem().GetProperty("position").GetInt32().ShouldBe(1);
        version = detail.GetProperty("request").GetProperty("version").GetInt32();
        var stale = await broker.PostAsJsonAsync($"/api/v1/brokerage/requests/{id}/award", new { offerId, version = version + 5 }, Json);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var award = await broker.PostAsJsonAsync($"/api/v1/brokerage/requests/{id}/award", new { offerId, version }, Json);
        award.StatusCode.ShouldBe(HttpStatusCode.OK, await award.Content.ReadAsStringAsync());
        (await broker.PostAsJsonAsync($"/api/v1/brokerage/requests/{id}/award", new { offerId, version }, Json)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        await using (var db = app.Db())
        {
            var placement = await db.Placements.SingleAsync(p => p.CareRequestId == id);
            placement.ServiceId.ShouldBe(home.Id);
            placement.WeeklyCost.ShouldBe(975m);
            (await db.Vacancies.SingleAsync(v => v.ServiceId == home.Id && v.Kind == "Residential")).Available.ShouldBe(1);
            (await db.AuditEntries.AnyAsync(a => a.EntityType == "Placement" && a.UserName == CareMarketApp.Email(Roles.Broker))).ShouldBeTrue();
        }
        // The queue lists open requests with their clock; this one is sourced now.
        var queue = await broker.GetFromJsonAsync<JsonElement>("/api/v1/brokerage/requests", Json);
        queue.EnumerateArray().ShouldNotContain(r => r.GetProperty("id").GetInt32() == id);
        queue.EnumerateArray().ShouldAllBe(r => r.GetProperty("targetWorkingDays").GetInt32() > 0);
    }
}
