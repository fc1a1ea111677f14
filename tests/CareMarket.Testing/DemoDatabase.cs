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
    private static readonly Dictionary<Engine, Task<TestDatabase>> Templates = [];
    private static readonly Lock TemplateGate = new();
    private static readonly Lock SharedGate = new();

    /// <summary>
    /// A fresh database with the demo borough as seeded at <see cref="TestClock.Start"/>; the caller disposes it. The
    /// demo is seeded once per engine per test run and copied for each caller (seeding takes seconds, a copy a moment).
    /// </summary>
    public static async Task<(TestDatabase Database, int Northbridge, int Eastholm)> CreateAsync(Engine engine)
    {
        var database = await CopyAsync(engine);
        await using var db = database.NewContext();
        return (database, await CouncilAsync(db, DemoBorough.HomeOnsCode), await CouncilAsync(db, DemoBorough.NeighbourOnsCode));
    }

    /// <summary>A copy of the demo borough's database as seeded at <see cref="TestClock.Start"/> (the caller disposes it).</summary>
    public static async Task<TestDatabase> CopyAsync(Engine engine)
    {
        Task<TestDatabase> template;
        lock (TemplateGate)
        {
            if (!Templates.TryGetValue(engine, out template!))
            {
                Templates[engine] = template = SeedTemplateAsync(engine);
                DropAtExit(template);
            }
        }
        return await TestDatabase.CopyOfAsync(await template);
    }

    private static async Task<TestDatabase> SeedTemplateAsync(Engine engine)
    {
        var (database, _, _) = await SeedAsync(engine);
        if (engine == Engine.Postgres) Npgsql.NpgsqlConnection.ClearAllPools();
        return database;
    }

    private static Task<int> CouncilAsync(CareMarketDb db, string onsCode) =>
        db.LocalAuthorities.Where(l => l.OnsCode == onsCode).Select(l => l.Id).SingleAsync();

    private static async Task<(TestDatabase Database, int Northbridge, int Eastholm)> SeedAsync(Engine engine)
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
        return (database, await CouncilAsync(db, DemoBorough.HomeOnsCode), await CouncilAsync(db, DemoBorough.NeighbourOnsCode));
    }

    private static void DropAtExit<T>(Task<T> database) where T : IAsyncDisposable =>
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                if (database.IsCompletedSuccessfully) database.Result.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
            }
            catch (Exception)
            {
                // The run is over; a throwaway server's database or a temporary file left behind does no harm.
            }
        };

    private static readonly Dictionary<Engine, Task<(TestDatabase Database, int Northbridge, int Eastholm)>> Shared = [];

    /// <summary>
    /// One demo database per engine for the whole test run, seeded on first use, for tests that only read it (never
    /// write to it, and never advance its clock). Do not dispose it: it is dropped when the test run ends.
    /// </summary>
    public static Task<(TestDatabase Database, int Northbridge, int Eastholm)> SharedReadOnlyAsync(Engine engine)
    {
        lock (SharedGate)
        {
            if (Shared.TryGetValue(engine, out var demo)) return demo;
            Shared[engine] = demo = CreateAsync(engine);
            DropAtExit(demo.ContinueWith(t => t.Result.Database, TaskScheduler.Default));
            return demo;
        }
    }
}
