using System.Data.Common;
using CareMarket.Capacity;
using CareMarket.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CareMarket.Tests.Data;

/// <summary>The audit log is written with the change it records: both or neither.</summary>
public class AuditTests
{
    /// <summary>Northbridge and one care home in it.</summary>
    private static async Task<int> NorthbridgeWithAHomeAsync(TestDatabase database)
    {
        await using var data = database.Data();
        var council = await data.CouncilAsync("Northbridge");
        await data.ServiceAsync(council);
        return council.Id;
    }

    [Theory]
    [BothEngines]
    public async Task AddedRows_AreAuditedWithTheirKeys_AndAFailedSaveWritesNeitherRowsNorAudit(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var northbridge = await NorthbridgeWithAHomeAsync(database);
        await using var system = database.NewContext();
        var home = await system.Services.Where(s => s.HostLocalAuthorityId == northbridge && s.IsCareHome).OrderBy(s => s.Id).FirstAsync();
        var returnsBefore = await system.CapacityReturns.CountAsync();
        var auditBefore = await system.AuditEntries.CountAsync();

        await using (var db = database.NewContext(new Actor("manager@home.example", northbridge)))
        {
            var r = Return(home.Id, BedCategory.Residential, BedCategory.Nursing);
            await db.CapacityReturns.AddAsync(r);
            (await db.SaveChangesAsync()).ShouldBe(3); // rows written: the return and its two lines

            // One record: the return with its lines, each line with its own key.
            var audit = (await system.AuditEntries.Where(a => a.UserName == "manager@home.example").ToListAsync()).ShouldHaveSingleItem();
            audit.EntityType.ShouldBe("CapacityReturn");
            audit.EntityKey.ShouldBe(r.Id.ToString());
            using var after = System.Text.Json.JsonDocument.Parse(audit.After!);
            after.RootElement.GetProperty("Id").GetInt64().ShouldBe(r.Id);
            var lines = after.RootElement.GetProperty("Beds").EnumerateArray().ToList();
            lines.Select(l => l.GetProperty("Id").GetInt64()).ShouldBe(r.Beds.Select(b => b.Id), ignoreOrder: true);
            lines.ShouldAllBe(l => l.GetProperty("CapacityReturnId").GetInt64() == r.Id);
            lines.Select(l => l.GetProperty("Category").GetString()).ShouldBe(["Residential", "Nursing"], ignoreOrder: true);
        }

        // Two lines for one category break a unique index at the end of the write: nothing of it may remain.
        await using (var db = database.NewContext(new Actor("someone@home.example", northbridge)))
        {
            await db.CapacityReturns.AddAsync(Return(home.Id, BedCategory.Residential, BedCategory.Residential));
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        (await system.CapacityReturns.CountAsync()).ShouldBe(returnsBefore + 1);
        (await system.AuditEntries.CountAsync()).ShouldBe(auditBefore + 1);
    }

    [Theory]
    [BothEngines]
    public async Task A_save_too_big_for_one_batch_is_still_all_or_nothing(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var northbridge = await NorthbridgeWithAHomeAsync(database);
        await using var system = database.NewContext();
        var home = await system.Services.Where(s => s.HostLocalAuthorityId == northbridge && s.IsCareHome).OrderBy(s => s.Id).FirstAsync();
        var returnsBefore = await system.CapacityReturns.CountAsync();
        var auditBefore = await system.AuditEntries.CountAsync();

        // 200 returns of 5 lines, as a bulk upload might write: 1,400 statements with the audit, more than one batch.
        // The last breaks a unique index, after the first batch has gone.
        var all = Enum.GetValues<BedCategory>();
        await using (var db = database.NewContext(new Actor("bulk@home.example", northbridge)))
        {
            for (var i = 0; i < 199; i++) await db.CapacityReturns.AddAsync(Return(home.Id, all));
            await db.CapacityReturns.AddAsync(Return(home.Id, [.. all[..4], all[0]]));
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        (await system.CapacityReturns.CountAsync()).ShouldBe(returnsBefore);
        (await system.AuditEntries.CountAsync()).ShouldBe(auditBefore);
    }

    [Fact]
    public async Task OnPostgres_AReturnAndItsAudit_AreOneRoundTrip()
    {
        await using var database = await TestDatabase.CreateAsync(Engine.Postgres);
        var northbridge = await NorthbridgeWithAHomeAsync(database);
        var counter = new RoundTrips();
        var options = new DbContextOptionsBuilder<CareMarketDb>(Database.Options(database.ConnectionString)).AddInterceptors(counter).Options;
        await using var system = database.NewContext();
        var home = await system.Services.Where(s => s.HostLocalAuthorityId == northbridge && s.IsCareHome).OrderBy(s => s.Id).FirstAsync();

        // The first save takes a block of keys for each table; the next ones need none.
        for (var i = 0; i < 3; i++)
        {
            await using var db = new CareMarketDb(options) { Actor = new Actor("manager@home.example", northbridge) };
            await db.CapacityReturns.AddAsync(Return(home.Id, BedCategory.Residential, BedCategory.Nursing));
            counter.Commands = 0;
            counter.Transactions = 0;
            await db.SaveChangesAsync();
        }

        counter.Commands.ShouldBe(1);
        counter.Transactions.ShouldBe(0);
    }

    private static CapacityReturn Return(int serviceId, params BedCategory[] categories) => new()
    {
        ServiceId = serviceId, ReportedAt = TestClock.Now, ReportedBy = "test", Source = CapacitySource.Provider,
        Beds = categories.Select(c => new BedLine { Category = c, MaxCapacity = 10, Occupied = 8, VacantAccepting = 2 }).ToList(),
    };

    private sealed class RoundTrips : IDbCommandInterceptor, IDbTransactionInterceptor
    {
        public int Commands;
        public int Transactions;

        public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands++;
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Commands++;
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
            InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            Transactions++;
            return ValueTask.FromResult(result);
        }
    }
}
