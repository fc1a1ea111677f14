using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Tests.Data;

public class MigrationTests
{
    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
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
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task AuditLog_IsAppendOnly_InTheDatabase(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var db = database.NewContext(new Actor("tester", null));
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
}
