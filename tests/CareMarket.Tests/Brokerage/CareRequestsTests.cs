using CareMarket.Admin;
using CareMarket.Brokerage;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Tests.Brokerage;

/// <summary>A care request's life on both engines: create, send, offer, award; and the last bed awarded once.</summary>
public class CareRequestsTests
{
    private static NewCareRequest Residential(string reference, int? area) => new()
    {
        PersonReference = reference, AgeBand = AgeBand.From85, SupportReason = SupportReason.SupportWithMemoryAndCognition,
        HomeAreaId = area, Postcode = "NB4 3CD", ServiceType = ServiceType.CareHomeWithoutNursing,
        Specialisms = Specialism.Dementia, BedCategory = BedCategory.Residential, WantedStart = TestClock.Today,
        Priority = Priority.HospitalDischarge, MaxDistanceKm = 10, Preferences = "Near her daughter in Central",
    };

    /// <summary>Northbridge, with a care home of its own provider whose latest return has exactly <paramref name="beds"/> residential beds accepting.</summary>
    private static async Task<(Council Northbridge, Service Home)> HomeWithBedsAsync(TestDatabase database, int beds)
    {
        await using var data = database.Data();
        var northbridge = await data.CouncilAsync("Northbridge");
        var home = await data.ServiceAsync(northbridge);
        await data.BedsAsync(home, beds, BedCategory.Residential, max: 40, reportedBy: "manager");
        return (northbridge, home);
    }

    [Theory]
    [BothEngines]
    public async Task Award_OfAnOfferBelowTheTop_NeedsThePersonsReason(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (council, first) = await HomeWithBedsAsync(database, beds: 2);
        var northbridge = council.Id;
        Service second;
        await using (var data = database.Data())
        {
            second = await data.ServiceAsync(council);
            await data.BedsAsync(second, 2, BedCategory.Residential, max: 30, reportedBy: "manager");
        }
        second.ProviderId.ShouldNotBe(first.ProviderId);
        await using var broker = database.NewContext(new Actor("broker@northbridge.example", northbridge));
        var request = Residential("NB-000124", null) with { Specialisms = Specialism.None, MaxDistanceKm = null };
        var (_, requestId) = await new CareRequests(broker).CreateAsync(request);
        var version = (await broker.CareRequests.AsNoTracking().SingleAsync(r => r.Id == requestId)).Version;
        (await new CareRequests(broker).SendAsync(requestId!.Value, [first.Id, second.Id], broker.Now.AddDays(1), version)).ShouldBeAssignableTo<Decision.Allowed>();
        foreach (var (home, price) in new[] { (first, 900m), (second, 1400m) })
        {
            await using var provider = database.NewContext(new Actor("manager", northbridge, home.ProviderId));
            (await new CareRequests(provider).OfferAsync(requestId.Value, home.Id, price, TestClock.Today.AddDays(1), null))
                .ShouldBeAssignableTo<Decision.Allowed>();
        }
        var (_, ranked) = await new Matching(broker).WithOffersAsync(requestId.Value, await new Settings(broker).WeightsAsync());
        var lower = ranked.Single(o => o.Position == 2).Offer.Id;
        version = (await broker.CareRequests.AsNoTracking().SingleAsync(r => r.Id == requestId)).Version;

        var refused = (await new CareRequests(broker).AwardAsync(requestId.Value, lower, "  ", version)).ShouldBeOfType<Decision.Invalid>();
        refused.Errors.ShouldHaveSingleItem().Field.ShouldBe("ChoiceReason");
        var (allowed, placementId) = await new CareRequests(broker).AwardAsync(requestId.Value, lower, "Her sister lives there", version);

        allowed.ShouldBeAssignableTo<Decision.Allowed>();
        (await broker.Placements.SingleAsync(p => p.Id == placementId)).ChoiceReason.ShouldBe("Her sister lives there");
    }

    [Theory]
    [BothEngines]
    public async Task Lifecycle_CreateSendOfferAward_MakesAPlacement_AndKeepsProvidersApart(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (council, home) = await HomeWithBedsAsync(database, beds: 2);
        var northbridge = council.Id;
        int areaId;
        await using (var system = database.NewContext()) areaId = await system.Areas.Where(a => a.LocalAuthorityId == northbridge).Select(a => a.Id).FirstAsync();

        await using var broker = database.NewContext(new Actor("broker@northbridge.example", northbridge));
        var (created, requestId) = await new CareRequests(broker).CreateAsync(Residential("NB-000123", areaId));
        created.ShouldBeAssignableTo<Decision.Allowed>();
        var request = await broker.CareRequests.AsNoTracking().SingleAsync(r => r.Id == requestId);
        request.PostcodeDistrict.ShouldBe("NB4");
        (await new CareRequests(broker).SendAsync(request.Id, [home.Id], broker.Now.AddDays(1), request.Version)).ShouldBeAssignableTo<Decision.Allowed>();

        // The invited provider sees the request and offers; another provider sees nothing of it.
        await using var provider = database.NewContext(new Actor("manager@home.example", northbridge, home.ProviderId));
        (await provider.CareRequests.AnyAsync(r => r.Id == request.Id)).ShouldBeTrue();
        (await provider.People.CountAsync()).ShouldBe(0);
        var (offered, offerId) = await new CareRequests(provider).OfferAsync(request.Id, home.Id, 950m, TestClock.Today.AddDays(2), "Ground floor room with a garden view");
        offered.ShouldBeAssignableTo<Decision.Allowed>();
        await using var stranger = database.NewContext(new Actor("other", northbridge, home.ProviderId + 1));
        (await stranger.CareRequests.AnyAsync(r => r.Id == request.Id)).ShouldBeFalse();
        (await stranger.Offers.AnyAsync(o => o.CareRequestId == request.Id)).ShouldBeFalse();
        (await new CareRequests(stranger).OfferAsync(request.Id, home.Id, 1m, TestClock.Today, null)).ShouldBeOfType<Decision.NotFound>();

        var version = (await broker.CareRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id)).Version;
        var (awarded, placementId) = await new CareRequests(broker).AwardAsync(request.Id, offerId!.Value, null, version);

        awarded.ShouldBeAssignableTo<Decision.Allowed>();
        await using var check = database.NewContext();
        var placement = await check.Placements.SingleAsync(p => p.Id == placementId);
        placement.ServiceId.ShouldBe(home.Id);
        placement.WeeklyCost.ShouldBe(950m);
        (await check.CareRequests.SingleAsync(r => r.Id == request.Id)).Status.ShouldBe(RequestStatus.Sourced);
        (await check.Vacancies.SingleAsync(v => v.ServiceId == home.Id && v.Kind == "Residential")).Available.ShouldBe(1);
        (await check.AuditEntries.AnyAsync(a => a.EntityType == "Placement" && a.UserName == "broker@northbridge.example")).ShouldBeTrue();
        // Awarding again is refused: it is sourced.
        (await new CareRequests(broker).AwardAsync(request.Id, offerId.Value, null, version + 1)).ShouldBeOfType<Decision.Conflict>();
    }

    [Theory]
    [BothEngines]
    public async Task TheLastBed_AwardedByFiftyBrokersAtOnce_GoesToExactlyOne(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (council, home) = await HomeWithBedsAsync(database, beds: 1);
        var northbridge = council.Id;
        var awards = new List<(int Request, int Offer, int Version)>();
        await using (var broker = database.NewContext(new Actor("broker", northbridge)))
        await using (var provider = database.NewContext(new Actor("manager", northbridge, home.ProviderId)))
        {
            for (var i = 0; i < 50; i++)
            {
                var (_, id) = await new CareRequests(broker).CreateAsync(Residential($"NB-{i:D5}", null));
                var version = (await broker.CareRequests.AsNoTracking().SingleAsync(r => r.Id == id)).Version;
                await new CareRequests(broker).SendAsync(id!.Value, [home.Id], broker.Now.AddDays(1), version);
                var (_, offer) = await new CareRequests(provider).OfferAsync(id.Value, home.Id, 900m, TestClock.Today, null);
                awards.Add((id.Value, offer!.Value, (await broker.CareRequests.AsNoTracking().SingleAsync(r => r.Id == id)).Version));
            }
        }

        var results = await Task.WhenAll(awards.Select(async a =>
        {
            await using var db = database.NewContext(new Actor("broker", northbridge));
            return (await new CareRequests(db).AwardAsync(a.Request, a.Offer, null, a.Version));
        }));

        results.Count(r => r is Decision.Allowed).ShouldBe(1);
        results.Where(r => r is not Decision.Allowed).ShouldAllBe(r => r is Decision.Conflict);
        results.OfType<Decision.Conflict>().First().Reason.ShouldContain("no bed of that kind left");
        await using var check = database.NewContext();
        var ours = awards.Select(a => (int?)a.Request).ToList();
        (await check.Placements.CountAsync(p => ours.Contains(p.CareRequestId))).ShouldBe(1);
        (await check.Vacancies.SingleAsync(v => v.ServiceId == home.Id && v.Kind == "Residential")).Available.ShouldBe(0);
    }

    [Fact]
    public void Check_NamesEveryMissingOrImpossibleField()
    {
        var errors = CareRequests.Check(new NewCareRequest
        {
            PersonReference = " ", ServiceType = ServiceType.Homecare, HoursPerWeek = 0, Postcode = "not a postcode",
            MaxDistanceKm = 0, WantedStart = new DateOnly(2020, 1, 1), Preferences = new string('x', 501),
        }, new DateOnly(2026, 11, 24));
        errors.Select(e => e.Field).ShouldBe(["PersonReference", "HoursPerWeek", "TimeBands", "MaxDistanceKm", "WantedStart", "Preferences", "Postcode"], ignoreOrder: true);
    }
}
