using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMarket.Brokerage;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CareMarket.Web.Tests;

/// <summary>
/// The sourcing clock through the API on both engines, with the app's time in the test's hands: a hold stops the
/// clock and a resume starts it again; a cancelled request's clock stops for good; stale versions and impossible
/// changes are refused; the council's saved targets are what the queue and the reports measure against.
/// </summary>
public class BrokerageClockApiTests
{
    private static readonly JsonSerializerOptions Json = ApiTests.Json;

    /// <summary>10:00 UTC on a Monday of a week without a bank holiday (the tests' fixed start): a day of the clock is a day of the test.</summary>
    private static FakeTimeProvider MondayMorning()
    {
        var day = TestClock.Today;
        day.DayOfWeek.ShouldBe(DayOfWeek.Monday);
        Enumerable.Range(0, 5).ShouldNotContain(i => BankHolidays.EnglandAndWales.Contains(day.AddDays(i)));
        return TestClock.New();
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string url) => await client.GetFromJsonAsync<JsonElement>(url, Json);

    private static async Task<JsonElement> ClockAsync(HttpClient client, int id) => (await GetAsync(client, $"/api/v1/brokerage/requests/{id}")).GetProperty("clock");

    private static async Task<int> VersionAsync(HttpClient client, int id) =>
        (await GetAsync(client, $"/api/v1/brokerage/requests/{id}")).GetProperty("request").GetProperty("version").GetInt32();

    private static async Task<string> StatusAsync(HttpClient client, int id) =>
        (await GetAsync(client, $"/api/v1/brokerage/requests/{id}")).GetProperty("request").GetProperty("status").GetString()!;

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body, Json);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [BothEngines]
    public async Task Hold_StopsTheClock_Resume_StartsIt_Cancel_StopsItForGood(Engine engine)
    {
        var clock = MondayMorning();
        await using var app = await CareMarketApp.StartAsync(engine, clock: clock);
        var broker = await app.SignedInAsync(CareMarketApp.Email(Roles.Broker));
        var created = await broker.PostAsJsonAsync("/api/v1/brokerage/requests", new
        {
            personReference = "NB-CLOCK-1", serviceType = "Homecare", hoursPerWeek = 7, timeBands = new[] { "Morning" },
            wantedStart = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(3).ToString("yyyy-MM-dd"), priority = "Routine",
        }, Json);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetInt32();
        var requests = $"/api/v1/brokerage/requests/{id}";
        // A sign-in lasts a working day (8 hours): the broker signs in again each day.
        async Task<HttpClient> DaysLater(int days)
        {
            clock.Advance(TimeSpan.FromDays(days));
            return await app.SignedInAsync(CareMarketApp.Email(Roles.Broker));
        }

        // A working day later: one of the two working days Northbridge allows for routine homecare.
        broker = await DaysLater(1);
        var running = await ClockAsync(broker, id);
        running.GetProperty("workingDaysElapsed").GetDouble().ShouldBe(1, 0.001);
        running.GetProperty("targetWorkingDays").GetInt32().ShouldBe(2);
        running.GetProperty("dueBy").GetDateTime().ShouldBe(clock.GetUtcNow().UtcDateTime.AddDays(1), TimeSpan.FromSeconds(1));
        var beforeHold = await VersionAsync(broker, id);

        // On hold for two days (the person went into hospital): the clock does not move.
        (await PostAsync(broker, $"{requests}/hold", new { reason = "PersonInHospital", version = beforeHold })).Status.ShouldBe(HttpStatusCode.NoContent);
        broker = await DaysLater(2);
        var paused = await ClockAsync(broker, id);
        paused.GetProperty("workingDaysElapsed").GetDouble().ShouldBe(1, 0.001);
        paused.GetProperty("paused").GetBoolean().ShouldBeTrue();
        paused.GetProperty("dueBy").ValueKind.ShouldBe(JsonValueKind.Null);
        var row = (await GetAsync(broker, "/api/v1/brokerage/requests")).EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == id);
        row.GetProperty("paused").GetBoolean().ShouldBeTrue();
        row.GetProperty("workingDaysWaiting").GetDouble().ShouldBe(1);
        (await StatusAsync(broker, id)).ShouldBe("OnHold");

        // A resume from a stale read is refused, not merged; so is a second hold.
        var stale = await PostAsync(broker, $"{requests}/resume", new { version = beforeHold });
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.Body.ShouldContain("Someone else changed this request meanwhile");
        var again = await PostAsync(broker, $"{requests}/hold", new { reason = "AwaitingFundingDecision", version = await VersionAsync(broker, id) });
        again.Status.ShouldBe(HttpStatusCode.Conflict);
        again.Body.ShouldContain("already on hold");

        // Resumed: back to open (it was never sent), and the clock runs again from where it stopped.
        (await PostAsync(broker, $"{requests}/resume", new { version = await VersionAsync(broker, id) })).Status.ShouldBe(HttpStatusCode.NoContent);
        (await StatusAsync(broker, id)).ShouldBe("Open");
        var notHeld = await PostAsync(broker, $"{requests}/resume", new { version = await VersionAsync(broker, id) });
        notHeld.Status.ShouldBe(HttpStatusCode.Conflict);
        notHeld.Body.ShouldContain("not on hold");
        broker = await DaysLater(1);
        var resumed = await ClockAsync(broker, id);
        resumed.GetProperty("workingDaysElapsed").GetDouble().ShouldBe(2, 0.001); // 4 days since it was made, 2 of them on hold
        resumed.GetProperty("breached").GetBoolean().ShouldBeFalse();
        resumed.GetProperty("dueBy").GetDateTime().ShouldBe(clock.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(1));

        // Cancelled: "other" needs the broker's words; then the clock stops for good and nothing more can be done.
        var noWords = await PostAsync(broker, $"{requests}/cancel", new { reason = "Other", version = await VersionAsync(broker, id) });
        noWords.Status.ShouldBe(HttpStatusCode.BadRequest);
        noWords.Body.ShouldContain("cancelDetails");
        (await PostAsync(broker, $"{requests}/cancel", new { reason = "ArrangedOwnCare", version = await VersionAsync(broker, id) })).Status.ShouldBe(HttpStatusCode.NoContent);
        broker = await DaysLater(3);
        var stopped = await ClockAsync(broker, id);
        stopped.GetProperty("workingDaysElapsed").GetDouble().ShouldBe(2, 0.001);
        stopped.GetProperty("stopped").GetBoolean().ShouldBeTrue();
        var afterCancel = await PostAsync(broker, $"{requests}/hold", new { reason = "PersonInHospital", version = await VersionAsync(broker, id) });
        afterCancel.Status.ShouldBe(HttpStatusCode.Conflict);
        afterCancel.Body.ShouldContain("cancelled: it cannot be put on hold");
        (await GetAsync(broker, "/api/v1/brokerage/requests")).EnumerateArray().ShouldNotContain(r => r.GetProperty("id").GetInt32() == id);

        // The story, as the API and the database keep it: append-only, each change audited.
        var history = (await GetAsync(broker, requests)).GetProperty("history").EnumerateArray()
            .Select(h => $"{h.GetProperty("from")}>{h.GetProperty("to")}|{h.GetProperty("holdReason")}|{h.GetProperty("cancelReason")}").ToList();
        history.ShouldBe([">Open||", "Open>OnHold|PersonInHospital|", "OnHold>Open||", "Open>Cancelled||ArrangedOwnCare"]);
        await using var db = app.Db();
        (await db.AuditEntries.CountAsync(a => a.EntityType == nameof(RequestStatusChange) && a.UserName == CareMarketApp.Email(Roles.Broker))).ShouldBe(4);
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "RequestStatusChanges" SET "By" = 'someone else'"""));
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""DELETE FROM "RequestStatusChanges" """));
    }

    [Theory]
    [BothEngines]
    public async Task A_sent_request_held_is_hidden_from_providers_and_resumes_as_sent(Engine engine)
    {
        await using var app = await CareMarketApp.StartAsync(engine);
        var broker = await app.SignedInAsync(CareMarketApp.Email(Roles.Broker));
        int id, providerId;
        await using (var db = app.Db())
        {
            // A request sent to providers, still open for offers.
            var now = db.Now;
            var sent = await db.CareRequests.Where(r => r.Status == RequestStatus.SentToProviders && r.OffersCloseAt > now)
                .Join(db.Invitations, r => r.Id, i => i.CareRequestId, (r, i) => new { r.Id, i.ProviderId })
                .OrderBy(x => x.Id).FirstAsync();
            (id, providerId) = (sent.Id, sent.ProviderId);
        }
        var provider = await app.ApiKeyClientAsync(providerId);
        (await provider.GetStringAsync("/api/v1/brokerage/invitations")).ShouldContain($"\"requestId\":{id},");

        (await PostAsync(broker, $"/api/v1/brokerage/requests/{id}/hold", new { reason = "PersonConsideringOptions", version = await VersionAsync(broker, id) }))
            .Status.ShouldBe(HttpStatusCode.NoContent);
        (await provider.GetStringAsync("/api/v1/brokerage/invitations")).ShouldNotContain($"\"requestId\":{id},");
        var send = await PostAsync(broker, $"/api/v1/brokerage/requests/{id}/send", new { serviceIds = new[] { 1 }, version = await VersionAsync(broker, id) });
        send.Status.ShouldBe(HttpStatusCode.Conflict);
        send.Body.ShouldContain("on hold: resume it before it is sent to providers");

        (await PostAsync(broker, $"/api/v1/brokerage/requests/{id}/resume", new { version = await VersionAsync(broker, id) })).Status.ShouldBe(HttpStatusCode.NoContent);
        (await StatusAsync(broker, id)).ShouldBe("SentToProviders");
        (await provider.GetStringAsync("/api/v1/brokerage/invitations")).ShouldContain($"\"requestId\":{id},");

        // Meanwhile: an arrangement needs its start date; recorded, it shows on the request with the wait for capacity.
        var noDate = await PostAsync(broker, $"/api/v1/brokerage/requests/{id}/interim", new { interim = "HospitalOrIntermediateCare", waitingForCapacity = true, version = await VersionAsync(broker, id) });
        noDate.Status.ShouldBe(HttpStatusCode.BadRequest);
        noDate.Body.ShouldContain("interimSince");
        var since = app.Today.AddDays(-2);
        (await PostAsync(broker, $"/api/v1/brokerage/requests/{id}/interim", new { interim = "HospitalOrIntermediateCare", since, waitingForCapacity = true, version = await VersionAsync(broker, id) }))
            .Status.ShouldBe(HttpStatusCode.NoContent);
        var request = (await GetAsync(broker, $"/api/v1/brokerage/requests/{id}")).GetProperty("request");
        request.GetProperty("interim").GetString().ShouldBe("HospitalOrIntermediateCare");
        request.GetProperty("interimSince").GetString().ShouldBe(since.ToString("yyyy-MM-dd"));
        request.GetProperty("waitedForCapacity").GetBoolean().ShouldBeTrue();

        // A provider's key cannot hold a request, and another council's staff do not find it.
        (await provider.PostAsJsonAsync($"/api/v1/brokerage/requests/{id}/hold", new { reason = "Other", details = "x", version = 0 }, Json)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var eastholm = await app.SignedInAsync(CareMarketApp.EastholmCommissioner);
        (await eastholm.GetAsync($"/api/v1/brokerage/requests/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [BothEngines]
    public async Task Targets_saved_by_the_administrator_are_what_the_queue_and_reports_measure_against(Engine engine)
    {
        await using var app = await CareMarketApp.StartAsync(engine);
        var admin = await app.SignedInAsync(CareMarketApp.Email(Roles.Administrator));
        var broker = await app.SignedInAsync(CareMarketApp.Email(Roles.Broker));

        // The demo council has saved its own targets: routine homecare in two working days, supported living 75% in time.
        var held = await GetAsync(admin, "/api/v1/admin/sourcing-targets");
        held.GetProperty("saved").GetBoolean().ShouldBeTrue();
        var version = held.GetProperty("version").GetInt32();
        var targets = held.GetProperty("targets").Deserialize<List<TimescaleTarget>>(Json)!;
        targets.ShouldContain(new TimescaleTarget(ServiceType.Homecare, Priority.Routine, 2));
        var homecare = (await GetAsync(broker, "/api/v1/brokerage/requests")).EnumerateArray()
            .Where(r => r.GetProperty("serviceType").GetString() == "Homecare" && r.GetProperty("priority").GetString() == "Routine").ToList();
        homecare.ShouldNotBeEmpty();
        homecare.ShouldAllBe(r => r.GetProperty("targetWorkingDays").GetInt32() == 2);

        // Impossible targets are refused by field; a good change is saved; a change from the old version is refused.
        var bad = await admin.PutAsJsonAsync("/api/v1/admin/sourcing-targets", new
        {
            version, otherwiseWorkingDays = 10,
            targets = new[] { new { type = "Homecare", priority = "Routine", workingDays = 0 } },
            percentWithin = new[] { new { type = "SupportedLiving", percent = 101 } },
        }, Json);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problems = await bad.Content.ReadAsStringAsync();
        problems.ShouldContain("targets[Homecare-Routine]");
        problems.ShouldContain("percentWithin[SupportedLiving]");
        var changed = targets.Where(t => !(t.Type == ServiceType.Homecare && t.Priority == Priority.Routine))
            .Append(new TimescaleTarget(ServiceType.Homecare, Priority.Routine, 7)).ToList();
        var save = await admin.PutAsJsonAsync("/api/v1/admin/sourcing-targets", new
        {
            version, otherwiseWorkingDays = 12, targets = changed, percentWithin = new[] { new PercentWithinTarget(ServiceType.SupportedLiving, 80) },
        }, Json);
        save.StatusCode.ShouldBe(HttpStatusCode.NoContent, await save.Content.ReadAsStringAsync());
        (await admin.PutAsJsonAsync("/api/v1/admin/sourcing-targets", new { version, otherwiseWorkingDays = 3, targets = changed }, Json))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // The queue and the reports now measure against them; the broker cannot change them.
        (await GetAsync(broker, "/api/v1/brokerage/requests")).EnumerateArray()
            .Where(r => r.GetProperty("serviceType").GetString() == "Homecare" && r.GetProperty("priority").GetString() == "Routine")
            .ShouldAllBe(r => r.GetProperty("targetWorkingDays").GetInt32() == 7 && !r.GetProperty("breached").GetBoolean());
        var reports = await GetAsync(broker, "/api/v1/brokerage/reports");
        reports.GetProperty("targets").GetProperty("otherwiseWorkingDays").GetInt32().ShouldBe(12);
        reports.GetProperty("targets").GetProperty("percentWithin").EnumerateArray().ShouldHaveSingleItem().GetProperty("percent").GetInt32().ShouldBe(80);
        (await broker.PutAsJsonAsync("/api/v1/admin/sourcing-targets", new { version = version + 1, otherwiseWorkingDays = 1 }, Json)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await using var db = app.Db();
        (await db.AuditEntries.CountAsync(a => a.EntityType == nameof(SourcingTarget) && a.UserName == CareMarketApp.Email(Roles.Administrator))).ShouldBe(1);
        (await db.AuditEntries.CountAsync(a => a.EntityType == nameof(WithinTimescaleTarget))).ShouldBe(6); // five aims gone, one changed
    }

    [Theory]
    [BothEngines]
    public async Task Administration_page_edits_the_targets_and_shows_errors_by_field(Engine engine)
    {
        await using var app = await CareMarketApp.StartAsync(engine);
        var admin = await app.SignedInAsync(CareMarketApp.Email(Roles.Administrator));
        var page = await admin.GetStringAsync("/admin");
        page.ShouldContain("id=\"Targets_Homecare-Routine_\"");
        var version = System.Text.RegularExpressions.Regex.Match(page, "name=\"SettingsVersion\" value=\"(\\d+)\"").Groups[1].Value;

        async Task<HttpResponseMessage> PostAsync(Dictionary<string, string> form)
        {
            form["__RequestVerificationToken"] = await CareMarketApp.AntiforgeryTokenAsync(admin);
            form["SettingsVersion"] = version;
            return await admin.PostAsync("/admin?handler=Targets", new FormUrlEncodedContent(form));
        }

        // Not a number, and out of range: each said by its field, what was typed kept, nothing saved.
        var bad = await PostAsync(new() { ["OtherwiseWorkingDays"] = "10", ["Targets[Homecare-Routine]"] = "two", ["PercentWithin[SupportedLiving]"] = "150" });
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await bad.Content.ReadAsStringAsync();
        html.ShouldContain("There is a problem");
        html.ShouldContain("href=\"#Targets_Homecare-Routine_\"");
        System.Text.RegularExpressions.Regex.Matches(html, "<li><a href=\"#[^\"]+\">").Count.ShouldBe(2); // one per field
        html.ShouldContain("Homecare, routine: enter a whole number of working days from 1 to 90");
        html.ShouldContain("Supported living: the share to source within timescale must be from 1% to 100%");
        html.ShouldContain("value=\"two\"");
        var empty = await PostAsync(new() { ["OtherwiseWorkingDays"] = "" });
        (await empty.Content.ReadAsStringAsync()).ShouldContain("Enter the usual target, from 1 to 90 working days");

        // Saved: the blank cells use the usual target; the page shows what is held.
        var good = await PostAsync(new() { ["OtherwiseWorkingDays"] = "6", ["Targets[Homecare-Routine]"] = "3", ["PercentWithin[SupportedLiving]"] = "75" });
        good.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var held = await GetAsync(admin, "/api/v1/admin/sourcing-targets");
        held.GetProperty("otherwiseWorkingDays").GetInt32().ShouldBe(6);
        held.GetProperty("targets").Deserialize<List<TimescaleTarget>>(Json)!.ShouldBe([new TimescaleTarget(ServiceType.Homecare, Priority.Routine, 3)]);
        (await admin.GetStringAsync("/admin")).ShouldContain("name=\"Targets[Homecare-Routine]\" inputmode=\"numeric\" value=\"3\"");

        // The same form from before that save is refused.
        var stale = await PostAsync(new() { ["OtherwiseWorkingDays"] = "9" });
        (await stale.Content.ReadAsStringAsync()).ShouldContain("Someone else changed the settings meanwhile");

        // The other settings form on the page still saves (it posts no targets).
        version = System.Text.RegularExpressions.Regex.Match(await admin.GetStringAsync("/admin"), "name=\"SettingsVersion\" value=\"(\\d+)\"").Groups[1].Value;
        var settings = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await CareMarketApp.AntiforgeryTokenAsync(admin), ["SettingsVersion"] = version, ["StaleAfterDays"] = "14",
            ["Weights[Quality]"] = "60", ["Weights[Price]"] = "40", ["Weights[Distance]"] = "0", ["Weights[Continuity]"] = "0", ["Weights[Fairness]"] = "0", ["Weights[Start]"] = "0",
        };
        (await admin.PostAsync("/admin?handler=Settings", new FormUrlEncodedContent(settings))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [BothEngines]
    public async Task Every_reports_table_and_the_queue_download_as_csv_and_xlsx(Engine engine)
    {
        await using var app = await CareMarketApp.StartAsync(engine);
        var commissioner = await app.SignedInAsync(CareMarketApp.Email(Roles.Commissioner));
        foreach (var table in CareMarket.Web.Pages.Brokerage.BrokerageExport.Tables)
        {
            var csv = await commissioner.GetStringAsync($"/api/v1/brokerage/reports/export?table={table}&format=csv");
            csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBeGreaterThan(table == "open" ? 1 : 5, table);
            var xlsx = await commissioner.GetAsync($"/api/v1/brokerage/reports/export?table={table}&format=xlsx");
            xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            (await xlsx.Content.ReadAsByteArrayAsync())[..2].ShouldBe("PK"u8.ToArray());
        }
        var within = await commissioner.GetStringAsync("/api/v1/brokerage/reports/export?table=within&format=csv");
        within.ShouldStartWith("Service type,Sourced,Within timescale,% within timescale,Target %,Waited: no capacity,Mean wait (days),Median wait (days)");
        within.Split('\n').Single(l => l.StartsWith("Supported living,")).Split(',')[4].ShouldBe("75.0%"); // the council's aim beside what it achieved
        var waited = await commissioner.GetStringAsync("/api/v1/brokerage/reports/export?table=waited&format=csv");
        waited.ShouldContain("Month,Care home without nursing,Care home with nursing,Homecare,Supported living");
        (await commissioner.GetAsync("/api/v1/brokerage/reports/export?table=nonsense")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var queue = await commissioner.GetStringAsync("/api/v1/brokerage/requests/export?format=csv");
        queue.ShouldContain("Clock paused");
        queue.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBeGreaterThan(15);
    }
}
