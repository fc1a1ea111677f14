using CareMarket.Admin;
using CareMarket.Brokerage;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Tests.Brokerage;

/// <summary>
/// The brokerage rules the server holds to, through the use cases on both engines: send, offer and award refuse a
/// service that cannot meet the need; Inadequate only with the council's leave and a reason, recorded; stale capacity
/// ranked below fresh; an award's audit names the bed or hours it took.
/// </summary>
public class BrokerageRulesTests
{
    private static async Task<int> VersionAsync(CareMarketDb db, int requestId) =>
        (await db.CareRequests.AsNoTracking().SingleAsync(r => r.Id == requestId)).Version;

    [Theory]
    [BothEngines]
    public async Task Send_ANursingRequestToAHomecareAgency_IsRefusedNamingTheType(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var data = database.Data();
        var council = await data.CouncilAsync("Northbridge");
        var agency = await data.ServiceAsync(council, ServiceType.Homecare, name: "Bluebell Homecare");
        var request = await data.CareRequestAsync(council, ServiceType.CareHomeWithNursing);
        await using var broker = database.NewContext(new Actor("broker", council.Id));

        var refused = (await new CareRequests(broker).SendAsync(request.Id, [agency.Id], broker.Now.AddDays(1), request.Version))
            .ShouldBeOfType<Decision.Refused>();

        refused.Field.ShouldBe("ServiceType");
        refused.Reason.ShouldBe("Bluebell Homecare: Homecare is not a type of service that meets this need (care home with nursing needed)");
        (await broker.Invitations.CountAsync()).ShouldBe(0);
    }

    [Theory]
    [BothEngines]
    public async Task Send_ANursingBedToAHomeWithoutNursing_IsRefused_EvenWhenTheRequestAcceptsIt(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var data = database.Data();
        var council = await data.CouncilAsync("Northbridge");
        var home = await data.ServiceAsync(council, ServiceType.CareHomeWithoutNursing, name: "Oak Lodge");
        var request = await data.CareRequestAsync(council, ServiceType.CareHomeWithNursing, bed: BedCategory.Nursing,
            with: r => r.AlsoAcceptable = nameof(ServiceType.CareHomeWithoutNursing));
        await using var broker = database.NewContext(new Actor("broker", council.Id));

        var refused = (await new CareRequests(broker).SendAsync(request.Id, [home.Id], broker.Now.AddDays(1), request.Version))
            .ShouldBeOfType<Decision.Refused>();

        refused.Field.ShouldBe("BedCategory");
        refused.Reason.ShouldContain("cannot take a person who needs a nursing bed");
    }

    /// <summary>A residential request sent to a home rated Inadequate (written as the system would have sent it before it was rated so), and its offer.</summary>
    private static async Task<(Council Council, Service Home, CareRequest Request, int OfferId)> OfferFromInadequateHomeAsync(TestDatabase database)
    {
        await using var data = database.Data();
        var council = await data.CouncilAsync("Northbridge");
        var home = await data.ServiceAsync(council, name: "Elm House", rating: RatingWord.Inadequate);
        await data.BedsAsync(home, 2);
        var request = await data.CareRequestAsync(council);
        await using var system = database.NewContext();
        system.Invitations.Add(new Invitation { LocalAuthorityId = council.Id, CareRequestId = request.Id, ServiceId = home.Id, ProviderId = home.ProviderId, SentAt = system.Now });
        system.Offers.Add(new Offer
        {
            LocalAuthorityId = council.Id, CareRequestId = request.Id, ServiceId = home.Id, ProviderId = home.ProviderId, WeeklyPrice = 950m,
            StartDate = TestClock.Today.AddDays(1), Status = OfferStatus.Submitted, SubmittedAt = system.Now, SubmittedBy = "manager",
        });
        var tracked = await system.CareRequests.SingleAsync(r => r.Id == request.Id);
        tracked.Status = RequestStatus.SentToProviders;
        tracked.OffersCloseAt = system.Now.AddDays(1);
        await system.SaveChangesAsync();
        var offerId = await system.Offers.Where(o => o.CareRequestId == request.Id).Select(o => o.Id).SingleAsync();
        return (council, home, tracked, offerId);
    }

    private static async Task AllowInadequateAsync(TestDatabase database, int council)
    {
        await using var admin = database.NewContext(new Actor("admin", council));
        var change = CouncilSettings.Defaults(council);
        change.PlaceWithInadequateWithReason = true;
        (await new Settings(admin).SaveAsync(change)).ShouldBeAssignableTo<Decision.Allowed>();
    }

    [Theory]
    [BothEngines]
    public async Task Award_ToAnInadequateService_IsRefusedWithoutTheCouncilsSetting(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (council, _, request, offerId) = await OfferFromInadequateHomeAsync(database);
        await using var broker = database.NewContext(new Actor("broker", council.Id));

        var refused = (await new CareRequests(broker).AwardAsync(request.Id, offerId, null, await VersionAsync(broker, request.Id), "She chose it"))
            .ShouldBeOfType<Decision.Refused>();

        refused.Field.ShouldBe("Rating");
        refused.Reason.ShouldBe("Elm House is rated Inadequate by CQC, and the council does not place people with services rated Inadequate");
        (await broker.Placements.CountAsync()).ShouldBe(0);
        (await broker.Vacancies.CountAsync()).ShouldBe(0);
    }

    [Theory]
    [BothEngines]
    public async Task Award_ToAnInadequateService_WithTheSettingAndAReason_IsAllowed_AndTheReasonRecorded(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (council, _, request, offerId) = await OfferFromInadequateHomeAsync(database);
        await AllowInadequateAsync(database, council.Id);
        await using var broker = database.NewContext(new Actor("broker", council.Id));

        var noReason = (await new CareRequests(broker).AwardAsync(request.Id, offerId, null, await VersionAsync(broker, request.Id), "  "))
            .ShouldBeOfType<Decision.Refused>();
        noReason.Field.ShouldBe(InadequatePlacement.Field);
        noReason.Reason.ShouldBe("Elm House is rated Inadequate by CQC: say why the person should be placed there");

        const string why = "Her husband lives there; the council's quality team visits weekly";
        var (allowed, placementId) = await new CareRequests(broker).AwardAsync(request.Id, offerId, null, await VersionAsync(broker, request.Id), why);

        allowed.ShouldBeAssignableTo<Decision.Allowed>();
        (await broker.Placements.SingleAsync(p => p.Id == placementId)).InadequateReason.ShouldBe(why);
        var audit = await broker.AuditEntries.SingleAsync(a => a.EntityType == "Placement" && a.Action == "Added");
        System.Text.Json.JsonDocument.Parse(audit.After!).RootElement.GetProperty("InadequateReason").GetString().ShouldBe(why);
    }

    [Theory]
    [BothEngines]
    public async Task Send_ToAnInadequateService_WithTheSetting_NeedsAReason_AndKeepsIt(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        Council council;
        Service home;
        CareRequest request;
        await using (var data = database.Data())
        {
            council = await data.CouncilAsync("Northbridge");
            home = await data.ServiceAsync(council, name: "Elm House", rating: RatingWord.Inadequate);
            request = await data.CareRequestAsync(council);
        }
        await using var broker = database.NewContext(new Actor("broker", council.Id));
        (await new CareRequests(broker).SendAsync(request.Id, [home.Id], broker.Now.AddDays(1), request.Version, "Nearest to her family"))
            .ShouldBeOfType<Decision.Refused>().Field.ShouldBe("Rating");
        await AllowInadequateAsync(database, council.Id);

        (await new CareRequests(broker).SendAsync(request.Id, [home.Id], broker.Now.AddDays(1), request.Version))
            .ShouldBeOfType<Decision.Refused>().Field.ShouldBe(InadequatePlacement.Field);
        (await new CareRequests(broker).SendAsync(request.Id, [home.Id], broker.Now.AddDays(1), request.Version, "Nearest to her family"))
            .ShouldBeAssignableTo<Decision.Allowed>();

        (await broker.Invitations.SingleAsync()).InadequateReason.ShouldBe("Nearest to her family");
        // Its provider may now offer: the council asked it with a reason.
        await using var provider = database.NewContext(new Actor("manager", council.Id, home.ProviderId));
        (await new CareRequests(provider).OfferAsync(request.Id, home.Id, 950m, TestClock.Today.AddDays(1), null)).ShouldBeAssignableTo<Decision.Allowed>();
    }

    [Theory]
    [BothEngines]
    public async Task Offer_FromAServiceSuspendedSinceItWasSent_IsRefused(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        Council council;
        Service home;
        CareRequest request;
        await using (var data = database.Data())
        {
            council = await data.CouncilAsync("Northbridge");
            home = await data.ServiceAsync(council, name: "Ash Court");
            request = await data.CareRequestAsync(council);
        }
        await using var broker = database.NewContext(new Actor("broker", council.Id));
        (await new CareRequests(broker).SendAsync(request.Id, [home.Id], broker.Now.AddDays(1), request.Version)).ShouldBeAssignableTo<Decision.Allowed>();
        await using (var data = database.Data()) await data.RestrictionAsync(council, home);

        await using var provider = database.NewContext(new Actor("manager", council.Id, home.ProviderId));
        var refused = (await new CareRequests(provider).OfferAsync(request.Id, home.Id, 950m, TestClock.Today.AddDays(1), null)).ShouldBeOfType<Decision.Refused>();
        refused.Field.ShouldBe("Suspended");
        refused.Reason.ShouldStartWith("Ash Court: ");
    }

    [Theory]
    [BothEngines]
    public async Task Matching_RanksAServiceWithAStaleReturn_BelowThoseWithFreshOnes_AndTheQueueDoesNotCountIt(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        Council council;
        Service fresh, stale;
        CareRequest request;
        await using (var data = database.Data())
        {
            council = await data.CouncilAsync("Northbridge");
            // The stale home is the better rated: fresh figures still come first.
            fresh = await data.ServiceAsync(council, name: "Fresh Fields", rating: RatingWord.RequiresImprovement);
            stale = await data.ServiceAsync(council, name: "Old News", rating: RatingWord.Outstanding);
            await data.BedsAsync(fresh, 1);
            await data.BedsAsync(stale, 0, reportedAt: TestClock.Now.AddDays(-12));
            request = await data.CareRequestAsync(council);
        }
        await using var broker = database.NewContext(new Actor("broker", council.Id));

        var match = (await new Matching(broker).ForRequestAsync(request.Id, Weights.Example)).ShouldNotBeNull();

        match.Ranked.Select(r => r.Candidate.Name).ShouldBe(["Fresh Fields", "Old News"]);
        match.Ranked[1].Score.ShouldBeGreaterThan(match.Ranked[0].Score);
        match.Ranked[1].Reasons[0].ShouldBe("capacity not known (last return 12 days ago)");
        (await new CareRequests(broker).QueueAsync()).Single(q => q.Id == request.Id).CouldMeetNow.ShouldBe(1);
    }

    [Theory]
    [BothEngines]
    public async Task Award_TheAuditRecordNamesTheBedOrHoursItTook(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        Council council;
        Service agency;
        CapacityReturn hours;
        CareRequest request;
        await using (var data = database.Data())
        {
            council = await data.CouncilAsync("Northbridge");
            var patch = council.Patch;
            agency = await data.ServiceAsync(council, ServiceType.Homecare, name: "Bluebell Homecare");
            hours = await data.HoursAsync(agency, patch, 21m);
            request = await data.CareRequestAsync(council, ServiceType.Homecare, hoursPerWeek: 14m, preferredArea: patch);
        }
        await using var broker = database.NewContext(new Actor("broker", council.Id));
        (await new CareRequests(broker).SendAsync(request.Id, [agency.Id], broker.Now.AddDays(1), request.Version)).ShouldBeAssignableTo<Decision.Allowed>();
        await using (var provider = database.NewContext(new Actor("manager", council.Id, agency.ProviderId)))
        {
            (await new CareRequests(provider).OfferAsync(request.Id, agency.Id, 350m, TestClock.Today.AddDays(1), null)).ShouldBeAssignableTo<Decision.Allowed>();
        }
        var offerId = await broker.Offers.Select(o => o.Id).SingleAsync();

        var (awarded, placementId) = await new CareRequests(broker).AwardAsync(request.Id, offerId, null, await VersionAsync(broker, request.Id));

        awarded.ShouldBeAssignableTo<Decision.Allowed>();
        var placement = await broker.Placements.SingleAsync(p => p.Id == placementId);
        (placement.TakenFromReturnId, placement.TakenKind, placement.TakenAmount, placement.LeftAfter).ShouldBe((hours.Id, Vacancies.HoursKind, 14.0, 7.0));
        var after = System.Text.Json.JsonDocument.Parse((await broker.AuditEntries.SingleAsync(a => a.EntityType == "Placement" && a.Action == "Added")).After!).RootElement;
        after.GetProperty("TakenFromReturnId").GetInt64().ShouldBe(hours.Id);
        after.GetProperty("TakenKind").GetString().ShouldBe("Hours");
        after.GetProperty("TakenAmount").GetDouble().ShouldBe(14.0);
        after.GetProperty("LeftAfter").GetDouble().ShouldBe(7.0);
        after.GetProperty("HoursPerWeek").GetDecimal().ShouldBe(14m);
    }
}
