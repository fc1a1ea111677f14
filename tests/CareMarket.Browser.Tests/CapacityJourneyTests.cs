using System.Text.RegularExpressions;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Demo;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CareMarket.Browser.Tests;

/// <summary>
/// A provider reports a vacancy through the form and a broker sees it on the capacity overview straight away; the
/// form's errors follow the GOV.UK pattern; every capacity page is scanned with axe.
/// </summary>
public class CapacityJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string ProviderUser = CareMarketApp.Email(Roles.Provider);

    /// <summary>
    /// One of Hawthorn's Northbridge care homes whose latest return says it is accepting admissions, with a bed category
    /// that has two occupied beds to free; and that latest return.
    /// </summary>
    private async Task<(Service Home, CapacityReturn Latest, BedLine Line)> HawthornHomeAsync()
    {
        await using var db = browser.App.Db();
        var home = await db.LocalAuthorities.Where(l => l.OnsCode == DemoBorough.HomeOnsCode).Select(l => l.Id).FirstAsync();
        var homes = await db.Services.AsNoTracking().Include(s => s.Provider)
            .Where(s => s.HostLocalAuthorityId == home && s.Status == ServiceStatus.Active && s.Provider!.Name == "Hawthorn Care Group")
            .OrderBy(s => s.Id).ToListAsync();
        foreach (var s in homes.Where(s => CapacityReports.KindOf(s) == CapacityKind.Beds))
        {
            var latest = await db.CapacityReturns.AsNoTracking().Include(r => r.Beds).Where(r => r.ServiceId == s.Id)
                .OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync();
            if (latest is { AcceptingAdmissions: true } && latest.Beds.FirstOrDefault(b => b.Occupied >= 2) is { } line) return (s, latest, line);
        }
        throw new InvalidOperationException("The demo has no Hawthorn care home in Northbridge with two occupied beds to free");
    }

    private static string Field(BedCategory category, string field) => $"#Input_Beds_{category}__{field}";

    private static async Task<int> FigureAsync(IPage page) => int.Parse(await page.Locator("#figure-accepting").InnerTextAsync());

    private static ILocator ServiceRow(IPage page, string name) =>
        page.Locator("#services-table tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });

    [Fact]
    public async Task Provider_reports_a_vacancy_and_the_broker_sees_it_on_the_overview()
    {
        var (home, latest, line) = await HawthornHomeAsync();

        // The broker's picture before.
        var broker = await browser.NewPageAsync();
        await broker.GotoAsync("/account/sign-in");
        await broker.SignInAsync(CareMarketApp.Email(Roles.Broker));
        await broker.GotoAsync("/capacity");
        await Assertions.Expect(broker.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Capacity: where there is room today");
        var before = await FigureAsync(broker);
        // The services are listed a page at a time: the broker looks the home up.
        await broker.Locator("#search").FillAsync(home.Name);
        await broker.GetByRole(AriaRole.Button, new() { Name = "Show services" }).ClickAsync();
        await Assertions.Expect(broker.Locator("#services-count")).ToContainTextAsync(" of ");
        var rowBefore = ServiceRow(broker, home.Name);
        (await rowBefore.Locator("td").Nth(5).InnerTextAsync()).Trim().ShouldBe(latest.Beds.Sum(b => b.VacantAccepting).ToString());

        // The provider signs in, opens Capacity returns and reports for the home.
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.SignInAsync(ProviderUser);
        await page.GetByRole(AriaRole.Link, new() { Name = "Capacity returns", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Capacity returns");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Report now for {home.Name}", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/capacity/services/{home.Id}/report$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Report capacity");

        // The form starts from the last return.
        var occupied = page.Locator(Field(line.Category, "Occupied"));
        var accepting = page.Locator(Field(line.Category, "VacantAccepting"));
        await Assertions.Expect(occupied).ToHaveValueAsync(line.Occupied.ToString());
        await Assertions.Expect(accepting).ToHaveValueAsync(line.VacantAccepting.ToString());
        await Assertions.Expect(page.Locator("#accepting-yes")).ToBeCheckedAsync();

        // Two beds freed: occupied down by 2, vacant accepting admissions up by 2.
        await occupied.FillAsync((line.Occupied - 2).ToString());
        await accepting.FillAsync((line.VacantAccepting + 2).ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Send return" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/capacity/our-services$"));
        var banner = page.Locator(".govuk-notification-banner--success");
        await Assertions.Expect(banner).ToContainTextAsync($"Capacity of {home.Name} reported.");
        await Assertions.Expect(page.Locator("#our-services tbody tr").Filter(new() { HasText = home.Name })).ToContainTextAsync("Up to date");
        await page.ShouldHaveNoAxeViolationsAsync("capacity returns with the success banner");

        // The broker, in their own browser, sees the new figure for the home and two more beds accepting admissions.
        await broker.ReloadAsync();
        (await FigureAsync(broker)).ShouldBe(before + 2);
        var row = ServiceRow(broker, home.Name);
        (await row.Locator("td").Nth(5).InnerTextAsync()).Trim().ShouldBe((latest.Beds.Sum(b => b.VacantAccepting) + 2).ToString());
        await Assertions.Expect(row.Locator("td").Nth(2)).ToContainTextAsync("Up to date");
        await Assertions.Expect(row.Locator("td").Nth(2)).ToContainTextAsync("today");
        await broker.ShouldHaveNoAxeViolationsAsync("capacity overview (broker)");

        // The home's history, newest first, as the broker reads it.
        await row.GetByRole(AriaRole.Link, new() { Name = home.Name, Exact = true }).ClickAsync();
        await Assertions.Expect(broker.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Capacity of {home.Name}");
        await broker.ShouldHaveNoAxeViolationsAsync("capacity history of a service");
    }

    [Fact]
    public async Task Wrong_values_in_the_report_form_show_the_error_summary_linking_to_the_field()
    {
        var (home, _, line) = await HawthornHomeAsync();
        int returnsBefore;
        await using (var db = browser.App.Db()) returnsBefore = await db.CapacityReturns.CountAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.SignInAsync(ProviderUser);
        await page.GotoAsync("/capacity/our-services");
        await page.ShouldHaveNoAxeViolationsAsync("capacity returns (provider)");
        await page.GotoAsync($"/capacity/services/{home.Id}/report");
        await page.ShouldHaveNoAxeViolationsAsync("report form");
        await page.ScreenshotToAsync("capacity-report.png");

        // Not a number.
        var occupiedId = Field(line.Category, "Occupied");
        await page.Locator(occupiedId).FillAsync("lots");
        var reservedId = Field(line.Category, "VacantReserved");
        await page.Locator(reservedId).FillAsync("x");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send return" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Heading)).ToHaveTextAsync("There is a problem");
        var link = summary.GetByRole(AriaRole.Link, new() { Name = "Enter a number for occupied beds" });
        await Assertions.Expect(link).ToHaveAttributeAsync("href", occupiedId);
        await Assertions.Expect(page.Locator(occupiedId)).ToHaveClassAsync(new Regex("govuk-input--error"));
        await Assertions.Expect(page.Locator(occupiedId)).ToHaveValueAsync("lots");
        // Each wrong field has its message next to it, not only the occupied beds.
        await Assertions.Expect(page.Locator($"{reservedId}-error")).ToContainTextAsync("Enter a number for reserved vacant beds");
        await Assertions.Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Enter a number for reserved vacant beds" })).ToHaveAttributeAsync("href", reservedId);
        await page.ShouldHaveNoAxeViolationsAsync("report form with a number error");
        await link.ClickAsync();
        await Assertions.Expect(page.Locator(occupiedId)).ToBeFocusedAsync();

        // Impossible figures: more beds used than there are.
        await page.Locator(reservedId).FillAsync(line.VacantReserved.ToString());
        await page.Locator(occupiedId).FillAsync((line.MaxCapacity + 1).ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Send return" }).ClickAsync();
        var rule = summary.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("cannot be more than the maximum capacity") });
        await Assertions.Expect(rule).ToHaveAttributeAsync("href", occupiedId);
        await Assertions.Expect(page.Locator($"{occupiedId}-error")).ToContainTextAsync("cannot be more than the maximum capacity");
        await page.ShouldHaveNoAxeViolationsAsync("report form with a rule error");
        await page.ScreenshotToAsync("capacity-report-errors.png");

        // Nothing was written.
        await using var check = browser.App.Db();
        (await check.CapacityReturns.CountAsync()).ShouldBe(returnsBefore);
    }

    [Fact]
    public async Task Capacity_overview_and_import_pages_have_no_axe_violations()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.SignInAsync(CareMarketApp.Email(Roles.Commissioner));
        await page.GotoAsync("/capacity");
        await Assertions.Expect(page.Locator("#services-table tbody tr").First).ToBeVisibleAsync();
        // Give the charts a moment to draw before the picture.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('canvas')].every(c => c.width > 0)");
        await page.ScreenshotToAsync("capacity.png", height: 1400);
        await page.ShouldHaveNoAxeViolationsAsync("capacity overview (commissioner)");
        await page.GetByRole(AriaRole.Link, new() { Name = "Import an NHS Capacity Tracker extract" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Import an NHS Capacity Tracker extract");
        await page.ShouldHaveNoAxeViolationsAsync("capacity tracker import");
    }
}
