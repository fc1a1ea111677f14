using CareMarket.Data;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

// Each test class has its own app (seeding a demo borough) and Chromium. Seven of them starting at once on two cores
// made a page take over 30 s in CI; two at a time keeps the suite about as fast and each journey's pages prompt.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]

namespace CareMarket.Browser.Tests;

/// <summary>
/// One app on a real Kestrel port (SQLite, demo borough, a fresh database) and one headless Debian Chromium, per
/// test class. Never downloads a browser.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public CareMarketApp App { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public static string Artifacts => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var app = CareMarketApp.StartAsync(Engine.Sqlite, kestrel: true);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        App = await app;
    }

    /// <summary>A fresh browser context (its own cookies) on the app, or on another app the test started, and a page in it.</summary>
    public async Task<IPage> NewPageAsync(CareMarketApp? on = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (on ?? App).RootUri.ToString().TrimEnd('/'),
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(30_000); // generous: CI has two cores, and a slow page is not a failure of the journey
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}

public static class PageExtensions
{
    public static async Task SignInAsync(this IPage page, string email, string password = Demo.DemoBorough.Password)
    {
        if (!page.Url.Contains("/account/sign-in")) await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Runs axe on the page and fails with each violation's id, impact, target and help if there are any.</summary>
    public static async Task ShouldHaveNoAxeViolationsAsync(this IPage page, string name)
    {
        var result = await page.RunAxe();
        var violations = result.Violations.SelectMany(v => v.Nodes.Select(n =>
            $"{v.Id} ({v.Impact}) at {n.Target}: {v.Help} [{v.HelpUrl}]{Environment.NewLine}    {n.Html}")).ToList();
        violations.ShouldBeEmpty($"axe violations on {name} ({page.Url}):{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }

    /// <summary>Saves a screenshot under bin/…/screenshots: the whole page, or its top <paramref name="height"/> pixels.</summary>
    public static async Task ScreenshotToAsync(this IPage page, string name, int? height = null)
    {
        Directory.CreateDirectory(BrowserFixture.Artifacts);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.Artifacts, name), FullPage = true,
            Clip = height is { } h ? new Clip { X = 0, Y = 0, Width = page.ViewportSize!.Width, Height = h } : null,
        });
    }
}
