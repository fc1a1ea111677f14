using System.Net;
using System.Text.RegularExpressions;
using CareMarket.Data;
using CareMarket.Demo;
using CareMarket.Register;
using CareMarket.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CareMarket.Testing;

/// <summary>
/// The web app on a fresh database (SQLite or PostgreSQL) with the demo borough seeded (or, with <c>demo: false</c>,
/// nothing but the roles, for a test that builds its few rows with <see cref="Data"/>), in memory (TestServer) or,
/// with <c>kestrel: true</c>, on a real port on 127.0.0.1 for a browser. Helpers give an HttpClient signed in as a
/// demo account or a user made by <see cref="TestData.UserAsync"/> (cookie), or calling with a provider's API key.
/// </summary>
public sealed partial class CareMarketApp : WebApplicationFactory<Program>
{
    private readonly TestDatabase database;
    private readonly bool kestrel;
    private readonly bool demo;

    private CareMarketApp(TestDatabase database, bool kestrel, TimeProvider? clock, bool demo)
    {
        this.database = database;
        this.kestrel = kestrel;
        Clock = clock ?? database.Clock;
        this.demo = demo;
    }

    /// <summary>The app's time: the clock given to <see cref="StartAsync"/>, else the database's fake clock at <see cref="TestClock.Start"/>.</summary>
    public TimeProvider Clock { get; }

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;
    public DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>Lets time pass on the app's fake clock (refused if the test gave the app a clock that is not fake).</summary>
    public void Advance(TimeSpan by) =>
        (Clock as FakeTimeProvider ?? throw new InvalidOperationException("The app's clock is not a FakeTimeProvider")).Advance(by);

    public Engine Engine => database.Engine;
    public string ConnectionString => database.ConnectionString;

    public static string Email(string role) => DemoBorough.Accounts().First(a => a.Role == role && a.Council == "Northbridge").Email;
    public const string EastholmCommissioner = "commissioner@eastholm.example";

    /// <summary>
    /// Starts the app on a fresh database of the engine; the app migrates it and seeds the demo borough (unless
    /// <paramref name="demo"/> is false: then the database has only the roles). The app's time is the test's: a fake
    /// clock (<paramref name="clock"/>, else the database's, fixed at <see cref="TestClock.Start"/>) for the demo,
    /// the sourcing clocks, the audit and sign-in.
    /// </summary>
    public static async Task<CareMarketApp> StartAsync(Engine engine, bool kestrel = false, TimeProvider? clock = null, bool demo = true)
    {
        // The demo seeded at the tests' start moment is copied from one seeded per run; at another moment it is seeded afresh.
        var database = demo && (clock is null || clock.GetUtcNow() == TestClock.Start)
            ? await DemoDatabase.CopyAsync(engine)
            : await TestDatabase.CreateAsync(engine);
        var app = new CareMarketApp(database, kestrel, clock, demo);
        if (kestrel)
        {
            app.UseKestrel(0);
            app.StartServer();
        }
        else
        {
            _ = app.Server; // builds the host: migrates and seeds
        }
        return app;
    }

    /// <summary>
    /// Starts the app, without the demo, on a database the test has already filled (for example by running the
    /// command line on it, as a council sets itself up). The app owns the database from then on and drops it when disposed.
    /// </summary>
    public static CareMarketApp StartOn(TestDatabase database, bool kestrel = false)
    {
        var app = new CareMarketApp(database, kestrel, null, demo: false);
        if (kestrel)
        {
            app.UseKestrel(0);
            app.StartServer();
        }
        else
        {
            _ = app.Server;
        }
        return app;
    }

    /// <summary>The root address of the Kestrel server (kestrel: true), such as http://127.0.0.1:41234.</summary>
    public Uri RootUri =>
        new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:CareMarket", database.ConnectionString);
        builder.UseSetting("Demo:Seed", demo ? "true" : "false");
        builder.ConfigureLogging(l => l.ClearProviders().SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureServices(s => s.AddSingleton(Clock));
    }

    /// <summary>A context as the system (sees every council), for arranging and checking data.</summary>
    public CareMarketDb Db() => database.NewContext(Actor.System, Clock);

    /// <summary>Test data in the app's database, on the app's clock (dispose it when done).</summary>
    public TestData Data() => new(Db(), ownsContext: true);

    /// <summary>A client that keeps cookies and never follows redirects, so tests see each 302.</summary>
    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>
    /// A client signed in as a demo account, or a user made by <see cref="TestData.UserAsync"/> (same password),
    /// by posting the sign-in form with its antiforgery token.
    /// </summary>
    public async Task<HttpClient> SignedInAsync(string email)
    {
        var client = Client();
        var response = await SignInAsync(client, email, DemoBorough.Password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {email} answered {(int)response.StatusCode}, not 302");
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var token = await AntiforgeryTokenAsync(client);
        return await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>An antiforgery token for the client's current user, from the sign-in form.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/account/sign-in");
        return TokenPattern().Match(html) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token on the sign-in page");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>
    /// Issues an API key for a provider (default: the demo provider user's, Hawthorn) at a council (default: the demo's
    /// Northbridge, or without the demo the council the provider's first service stands in).
    /// </summary>
    public async Task<string> IssueApiKeyAsync(int? providerId = null, int? councilId = null)
    {
        await using var db = Db();
        var provider = providerId ?? (await HawthornAsync()).Id;
        var council = councilId
            ?? await db.LocalAuthorities.Where(l => l.OnsCode == DemoBorough.HomeOnsCode).Select(l => (int?)l.Id).FirstOrDefaultAsync()
            ?? await db.Services.Where(s => s.ProviderId == provider && s.HostLocalAuthorityId != null).OrderBy(s => s.Id)
                .Select(s => s.HostLocalAuthorityId).FirstAsync();
        return await ApiKeys.IssueAsync(db, council!.Value, provider, "test key");
    }

    public async Task<HttpClient> ApiKeyClientAsync(int? providerId = null, int? councilId = null)
    {
        var client = Client();
        client.DefaultRequestHeaders.Add(ApiKeys.Header, await IssueApiKeyAsync(providerId, councilId));
        return client;
    }

    public async Task<Provider> HawthornAsync()
    {
        await using var db = Db();
        return await db.Providers.AsNoTracking().FirstAsync(p => p.Name == "Hawthorn Care Group");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }
}
