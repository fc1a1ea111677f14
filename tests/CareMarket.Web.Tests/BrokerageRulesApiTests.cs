using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMarket.Admin;
using CareMarket.Brokerage;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Tests;

/// <summary>
/// The brokerage rules through the API, as they were found broken by calling it directly: a nursing-care request sent
/// to a homecare agency, and an award to a service rated Inadequate with no reason asked. Both engines.
/// </summary>
public class BrokerageRulesApiTests
{
    private static readonly JsonSerializerOptions Json = ApiTests.Json;

    [Theory]
    [BothEngines]
    public async Task Send_ANursingRequestToAHomecareAgency_Is400NamingTheField(Engine engine)
    {
        await using var app = await CareMarketApp.StartAsync(engine, demo: false);
        CareRequest request;
        Service agency;
        await using (var data = app.Data())
        {
            var northbridge = await data.CouncilAsync("Northbridge");
            await data.UserAsync(northbridge, Roles.Broker);
            agency = await data.ServiceAsync(northbridge, ServiceType.Homecare, name: "Bluebell Homecare");
            request = await data.CareRequestAsync(northbridge, ServiceType.CareHomeWithNursing);
        }
        var broker = await app.SignedInAsync(CareMarketApp.Email(Roles.Broker));

        var sent = await broker.PostAsJsonAsync($"/api/v1/brokerage/requests/{request.Id}/send",
            new { serviceIds = new[] { agency.Id }, offersCloseAt = app.Now.AddDays(1), version = request.Version }, Json);

        sent.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await sent.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("errors");
        errors.GetProperty("serviceType")[0].GetString().ShouldBe("Bluebell Homecare: Homecare is not a type of service that meets this need (care home with nursing needed)");
        await using var db = app.Db();
        (await db.Invitations.CountAsync()).ShouldBe(0);
    }

    [Theory]
    [BothEngines]
    public async Task Award_ToAnInadequateService_IsRefused_UnlessTheCouncilAllowsItAndAReasonIsGiven(Engine engine)
    {
        await using var app = await CareMarketApp.StartAsync(engine, demo: false);
        int council, requestId, offerId;
        await using (var data = app.Data())
        {
            var northbridge = await data.CouncilAsync("Northbridge");
            council = northbridge.Id;
            await data.UserAsync(northbridge, Roles.Broker);
            var home = await data.ServiceAsync(northbridge, name: "Elm House", rating: RatingWord.Inadequate);
            await data.BedsAsync(home, 2);
            var request = await data.CareRequestAsync(northbridge);
            requestId = request.Id;
            // Sent and offered before CQC rated it Inadequate.
            await using var system = app.Db();
            system.Invitations.Add(new Invitation { LocalAuthorityId = council, CareRequestId = requestId, ServiceId = home.Id, ProviderId = home.ProviderId, SentAt = system.Now });
            var offer = new Offer
            {
                LocalAuthorityId = council, CareRequestId = requestId, ServiceId = home.Id, ProviderId = home.ProviderId, WeeklyPrice = 950m,
                StartDate = app.Today.AddDays(1), Status = OfferStatus.Submitted, SubmittedAt = system.Now, SubmittedBy = "manager",
            };
            system.Offers.Add(offer);
            var tracked = await system.CareRequests.SingleAsync(r => r.Id == requestId);
            tracked.Status = RequestStatus.SentToProviders;
            await system.SaveChangesAsync();
            offerId = offer.Id;
        }
        var broker = await app.SignedInAsync(CareMarketApp.Email(Roles.Broker));
        async Task<int> Version() => (await broker.GetFromJsonAsync<JsonElement>($"/api/v1/brokerage/requests/{requestId}", Json))
            .GetProperty("request").GetProperty("version").GetInt32();
        const string why = "Her husband lives there; the quality team visits weekly";

        var refused = await broker.PostAsJsonAsync($"/api/v1/brokerage/requests/{requestId}/award", new { offerId, version = await Version(), inadequateReason = why }, Json);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("errors").GetProperty("rating")[0].GetString()
            .ShouldBe("Elm House is rated Inadequate by CQC, and the council does not place people with services rated Inadequate");

        await using (var admin = app.Db())
        {
            admin.CouncilSettings.Add(new CouncilSettings { LocalAuthorityId = council, PlaceWithInadequateWithReason = true, Version = 1 });
            await admin.SaveChangesAsync();
        }
        var noReason = await broker.PostAsJsonAsync($"/api/v1/brokerage/requests/{requestId}/award", new { offerId, version = await Version() }, Json);
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("errors").TryGetProperty("inadequateReason", out _).ShouldBeTrue();

        var awarded = await broker.PostAsJsonAsync($"/api/v1/brokerage/requests/{requestId}/award", new { offerId, version = await Version(), inadequateReason = why }, Json);
        awarded.StatusCode.ShouldBe(HttpStatusCode.OK, await awarded.Content.ReadAsStringAsync());
        var placementId = (await awarded.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("placementId").GetInt32();
        await using var check = app.Db();
        (await check.Placements.SingleAsync(p => p.Id == placementId)).InadequateReason.ShouldBe(why);
        var audit = await check.AuditEntries.SingleAsync(a => a.EntityType == "Placement" && a.EntityKey == placementId.ToString());
        JsonDocument.Parse(audit.After!).RootElement.GetProperty("InadequateReason").GetString().ShouldBe(why);
    }
}
