using System.Net;
using System.Text;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Tests;

/// <summary>The council set-up page (/admin/council): its administrator adds neighbours and areas; a broker may not.</summary>
public class CouncilPageTests
{
    private const string Administrator = "admin@oldham.example";
    private const string Broker = "broker@oldham.example";

    private static async Task<(CareMarketApp App, int Oldham, int Service)> StartAsync(Engine engine)
    {
        var app = await CareMarketApp.StartAsync(engine, demo: false);
        await using var data = app.Data();
        var oldham = await data.CouncilAsync("Oldham", "E08000004", "North West", districts: "OL1 OL2", locality: "North");
        await data.UserAsync(oldham, Roles.Administrator, email: Administrator);
        await data.UserAsync(oldham, Roles.Broker, email: Broker);
        var service = await data.ServiceAsync(oldham, with: s => s.Postcode = "OL4 1AA");
        return (app, oldham.Id, service.Id);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = await CareMarketApp.AntiforgeryTokenAsync(client);
        return await client.PostAsync($"/admin/council?handler={handler}", new FormUrlEncodedContent(form));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(await CareMarketApp.AntiforgeryTokenAsync(client)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "AreasFile", "areas.csv" },
        };
        return await client.PostAsync("/admin/council?handler=AreasFile", content);
    }

    [Theory]
    [BothEngines]
    public async Task Administrator_AddsANeighbour_AndAreasByFormAndFile_ServicesFollowTheirDistrict(Engine engine)
    {
        var (app, oldham, serviceId) = await StartAsync(engine);
        await using var _ = app;
        var client = await app.SignedInAsync(Administrator);

        var page = await client.GetAsync("/admin/council");
        var neighbour = await PostAsync(client, "Neighbour", new() { ["NeighbourCode"] = "E08000005" });
        var area = await PostAsync(client, "Area", new() { ["AreaName"] = "East", ["AreaKind"] = "Locality", ["AreaDistricts"] = "OL4 OL3" });
        var overlapping = await PostAsync(client, "Area", new() { ["AreaName"] = "West", ["AreaKind"] = "Locality", ["AreaDistricts"] = "OL4" });
        var file = await UploadAsync(client, "area,kind,district\nEast patch,patch,OL4\nEast patch,patch,OL3\n");
        var badFile = await UploadAsync(client, "area,kind,district\nSouth,locality,OL8 1AA\n");

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("Oldham: council set-up");
        neighbour.StatusCode.ShouldBe(HttpStatusCode.Redirect, await neighbour.Content.ReadAsStringAsync());
        area.StatusCode.ShouldBe(HttpStatusCode.Redirect, await area.Content.ReadAsStringAsync());
        overlapping.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await overlapping.Content.ReadAsStringAsync()).ShouldContain("OL4 is already in the locality \"East\"; a postcode district is in one locality only");
        file.StatusCode.ShouldBe(HttpStatusCode.Redirect, await file.Content.ReadAsStringAsync());
        badFile.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await badFile.Content.ReadAsStringAsync())
            .ShouldContain("The file was not imported and nothing was written: areas.csv, row 2, column \"district\": \"OL8 1AA\" is a whole postcode; give its district only (OL8)");

        await using var db = app.Db();
        var rochdale = await db.LocalAuthorities.SingleAsync(l => l.OnsCode == "E08000005");
        rochdale.IsTenant.ShouldBeFalse();
        (await db.Neighbours.CountAsync(n => (n.LocalAuthorityId == oldham && n.NeighbourId == rochdale.Id) || (n.LocalAuthorityId == rochdale.Id && n.NeighbourId == oldham))).ShouldBe(2);
        var east = await db.Areas.SingleAsync(a => a.LocalAuthorityId == oldham && a.Name == "East");
        (await db.Services.SingleAsync(s => s.Id == serviceId)).AreaId.ShouldBe(east.Id);
        (await db.Areas.SingleAsync(a => a.Name == "East patch")).PostcodeDistricts.ShouldBe("OL4 OL3");
        (await db.Areas.CountAsync(a => a.LocalAuthorityId == oldham)).ShouldBe(4);
        (await db.AuditEntries.CountAsync(a => a.UserName == Administrator && a.EntityType == nameof(Area))).ShouldBe(2);
    }

    [Theory]
    [BothEngines]
    public async Task Broker_IsForbidden_ToChangeTheCouncil_AndNothingIsWritten(Engine engine)
    {
        var (app, oldham, _) = await StartAsync(engine);
        await using var _ = app;
        var client = await app.SignedInAsync(Broker);

        var page = await client.GetAsync("/admin/council");
        var neighbour = await PostAsync(client, "Neighbour", new() { ["NeighbourCode"] = "E08000005" });
        var area = await PostAsync(client, "Area", new() { ["AreaName"] = "East", ["AreaKind"] = "Locality", ["AreaDistricts"] = "OL4" });
        var file = await UploadAsync(client, "area,kind,district\nEast,locality,OL4\n");

        foreach (var response in new[] { page, neighbour, area, file })
        {
            response.StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.Forbidden);
            if (response.StatusCode == HttpStatusCode.Redirect) response.Headers.Location!.AbsolutePath.ShouldBe("/account/access-denied");
        }
        await using var db = app.Db();
        (await db.Neighbours.CountAsync()).ShouldBe(0);
        (await db.Areas.CountAsync(a => a.LocalAuthorityId == oldham)).ShouldBe(2);
        (await db.LocalAuthorities.CountAsync()).ShouldBe(1);
    }
}
