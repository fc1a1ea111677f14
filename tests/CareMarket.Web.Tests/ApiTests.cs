using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CareMarket.Data;
using CareMarket.Demo;
using CareMarket.Register;
using CareMarket.Web.Pages.Register;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Tests;

/// <summary>The register API on SQLite and on PostgreSQL, as the commissioner reads it (shared app per engine).</summary>
public class ApiTests(SharedApps apps) : IClassFixture<SharedApps>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private async Task<(CareMarketApp App, HttpClient Client)> CommissionerAsync(Engine engine)
    {
        var app = await apps.For(engine);
        return (app, await app.SignedInAsync(CareMarketApp.Email(Roles.Commissioner)));
    }

    public static async Task<RegisterPage> ListAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/register/services?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, query);
        return (await response.Content.ReadFromJsonAsync<RegisterPage>(Json))!;
    }

    private static async Task<int> NorthbridgeAsync(CareMarketDb db) =>
        await db.LocalAuthorities.Where(l => l.OnsCode == DemoBorough.HomeOnsCode).Select(l => l.Id).FirstAsync();

    [Theory]
    [BothEngines]
    public async Task List_filters_by_type_specialism_and_rating_as_the_database_counts(Engine engine)
    {
        var (app, client) = await CommissionerAsync(engine);
        await using var db = app.Db();
        var home = await NorthbridgeAsync(db);
        var ours = db.Services.Where(s => s.HostLocalAuthorityId == home && s.Status == ServiceStatus.Active);

        var all = await ListAsync(client, "pageSize=500");
        all.Total.ShouldBe(await ours.CountAsync());
        all.Rows.ShouldAllBe(r => r.Council == "Northbridge" && r.Status == ServiceStatus.Active);

        var nursing = await ListAsync(client, "serviceType=CareHomeWithNursing&pageSize=500");
        nursing.Total.ShouldBe(await ours.CountAsync(s => s.ServiceType == ServiceType.CareHomeWithNursing));
        nursing.Total.ShouldBeGreaterThan(0);
        nursing.Rows.ShouldAllBe(r => r.ServiceType == ServiceType.CareHomeWithNursing);

        var dementia = await ListAsync(client, "specialism=Dementia&pageSize=500");
        dementia.Total.ShouldBeGreaterThan(0);
        dementia.Total.ShouldBeLessThan(all.Total);
        dementia.Rows.ShouldAllBe(r => r.Specialisms.HasFlag(Specialism.Dementia));
        dementia.Total.ShouldBe(all.Rows.Count(r => r.Specialisms.HasFlag(Specialism.Dementia)));

        var good = await ListAsync(client, "overall=Good&pageSize=500");
        good.Total.ShouldBeGreaterThan(0);
        good.Rows.ShouldAllBe(r => r.Overall == RatingWord.Good);
        good.Total.ShouldBe(all.Rows.Count(r => r.Overall == RatingWord.Good));

        var unrated = await ListAsync(client, "overall=not-yet-rated&pageSize=500");
        unrated.Total.ShouldBeGreaterThan(0);
        unrated.Rows.ShouldAllBe(r => r.Overall == null && r.RatedOn == null);
        unrated.Total.ShouldBe(all.Rows.Count(r => r.Overall == null));

        var combined = await ListAsync(client, "serviceType=CareHomeWithNursing&overall=Good&pageSize=500");
        combined.Total.ShouldBe(nursing.Rows.Count(r => r.Overall == RatingWord.Good));
    }

    [Theory]
    [BothEngines]
    public async Task List_searches_by_name_postcode_and_cqc_id(Engine engine)
    {
        var (_, client) = await CommissionerAsync(engine);
        var all = await ListAsync(client, "pageSize=500");
        var target = all.Rows.First(r => r.CqcLocationId is not null && r.Postcode is not null);

        var byName = await ListAsync(client, "search=" + Uri.EscapeDataString(target.Name.ToUpperInvariant()));
        byName.Rows.ShouldContain(r => r.Id == target.Id);
        byName.Rows.ShouldAllBe(r => r.Name.Contains(target.Name, StringComparison.OrdinalIgnoreCase)
            || r.ProviderName.Contains(target.Name, StringComparison.OrdinalIgnoreCase));

        // A full postcode, written without its space and in lower case; and its district alone.
        var byPostcode = await ListAsync(client, "search=" + Uri.EscapeDataString(target.Postcode!.Replace(" ", "").ToLowerInvariant()));
        byPostcode.Rows.ShouldContain(r => r.Id == target.Id);
        byPostcode.Rows.ShouldAllBe(r => r.Postcode == target.Postcode);
        var district = target.Postcode.Split(' ')[0];
        var byDistrict = await ListAsync(client, "pageSize=500&search=" + Uri.EscapeDataString(target.Postcode));
        byDistrict.Rows.ShouldContain(r => r.Id == target.Id);
        (await ListAsync(client, "pageSize=500&search=" + district)).Rows.ShouldContain(r => r.Id == target.Id);

        var byCqcId = await ListAsync(client, "search=" + target.CqcLocationId);
        byCqcId.Total.ShouldBe(1);
        byCqcId.Rows.Single().Id.ShouldBe(target.Id);

        (await ListAsync(client, "search=no-such-service-anywhere")).Total.ShouldBe(0);
    }

    [Theory]
    [BothEngines]
    public async Task List_scope_and_paging(Engine engine)
    {
        var (app, client) = await CommissionerAsync(engine);
        var ours = await ListAsync(client, "scope=OurArea&pageSize=500");
        var neighbours = await ListAsync(client, "scope=OurAreaAndNeighbours&pageSize=500");
        var england = await ListAsync(client, "scope=England&pageSize=500");
        ours.Rows.ShouldAllBe(r => r.Council == "Northbridge");
        england.Total.ShouldBeGreaterThan(ours.Total);
        england.Rows.ShouldContain(r => r.Council == "Eastholm");
        neighbours.Total.ShouldBeGreaterThanOrEqualTo(ours.Total);
        neighbours.Total.ShouldBeLessThanOrEqualTo(england.Total);
        await using (var db = app.Db())
        {
            england.Total.ShouldBe(await db.Services.CountAsync(s => s.Status == ServiceStatus.Active));
        }

        var page1 = await ListAsync(client, "scope=England&pageSize=10&page=1");
        var page2 = await ListAsync(client, "scope=England&pageSize=10&page=2");
        page1.Total.ShouldBe(england.Total);
        page2.Total.ShouldBe(england.Total);
        page1.Rows.Count.ShouldBe(10);
        page2.Rows.Count.ShouldBe(10);
        page2.Page.ShouldBe(2);
        page1.Rows.Select(r => r.Id).Intersect(page2.Rows.Select(r => r.Id)).ShouldBeEmpty();
        // Pages are the sorted list cut in tens.
        england.Rows.Skip(10).Take(10).Select(r => r.Id).ShouldBe(page2.Rows.Select(r => r.Id));
        var last = await ListAsync(client, $"scope=England&pageSize=10&page={page1.Pages}");
        last.Rows.Count.ShouldBe(england.Total - (page1.Pages - 1) * 10);
    }

    [Theory]
    [BothEngines]
    public async Task Service_detail_has_rating_history_newest_first(Engine engine)
    {
        var (app, client) = await CommissionerAsync(engine);
        int id;
        List<DateOnly> dates;
        await using (var db = app.Db())
        {
            id = await db.Services.Where(s => db.Ratings.Count(r => r.ServiceId == s.Id) >= 2).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            dates = await db.Ratings.Where(r => r.ServiceId == id).Select(r => r.PublishedOn).ToListAsync();
        }
        var detail = (await client.GetFromJsonAsync<ServiceResponse>($"/api/v1/register/services/{id}", Json))!;
        detail.Service.Id.ShouldBe(id);
        detail.Ratings.Select(r => r.PublishedOn).ShouldBe(dates.OrderByDescending(d => d));
        detail.Service.RatedOn.ShouldBe(dates.Max());
        detail.Ratings[0].Overall.ShouldBe(RatingWords.Display(detail.Service.Overall));

        var ratings = (await client.GetFromJsonAsync<List<RatingResponse>>($"/api/v1/register/services/{id}/ratings", Json))!;
        ratings.Select(r => r.PublishedOn).ShouldBe(dates.OrderByDescending(d => d));

        (await client.GetAsync("/api/v1/register/services/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [BothEngines]
    public async Task Provider_detail_lists_its_services(Engine engine)
    {
        var (app, client) = await CommissionerAsync(engine);
        var hawthorn = await app.HawthornAsync();
        List<int> ids;
        await using (var db = app.Db())
        {
            ids = await db.Services.Where(s => s.ProviderId == hawthorn.Id).Select(s => s.Id).ToListAsync();
        }
        var provider = (await client.GetFromJsonAsync<ProviderResponse>($"/api/v1/register/providers/{hawthorn.Id}", Json))!;
        provider.Name.ShouldBe("Hawthorn Care Group");
        provider.CqcProviderId.ShouldBe(hawthorn.CqcProviderId);
        provider.Services.Select(s => s.Id).ShouldBe(ids, ignoreOrder: true);
        provider.Services.ShouldAllBe(s => s.ProviderId == hawthorn.Id);
        (await client.GetAsync("/api/v1/register/providers/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [BothEngines]
    public async Task Csv_export_has_the_header_and_a_row_per_service_in_the_list(Engine engine)
    {
        var (_, client) = await CommissionerAsync(engine);
        foreach (var query in new[] { "scope=England", "serviceType=CareHomeWithNursing&overall=Good", "overall=not-yet-rated" })
        {
            var list = await ListAsync(client, query);
            var response = await client.GetAsync("/api/v1/register/services/export?format=csv&" + query);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
            response.Content.Headers.ContentDisposition!.FileName.ShouldBe("register.csv");
            var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF')
                .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).SelectMany(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
            lines[0].ShouldBe(string.Join(",", RegisterExport.Headings));
            (lines.Count - 1).ShouldBe(list.Total, query);
            if (list.Total > 0) lines.ShouldContain(l => l.StartsWith(list.Rows[0].CqcLocationId ?? "", StringComparison.Ordinal) && l.Contains(list.Rows[0].Name));
        }
    }

    [Theory]
    [BothEngines]
    public async Task Xlsx_export_is_a_workbook_with_the_same_rows(Engine engine)
    {
        var (_, client) = await CommissionerAsync(engine);
        var list = await ListAsync(client, "scope=England");
        var response = await client.GetAsync("/api/v1/register/services/export?format=xlsx&scope=England");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(bytes, 0, 2).ShouldBe("PK");

        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().ToList();
        rows.Count.ShouldBe(list.Total + 1);
        rows[0].Elements<Cell>().Select(c => c.InnerText).ShouldBe(RegisterExport.Headings);
        doc.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value.ShouldBe("register");
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_api_route()
    {
        var app = await apps.For(Engine.Sqlite);
        var response = await app.Client().GetAsync("/openapi/v1.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = doc.RootElement.GetProperty("paths");
        var documented = paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}")).ToHashSet();

        var mapped = Endpoints.Api(app).ToList();
        mapped.Count.ShouldBeGreaterThanOrEqualTo(10);
        mapped.Where(m => !documented.Contains(m)).ShouldBeEmpty("routes missing from /openapi/v1.json");
        documented.Where(d => !mapped.Contains(d)).ShouldBeEmpty("documented routes the app does not map");
    }
}
