using System.Text.RegularExpressions;
using CareMarket.Data;
using Microsoft.Playwright;

namespace CareMarket.Browser.Tests;

/// <summary>
/// "Set up CareMarket for your council" (README), exactly as written: the command line on an empty database, the CQC
/// API played by a stand-in serving CQC's published shapes, then the first administrator opens the printed link, sets a
/// password, signs in and sees Oldham's own market, and none of the demo. Every page on the way is scanned with axe.
/// </summary>
public partial class CouncilSetUpJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [GeneratedRegex(@"^(http://\S+/account/set-password\?\S+)$", RegexOptions.Multiline)]
    private static partial Regex LinkPattern();

    [Fact]
    public async Task A_council_sets_itself_up_from_nothing_and_its_administrator_sees_its_own_market()
    {
        var database = await TestDatabase.CreateAsync(Engine.Sqlite, migrated: false);
        await using var cqc = await CqcStub.StartAsync();
        var folder = Directory.CreateTempSubdirectory("caremarket-setup-").FullName;
        var areas = Path.Combine(folder, "oldham-areas.csv");
        await File.WriteAllTextAsync(areas, "area,kind,district\nOldham West,locality,OL1\nOldham West,locality,OL9\nOldham South,locality,OL8\nWest patch,patch,OL1\nSouth patch,patch,OL8\n");
        var db = new[] { "--database", database.ConnectionString };
        var cqcKey = new Dictionary<string, string>
        {
            ["Cqc__ApiKey"] = CqcStub.SubscriptionKey, ["Cqc__PartnerCode"] = CqcStub.PartnerCode, ["Cqc__BaseAddress"] = cqc.BaseAddress.ToString(),
        };

        // The README's six steps (the sixth, opening the app, is the app started below on the same database).
        var steps = new (string[] Args, IReadOnlyDictionary<string, string>? Environment)[]
        {
            (["council", "add", "E08000004"], null),
            (["council", "neighbours", "E08000004", "--add", "E08000005", "E08000003", "E08000008"], null),
            (["council", "areas", "E08000004", areas], null),
            (["user", "add", "you@oldham.gov.uk", "--council", "E08000004", "--role", "administrator"], null),
            (["sync", "cqc", "--local-authority", "Oldham"], cqcKey),
        };
        var outputs = new List<string>();
        foreach (var (args, environment) in steps)
        {
            string[] command = [.. db, .. args];
            var (exit, output) = await CommandLine.RunAsync(environment, null, command);
            exit.ShouldBe(0, $"caremarket {string.Join(' ', args)}:{Environment.NewLine}{output}");
            outputs.Add(output);
        }
        var link = LinkPattern().Match(outputs[3]).Groups[1].Value;
        link.ShouldStartWith("http://localhost:5000/account/set-password?");

        await using var app = CareMarketApp.StartOn(database, kestrel: true);
        var page = await browser.NewPageAsync(app);

        // The administrator opens the link (on this server) and sets a password: a common one is refused first.
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Set your password");
        await page.ShouldHaveNoAxeViolationsAsync("set your password");
        await page.FillAsync("#Password", "password1234");
        await page.FillAsync("#ConfirmPassword", "password1234");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        const string password = "lantern orchard pebble tide";
        await page.FillAsync("#Password", password);
        await page.FillAsync("#ConfirmPassword", password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/account/sign-in"));

        await page.SignInAsync("you@oldham.gov.uk", password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Oldham");
        await page.ShouldHaveNoAxeViolationsAsync("Oldham's overview");

        // The register is Oldham's own: its two CQC locations from the sync, placed in the locality of OL8, no demo.
        await page.GotoAsync("/register");
        var names = await page.Locator("#register-table tbody tr td:first-child").AllInnerTextsAsync();
        names.Count.ShouldBe(2);
        names.ShouldAllBe(n => n.Contains("Hollins Grange"));
        (await page.Locator("#register-table tbody").InnerTextAsync()).ShouldContain("Oldham South");
        (await page.ContentAsync()).ShouldNotContain("Northbridge");
        await page.ShouldHaveNoAxeViolationsAsync("Oldham's register");
        await page.ScreenshotToAsync("council-set-up-register.png", height: 1400);

        await page.GotoAsync("/admin/council");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Rochdale");
        await page.ShouldHaveNoAxeViolationsAsync("Oldham's set-up page");
        Directory.Delete(folder, recursive: true);
    }
}
