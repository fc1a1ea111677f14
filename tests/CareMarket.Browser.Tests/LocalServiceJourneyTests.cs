using CareMarket.Data;
using Microsoft.Playwright;

namespace CareMarket.Browser.Tests;

/// <summary>A commissioner adds a day centre CQC does not register, puts a mistake right, finds it in the register and
/// records its closure. Every page on the way is scanned with axe.</summary>
public class LocalServiceJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Commissioner_adds_a_day_centre_finds_it_in_the_register_and_records_its_closure()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.SignInAsync(CareMarketApp.Email(Roles.Commissioner));
        await page.GotoAsync("/register");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a service not registered with CQC" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Add a service not registered with CQC");
        await page.ShouldHaveNoAxeViolationsAsync("add a local service");

        // Nothing filled in: each missing field is named in the error summary.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the service" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Enter the service's name");
        await Assertions.Expect(summary).ToContainTextAsync("Choose the type of service");
        await Assertions.Expect(summary).ToContainTextAsync("Enter the postcode");
        await page.ShouldHaveNoAxeViolationsAsync("add a local service with errors");

        await page.FillAsync("#Input_Name", "Riverside Day Centre");
        await page.FillAsync("#Input_ProviderName", "Northbridge Community Trust");
        await page.SelectOptionAsync("#Input_ServiceType", "DayOpportunities");
        await page.CheckAsync("#specialism-LearningDisability");
        await page.FillAsync("#Input_Street", "1 Mill Lane");
        await page.FillAsync("#Input_City", "Northbridge");
        await page.FillAsync("#Input_Postcode", "nb4 5xy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the service" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Riverside Day Centre");
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Service added to the register.");
        await Assertions.Expect(page.Locator(".govuk-summary-list")).ToContainTextAsync("Not registered with CQC: the council keeps its record");
        await Assertions.Expect(page.Locator(".govuk-summary-list")).ToContainTextAsync("NB4 5XY");
        await page.ShouldHaveNoAxeViolationsAsync("the new service");
        await page.ScreenshotToAsync("local-service.png");
        var serviceUrl = page.Url;

        // It is in the register, in the council's own area.
        await page.GotoAsync("/register?search=Riverside+Day");
        await Assertions.Expect(page.Locator("#register-table tbody tr")).ToHaveCountAsync(1);

        // Closed: it leaves the active register.
        await page.GotoAsync(serviceUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "Change it" }).ClickAsync();
        await page.FillAsync("#ClosedOn_Day", TestClock.Today.Day.ToString());
        await page.FillAsync("#ClosedOn_Month", TestClock.Today.Month.ToString());
        await page.FillAsync("#ClosedOn_Year", TestClock.Today.Year.ToString());
        await page.ShouldHaveNoAxeViolationsAsync("change a local service");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record it as closed" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("The service is recorded as closed.");
        await page.GotoAsync("/register?search=Riverside+Day");
        await Assertions.Expect(page.Locator("#register-table tbody tr")).ToHaveCountAsync(0);
    }
}
