using CareMarket.Brokerage;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CareMarket.Tests.Data;

public class MigrationTests
{
    [Theory]
    [BothEngines]
    public async Task Migrate_FromEmpty_EveryTableCanBeQueried(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var db = database.NewContext();

        // Act: read every mapped entity type through EF, so every column of the model must exist.
        var queried = new List<string>();
        foreach (var entityType in db.Model.GetEntityTypes().Where(e => !e.IsOwned()))
        {
            var set = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!
                .MakeGenericMethod(entityType.ClrType).Invoke(db, null)!;
            await set.Take(1).ToListAsync();
            queried.Add(entityType.GetTableName()!);
        }

        // Assert
        queried.ShouldContain("Services");
        queried.ShouldContain("AuditEntries");
        queried.ShouldContain("AspNetUsers");
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }

    [Theory]
    [BothEngines]
    public async Task AuditLog_IsAppendOnly_InTheDatabase(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var db = database.NewContext(Actor.SystemAs("tester"));
        db.LocalAuthorities.Add(new LocalAuthority { OnsCode = "E09000033", Name = "Westminster", Region = "London" });
        await db.SaveChangesAsync();

        var audit = await db.AuditEntries.SingleAsync();
        audit.UserName.ShouldBe("tester");
        audit.Action.ShouldBe("Added");
        audit.After!.ShouldContain("Westminster");
        audit.EntityKey.ShouldNotStartWith("-");

        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "UserName" = 'x'"""));
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEntries" """));
        (await db.AuditEntries.CountAsync()).ShouldBe(1);
    }

    [Theory]
    [BothEngines]
    public async Task SourcingClock_GivesRequestsMadeBeforeIt_TheHistoryTheirRowsTell(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrated: false);
        await using var db = database.NewContext();
        await db.GetService<IMigrator>().MigrateAsync("20261124000004_RankingWeights");
        var made = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);
        var (sent, sourced) = (made.AddHours(1), made.AddDays(2));
        var start = new DateOnly(2026, 3, 9);
        // One request sourced (sent, then awarded by another broker) and one still open, as the brokerage code left them.
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "LocalAuthorities" ("OnsCode", "Name", "Region") VALUES ('E09000033', 'Westminster', 'London')""");
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "Providers" ("Name", "UpdatedAt") VALUES ('Provider', {made})""");
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Services" ("ProviderId", "Name", "ServiceType", "CqcServiceTypes", "RegulatedActivities", "Specialisms", "IsCareHome", "Dormant", "Status", "UpdatedAt", "Version")
            VALUES (1, 'Home', 'CareHomeWithoutNursing', '', '', 0, {true}, {false}, 'Active', {made}, 0)
            """);
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "People" ("LocalAuthorityId", "Reference", "AgeBand", "PrimarySupportReason") VALUES (1, 'P-1', 'From85', 'PhysicalSupport')""");
        foreach (var (status, sourcedAt) in new[] { ("Sourced", (DateTime?)sourced), ("Open", null) })
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "CareRequests" ("LocalAuthorityId", "PersonId", "ServiceType", "AlsoAcceptable", "Specialisms", "TimeBands", "WantedStart", "Priority", "Status", "Interim", "WaitedForCapacity", "CreatedAt", "CreatedBy", "SourcedAt", "Version")
                VALUES (1, 1, 'CareHomeWithoutNursing', '', 0, '', {start}, 'Routine', {status}, 'None', {false}, {made}, 'maker', {sourcedAt}, 0)
                """);
        }
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "Invitations" ("LocalAuthorityId", "CareRequestId", "ServiceId", "ProviderId", "SentAt") VALUES (1, 1, 1, 1, {sent})""");
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Placements" ("LocalAuthorityId", "PersonId", "ServiceId", "CareRequestId", "StartsOn", "WeeklyCost", "CreatedAt", "CreatedBy")
            VALUES (1, 1, 1, 1, {start}, 950, {sourced}, 'awarder')
            """);

        await db.Database.MigrateAsync();

        var history = await db.RequestStatusChanges.AsNoTracking().OrderBy(c => c.CareRequestId).ThenBy(c => c.At).ToListAsync();
        history.Select(c => (c.CareRequestId, c.From, c.To, c.At, c.By)).ShouldBe([
            (1, null, RequestStatus.Open, made, "maker"),
            (1, RequestStatus.Open, RequestStatus.SentToProviders, sent, "maker"),
            (1, RequestStatus.SentToProviders, RequestStatus.Sourced, sourced, "awarder"),
            (2, null, RequestStatus.Open, made, "maker"),
        ]);
    }
}
