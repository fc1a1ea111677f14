using System.Globalization;
using CareMarket.Brokerage;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Demo;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CareMarket.Browser.Tests;

/// <summary>
/// What brokers and providers see when brokerage says no, through the pages: two brokers award the last bed and the
/// second is told why; sending and offering with missing or impossible answers; an award refused because a quality
/// officer suspended the service meanwhile. Each time the GOV.UK error summary, nothing half-written, and an axe scan.
/// </summary>
public class AwardErrorsJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    private CareMarketDb Db(Actor actor) => new(Database.Options(browser.App.ConnectionString)) { Actor = actor };

    private async Task<int> NorthbridgeAsync()
    {
        await using var db = browser.App.Db();
        return await db.LocalAuthorities.Where(l => l.OnsCode == DemoBorough.HomeOnsCode).Select(l => l.Id).FirstAsync();
    }

    /// <summary>
    /// The <paramref name="nth"/> Northbridge care home (without nursing) that is neither Hawthorn's nor suspended, given a
    /// capacity return now with <paramref name="beds"/> residential beds accepting admissions.
    /// </summary>
    private async Task<Service> HomeAsync(int nth, int beds, bool hawthorn = false)
    {
        var northbridge = await NorthbridgeAsync();
        await using var db = browser.App.Db();
        var home = await db.Services.AsNoTracking().Include(s => s.Provider)
            .Where(s => s.HostLocalAuthorityId == northbridge && s.Status == ServiceStatus.Active && s.ServiceType == ServiceType.CareHomeWithoutNursing
                && s.AreaId != null && (s.Provider!.Name == "Hawthorn Care Group") == hawthorn && !db.ServiceRestrictions.Any(r => r.ServiceId == s.Id))
            .OrderBy(s => s.Id).Skip(nth).FirstAsync();
        db.CapacityReturns.Add(new CapacityReturn
        {
            ServiceId = home.Id, ReportedAt = db.Now, ReportedBy = "manager", Source = CapacitySource.Provider, AcceptingAdmissions = true,
            Beds = [new BedLine { Category = BedCategory.Residential, MaxCapacity = 30, Occupied = 30 - beds, VacantAccepting = beds }],
        });
        await db.SaveChangesAsync();
        return home;
    }

    /// <summary>A residential request made by the broker, sent to the home and (unless told not to) offered by its provider.</summary>
    private async Task<int> RequestAsync(Service home, bool send = true, bool offer = true)
    {
        var northbridge = await NorthbridgeAsync();
        await using var broker = Db(new Actor(CareMarketApp.Email(Roles.Broker), northbridge));
        var start = DateOnly.FromDateTime(broker.Now).AddDays(7);
        var (created, id) = await new CareRequests(broker).CreateAsync(new NewCareRequest
        {
            PersonReference = $"AE-{Guid.NewGuid():N}"[..12], AgeBand = AgeBand.From85, SupportReason = SupportReason.PhysicalSupport,
            HomeAreaId = home.AreaId, ServiceType = ServiceType.CareHomeWithoutNursing, BedCategory = BedCategory.Residential,
            MaxDistanceKm = 30, WantedStart = start, Priority = Priority.Routine,
        });
        created.ShouldBeAssignableTo<Decision.Allowed>();
        if (!send) return id!.Value;
        (await new CareRequests(broker).SendAsync(id!.Value, [home.Id], broker.Now.AddDays(2), 0)).ShouldBeAssignableTo<Decision.Allowed>();
        if (!offer) return id.Value;
        await using var provider = Db(new Actor("manager@provider.example", northbridge, home.ProviderId));
        (await new CareRequests(provider).OfferAsync(id.Value, home.Id, 950m, start, "Room on the ground floor")).ShouldBeAssignableTo<Decision.Allowed>();
        return id.Value;
    }

    private async Task<IPage> SignedInAsync(string role)
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync(CareMarketApp.Email(role));
        return page;
    }

    private static ILocator Summary(IPage page) => page.Locator(".govuk-error-summary");

    [Fact]
    public async Task Two_brokers_award_the_last_bed_and_the_second_is_told_it_has_gone()
    {
        var home = await HomeAsync(0, beds: 1);
        var first = await RequestAsync(home);
        var second = await RequestAsync(home);

        // Both brokers have their request open, each with the home's offer, before either awards.
        var alice = await SignedInAsync(Roles.Broker);
        var bob = await SignedInAsync(Roles.Broker);
        await alice.GotoAsync($"/brokerage/requests/{first}");
        await bob.GotoAsync($"/brokerage/requests/{second}");

        await alice.Locator(".offer").First.GetByRole(AriaRole.Button, new() { Name = $"Award to {home.Name}" }).ClickAsync();
        await Assertions.Expect(alice.Locator(".govuk-notification-banner")).ToContainTextAsync("Request awarded");

        await bob.Locator(".offer").First.GetByRole(AriaRole.Button, new() { Name = $"Award to {home.Name}" }).ClickAsync();
        await Assertions.Expect(Summary(bob)).ToContainTextAsync("There is a problem");
        await Assertions.Expect(Summary(bob)).ToContainTextAsync("The service has no bed of that kind left: another award took the last one. Choose another offer.");
        await Assertions.Expect(bob.Locator(".offer .govuk-error-message")).ToContainTextAsync("another award took the last one");
        await Assertions.Expect(bob.Locator("#request-status")).ToHaveTextAsync("Sent to providers");
        await bob.ShouldHaveNoAxeViolationsAsync("award refused: the last bed has gone");

        // Nothing half-written: one placement, the second request and its offer untouched, no bed below zero.
        await using var db = browser.App.Db();
        (await db.Placements.CountAsync(p => p.CareRequestId == first)).ShouldBe(1);
        (await db.Placements.AnyAsync(p => p.CareRequestId == second)).ShouldBeFalse();
        (await db.CareRequests.SingleAsync(r => r.Id == second)).Status.ShouldBe(RequestStatus.SentToProviders);
        (await db.Offers.SingleAsync(o => o.CareRequestId == second)).Status.ShouldBe(OfferStatus.Submitted);
        (await db.Vacancies.SingleAsync(v => v.ServiceId == home.Id && v.Kind == "Residential")).Available.ShouldBe(0);
    }

    [Fact]
    public async Task Sending_and_offering_with_missing_or_impossible_answers_shows_the_error_summary()
    {
        // The broker sends without a closing date, then without choosing a service.
        var home = await HomeAsync(1, beds: 2);
        var unsent = await RequestAsync(home, send: false);
        var broker = await SignedInAsync(Roles.Broker);
        await broker.GotoAsync($"/brokerage/requests/{unsent}");
        foreach (var part in new[] { "Day", "Month", "Year" }) await broker.FillAsync($"#OffersCloseAt_{part}", "");
        await broker.GetByRole(AriaRole.Button, new() { Name = "Send to the chosen services" }).ClickAsync();
        await Assertions.Expect(Summary(broker)).ToContainTextAsync("Enter the date offers close");
        await Assertions.Expect(broker.Locator("#OffersCloseAt-error")).ToBeVisibleAsync();
        await broker.ShouldHaveNoAxeViolationsAsync("send refused: no closing date");

        var closes = browser.App.Now.AddDays(3);
        await broker.FillAsync("#OffersCloseAt_Day", closes.Day.ToString());
        await broker.FillAsync("#OffersCloseAt_Month", closes.Month.ToString());
        await broker.FillAsync("#OffersCloseAt_Year", closes.Year.ToString());
        await broker.GetByRole(AriaRole.Button, new() { Name = "Send to the chosen services" }).ClickAsync();
        await Assertions.Expect(Summary(broker)).ToContainTextAsync("Choose at least one service to send the request to");
        await Assertions.Expect(broker.Locator("#request-status")).ToHaveTextAsync("Open");
        await broker.ShouldHaveNoAxeViolationsAsync("send refused: no service chosen");

        // The Hawthorn provider user offers with no price or date, then a price of nothing and a start in the past.
        var hawthornHome = await HomeAsync(0, beds: 1, hawthorn: true);
        var sent = await RequestAsync(hawthornHome, offer: false);
        var provider = await SignedInAsync(Roles.Provider);
        await provider.GotoAsync("/brokerage/invitations");
        var card = provider.Locator($"#invitation-{sent}-{hawthornHome.Id}");
        await card.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(Summary(provider)).ToContainTextAsync("Enter the weekly price");
        await Assertions.Expect(Summary(provider)).ToContainTextAsync("Enter the date you could start");
        await provider.ShouldHaveNoAxeViolationsAsync("offer refused: nothing entered");

        card = provider.Locator($"#invitation-{sent}-{hawthornHome.Id}");
        var yesterday = browser.App.Now.AddDays(-1);
        await card.Locator("input[name=WeeklyPrice]").FillAsync("0");
        await card.Locator("input[name='StartDate.Day']").FillAsync(yesterday.Day.ToString());
        await card.Locator("input[name='StartDate.Month']").FillAsync(yesterday.Month.ToString());
        await card.Locator("input[name='StartDate.Year']").FillAsync(yesterday.Year.ToString());
        await card.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(Summary(provider)).ToContainTextAsync("Enter a weekly price between £1 and £20,000");
        await Assertions.Expect(Summary(provider)).ToContainTextAsync("The start date must be today or later");
        await provider.ShouldHaveNoAxeViolationsAsync("offer refused: no price, start in the past");

        await using var db = browser.App.Db();
        (await db.Invitations.AnyAsync(i => i.CareRequestId == unsent)).ShouldBeFalse();
        (await db.Offers.AnyAsync(o => o.CareRequestId == sent)).ShouldBeFalse();
    }

    [Fact]
    public async Task An_award_is_refused_when_the_service_was_suspended_after_it_offered()
    {
        var home = await HomeAsync(2, beds: 2);
        var request = await RequestAsync(home);
        // The home's ledger before (the demo's own awards may have written it): the refused award must not touch it.
        List<(string Kind, double Available)> ledger;
        await using (var before = browser.App.Db())
            ledger = (await before.Vacancies.Where(v => v.ServiceId == home.Id).OrderBy(v => v.Kind).Select(v => new { v.Kind, v.Available }).ToListAsync())
                .Select(v => (v.Kind, v.Available)).ToList();

        // The broker has the request open with the home's offer ranked first.
        var broker = await SignedInAsync(Roles.Broker);
        await broker.GotoAsync($"/brokerage/requests/{request}");
        await Assertions.Expect(broker.Locator(".offer").First).ToContainTextAsync(home.Name);

        // Meanwhile the quality officer suspends the home from its register page (first forgetting the kind and reason).
        var quality = await SignedInAsync(Roles.QualityOfficer);
        await quality.GotoAsync($"/register/services/{home.Id}");
        await quality.GetByText("Suspend or embargo new placements").ClickAsync();
        await quality.GetByRole(AriaRole.Button, new() { Name = "Place the restriction" }).ClickAsync();
        await Assertions.Expect(Summary(quality)).ToContainTextAsync("Choose suspension or embargo");
        await Assertions.Expect(Summary(quality)).ToContainTextAsync("Choose the reason");
        await quality.ShouldHaveNoAxeViolationsAsync("restriction refused: no kind or reason");
        await quality.CheckAsync("#kind-Suspension");
        await quality.SelectOptionAsync("#Restriction_Reason", "Safeguarding");
        await quality.FillAsync("#Restriction_Details", "Safeguarding enquiry opened today");
        await quality.GetByRole(AriaRole.Button, new() { Name = "Place the restriction" }).ClickAsync();
        await Assertions.Expect(quality.Locator(".govuk-notification-banner")).ToContainTextAsync("Suspension recorded");
        await Assertions.Expect(quality.Locator(".caremarket-restriction-warning")).ToContainTextAsync("Suspended: no new placements since");
        await Assertions.Expect(quality.Locator("#restriction-history")).ToContainTextAsync("Safeguarding enquiry opened today");
        await quality.ShouldHaveNoAxeViolationsAsync("service suspended");
        await quality.ScreenshotToAsync("service-suspended.png", height: 1900);

        // The register shows it, and filters by it.
        await quality.GotoAsync("/register?suspended=true");
        var row = quality.Locator("#register-table tbody tr", new() { HasText = home.Name });
        await Assertions.Expect(row.Locator(".caremarket-restriction")).ToHaveTextAsync("Suspended");
        await quality.ShouldHaveNoAxeViolationsAsync("register filtered to suspended services");

        // The broker awards the offer made before the suspension: refused, and told why.
        await broker.Locator(".offer").First.GetByRole(AriaRole.Button, new() { Name = $"Award to {home.Name}" }).ClickAsync();
        var today = browser.App.Today.ToString("d MMMM yyyy", EnGb);
        await Assertions.Expect(Summary(broker)).ToContainTextAsync(
            $"{home.Name} is suspended from {today}: the council is not placing new people there. Choose another offer.");
        await Assertions.Expect(broker.Locator("#request-status")).ToHaveTextAsync("Sent to providers");
        await Assertions.Expect(broker.Locator(".offer").First).ToContainTextAsync("Not ranked: Suspended or embargoed");
        await broker.ShouldHaveNoAxeViolationsAsync("award refused: service suspended");
        await broker.ScreenshotToAsync("award-refused-suspended.png", height: 900);

        await using var db = browser.App.Db();
        (await db.Placements.AnyAsync(p => p.CareRequestId == request)).ShouldBeFalse();
        (await db.Vacancies.Where(v => v.ServiceId == home.Id).OrderBy(v => v.Kind).Select(v => new { v.Kind, v.Available }).ToListAsync())
            .Select(v => (v.Kind, v.Available)).ToList().ShouldBe(ledger);
        (await db.Offers.SingleAsync(o => o.CareRequestId == request)).Status.ShouldBe(OfferStatus.Submitted);
    }
}
