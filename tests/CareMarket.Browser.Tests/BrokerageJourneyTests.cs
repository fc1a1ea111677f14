using System.Text.RegularExpressions;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Demo;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CareMarket.Browser.Tests;

/// <summary>
/// The brokerage journey through the pages: a broker creates a request for a dementia residential bed, sees the ranked
/// matches with reasons, sends it to a Hawthorn home; the Hawthorn provider user offers; the broker awards and the
/// request is sourced. Every page visited is scanned with axe.
/// </summary>
public class BrokerageJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>A Hawthorn care home (without nursing) in Northbridge that offers dementia care and, by its latest return, has a free bed of a category; and that category.</summary>
    private async Task<(Service Home, BedCategory Category, string AreaName)> HawthornHomeAsync()
    {
        await using var db = browser.App.Db();
        var northbridge = await db.LocalAuthorities.Where(l => l.OnsCode == DemoBorough.HomeOnsCode).Select(l => l.Id).FirstAsync();
        var homes = await db.Services.AsNoTracking().Include(s => s.Provider)
            .Where(s => s.HostLocalAuthorityId == northbridge && s.Status == ServiceStatus.Active && s.Provider!.Name == "Hawthorn Care Group"
                && s.ServiceType == ServiceType.CareHomeWithoutNursing && s.AreaId != null)
            .OrderBy(s => s.Id).ToListAsync();
        foreach (var s in homes.Where(s => s.Specialisms.HasFlag(Specialism.Dementia)))
        {
            var latest = await db.CapacityReturns.AsNoTracking().Include(r => r.Beds).Where(r => r.ServiceId == s.Id)
                .OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync();
            if (latest is not { AcceptingAdmissions: true }) continue;
            foreach (var category in new[] { BedCategory.DementiaResidential, BedCategory.Residential })
            {
                if (latest.Beds.FirstOrDefault(b => b.Category == category) is { VacantAccepting: > 0 })
                {
                    var area = await db.Areas.Where(a => a.Id == s.AreaId).Select(a => a.Name).FirstAsync();
                    return (s, category, area);
                }
            }
        }
        throw new InvalidOperationException("The demo has no Hawthorn dementia care home in Northbridge with a free bed");
    }

    [Fact]
    public async Task Broker_creates_sends_provider_offers_broker_awards()
    {
        var (home, category, area) = await HawthornHomeAsync();
        var reference = $"BRT-{Guid.NewGuid():N}"[..16];

        // The broker opens brokerage and creates a request.
        var broker = await browser.NewPageAsync();
        await broker.SignInAsync(CareMarketApp.Email(Roles.Broker));
        await broker.GetByRole(AriaRole.Link, new() { Name = "Brokerage", Exact = true }).ClickAsync();
        await Assertions.Expect(broker.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Brokerage: requests waiting to be sourced");
        await broker.ShouldHaveNoAxeViolationsAsync("brokerage queue");
        await broker.GetByRole(AriaRole.Button, new() { Name = "Create a care request" }).ClickAsync();
        await broker.WaitForURLAsync(new Regex("/brokerage/requests/new$"));
        await broker.ShouldHaveNoAxeViolationsAsync("create a care request");

        // Submitted empty: the errors follow the GOV.UK pattern.
        await broker.GetByRole(AriaRole.Button, new() { Name = "Create request" }).ClickAsync();
        await Assertions.Expect(broker.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the person's reference");
        await Assertions.Expect(broker.Locator("#Input_WantedStart-error")).ToBeVisibleAsync();
        await broker.ShouldHaveNoAxeViolationsAsync("create a care request with errors");

        await broker.FillAsync("#Input_PersonReference", reference);
        await broker.SelectOptionAsync("#Input_AgeBand", "From85");
        await broker.SelectOptionAsync("#Input_SupportReason", "SupportWithMemoryAndCognition");
        await broker.SelectOptionAsync("#Input_HomeAreaId", new SelectOptionValue { Label = area });
        await broker.SelectOptionAsync("#Input_ServiceType", "CareHomeWithoutNursing");
        await broker.SelectOptionAsync("#Input_BedCategory", category.ToString());
        await broker.CheckAsync("#specialism-Dementia");
        var start = browser.App.Now.AddDays(7);
        await broker.FillAsync("#Input_WantedStart_Day", start.Day.ToString());
        await broker.FillAsync("#Input_WantedStart_Month", start.Month.ToString());
        await broker.FillAsync("#Input_WantedStart_Year", start.Year.ToString());
        await broker.CheckAsync("#priority-Routine");
        await broker.GetByRole(AriaRole.Button, new() { Name = "Create request" }).ClickAsync();
        await broker.WaitForURLAsync(new Regex(@"/brokerage/requests/\d+$"));
        var requestUrl = new Uri(broker.Url).AbsolutePath;
        await Assertions.Expect(broker.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(reference);

        // The ranked matches, with reasons; the home is among them.
        var row = broker.Locator("#matches-table tbody tr").Filter(new() { Has = broker.GetByRole(AriaRole.Rowheader, new() { Name = home.Name, Exact = true }) });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        (await broker.Locator("#matches-table tbody tr").First.Locator("li").CountAsync()).ShouldBeGreaterThan(0);
        await broker.ShouldHaveNoAxeViolationsAsync("care request with matches");

        // Sent to the home.
        await row.Locator("input[type=checkbox]").CheckAsync();
        await broker.GetByRole(AriaRole.Button, new() { Name = "Send to the chosen services" }).ClickAsync();
        await Assertions.Expect(broker.Locator(".govuk-notification-banner")).ToContainTextAsync("Request sent to 1 services");
        await Assertions.Expect(broker.Locator("#request-status")).ToHaveTextAsync("Sent to providers");

        // The provider sees the requirement, never the person, and offers.
        var provider = await browser.NewPageAsync();
        await provider.SignInAsync(CareMarketApp.Email(Roles.Provider));
        await provider.GetByRole(AriaRole.Link, new() { Name = "Requests for care", Exact = true }).ClickAsync();
        await Assertions.Expect(provider.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Requests for care");
        (await provider.ContentAsync()).ShouldNotContain(reference);
        await provider.ShouldHaveNoAxeViolationsAsync("requests for care (provider)");
        var requestId = requestUrl.Split('/').Last();
        var card = provider.Locator($"#invitation-{requestId}-{home.Id}");
        await card.Locator("input[name=WeeklyPrice]").FillAsync("975");
        await card.Locator("input[name='StartDate.Day']").FillAsync(start.Day.ToString());
        await card.Locator("input[name='StartDate.Month']").FillAsync(start.Month.ToString());
        await card.Locator("input[name='StartDate.Year']").FillAsync(start.Year.ToString());
        await card.Locator("textarea[name=Description]").FillAsync("Ground-floor room overlooking the garden");
        await card.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(provider.Locator(".govuk-notification-banner")).ToContainTextAsync("Offer sent");
        await provider.ShouldHaveNoAxeViolationsAsync("requests for care after an offer");

        // The broker sees the offer ranked and awards it.
        await broker.GotoAsync(requestUrl);
        var offer = broker.Locator(".offer").First;
        await Assertions.Expect(offer).ToContainTextAsync(home.Name);
        await Assertions.Expect(offer).ToContainTextAsync("£975.00");
        await broker.ShouldHaveNoAxeViolationsAsync("care request with an offer");
        await offer.GetByRole(AriaRole.Button, new() { Name = $"Award to {home.Name}" }).ClickAsync();
        await Assertions.Expect(broker.Locator(".govuk-notification-banner")).ToContainTextAsync("Request awarded");
        await Assertions.Expect(broker.Locator("#request-status")).ToHaveTextAsync("Sourced");
        await broker.ShouldHaveNoAxeViolationsAsync("sourced care request");
    }

    [Fact]
    public async Task Commissioner_reads_timescales_waits_and_fairness()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync(CareMarketApp.Email(Roles.Commissioner));
        await page.GotoAsync("/brokerage");
        await page.GetByRole(AriaRole.Link, new() { Name = "Timescales, waits and fairness over the last 12 months" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Timescales, waits and fairness");
        (await page.Locator("#within-table tbody tr").CountAsync()).ShouldBeGreaterThan(3);
        (await page.Locator("#months-table tbody tr").CountAsync()).ShouldBeGreaterThanOrEqualTo(12);
        (await page.Locator("#fairness-table tbody tr").CountAsync()).ShouldBeGreaterThan(5);
        (await page.Locator("#within-table tbody tr", new() { HasText = "Supported living" }).InnerTextAsync()).ShouldContain("%");
        await page.ShouldHaveNoAxeViolationsAsync("brokerage reports");
    }
}
