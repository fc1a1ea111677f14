using CareMarket.Capacity;
using CareMarket.Capacity.Brokerage;
using CareMarket.Data;
using CareMarket.Register;
using CareMarket.Tests.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Tests.Capacity.Brokerage;

/// <summary>A care request's life on both engines: create, send, offer, award; and the last bed awarded once.</summary>
public class CareRequestsTests
{
    private static NewCareRequest Residential(string reference, int? area) => new()
    {
        PersonReference = reference, AgeBand = AgeBand.From85, SupportReason = SupportReason.SupportWithMemoryAndCognition,
        HomeAreaId = area, Postcode = "NB4 3CD", ServiceType = ServiceType.CareHomeWithoutNursing,
        Specialisms = Specialism.Dementia, BedCategory = BedCategory.Residential, WantedStart = DateOnly.FromDateTime(DateTime.UtcNow),
        Priority = Priority.HospitalDischarge, MaxDistanceKm = 10, Preferences = "Near her daughter in Central",
    };

    /// <summary>A Northbridge care home with residential beds whose latest return has exactly <paramref name="beds"/> accepting.</summary>
    private static async Task<Service> HomeWithBedsAsync(TestDatabase database, int northbridge, int beds)
    {
        await using var db = database.NewContext();
        var home = await db.Services.Where(s => s.HostLocalAuthorityId == northbridge && s.ServiceType == ServiceType.CareHomeWithoutNursing && s.Status == ServiceStatus.Active)
            .OrderBy(s => s.Id).FirstAsync();
        db.CapacityReturns.Add(new CapacityReturn
        {
            ServiceId = home.Id, ReportedAt = db.Now, ReportedBy = "manager", Source = CapacitySource.Provider, AcceptingAdmissions = true,
            Beds = [new BedLine { Category = BedCategory.Residential, MaxCapacity = 40, Occupied = 40 - beds, VacantAccepting = beds }],
        });
        await db.SaveChangesAsync();
        return home;
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Lifecycle_CreateSendOfferAward_MakesAPlacement_AndKeepsProvidersApart(Engine engine)
    {
        var (database, northbridge, _) = await RegisterQueriesTests.DemoAsync(engine);
        await using var _ = database;
        var home = await HomeWithBedsAsync(database, northbridge, beds: 2);
        int areaId;
        await using (var system = database.NewContext()) areaId = await system.Areas.Where(a => a.LocalAuthorityId == northbridge).Select(a => a.Id).FirstAsync();

        await using var broker = database.NewContext(new Actor("broker@northbridge.example", northbridge));
        var (created, requestId) = await new CareRequests(broker).CreateAsync(Residential("NB-000123", areaId));
        created.ShouldBeOfType<Decision.Allowed>();
        var request = await broker.CareRequests.AsNoTracking().SingleAsync(r => r.Id == requestId);
        request.PostcodeDistrict.ShouldBe("NB4");
        (await new CareRequests(broker).SendAsync(request.Id, [home.Id], DateTime.UtcNow.AddDays(1), request.Version)).ShouldBeOfType<Decision.Allowed>();

        // The invited provider sees the request and offers; another provider sees nothing of it.
        await using var provider = database.NewContext(new Actor("manager@home.example", northbridge, home.ProviderId));
        // (The demo borough has a year of requests: the provider sees exactly those it was sent, this one among them.)
        (await provider.CareRequests.CountAsync(r => r.Id == request.Id)).ShouldBe(1);
        await using (var system = database.NewContext())
        {
            (await provider.CareRequests.CountAsync()).ShouldBe(await system.Invitations.Where(i => i.ProviderId == home.ProviderId).Select(i => i.CareRequestId).Distinct().CountAsync());
        }
        (await provider.People.CountAsync()).ShouldBe(0);
        var (offered, offerId) = await new CareRequests(provider).OfferAsync(request.Id, home.Id, 950m, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2), "Ground floor room with a garden view");
        offered.ShouldBeOfType<Decision.Allowed>();
        await using var stranger = database.NewContext(new Actor("other", northbridge, home.ProviderId + 1));
        (await stranger.CareRequests.CountAsync(r => r.Id == request.Id)).ShouldBe(0);
        (await stranger.Offers.CountAsync(o => o.CareRequestId == request.Id)).ShouldBe(0);
        (await stranger.Offers.CountAsync(o => o.ProviderId != home.ProviderId + 1)).ShouldBe(0);
        (await new CareRequests(stranger).OfferAsync(request.Id, home.Id, 1m, DateOnly.FromDateTime(DateTime.UtcNow), null)).Decision.ShouldBeOfType<Decision.NotFound>();

        var version = (await broker.CareRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id)).Version;
        var (awarded, placementId) = await new CareRequests(broker).AwardAsync(request.Id, offerId!.Value, null, version);

        awarded.ShouldBeOfType<Decision.Allowed>();
        await using var check = database.NewContext();
        var placement = await check.Placements.SingleAsync(p => p.Id == placementId);
        placement.ServiceId.ShouldBe(home.Id);
        placement.WeeklyCost.ShouldBe(950m);
        (await check.CareRequests.SingleAsync(r => r.Id == request.Id)).Status.ShouldBe(RequestStatus.Sourced);
        (await check.Vacancies.SingleAsync(v => v.ServiceId == home.Id && v.Kind == "Residential")).Available.ShouldBe(1);
        (await check.AuditEntries.AnyAsync(a => a.EntityType == "Placement" && a.UserName == "broker@northbridge.example")).ShouldBeTrue();
        // Awarding again is refused: it is sourced.
        (await new CareRequests(broker).AwardAsync(request.Id, offerId.Value, null, version + 1)).Decision.ShouldBeOfType<Decision.Conflict>();
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task TheLastBed_AwardedByFiftyBrokersAtOnce_GoesToExactlyOne(Engine engine)
    {
        var (database, northbridge, _) = await RegisterQueriesTests.DemoAsync(engine);
        await using var _ = database;
        var home = await HomeWithBedsAsync(database, northbridge, beds: 1);
        var awards = new List<(int Request, int Offer, int Version)>();
        await using (var broker = database.NewContext(new Actor("broker", northbridge)))
        await using (var provider = database.NewContext(new Actor("manager", northbridge, home.ProviderId)))
        {
            for (var i = 0; i < 50; i++)
            {
                var (_, id) = await new CareRequests(broker).CreateAsync(Residential($"NB-{i:D5}", null));
                var version = (await broker.CareRequests.AsNoTracking().SingleAsync(r => r.Id == id)).Version;
                await new CareRequests(broker).SendAsync(id!.Value, [home.Id], DateTime.UtcNow.AddDays(1), version);
                var (_, offer) = await new CareRequests(provider).OfferAsync(id.Value, home.Id, 900m, DateOnly.FromDateTime(DateTime.UtcNow), null);
                awards.Add((id.Value, offer!.Value, (await broker.CareRequests.AsNoTracking().SingleAsync(r => r.Id == id)).Version));
            }
        }

        var results = await Task.WhenAll(awards.Select(async a =>
        {
            await using var db = database.NewContext(new Actor("broker", northbridge));
            return (await new CareRequests(db).AwardAsync(a.Request, a.Offer, null, a.Version)).Decision;
        }));

        results.Count(r => r is Decision.Allowed).ShouldBe(1);
        results.Where(r => r is not Decision.Allowed).ShouldAllBe(r => r is Decision.Conflict);
        results.OfType<Decision.Conflict>().First().Reason.ShouldContain("no bed of that kind left");
        await using var check = database.NewContext();
        var raced = awards.Select(a => (int?)a.Request).ToList();
        (await check.Placements.CountAsync(p => p.ServiceId == home.Id && raced.Contains(p.CareRequestId))).ShouldBe(1);
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
