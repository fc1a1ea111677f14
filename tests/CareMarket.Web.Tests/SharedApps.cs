using CareMarket.Data;

namespace CareMarket.Web.Tests;

/// <summary>
/// One app per engine, started on first use and shared by the read-only tests of a test class. Tests that write
/// start their own app on a fresh database.
/// </summary>
public sealed class SharedApps : IAsyncLifetime
{
    private readonly Dictionary<Engine, Task<CareMarketApp>> apps = [];
    private readonly Lock gate = new();

    public Task<CareMarketApp> For(Engine engine)
    {
        lock (gate)
        {
            if (!apps.TryGetValue(engine, out var app)) apps[engine] = app = CareMarketApp.StartAsync(engine);
            return app;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in apps.Values)
        {
            if (app.IsCompletedSuccessfully) await app.Result.DisposeAsync();
        }
    }
}
