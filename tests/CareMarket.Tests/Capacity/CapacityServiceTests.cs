using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Tests.Capacity;

/// <summary>Reporting capacity and reading the council's picture, on both engines: over the demo borough, and over a few services built for a test.</summary>
public class CapacityServiceTests
{
    [Theory]
    [BothEngines]
    public async Task Overview_OfTheDemo_ShowsItsShortagesAndTotalsAgree(Engine engine)
    {
        // About the demo's story (its shortage, its empty patch, its quarter of returns): the demo, read only.
        var (database, northbridge, _) = await DemoDatabase.SharedReadOnlyAsync(engine);
        await using var db = database.NewContext(new Actor("broker", northbridge));

        var picture = await new CapacityOverview(db).ForCouncilAsync();

        var homes = picture.Services.Where(s => s.Kind == CapacityKind.Beds).ToList();
        homes.Count.ShouldBeGreaterThan(30);
        // Totals by category and by area agree with the sum over the services.
        picture.Categories.Sum(c => c.VacantAccepting).ShouldBe(homes.Sum(h => h.VacantAccepting));
        picture.Areas.Sum(a => a.Total).ShouldBe(homes.Sum(h => h.VacantAccepting));
        picture.Categories.Sum(c => c.MaxCapacity).ShouldBe(homes.Sum(h => h.MaxCapacity));
        picture.Categories.Sum(c => c.VacantAccepting).ShouldBeGreaterThan(0);
        // The demo's shortage and its empty patch.
        picture.Categories.Single(c => c.Label == "Dementia nursing").VacantAccepting.ShouldBe(0);
        picture.Patches.Single(p => p.Patch.StartsWith("South")).Total.ShouldBe(0);
        picture.Patches.Where(p => !p.Patch.StartsWith("South")).ShouldAllBe(p => p.Total > 0);
        picture.NotReporting.ShouldContain(s => s.Freshness == Freshness.Stale);
        picture.NotReporting.ShouldContain(s => s.Freshness == Freshness.NeverReported);
        // Occupancy has risen over the quarter.
        var nursing = picture.Trend.Where(t => t.ServiceType == ServiceType.CareHomeWithNursing).ToList();
        nursing.Count.ShouldBe(12);
        nursing.Last().Occupancy!.Value.ShouldBeGreaterThan(nursing.First().Occupancy!.Value);
    }

    [Theory]
    [BothEngines]
    public async Task Report_ByTheProvider_IsKeptAndAudited_AndShowsInTheOverview(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        int northbridge;
        await using (var data = database.Data())
        {
            var council = await data.CouncilAsync("Northbridge");
            northbridge = council.Id;
            await data.BedsAsync(await data.ServiceAsync(council), accepting: 3, reportedAt: data.Now.AddDays(-7));
            await data.BedsAsync(await data.ServiceAsync(council), accepting: 1);
        }
        await using var system = database.NewContext();
        var home = await system.Services.Include(s => s.Provider)
            .Where(s => s.HostLocalAuthorityId == northbridge && s.ServiceType == ServiceType.CareHomeWithoutNursing && s.Status == ServiceStatus.Active)
            .OrderBy(s => s.Id).FirstAsync();
        await using var db = database.NewContext(new Actor("manager@home.example", northbridge, home.ProviderId));
        var reports = new CapacityReports(db);
        var before = await system.CapacityReturns.CountAsync(r => r.ServiceId == home.Id);

        var decision = await reports.ReportAsync(new CapacityReport
        {
            ServiceId = home.Id, AcceptingAdmissions = true,
            Beds = [new BedReport(BedCategory.Residential, 40, 30, 1, 9)],
            CareStaff = 35, Nurses = 0, OtherStaff = 6, AgencyStaff = 2, BankStaff = 1, StaffAbsent = 3,
        }, CapacitySource.Provider);

        var id = decision.ShouldBeOfType<Decision.Created<long>>().Value;
        (await system.CapacityReturns.CountAsync(r => r.ServiceId == home.Id)).ShouldBe(before + 1);
        var history = await reports.HistoryAsync(home.Id);
        history.ShouldNotBeNull();
        history.First().Id.ShouldBe(id);
        history.First().Beds.ShouldHaveSingleItem().VacantAccepting.ShouldBe(9);
        (await system.AuditEntries.AnyAsync(a => a.EntityType == "CapacityReturn" && a.EntityKey == id.ToString() && a.UserName == "manager@home.example")).ShouldBeTrue();

        await using var broker = database.NewContext(new Actor("broker", northbridge));
        var row = (await new CapacityOverview(broker).ForCouncilAsync()).Services.Single(s => s.ServiceId == home.Id);
        row.VacantAccepting.ShouldBe(9);
        row.Freshness.ShouldBe(Freshness.Fresh);
    }

    [Theory]
    [BothEngines]
    public async Task Report_ForAnotherProvidersService_IsNotFound_AndImpossibleFiguresWriteNothing(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        int northbridge;
        await using (var data = database.Data())
        {
            var council = await data.CouncilAsync("Northbridge");
            northbridge = council.Id;
            await data.ServiceAsync(council);
            await data.BedsAsync(await data.ServiceAsync(council, ServiceType.CareHomeWithNursing), accepting: 2, BedCategory.Nursing);
        }
        await using var system = database.NewContext();
        var homes = await system.Services.Where(s => s.HostLocalAuthorityId == northbridge && s.IsCareHome && s.Status == ServiceStatus.Active)
            .OrderBy(s => s.Id).ToListAsync();
        var mine = homes.First();
        var theirs = homes.First(h => h.ProviderId != mine.ProviderId);
        await using var db = database.NewContext(new Actor("manager", northbridge, mine.ProviderId));
        var reports = new CapacityReports(db);
        var count = await system.CapacityReturns.CountAsync();

        var other = await reports.ReportAsync(new CapacityReport { ServiceId = theirs.Id, Beds = [new BedReport(BedCategory.Residential, 10, 5, 0, 5)] }, CapacitySource.Provider);
        var impossible = await reports.ReportAsync(new CapacityReport
        {
            ServiceId = mine.Id, AcceptingAdmissions = false,
            Beds = [new BedReport(BedCategory.Residential, 10, 9, 0, 5), new BedReport(BedCategory.Nursing, 5, -1, 0, 0)],
        }, CapacitySource.Provider);

        other.ShouldBeOfType<Decision.NotFound>();
        var invalid = impossible.ShouldBeOfType<Decision.Invalid>();
        invalid.Errors.Select(e => e.Message).ShouldContain("Residential: occupied and vacant beds (14) cannot be more than the maximum capacity (10)");
        invalid.Errors.Select(e => e.Message).ShouldContain("Say why the home is not accepting admissions");
        (await reports.HistoryAsync(theirs.Id)).ShouldBeNull();
        (await system.CapacityReturns.CountAsync()).ShouldBe(count);
    }

    [Theory]
    [BothEngines]
    public async Task Overview_CountsNoRoomAtADormantService_WhateverItsLastReturnSaid(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var data = database.Data();
        var council = await data.CouncilAsync();
        var open = await data.ServiceAsync(council);
        var dormant = await data.ServiceAsync(council, with: s => s.Dormant = true);
        var agency = await data.ServiceAsync(council, ServiceType.Homecare, with: s => s.Dormant = true);
        await data.BedsAsync(open, accepting: 3);
        await data.BedsAsync(dormant, accepting: 5);
        await data.HoursAsync(agency, council.Patch, 40);
        await using var db = database.NewContext(TestData.ActorFor(council, Roles.Broker));

        var picture = await new CapacityOverview(db).ForCouncilAsync();

        picture.Services.Single(s => s.ServiceId == dormant.Id).VacantAccepting.ShouldBe(0);
        picture.Services.Single(s => s.ServiceId == agency.Id).HoursAvailable.ShouldBeNull();
        picture.Categories.Single(c => c.Label == CapacityWords.Of(BedCategory.Residential)).VacantAccepting.ShouldBe(3);
        picture.Areas.Sum(a => a.Total).ShouldBe(3);
        picture.Patches.Single(p => p.AreaId == council.Patch.Id).Total.ShouldBe(0);
    }
}
