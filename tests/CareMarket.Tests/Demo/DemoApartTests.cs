using CareMarket.Councils;
using CareMarket.Data;
using CareMarket.Demo;
using CareMarket.Register;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareMarket.Tests.Demo;

/// <summary>The demo borough is only ever created in an empty database: a council's database never receives demo data.</summary>
public class DemoApartTests
{
    private static async Task<Exception> SeedRefusedAsync(TestDatabase database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped(_ => database.NewContext());
        services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<CareMarketDb>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CareMarketDb>();
        return await Should.ThrowAsync<InvalidOperationException>(() =>
            DemoBorough.SeedAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>()));
    }

    private static async Task ShouldHoldNoDemoAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        (await DemoBorough.IsSeededAsync(db)).ShouldBeFalse();
        (await db.Users.CountAsync()).ShouldBe(0);
        (await db.LocalAuthorities.CountAsync(l => DemoBorough.OnsCodes.Contains(l.OnsCode))).ShouldBe(0);
    }

    [Theory]
    [BothEngines]
    public async Task Seed_IsRefused_WhenACouncilUsesTheDatabase(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using (var cli = database.NewContext(Actor.SystemAs("cli:test")))
        {
            (await new CouncilSetup(cli).AddTenantAsync("E08000004")).ShouldBeOfType<Decision.Created<CouncilAdded>>();
        }

        var refused = await SeedRefusedAsync(database);

        refused.Message.ShouldBe("The demo borough was not created: this database belongs to Oldham, a council using CareMarket; the demo borough is only created in an empty database (start the demo on a new data folder, or another --database).");
        await ShouldHoldNoDemoAsync(database);
    }

    [Theory]
    [BothEngines]
    public async Task Seed_IsRefused_WhenTheRegisterHoldsRealServices_OrAnyRealCouncilIsKnown(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using (var db = database.NewContext())
        {
            var writer = new RegisterWriter(db, "test");
            await writer.UpsertLocationsAsync([new CqcLocation { LocationId = "1-1", ProviderId = "1-P1", Name = "A real home", LocalAuthority = "Oldham" }]);
            await writer.FinishAsync();
        }

        var services = await SeedRefusedAsync(database);
        await using (var db = database.NewContext())
        {
            db.LocalAuthorities.Add(new LocalAuthority { OnsCode = "E08000005", Name = "Rochdale", Region = "North West" });
            await db.SaveChangesAsync();
        }
        var council = await SeedRefusedAsync(database);

        services.Message.ShouldContain("the register already holds 1 real service; the demo borough is only created in an empty database");
        council.Message.ShouldContain("this database already knows 1 real council; the demo borough is only created in an empty database with no council");
        await ShouldHoldNoDemoAsync(database);
    }

    [Theory]
    [BothEngines]
    public async Task Refusal_IsNone_InAnEmptyDatabase_AndOnceTheDemoIsThere(Engine engine)
    {
        await using var empty = await TestDatabase.CreateAsync(engine);
        await using (var db = empty.NewContext()) (await DemoBorough.RefusalAsync(db)).ShouldBeNull();

        var (demo, _, _) = await DemoDatabase.SharedReadOnlyAsync(engine);
        await using var seeded = demo.NewContext();
        (await DemoBorough.RefusalAsync(seeded)).ShouldBeNull();
        (await seeded.LocalAuthorities.Where(l => l.IsTenant).Select(l => l.Name).OrderBy(n => n).ToListAsync()).ShouldBe(["Eastholm", "Northbridge"]);
    }
}
