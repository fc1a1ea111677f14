using CareMarket.Data;
using CareMarket.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareMarket.Testing;

/// <summary>
/// The whole demo borough in a test database, for the tests that are about the demo itself or that compare two
/// ways of reading a council-sized register. A test that needs a few rows builds them with <see cref="TestData"/>.
/// </summary>
public static class DemoDatabase
{
    /// <summary>A fresh database with the demo borough, seeded on the database's fake clock; the caller disposes it.</summary>
    public static async Task<(TestDatabase Database, int Northbridge, int Eastholm)> CreateAsync(Engine engine)
    {
        var database = await TestDatabase.CreateAsync(engine);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped(_ => database.NewContext());
        services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<CareMarketDb>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CareMarketDb>();
        await DemoBorough.SeedAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
        var northbridge = await db.LocalAuthorities.Where(l => l.OnsCode == DemoBorough.HomeOnsCode).Select(l => l.Id).SingleAsync();
        var eastholm = await db.LocalAuthorities.Where(l => l.OnsCode == DemoBorough.NeighbourOnsCode).Select(l => l.Id).SingleAsync();
        return (database, northbridge, eastholm);
    }

    private static readonly Dictionary<Engine, Task<(TestDatabase Database, int Northbridge, int Eastholm)>> Shared = [];
    private static readonly Lock Gate = new();

    /// <summary>
    /// One demo database per engine for the whole test run, seeded on first use, for tests that only read it (never
    /// write to it, and never advance its clock). Do not dispose it: it is dropped when the test run ends.
    /// </summary>
    public static Task<(TestDatabase Database, int Northbridge, int Eastholm)> SharedReadOnlyAsync(Engine engine)
    {
        lock (Gate)
        {
            if (Shared.TryGetValue(engine, out var demo)) return demo;
            Shared[engine] = demo = CreateAsync(engine);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    if (demo.IsCompletedSuccessfully) demo.Result.Database.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
                }
                catch (Exception)
                {
                    // The run is over; a throwaway server's database or a temporary file left behind does no harm.
                }
            };
            return demo;
        }
    }
}
