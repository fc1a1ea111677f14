using System.Text.RegularExpressions;
using CareMarket.Brokerage;
using CareMarket.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CareMarket.Browser.Tests;

/// <summary>
/// A broker puts a care request on hold because the person went into hospital, sees its clock paused on the request
/// and in the queue, and resumes it when they are ready. Every page visited is scanned with axe.
/// </summary>
public class HoldJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Broker_puts_a_request_on_hold_sees_the_clock_paused_and_resumes_it()
    {
        // A request sent to providers and not on hold: the first in the demo queue.
        int id;
        string reference;
        await using (var db = browser.App.Db())
        {
            var request = await db.CareRequests.Include(r => r.Person).Where(r => r.Status == RequestStatus.SentToProviders)
                .OrderBy(r => r.Id).FirstAsync();
            (id, reference) = (request.Id, request.Person!.Reference);
        }

        var broker = await browser.NewPageAsync();
        await broker.SignInAsync(CareMarketApp.Email(Roles.Broker));
        await broker.GotoAsync("/brokerage");
        await broker.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await broker.WaitForURLAsync(new Regex($"/brokerage/requests/{id}$"));
        await Assertions.Expect(broker.Locator("#request-status")).ToHaveTextAsync("Sent to providers");
        await Assertions.Expect(broker.Locator("#clock-due")).ToContainTextAsync(" on ");
        await broker.ShouldHaveNoAxeViolationsAsync("care request before the hold");

        // No reason chosen: the GOV.UK error summary says so, and links to the first reason.
        await broker.GetByRole(AriaRole.Button, new() { Name = "Put on hold" }).ClickAsync();
        await Assertions.Expect(broker.Locator(".govuk-error-summary")).ToContainTextAsync("Choose why the request is on hold");
        await Assertions.Expect(broker.Locator("#HoldReason-error")).ToBeVisibleAsync();
        await broker.ShouldHaveNoAxeViolationsAsync("hold with no reason");

        // On hold because the person is in hospital: the clock is paused.
        await broker.GetByLabel("The person is in hospital").CheckAsync();
        await broker.GetByRole(AriaRole.Button, new() { Name = "Put on hold" }).ClickAsync();
        await Assertions.Expect(broker.Locator(".govuk-notification-banner")).ToContainTextAsync("The request is on hold");
        await Assertions.Expect(broker.Locator("#request-status")).ToHaveTextAsync("On hold");
        await Assertions.Expect(broker.Locator("#clock-due")).ToHaveTextAsync("Clock paused while the request is on hold");
        await Assertions.Expect(broker.Locator("#history-table tbody tr").Last).ToContainTextAsync("Sent to providers to on hold");
        await Assertions.Expect(broker.Locator("#history-table tbody tr").Last).ToContainTextAsync("The person is in hospital");
        await Assertions.Expect(broker.GetByRole(AriaRole.Button, new() { Name = "Put on hold" })).ToHaveCountAsync(0);
        await broker.ShouldHaveNoAxeViolationsAsync("care request on hold");
        await broker.ScreenshotToAsync("brokerage-hold.png", height: 1300);

        // The queue shows it on hold, its clock paused.
        await broker.GotoAsync("/brokerage");
        var row = broker.Locator("#queue-table tbody tr").Filter(new() { Has = broker.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }) });
        await Assertions.Expect(row).ToContainTextAsync("On hold");
        await Assertions.Expect(row).ToContainTextAsync("Clock paused");
        await broker.ShouldHaveNoAxeViolationsAsync("queue with a request on hold");

        // Resumed an hour later (the app's clock is fixed: time passes only when the test says so): back to sent to
        // providers, and the clock runs with a due time again.
        browser.App.Advance(TimeSpan.FromHours(1));
        await row.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await broker.GetByRole(AriaRole.Button, new() { Name = "Resume the request" }).ClickAsync();
        await Assertions.Expect(broker.Locator(".govuk-notification-banner")).ToContainTextAsync("The request is resumed");
        await Assertions.Expect(broker.Locator("#request-status")).ToHaveTextAsync("Sent to providers");
        await Assertions.Expect(broker.Locator("#clock-due")).Not.ToContainTextAsync("paused");
        await Assertions.Expect(broker.Locator("#history-table tbody tr").Last).ToContainTextAsync("On hold to sent to providers");
        await broker.ShouldHaveNoAxeViolationsAsync("care request resumed");
    }
}
