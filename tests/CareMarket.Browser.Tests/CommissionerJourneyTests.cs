using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CareMarket.Data;
using CareMarket.Demo;
using CareMarket.Register;
using CareMarket.Web.Pages.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CareMarket.Browser.Tests;

/// <summary>A commissioner's morning: overview, register, filters, search, a service, its provider, the CSV, sign out.
/// Every page on the way is scanned with axe.</summary>
public class CommissionerJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Commissioner_finds_a_service_reads_its_history_downloads_the_register_and_signs_out()
    {
        // A Northbridge care home with nursing, rated Good, with a rating history, to find on the way.
        Service target;
        await using (var db = browser.App.Db())
        {
            var home = await db.LocalAuthorities.Where(l => l.OnsCode == DemoBorough.HomeOnsCode).Select(l => l.Id).FirstAsync();
            var candidates = db.Services.Include(s => s.Provider).Where(s => s.HostLocalAuthorityId == home && s.Status == ServiceStatus.Active
                && s.ServiceType == ServiceType.CareHomeWithNursing && s.CurrentRating!.Overall == RatingWord.Good);
            target = await candidates.OrderByDescending(s => db.Ratings.Count(r => r.ServiceId == s.Id)).ThenBy(s => s.Id).FirstAsync();
        }
        var page = await browser.NewPageAsync();

        // Sign in.
        await page.GotoAsync("/");
        page.Url.ShouldContain("/account/sign-in");
        await page.ShouldHaveNoAxeViolationsAsync("sign-in");
        await page.SignInAsync(CareMarketApp.Email(Roles.Commissioner));

        // The overview shows figures.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Northbridge: the care market at a glance");
        var figures = await page.Locator(".caremarket-figure").AllInnerTextsAsync();
        figures.Count.ShouldBe(7); // four from the register, three from capacity
        int.Parse(figures[0]).ShouldBeGreaterThan(0);
        int.Parse(figures[1]).ShouldBeGreaterThan(0);
        figures[2].ShouldMatch(@"^\d+%$");
        int.Parse(figures[4]).ShouldBeGreaterThan(0); // beds accepting admissions today
        (await page.Locator("#types-table tbody tr").CountAsync()).ShouldBeGreaterThan(3);
        await page.ShouldHaveNoAxeViolationsAsync("overview");

        // The register, with its filters open.
        await page.GetByRole(AriaRole.Link, new() { Name = "Provider and service register" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Provider and service register");
        await page.Locator("details.govuk-details summary").ClickAsync();
        await Assertions.Expect(page.Locator("#kq-Safe")).ToBeVisibleAsync();
        await page.ShouldHaveNoAxeViolationsAsync("register with filters open");

        // Filter: care homes with nursing rated Good.
        await page.SelectOptionAsync("#serviceType", "CareHomeWithNursing");
        await page.SelectOptionAsync("#overall", "Good");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("serviceType=CareHomeWithNursing"));
        var rows = page.Locator("#register-table tbody tr");
        var count = await rows.CountAsync();
        count.ShouldBeGreaterThan(0);
        (await page.Locator("[role=status] strong").InnerTextAsync()).ShouldBe(count.ToString());
        for (var i = 0; i < count; i++)
        {
            var cells = rows.Nth(i).Locator("td");
            (await cells.Nth(2).InnerTextAsync()).ShouldStartWith("Care home with nursing");
            (await cells.Nth(6).InnerTextAsync()).ShouldStartWith("Good");
        }
        await Assertions.Expect(page.Locator("details.govuk-details")).Not.ToHaveAttributeAsync("open", "");
        await page.ScreenshotToAsync("register.png", height: 1500);

        // Download the filtered register as CSV: the header and a row per service found.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true }).ClickAsync());
        download.SuggestedFilename.ShouldBe("register.csv");
        var csv = (await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8)).TrimStart('\uFEFF');
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        lines[0].ShouldBe(string.Join(",", RegisterExport.Headings));
        (lines.Count - 1).ShouldBe(count);
        lines.Skip(1).ShouldAllBe(l => l.Contains(",Care home with nursing,") && l.Contains(",Good,"));

        // Search by the target's postcode.
        await page.GotoAsync("/register");
        await page.FillAsync("#search", target.Postcode!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("search="));
        var found = await page.Locator("#register-table tbody tr td:first-child").AllInnerTextsAsync();
        found.ShouldNotBeEmpty();
        found.ShouldAllBe(t => t.Contains(target.Postcode!));
        found.ShouldContain(t => t.Contains(target.Name));

        // Open the service: its rating history is newest first.
        await page.GetByRole(AriaRole.Link, new() { Name = target.Name, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(target.Name);
        var dates = (await page.Locator("#rating-history tbody tr td:first-child").AllInnerTextsAsync()).Select(ParseDate).ToList();
        dates.ShouldNotBeEmpty();
        dates.ShouldBe(dates.OrderByDescending(d => d).ToList());
        await page.ShouldHaveNoAxeViolationsAsync("service page");
        await page.ScreenshotToAsync("service.png");

        // Its provider.
        await page.Locator("dd a[href^='/register/providers/']").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(target.Provider!.Name);
        (await page.Locator("#provider-services tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        await page.ShouldHaveNoAxeViolationsAsync("provider page");

        // The access denied page.
        await page.GotoAsync("/account/access-denied");
        await page.ShouldHaveNoAxeViolationsAsync("access denied");

        // Sign out: the register is behind the sign-in page again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/account/sign-in"));
        await page.GotoAsync("/register");
        page.Url.ShouldContain("/account/sign-in");
    }

    private static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text.Trim(), "d MMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : DateOnly.ParseExact(text.Trim(), "d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
}
