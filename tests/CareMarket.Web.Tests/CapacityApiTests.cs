using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Demo;
using CareMarket.Register;
using CareMarket.Web.Http;
using CareMarket.Web.Pages.Capacity;
using CareMarket.Web.Security;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Tests;

/// <summary>
/// The capacity API end to end on SQLite and PostgreSQL: a provider reports (API key, cookie, CSV upload), the council
/// reads its picture and exports it, a commissioner imports a Capacity Tracker extract; every write is audited.
/// Who may call what is in <see cref="AuthorisationTests"/>; this is what the calls do.
/// </summary>
public class CapacityApiTests(SharedApps apps) : IClassFixture<SharedApps>
{
    private static readonly JsonSerializerOptions Json = ApiTests.Json;
    private static readonly string ProviderUser = CareMarketApp.Email(Roles.Provider);
    private static readonly string Broker = CareMarketApp.Email(Roles.Broker);
    private static readonly string Commissioner = CareMarketApp.Email(Roles.Commissioner);

    private static async Task<int> NorthbridgeAsync(CareMarketDb db) =>
        await db.LocalAuthorities.Where(l => l.OnsCode == DemoBorough.HomeOnsCode).Select(l => l.Id).FirstAsync();

    /// <summary>Northbridge's active services of a kind, optionally of one provider (or of any other).</summary>
    private static async Task<List<Service>> ServicesAsync(CareMarketApp app, CapacityKind kind, Func<Service, bool>? where = null)
    {
        await using var db = app.Db();
        var home = await NorthbridgeAsync(db);
        var all = await db.Services.AsNoTracking().Where(s => s.HostLocalAuthorityId == home && s.Status == ServiceStatus.Active)
            .OrderBy(s => s.Id).ToListAsync();
        return all.Where(s => CapacityReports.KindOf(s) == kind && (where?.Invoke(s) ?? true)).ToList();
    }

    private static async Task<int> ReturnsCountAsync(CareMarketApp app)
    {
        await using var db = app.Db();
        return await db.CapacityReturns.CountAsync();
    }

    private static async Task<CapacityPicture> OverviewAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/capacity/overview");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CapacityPicture>(Json))!;
    }

    private static async Task<List<CapacityApi.ReturnResponse>> ReturnsAsync(HttpClient client, int serviceId)
    {
        var response = await client.GetAsync($"/api/v1/capacity/services/{serviceId}/returns");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<List<CapacityApi.ReturnResponse>>(Json))!;
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, int serviceId, object body) =>
        client.PutAsJsonAsync($"/api/v1/capacity/services/{serviceId}", body, Json);

    /// <summary>The overview's totals are sums over its services: by bed category, and by area and category.</summary>
    private static void TotalsAgreeWithServices(CapacityPicture p)
    {
        var homes = p.Services.Where(s => s.Kind == CapacityKind.Beds).ToList();
        foreach (var c in Enum.GetValues<BedCategory>())
        {
            var lines = homes.SelectMany(h => h.Beds.Where(b => b.Category == c).Select(b => (h, b))).ToList();
            var total = p.Categories.Single(t => t.Label == CapacityWords.Of(c));
            total.MaxCapacity.ShouldBe(lines.Sum(x => x.b.MaxCapacity), c.ToString());
            total.Occupied.ShouldBe(lines.Sum(x => x.b.Occupied), c.ToString());
            total.VacantReserved.ShouldBe(lines.Sum(x => x.b.VacantReserved), c.ToString());
            total.VacantAccepting.ShouldBe(lines.Sum(x => CapacityRules.AcceptingVacancies(x.h.AcceptingAdmissions, x.b)), c.ToString());
            foreach (var area in p.Areas)
            {
                area.Accepting[c].ShouldBe(lines.Where(x => (x.h.Area ?? "No area") == area.Area)
                    .Sum(x => CapacityRules.AcceptingVacancies(x.h.AcceptingAdmissions, x.b)), $"{area.Area}, {c}");
            }
        }
        p.Areas.Sum(a => a.Total).ShouldBe(p.Categories.Sum(c => c.VacantAccepting));
        homes.Sum(h => h.VacantAccepting).ShouldBe(p.Categories.Sum(c => c.VacantAccepting));
    }

    private static async Task<Dictionary<string, string[]>> ValidationErrorsAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Theory]
    [BothEngines]
    public async Task Provider_reports_its_own_home_by_api_key_and_the_broker_sees_it_in_the_overview(Engine engine)
    {
        await using var app = await CareMarketApp.StartAsync(engine);
        var hawthorn = await app.HawthornAsync();
        HashSet<int> reporting;
        await using (var arrange = app.Db())
        {
            reporting = (await arrange.CapacityReturns.Select(r => r.ServiceId).Distinct().ToListAsync()).ToHashSet();
        }
        // One of Hawthorn's care homes that has reported (the demo has some that never have).
        var ours = (await ServicesAsync(app, CapacityKind.Beds, s => s.ProviderId == hawthorn.Id && reporting.Contains(s.Id))).First();
        var theirs = (await ServicesAsync(app, CapacityKind.Beds, s => s.ProviderId != hawthorn.Id)).First();
        var key = await app.IssueApiKeyAsync();
        var provider = app.Client();
        provider.DefaultRequestHeaders.Add(ApiKeys.Header, key);
        var broker = await app.SignedInAsync(Broker);

        var before = await OverviewAsync(broker);
        TotalsAgreeWithServices(before);
        var row = before.Services.Single(s => s.ServiceId == ours.Id);
        var history = await ReturnsAsync(provider, ours.Id);
        history.ShouldNotBeEmpty("the demo seeds weekly returns for Northbridge's care homes");

        // A new return: the first category two beds freer than last time, the home accepting admissions.
        var last = history[0];
        var beds = last.Beds.Select((b, i) => i == 0 && b.Occupied >= 2 ? b with { Occupied = b.Occupied - 2, VacantAccepting = b.VacantAccepting + 2 } : b).ToList();
        beds[0].ShouldNotBe(last.Beds[0], "the test needs a category with two occupied beds to free");
        var returnsBefore = await ReturnsCountAsync(app);
        var put = await PutAsync(provider, ours.Id, new { acceptingAdmissions = true, beds, nurses = 0, careStaff = 20, otherStaff = 4, staffAbsent = 1 });
        put.StatusCode.ShouldBe(HttpStatusCode.Created, await put.Content.ReadAsStringAsync());
        var reported = (await put.Content.ReadFromJsonAsync<CapacityApi.Reported>(Json))!;
        put.Headers.Location!.ToString().ShouldBe($"/api/v1/capacity/services/{ours.Id}/returns");
        (await ReturnsCountAsync(app)).ShouldBe(returnsBefore + 1);

        // The returns list shows it first, as sent.
        var after = await ReturnsAsync(provider, ours.Id);
        after.Count.ShouldBe(Math.Min(52, history.Count + 1));
        after[0].Id.ShouldBe(reported.Id);
        after[0].Source.ShouldBe(nameof(CapacitySource.Api));
        after[0].Beds.ShouldBe(beds.OrderBy(b => b.Category).ToList());
        after[0].AcceptingAdmissions.ShouldBe(true);
        after[0].CareStaff.ShouldBe(20);
        after[0].ReportedBy.ShouldStartWith("api-key:");
        after[0].ReportedAt.ShouldBeGreaterThan(history[0].ReportedAt);

        // The broker's overview: the home's new figures, and totals that still add up.
        var now = await OverviewAsync(broker);
        TotalsAgreeWithServices(now);
        var newRow = now.Services.Single(s => s.ServiceId == ours.Id);
        newRow.VacantAccepting.ShouldBe(beds.Sum(b => b.VacantAccepting));
        newRow.Occupied.ShouldBe(beds.Sum(b => b.Occupied));
        newRow.Freshness.ShouldBe(Freshness.Fresh);
        newRow.AcceptingAdmissions.ShouldBe(true);
        now.Categories.Sum(c => c.VacantAccepting).ShouldBe(before.Categories.Sum(c => c.VacantAccepting) - row.VacantAccepting + newRow.VacantAccepting);
        var category = CapacityWords.Of(beds[0].Category);
        now.Categories.Single(c => c.Label == category).Occupied.ShouldBe(before.Categories.Single(c => c.Label == category).Occupied
            - row.Beds.Where(b => b.Category == beds[0].Category).Sum(b => b.Occupied) + beds[0].Occupied);

        // Impossible figures: 400 naming each field, nothing written.
        var count = await ReturnsCountAsync(app);
        var invalid = await PutAsync(provider, ours.Id, new
        {
            acceptingAdmissions = true,
            beds = new[]
            {
                new BedReport(BedCategory.Residential, 10, 9, 0, 5),
                new BedReport(BedCategory.Nursing, 4, -1, 0, -2),
            },
            nurses = -3,
        });
        var errors = await ValidationErrorsAsync(invalid);
        errors.Keys.ShouldBe(["beds[Residential].Occupied", "beds[Nursing].Occupied", "beds[Nursing].VacantAccepting", "nurses"], ignoreOrder: true);
        errors["beds[Residential].Occupied"].ShouldHaveSingleItem().ShouldBe("Residential: occupied and vacant beds (14) cannot be more than the maximum capacity (10)");
        errors["beds[Nursing].Occupied"].ShouldHaveSingleItem().ShouldBe("Nursing: occupied beds cannot be negative");
        errors["beds[Nursing].VacantAccepting"].ShouldHaveSingleItem().ShouldBe("Nursing: vacant beds accepting admissions cannot be negative");
        errors["nurses"].ShouldHaveSingleItem().ShouldBe("Nurses cannot be negative");
        // Hours for a care home, and no beds: refused too.
        var wrongKind = await PutAsync(provider, ours.Id, new { acceptingAdmissions = true, hours = new[] { new { areaId = 1, timeBand = "Morning", hoursAvailable = 3 } } });
        (await ValidationErrorsAsync(wrongKind)).Keys.ShouldBe(["beds", "hours"], ignoreOrder: true);
        (await ReturnsCountAsync(app)).ShouldBe(count);

        // Another provider's home: not found, nothing written; its returns are not found either.
        var other = await PutAsync(provider, theirs.Id, new { acceptingAdmissions = true, beds = new[] { new BedReport(BedCategory.Residential, 10, 5, 0, 5) } });
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ReturnsCountAsync(app)).ShouldBe(count);
        (await provider.GetAsync($"/api/v1/capacity/services/{theirs.Id}/returns")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var providerUser = await app.SignedInAsync(ProviderUser);
        (await providerUser.GetAsync($"/api/v1/capacity/services/{theirs.Id}/returns")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await providerUser.GetAsync($"/api/v1/capacity/services/{ours.Id}/returns")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await broker.GetAsync($"/api/v1/capacity/services/{theirs.Id}/returns")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var overviewAfterRefusals = await OverviewAsync(broker);
        overviewAfterRefusals.Services.Single(s => s.ServiceId == theirs.Id).ShouldBeEquivalentTo(now.Services.Single(s => s.ServiceId == theirs.Id));

        // Audit: the one return written, by the key.
        await using var db = app.Db();
        var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(CapacityReturn) && a.EntityKey == reported.Id.ToString()).ToListAsync();
        var entry = audit.ShouldHaveSingleItem();
        entry.Action.ShouldBe("Added");
        entry.UserName.ShouldBe($"api-key:{key[..12]}");
        (await db.AuditEntries.CountAsync(a => a.EntityType == nameof(CapacityReturn) && a.At >= after[0].ReportedAt.AddSeconds(-1)
            && a.UserName.StartsWith("api-key:"))).ShouldBe(1);
    }

    [Theory]
    [BothEngines]
    public async Task Homecare_hours_by_patch_and_time_band_change_the_patch_totals(Engine engine)
    {
        await using var app = await CareMarketApp.StartAsync(engine);
        var hawthorn = await app.HawthornAsync();
        var community = await ServicesAsync(app, CapacityKind.Hours);
        community.ShouldNotBeEmpty();
        // Hawthorn's own homecare service if it has one; otherwise another provider's, with that provider's key.
        var service = community.FirstOrDefault(s => s.ProviderId == hawthorn.Id) ?? community.First();
        var provider = await app.ApiKeyClientAsync(service.ProviderId);
        var broker = await app.SignedInAsync(Broker);
        List<Area> patches;
        await using (var db = app.Db())
        {
            var home = await NorthbridgeAsync(db);
            patches = await db.Areas.AsNoTracking().Where(a => a.LocalAuthorityId == home && a.Kind == AreaKind.HomecarePatch).OrderBy(a => a.Name).ToListAsync();
        }
        var south = patches.Single(p => p.Name.StartsWith("South"));
        var north = patches.First(p => p.Id != south.Id);

        var before = await OverviewAsync(broker);
        before.Patches.Single(p => p.AreaId == south.Id).Total.ShouldBe(0m, "the demo's South patch has no homecare hours");
        var old = (await ReturnsAsync(provider, service.Id)).FirstOrDefault()?.Hours ?? [];

        var hours = new[]
        {
            new HoursReport(south.Id, TimeBand.Morning, 7m), new HoursReport(south.Id, TimeBand.Tea, 3.5m),
            new HoursReport(north.Id, TimeBand.Lunch, 10m), new HoursReport(north.Id, TimeBand.Night, 0m),
        };
        var put = await PutAsync(provider, service.Id, new { peopleSupported = 40, hoursDeliveredPerWeek = 420, hours, earliestStart = app.Today.AddDays(3) });
        put.StatusCode.ShouldBe(HttpStatusCode.Created, await put.Content.ReadAsStringAsync());

        var after = await OverviewAsync(broker);
        foreach (var patch in patches)
        {
            foreach (var band in Enum.GetValues<TimeBand>())
            {
                var expected = before.Patches.Single(p => p.AreaId == patch.Id).Hours[band]
                    - old.Where(h => h.AreaId == patch.Id && h.TimeBand == band).Sum(h => h.HoursAvailable)
                    + hours.Where(h => h.AreaId == patch.Id && h.TimeBand == band).Sum(h => h.HoursAvailable);
                after.Patches.Single(p => p.AreaId == patch.Id).Hours[band].ShouldBe(expected, $"{patch.Name}, {band}");
            }
        }
        after.Patches.Single(p => p.AreaId == south.Id).Total.ShouldBe(10.5m);
        after.Patches.Single(p => p.AreaId == south.Id).Services.ShouldBe(
            before.Patches.Single(p => p.AreaId == south.Id).Services + (old.Any(h => h.AreaId == south.Id) ? 0 : 1));
        var row = after.Services.Single(s => s.ServiceId == service.Id);
        row.HoursAvailable.ShouldBe(20.5m);
        row.Freshness.ShouldBe(Freshness.Fresh);

        // Hours in a patch that is not a homecare patch, and negative hours: refused, nothing changes.
        var count = await ReturnsCountAsync(app);
        var bad = await PutAsync(provider, service.Id, new { hours = new[] { new HoursReport(999_999, TimeBand.Morning, 3m), new HoursReport(north.Id, TimeBand.Bed, -1m) } });
        (await ValidationErrorsAsync(bad)).Keys.ShouldBe(["hours"]);
        (await ReturnsCountAsync(app)).ShouldBe(count);
    }

    [Theory]
    [BothEngines]
    public async Task Bulk_upload_of_the_template_writes_every_service_or_nothing(Engine engine)
    {
        await using var app = await CareMarketApp.StartAsync(engine);
        var client = await app.SignedInAsync(ProviderUser);

        var template = await client.GetAsync("/api/v1/capacity/returns/template");
        template.StatusCode.ShouldBe(HttpStatusCode.OK);
        template.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var table = Csv.Parse(Encoding.UTF8.GetString(await template.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF'));
        table[0].ShouldBe(CapacityFiles.UploadHeadings);
        var rows = table.Skip(1).ToList();
        rows.ShouldNotBeEmpty();
        var col = (string name) => Array.IndexOf(CapacityFiles.UploadHeadings, name);
        var (occupied, accepting) = (col("Occupied"), col("Vacant accepting admissions"));
        var services = rows.Select(r => r[0]).Distinct().Count();

        // Change a number: one more bed accepting admissions, one fewer occupied.
        var changed = rows.FindIndex(r => int.TryParse(r[occupied], out var o) && o > 0);
        changed.ShouldBeGreaterThanOrEqualTo(0);
        rows[changed][occupied] = (int.Parse(rows[changed][occupied]) - 1).ToString();
        rows[changed][accepting] = (int.Parse(rows[changed][accepting]) + 1).ToString();
        var returnsBefore = await ReturnsCountAsync(app);
        var started = app.Now; // the app's clock is fixed: the upload is written at this moment

        var ok = await UploadAsync(client, "/api/v1/capacity/returns/upload", Csv.Write([table[0], .. rows]));
        ok.StatusCode.ShouldBe(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        var result = (await ok.Content.ReadFromJsonAsync<UploadResult>(Json))!;
        result.Rows.ShouldBe(rows.Count);
        result.ReturnsWritten.ShouldBe(services);
        result.Errors.ShouldBeEmpty();
        (await ReturnsCountAsync(app)).ShouldBe(returnsBefore + services);

        int serviceId;
        await using (var db = app.Db())
        {
            serviceId = await db.Services.Where(s => s.CqcLocationId == rows[changed][0]).Select(s => s.Id).SingleAsync();
            var written = await db.CapacityReturns.Include(r => r.Beds).Where(r => r.ServiceId == serviceId)
                .OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id).FirstAsync();
            written.Source.ShouldBe(CapacitySource.Provider);
            written.ReportedBy.ShouldBe(ProviderUser);
            var line = written.Beds.Single(b => CapacityWords.Of(b.Category) == rows[changed][col("Bed category")]);
            line.Occupied.ShouldBe(int.Parse(rows[changed][occupied]));
            line.VacantAccepting.ShouldBe(int.Parse(rows[changed][accepting]));

            // Audit: each return written, by the user.
            var audited = await db.AuditEntries.Where(a => a.EntityType == nameof(CapacityReturn) && a.Action == "Added" && a.At >= started).ToListAsync();
            audited.Count.ShouldBe(services);
            audited.ShouldAllBe(a => a.UserName == ProviderUser);
        }

        // A bad row: 400 listing its row and column; nothing written.
        var count = await ReturnsCountAsync(app);
        var bad = rows.Select(r => r.ToArray()).ToList();
        bad[^1][occupied] = "lots";
        var refused = await UploadAsync(client, "/api/v1/capacity/returns/upload", Csv.Write([table[0], .. bad]));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
        var failed = (await refused.Content.ReadFromJsonAsync<UploadResult>(Json))!;
        failed.ReturnsWritten.ShouldBe(0);
        var error = failed.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(bad.Count + 1); // the header is row 1
        error.Column.ShouldBe("Occupied");
        (await ReturnsCountAsync(app)).ShouldBe(count);

        // Homecare hours for a care home: refused as the form and the API refuse them, nothing written.
        string patch;
        await using (var db = app.Db())
        {
            var home = await NorthbridgeAsync(db);
            patch = await db.Areas.Where(a => a.LocalAuthorityId == home && a.Kind == AreaKind.HomecarePatch).OrderBy(a => a.Name).Select(a => a.Name).FirstAsync();
        }
        var hoursForHome = new string[CapacityFiles.UploadHeadings.Length];
        Array.Fill(hoursForHome, "");
        (hoursForHome[0], hoursForHome[col("Patch")], hoursForHome[col("Time band")], hoursForHome[col("Hours available")]) = (rows[changed][0], patch, "Morning", "7");
        var wrongKind = await UploadAsync(client, "/api/v1/capacity/returns/upload", Csv.Write([table[0], hoursForHome]));
        wrongKind.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await wrongKind.Content.ReadAsStringAsync());
        var kindErrors = (await wrongKind.Content.ReadFromJsonAsync<UploadResult>(Json))!.Errors;
        kindErrors.ShouldContain(e => e.Row == 2 && e.Message == "A care home reports beds, not homecare hours");
        kindErrors.ShouldContain(e => e.Row == 2 && e.Message == "Enter the beds for at least one category");
        (await ReturnsCountAsync(app)).ShouldBe(count);
    }

    [Theory]
    [BothEngines]
    public async Task Capacity_tracker_import_takes_known_homes_lists_unknown_ones_and_is_idempotent(Engine engine)
    {
        await using var app = await CareMarketApp.StartAsync(engine);
        var homes = (await ServicesAsync(app, CapacityKind.Beds, s => s.CqcLocationId is not null)).Take(2).ToList();
        homes.Count.ShouldBe(2);
        var date = app.Now.AddDays(-1).ToString("dd/MM/yyyy");
        var extract = "CQC location ID,Last updated,Maximum capacity,Occupied,Vacant reserved,Vacant accepting admissions\n"
            + $"{homes[0].CqcLocationId},{date},30,26,1,3\n"
            + $"{homes[1].CqcLocationId},{date},40,40,0,0\n"
            + $"1-000000001,{date},20,18,0,2\n";
        var commissioner = await app.SignedInAsync(Commissioner);
        var count = await ReturnsCountAsync(app);

        var first = await UploadAsync(commissioner, "/api/v1/capacity/capacity-tracker", extract);
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var result = (await first.Content.ReadFromJsonAsync<UploadResult>(Json))!;
        result.Rows.ShouldBe(3);
        result.ReturnsWritten.ShouldBe(2);
        var skipped = result.Skipped.ShouldHaveSingleItem();
        skipped.Row.ShouldBe(4);
        skipped.Column.ShouldBe("CQC location ID");
        skipped.Message.ShouldContain("1-000000001");
        (await ReturnsCountAsync(app)).ShouldBe(count + 2);

        var broker = await app.SignedInAsync(Broker);
        var history = await ReturnsAsync(broker, homes[0].Id);
        history.ShouldContain(r => r.Source == nameof(CapacitySource.CapacityTracker) && r.Beds.Single().VacantAccepting == 3);

        // The same extract again: nothing new.
        var again = await UploadAsync(commissioner, "/api/v1/capacity/capacity-tracker", extract);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadFromJsonAsync<UploadResult>(Json))!.ReturnsWritten.ShouldBe(0);
        (await ReturnsCountAsync(app)).ShouldBe(count + 2);

        // A broker may not import.
        (await UploadAsync(broker, "/api/v1/capacity/capacity-tracker", extract)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ReturnsCountAsync(app)).ShouldBe(count + 2);

        // Audit: one record of the import, by the commissioner.
        await using var db = app.Db();
        var audit = await db.AuditEntries.Where(a => a.EntityType == "CapacityTracker").ToListAsync();
        var entry = audit.ShouldHaveSingleItem();
        entry.Action.ShouldBe("Imported");
        entry.UserName.ShouldBe(Commissioner);
        entry.After!.ShouldContain("\"imported\":2");
    }

    [Theory]
    [BothEngines]
    public async Task Every_overview_table_exports_as_csv_and_xlsx(Engine engine)
    {
        var app = await apps.For(engine);
        var client = await app.SignedInAsync(Broker);
        var picture = await OverviewAsync(client);
        picture.Services.ShouldNotBeEmpty();
        foreach (var name in CapacityExport.Tables)
        {
            var expected = CapacityExport.Table(picture, name)!;
            var rows = new List<IReadOnlyList<object?>>();
            await foreach (var r in expected.Rows) rows.Add(r);
            rows.ShouldNotBeEmpty(name);

            var csv = await client.GetAsync($"/api/v1/capacity/overview/export?table={name}&format=csv");
            csv.StatusCode.ShouldBe(HttpStatusCode.OK, name);
            csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
            csv.Content.Headers.ContentDisposition!.FileName.ShouldBe($"{expected.Name}.csv");
            var lines = Csv.Parse(Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF'));
            lines[0].ShouldBe(expected.Headings, name);
            (lines.Count - 1).ShouldBe(rows.Count, name);
            lines.Skip(1).ShouldAllBe(l => l.Length == expected.Headings.Count);

            var xlsx = await client.GetAsync($"/api/v1/capacity/overview/export?table={name}&format=xlsx");
            xlsx.StatusCode.ShouldBe(HttpStatusCode.OK, name);
            xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            xlsx.Content.Headers.ContentDisposition!.FileName.ShouldBe($"{expected.Name}.xlsx");
            var bytes = await xlsx.Content.ReadAsByteArrayAsync();
            Encoding.ASCII.GetString(bytes, 0, 2).ShouldBe("PK");
            using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
            var sheetRows = doc.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
            sheetRows.Count.ShouldBe(rows.Count + 1, name);
            sheetRows[0].Elements<Cell>().Select(c => CellText(doc, c)).ShouldBe(expected.Headings, name);
        }
        var unknown = await client.GetAsync("/api/v1/capacity/overview/export?table=bogus&format=csv");
        (await ValidationErrorsAsync(unknown)).Keys.ShouldBe(["table"]);
    }

    private static string CellText(SpreadsheetDocument doc, Cell cell) =>
        cell.DataType?.Value == CellValues.SharedString
            ? doc.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(cell.InnerText)).InnerText
            : cell.InnerText;

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, string csv)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "returns.csv");
        return await client.PostAsync(url, content);
    }

    /// <summary>Just enough CSV for the tests: quoted fields with commas and doubled quotes.</summary>
    private static class Csv
    {
        public static List<string[]> Parse(string text)
        {
            var rows = new List<string[]>();
            var row = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else field.Append(c);
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
                else if (c == '\r') { }
                else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); }
                else field.Append(c);
            }
            if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add([.. row]); }
            return rows;
        }

        public static string Write(IEnumerable<IReadOnlyList<string>> rows) =>
            string.Concat(rows.Select(r => string.Join(",", r.Select(TableExport.Quote)) + "\r\n"));
    }
}
