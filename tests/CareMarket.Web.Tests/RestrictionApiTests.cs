using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMarket.Brokerage;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Demo;
using CareMarket.Quality.Restrictions;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Tests;

/// <summary>
/// Suspensions and embargoes through the API on both engines: placed and lifted by a quality officer, honoured by
/// brokerage (matches, sending, the award), refused to everyone else, and kept from other councils. On an app without
/// the demo, with the few rows of <see cref="StartAsync"/>.
/// </summary>
public class RestrictionApiTests
{
    private static readonly JsonSerializerOptions Json = ApiTests.Json;
    private static readonly string Quality = CareMarketApp.Email(Roles.QualityOfficer);
    /// <summary>Today on the app's clock (its database's fake clock, fixed at <see cref="TestClock.Start"/>).</summary>
    private static string Today => TestClock.Today.ToString("yyyy-MM-dd");

    private static string Url(int serviceId) => $"/api/v1/register/services/{serviceId}/restrictions";

    private static async Task<List<RestrictionView>> ListAsync(HttpClient client, int serviceId) =>
        (await client.GetFromJsonAsync<List<RestrictionView>>(Url(serviceId), Json))!;

    private static async Task<int> NorthbridgeAsync(CareMarketDb db) =>
        await db.LocalAuthorities.Where(l => l.OnsCode == DemoBorough.HomeOnsCode).Select(l => l.Id).FirstAsync();

    /// <summary>
    /// An app with Northbridge (the demo's ONS code) and a user in each demo role under the demo's addresses, Eastholm
    /// and its commissioner; in Northbridge a care home of Hawthorn Care Group (the provider user's), another
    /// provider's home under a suspension in force (with its reason in the council's words), and one whose suspension
    /// was lifted last month (as the demo has).
    /// </summary>
    private static async Task<CareMarketApp> StartAsync(Engine engine)
    {
        var app = await CareMarketApp.StartAsync(engine, demo: false);
        await using var data = app.Data();
        var northbridge = await data.CouncilAsync("Northbridge", onsCode: DemoBorough.HomeOnsCode);
        var eastholm = await data.CouncilAsync("Eastholm", onsCode: DemoBorough.NeighbourOnsCode, districts: "EQ1 EQ2");
        await data.NeighboursAsync(northbridge, eastholm);
        var hawthorn = await data.ProviderAsync("Hawthorn Care Group");
        await data.ServiceAsync(northbridge, provider: hawthorn);
        foreach (var role in new[] { Roles.Commissioner, Roles.Broker, Roles.QualityOfficer, Roles.SocialWorker, Roles.Provider, Roles.Partner, Roles.Administrator })
            await data.UserAsync(northbridge, role, hawthorn, email: CareMarketApp.Email(role));
        await data.UserAsync(eastholm, Roles.Commissioner, email: CareMarketApp.EastholmCommissioner);
        var suspended = await data.ServiceAsync(northbridge, ServiceType.CareHomeWithNursing);
        await data.RestrictionAsync(northbridge, suspended, startsOn: data.Today.AddDays(-14), details: "Medication errors found at an unannounced visit");
        var lifted = await data.ServiceAsync(northbridge, ServiceType.Homecare);
        await data.RestrictionAsync(northbridge, lifted, startsOn: data.Today.AddDays(-120), liftedAt: data.Now.AddDays(-30));
        return app;
    }

    [Theory]
    [BothEngines]
    public async Task Quality_officer_places_and_lifts_a_suspension_and_the_register_shows_it(Engine engine)
    {
        await using var app = await StartAsync(engine);
        var quality = await app.SignedInAsync(Quality);
        int serviceId, before;
        await using (var db = app.Db())
        {
            var northbridge = await NorthbridgeAsync(db);
            serviceId = await db.Services.Where(s => s.HostLocalAuthorityId == northbridge && s.Status == ServiceStatus.Active
                    && !db.ServiceRestrictions.Any(r => r.ServiceId == s.Id))
                .OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            before = await db.ServiceRestrictions.CountAsync();
        }

        // Bad input is refused field by field, and nothing is written.
        var bad = await quality.PostAsJsonAsync(Url(serviceId), new { kind = "Closed", reason = "42" }, Json);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("kind")[0].GetString()!.ShouldContain("Suspension or Embargo");
        errors.GetProperty("reason")[0].GetString()!.ShouldContain("Safeguarding");
        errors.GetProperty("startsOn")[0].GetString()!.ShouldBe("Enter the date it starts");
        var other = await quality.PostAsJsonAsync(Url(serviceId), new { kind = "Suspension", reason = "Other", startsOn = Today, reviewOn = "2020-01-01" }, Json);
        var otherErrors = (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        otherErrors.GetProperty("details")[0].GetString().ShouldBe("Describe the reason");
        otherErrors.GetProperty("reviewOn")[0].GetString().ShouldBe("The review date must be on or after the start date");
        await using (var db = app.Db()) (await db.ServiceRestrictions.CountAsync()).ShouldBe(before);

        // Placed: listed, in force, and the register tags it and filters by it.
        var placed = await quality.PostAsJsonAsync(Url(serviceId), new { kind = "Suspension", reason = "Safeguarding", details = "Section 42 enquiry", startsOn = Today }, Json);
        placed.StatusCode.ShouldBe(HttpStatusCode.Created, await placed.Content.ReadAsStringAsync());
        var id = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var current = (await ListAsync(quality, serviceId)).ShouldHaveSingleItem();
        (current.Id, current.Kind, current.Reason, current.Details, current.Active, current.CreatedBy)
            .ShouldBe((id, RestrictionKind.Suspension, RestrictionReason.Safeguarding, "Section 42 enquiry", true, Quality));
        (await ApiTests.ListAsync(quality, "suspended=true&pageSize=500")).Rows.ShouldContain(r => r.Id == serviceId && r.Restriction == RestrictionKind.Suspension);
        (await ApiTests.ListAsync(quality, "suspended=false&pageSize=500")).Rows.ShouldNotContain(r => r.Id == serviceId);
        (await quality.GetStringAsync($"/register/services/{serviceId}")).ShouldContain("Suspended: no new placements since");

        // A second while this one stands: refused.
        (await quality.PostAsJsonAsync(Url(serviceId), new { kind = "Embargo", reason = "QualityConcerns", startsOn = Today }, Json))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // Lifted with the version read; a stale or missing version is refused.
        (await quality.PostAsJsonAsync($"{Url(serviceId)}/{id}/lift", new { reason = "Enquiry closed" }, Json)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await quality.PostAsJsonAsync($"{Url(serviceId)}/{id}/lift", new { reason = "Enquiry closed", version = current.Version + 3 }, Json))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var lift = await quality.PostAsJsonAsync($"{Url(serviceId)}/{id}/lift", new { reason = "Enquiry closed: no further concerns", version = current.Version }, Json);
        lift.StatusCode.ShouldBe(HttpStatusCode.NoContent, await lift.Content.ReadAsStringAsync());
        var history = (await ListAsync(quality, serviceId)).ShouldHaveSingleItem();
        (history.Active, history.LiftedBy, history.LiftReason).ShouldBe((false, Quality, "Enquiry closed: no further concerns"));
        history.LiftedAt.ShouldNotBeNull();
        (await ApiTests.ListAsync(quality, "suspended=true&pageSize=500")).Rows.ShouldNotContain(r => r.Id == serviceId);

        await using (var db = app.Db())
        {
            var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(ServiceRestriction) && a.EntityKey == id.ToString()).OrderBy(a => a.Id).ToListAsync();
            audit.Select(a => (a.Action, a.UserName)).ShouldBe([("Added", Quality), ("Modified", Quality)]);
            audit[1].After!.ShouldContain("Enquiry closed");
        }
    }

    [Theory]
    [BothEngines]
    public async Task Brokerage_leaves_out_a_suspended_service_refuses_to_send_to_it_and_refuses_the_award_until_lifted(Engine engine)
    {
        await using var app = await StartAsync(engine);
        var broker = await app.SignedInAsync(CareMarketApp.Email(Roles.Broker));
        var commissioner = await app.SignedInAsync(CareMarketApp.Email(Roles.Commissioner));
        int area;
        Service home;
        await using (var db = app.Db())
        {
            var northbridge = await NorthbridgeAsync(db);
            area = await db.Areas.Where(a => a.LocalAuthorityId == northbridge && a.Kind == AreaKind.Locality).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
            home = await db.Services.Where(s => s.HostLocalAuthorityId == northbridge && s.ServiceType == ServiceType.CareHomeWithoutNursing
                    && s.Status == ServiceStatus.Active && !db.ServiceRestrictions.Any(r => r.ServiceId == s.Id))
                .OrderBy(s => s.Id).FirstAsync();
            db.CapacityReturns.Add(new CapacityReturn
            {
                ServiceId = home.Id, ReportedAt = db.Now, ReportedBy = "manager", Source = CapacitySource.Provider, AcceptingAdmissions = true,
                Beds = [new BedLine { Category = BedCategory.Residential, MaxCapacity = 30, Occupied = 28, VacantAccepting = 2 }],
            });
            await db.SaveChangesAsync();
        }
        async Task<int> NewRequestAsync(string reference)
        {
            var created = await broker.PostAsJsonAsync("/api/v1/brokerage/requests", new
            {
                personReference = reference, ageBand = "From85", supportReason = "PhysicalSupport", homeAreaId = area, postcode = "NB4 3CD",
                serviceType = "CareHomeWithoutNursing", bedCategory = "Residential", maxDistanceKm = 30, wantedStart = Today, priority = "Urgent",
            }, Json);
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        }
        async Task<int> VersionAsync(int id) =>
            (await broker.GetFromJsonAsync<JsonElement>($"/api/v1/brokerage/requests/{id}", Json)).GetProperty("request").GetProperty("version").GetInt32();

        // Sent and offered before any suspension.
        var requestId = await NewRequestAsync("NB-SUSP-1");
        (await broker.PostAsJsonAsync($"/api/v1/brokerage/requests/{requestId}/send", new { serviceIds = new[] { home.Id }, offersCloseAt = app.Now.AddDays(1), version = await VersionAsync(requestId) }, Json))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var provider = await app.ApiKeyClientAsync(home.ProviderId);
        var offer = await provider.PostAsJsonAsync($"/api/v1/brokerage/requests/{requestId}/offers", new { serviceId = home.Id, weeklyPrice = 990m, startDate = Today }, Json);
        offer.StatusCode.ShouldBe(HttpStatusCode.Created, await offer.Content.ReadAsStringAsync());
        var offerId = (await offer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        // Then the commissioner places an embargo.
        var placed = await commissioner.PostAsJsonAsync(Url(home.Id), new { kind = "Embargo", reason = "ContractDefault", startsOn = Today }, Json);
        placed.StatusCode.ShouldBe(HttpStatusCode.Created, await placed.Content.ReadAsStringAsync());
        var restrictionId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        // Matches: not eligible, and says why.
        var matches = await broker.GetFromJsonAsync<JsonElement>($"/api/v1/brokerage/requests/{requestId}/matches", Json);
        matches.GetProperty("eligible").EnumerateArray().ShouldNotContain(m => m.GetProperty("serviceId").GetInt32() == home.Id);
        matches.GetProperty("ineligible").EnumerateArray().Single(m => m.GetProperty("serviceId").GetInt32() == home.Id)
            .GetProperty("reason").GetString().ShouldBe("Suspended or embargoed: the council is not placing new people here");
        var detail = await broker.GetFromJsonAsync<JsonElement>($"/api/v1/brokerage/requests/{requestId}", Json);
        var shown = detail.GetProperty("offers").EnumerateArray().Single();
        shown.GetProperty("position").ValueKind.ShouldBe(JsonValueKind.Null);
        shown.GetProperty("reasons")[0].GetString()!.ShouldStartWith("Not ranked: Suspended or embargoed");

        // Sending another request to it: refused.
        var second = await NewRequestAsync("NB-SUSP-2");
        var send = await broker.PostAsJsonAsync($"/api/v1/brokerage/requests/{second}/send", new { serviceIds = new[] { home.Id }, offersCloseAt = app.Now.AddDays(1), version = await VersionAsync(second) }, Json);
        send.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await send.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("serviceIds")[0].GetString()
            .ShouldBe($"{home.Name} is under an embargo from {app.Today:d MMMM yyyy}: the council is not placing new people there");

        // The award of the offer made before the embargo: refused, with nothing written.
        var award = await broker.PostAsJsonAsync($"/api/v1/brokerage/requests/{requestId}/award", new { offerId, version = await VersionAsync(requestId) }, Json);
        award.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refusal = (await award.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("offerId")[0].GetString()!;
        refusal.ShouldContain($"{home.Name} is under an embargo from");
        refusal.ShouldEndWith("Choose another offer.");
        await using (var db = app.Db())
        {
            (await db.Placements.AnyAsync(p => p.CareRequestId == requestId)).ShouldBeFalse();
            (await db.CareRequests.SingleAsync(r => r.Id == requestId)).Status.ShouldBe(RequestStatus.SentToProviders);
            (await db.Offers.SingleAsync(o => o.Id == offerId)).Status.ShouldBe(OfferStatus.Submitted);
            (await db.Vacancies.AnyAsync(v => v.ServiceId == home.Id)).ShouldBeFalse(); // no bed taken
        }

        // Lifted: the same award goes through.
        var version = (await ListAsync(commissioner, home.Id)).Single(r => r.Id == restrictionId).Version;
        (await commissioner.PostAsJsonAsync($"{Url(home.Id)}/{restrictionId}/lift", new { reason = "Default remedied", version }, Json)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var awarded = await broker.PostAsJsonAsync($"/api/v1/brokerage/requests/{requestId}/award", new { offerId, version = await VersionAsync(requestId) }, Json);
        awarded.StatusCode.ShouldBe(HttpStatusCode.OK, await awarded.Content.ReadAsStringAsync());
    }

    [Theory]
    [BothEngines]
    public async Task Only_council_quality_commissioning_and_admin_may_place_or_lift_and_no_other_council_sees_them(Engine engine)
    {
        await using var app = await StartAsync(engine);
        ServiceRestriction demo;
        int hawthornService, before;
        await using (var db = app.Db())
        {
            var council = await NorthbridgeAsync(db);
            demo = await db.ServiceRestrictions.AsNoTracking().Where(r => r.LocalAuthorityId == council && r.LiftedAt == null).SingleAsync();
            var hawthorn = (await app.HawthornAsync()).Id;
            hawthornService = await db.Services.Where(s => s.ProviderId == hawthorn && s.HostLocalAuthorityId == council && s.Status == ServiceStatus.Active).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            before = await db.ServiceRestrictions.CountAsync();
        }
        var body = new { kind = "Suspension", reason = "QualityConcerns", startsOn = Today };
        var lift = new { reason = "not mine to lift", version = demo.Version };

        // Providers (cookie and key), partners, brokers and social workers: refused, for their own services too.
        var refused = new List<HttpClient>
        {
            await app.SignedInAsync(CareMarketApp.Email(Roles.Provider)), await app.ApiKeyClientAsync(),
            await app.SignedInAsync(CareMarketApp.Email(Roles.Partner)), await app.SignedInAsync(CareMarketApp.Email(Roles.Broker)),
            await app.SignedInAsync(CareMarketApp.Email(Roles.SocialWorker)),
        };
        foreach (var client in refused)
        {
            (await client.PostAsJsonAsync(Url(hawthornService), body, Json)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await client.PostAsJsonAsync($"{Url(demo.ServiceId)}/{demo.Id}/lift", lift, Json)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
        // The service page's form is refused to a partner too.
        var partner = refused[2];
        var page = await partner.PostAsync($"/register/services/{demo.ServiceId}?handler=Restrict", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await CareMarketApp.AntiforgeryTokenAsync(partner),
            ["Restriction.Kind"] = "Suspension", ["Restriction.Reason"] = "QualityConcerns",
            ["Restriction.StartsOn.Day"] = "1", ["Restriction.StartsOn.Month"] = "1", ["Restriction.StartsOn.Year"] = "2027",
        }));
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.OriginalString.ShouldContain("/account/access-denied");
        await using (var db = app.Db()) (await db.ServiceRestrictions.CountAsync()).ShouldBe(before);

        // A partner sees none; nor does the page show them to it.
        (await ListAsync(partner, demo.ServiceId)).ShouldBeEmpty();
        (await partner.GetStringAsync($"/register/services/{demo.ServiceId}")).ShouldNotContain("Suspensions and embargoes");

        // Eastholm's commissioner sees none of Northbridge's, cannot lift them, and keeps its own apart.
        var eastholm = await app.SignedInAsync(CareMarketApp.EastholmCommissioner);
        (await ListAsync(eastholm, demo.ServiceId)).ShouldBeEmpty();
        (await eastholm.GetStringAsync($"/register/services/{demo.ServiceId}")).ShouldNotContain(demo.Details!);
        (await ApiTests.ListAsync(eastholm, "scope=England&pageSize=500")).Rows.Single(r => r.Id == demo.ServiceId).Restriction.ShouldBeNull();
        (await ApiTests.ListAsync(eastholm, "scope=England&suspended=true&pageSize=500")).Rows.ShouldNotContain(r => r.Id == demo.ServiceId);
        (await eastholm.PostAsJsonAsync($"{Url(demo.ServiceId)}/{demo.Id}/lift", lift, Json)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var own = await eastholm.PostAsJsonAsync(Url(demo.ServiceId), new { kind = "Embargo", reason = "Other", details = "Eastholm's own reasons", startsOn = Today }, Json);
        own.StatusCode.ShouldBe(HttpStatusCode.Created, await own.Content.ReadAsStringAsync());
        var northbridge = await app.SignedInAsync(Quality);
        (await ListAsync(northbridge, demo.ServiceId)).Select(r => r.Id).ShouldBe([demo.Id]);
        (await ListAsync(eastholm, demo.ServiceId)).ShouldHaveSingleItem().Council.ShouldBe("Eastholm");

        // A provider user sees that its own service is suspended, by whom, but not why.
        var placed = await northbridge.PostAsJsonAsync(Url(hawthornService), new { kind = "Suspension", reason = "Safeguarding", details = "Confidential enquiry detail", startsOn = Today }, Json);
        placed.StatusCode.ShouldBe(HttpStatusCode.Created);
        var provider = refused[0];
        var seen = (await ListAsync(provider, hawthornService)).ShouldHaveSingleItem();
        (seen.Council, seen.Kind, seen.Active, seen.Reason, seen.Details, seen.CreatedBy).ShouldBe(("Northbridge", RestrictionKind.Suspension, true, null, null, null));
        var providerPage = await provider.GetStringAsync($"/register/services/{hawthornService}");
        providerPage.ShouldContain("Suspended: no new placements since");
        providerPage.ShouldNotContain("Confidential enquiry detail");
        providerPage.ShouldNotContain("Safeguarding");
        (await ApiTests.ListAsync(provider, "pageSize=500")).Rows.Single(r => r.Id == hawthornService).Restriction.ShouldBe(RestrictionKind.Suspension);
        // Another provider's restrictions: not found.
        (await provider.GetAsync(Url(demo.ServiceId))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
