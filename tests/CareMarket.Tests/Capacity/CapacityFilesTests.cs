using System.Text;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Tests.Capacity;

public class CapacityFilesTests
{
    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    [Theory]
    [BothEngines]
    public async Task Upload_ManyServices_OneReturnEach_AllOrNothing(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        int northbridge;
        await using (var data = database.Data())
        {
            var council = await data.CouncilAsync("Northbridge");
            northbridge = council.Id;
            var group = await data.ProviderAsync("Hawthorn Care Group");
            await data.ServiceAsync(council, provider: group);
            await data.ServiceAsync(council, provider: group);
            await data.ServiceAsync(council);
        }
        await using var system = database.NewContext();
        var hawthorn = await system.Providers.Where(p => p.Name == "Hawthorn Care Group").Select(p => p.Id).SingleAsync();
        var homes = await system.Services.Where(s => s.ProviderId == hawthorn && s.IsCareHome && s.Status == ServiceStatus.Active && s.CqcLocationId != null)
            .OrderBy(s => s.Id).Take(2).ToListAsync();
        var other = await system.Services.FirstAsync(s => s.ProviderId != hawthorn && s.IsCareHome && s.CqcLocationId != null);
        await using var db = database.NewContext(new Actor("provider@hawthorn.example", northbridge, hawthorn));
        var files = new CapacityFiles(db);
        var before = await system.CapacityReturns.CountAsync();
        var header = "CQC location ID,Service,Bed category,Maximum capacity,Occupied,Vacant reserved,Vacant accepting admissions,Accepting admissions\n";

        var bad = await files.UploadAsync(Csv(header
            + $"{homes[0].CqcLocationId},A,Residential,30,25,1,4,Y\n"
            + $"{homes[1].CqcLocationId},B,Nursing,20,19,0,5,Y\n"
            + $"{other.CqcLocationId},C,Residential,10,5,0,5,Y\n"
            + $"{homes[0].CqcLocationId},A,Penthouse,3,1,0,1,Y\n"), "returns.csv");

        bad.Succeeded.ShouldBeFalse();
        bad.Errors.Select(e => e.Row).ShouldBe([3, 4, 5], ignoreOrder: true);
        bad.Errors.Single(e => e.Row == 4).Message.ShouldContain("is not one of your services");
        bad.Errors.Single(e => e.Row == 5).Column.ShouldBe("Bed category");
        bad.Errors.Single(e => e.Row == 3).Message.ShouldContain("cannot be more than the maximum capacity");
        (await system.CapacityReturns.CountAsync()).ShouldBe(before);

        var good = await files.UploadAsync(Csv(header
            + $"{homes[0].CqcLocationId},A,Residential,30,25,1,4,Y\n"
            + $"{homes[0].CqcLocationId},A,Dementia residential,12,12,0,0,Y\n"
            + $"{homes[1].CqcLocationId},B,Residential,20,15,0,5,Y\n"), "returns.csv");

        good.Succeeded.ShouldBeTrue();
        good.ReturnsWritten.ShouldBe(2);
        (await system.CapacityReturns.CountAsync()).ShouldBe(before + 2);
        var latest = await system.CapacityReturns.Include(r => r.Beds).Where(r => r.ServiceId == homes[0].Id)
            .OrderByDescending(r => r.ReportedAt).FirstAsync();
        latest.Beds.Count.ShouldBe(2);
        latest.ReportedBy.ShouldBe("provider@hawthorn.example");
    }

    [Theory]
    [BothEngines]
    public async Task CapacityTracker_ImportsKnownHomes_ListsUnknownOnes_AndIsIdempotent(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        int northbridge;
        await using (var data = database.Data())
        {
            var council = await data.CouncilAsync("Northbridge");
            northbridge = council.Id;
            await data.ServiceAsync(council, specialisms: Specialism.OlderPeople);
            await data.ServiceAsync(council, ServiceType.CareHomeWithNursing);
            await data.ServiceAsync(council, ServiceType.Homecare);
        }
        await using var system = database.NewContext();
        var homes = await system.Services.Where(s => s.HostLocalAuthorityId == northbridge && s.IsCareHome && s.Status == ServiceStatus.Active && s.CqcLocationId != null)
            .OrderBy(s => s.Id).Take(2).ToListAsync();
        var homecare = await system.Services.FirstAsync(s => s.ServiceType == ServiceType.Homecare && s.CqcLocationId != null);
        await using var db = database.NewContext(new Actor("commissioner@northbridge.example", northbridge));
        var extract = "Location ID,Last Updated,Max Capacity,Occupied Beds,Vacant Reserved Beds,Vacant Beds Accepting Admissions\n"
            + $"{homes[0].CqcLocationId},20/11/2026,40,36,1,3\n"
            + $"{homes[1].CqcLocationId},21/11/2026,25,25,0,0\n"
            + "1-000000000,21/11/2026,10,5,0,5\n"
            + $"{homecare.CqcLocationId},21/11/2026,10,5,0,5\n";
        var before = await system.CapacityReturns.CountAsync();

        var first = await new CapacityFiles(db).ImportCapacityTrackerAsync(Csv(extract), "tracker.csv");
        var again = await new CapacityFiles(db).ImportCapacityTrackerAsync(Csv(extract), "tracker.csv");

        first.Succeeded.ShouldBeTrue();
        first.ReturnsWritten.ShouldBe(2);
        first.Skipped.Select(s => s.Row).ShouldBe([4, 5]);
        first.Skipped[0].Message.ShouldContain("is not in the register");
        again.ReturnsWritten.ShouldBe(0);
        (await system.CapacityReturns.CountAsync()).ShouldBe(before + 2);
        var imported = await system.CapacityReturns.Include(r => r.Beds).SingleAsync(r => r.ServiceId == homes[0].Id && r.Source == CapacitySource.CapacityTracker);
        imported.ReportedAt.Date.ShouldBe(new DateTime(2026, 11, 20));
        imported.Beds.ShouldHaveSingleItem().VacantAccepting.ShouldBe(3);
        (await system.AuditEntries.CountAsync(a => a.EntityType == "CapacityTracker")).ShouldBe(1);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    public async Task CapacityTracker_BadRowsOrMissingColumns_WriteNothing(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        int northbridge;
        await using (var data = database.Data())
        {
            var council = await data.CouncilAsync("Northbridge");
            northbridge = council.Id;
            await data.BedsAsync(await data.ServiceAsync(council), accepting: 2);
        }
        await using var db = database.NewContext(new Actor("commissioner", northbridge));
        var home = await db.Services.FirstAsync(s => s.HostLocalAuthorityId == northbridge && s.IsCareHome && s.CqcLocationId != null);
        var before = await db.CapacityReturns.CountAsync();

        var missing = await new CapacityFiles(db).ImportCapacityTrackerAsync(Csv("Location ID,Last Updated,Max Capacity\n1-1,20/11/2026,4\n"), "tracker.csv");
        var badDate = await new CapacityFiles(db).ImportCapacityTrackerAsync(
            Csv($"Location ID,Date,Max Capacity,Occupied,Vacant reserved,Vacant accepting admissions\n{home.CqcLocationId},31/02/2026,40,36,1,3\n"), "tracker.csv");

        missing.Errors.ShouldHaveSingleItem().Column.ShouldBe("Occupied");
        badDate.Errors.ShouldHaveSingleItem().ToString().ShouldBe("row 2, column \"Date\": \"31/02/2026\" is not a date (dd/mm/yyyy)");
        (await db.CapacityReturns.CountAsync()).ShouldBe(before);
    }
}
