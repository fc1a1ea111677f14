using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMarket.Data;
using CareMarket.Register;
using CareMarket.Web.Pages.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Tests;

/// <summary>
/// Recording and changing a council's contract through the API, and keeping councils' contracts apart: on an app
/// without the demo, with the councils, services and commissioners each test needs.
/// </summary>
public class ContractTests
{
    private static readonly string Commissioner = CareMarketApp.Email(Roles.Commissioner);

    /// <summary>
    /// An app with Northbridge and its commissioner (<see cref="Commissioner"/>), Eastholm and its commissioner, a
    /// Northbridge care home under no contract, and an Eastholm home Eastholm buys from by block contract
    /// ("EH-BLK-1") and Northbridge by spot purchase.
    /// </summary>
    private static async Task<CareMarketApp> StartAsync(Engine engine)
    {
        var app = await CareMarketApp.StartAsync(engine, demo: false);
        await using var data = app.Data();
        var northbridge = await data.CouncilAsync("Northbridge");
        var eastholm = await data.CouncilAsync("Eastholm", districts: "EQ1 EQ2");
        await data.NeighboursAsync(northbridge, eastholm);
        (await data.UserAsync(northbridge, Roles.Commissioner)).Email.ShouldBe(Commissioner);
        (await data.UserAsync(eastholm, Roles.Commissioner)).Email.ShouldBe(CareMarketApp.EastholmCommissioner);
        await data.ServiceAsync(northbridge);
        var theirs = await data.ServiceAsync(eastholm);
        await data.ContractAsync(eastholm, theirs, ContractArrangement.BlockContract, "EH-BLK-1");
        await data.ContractAsync(northbridge, theirs, ContractArrangement.SpotPurchase, "NB-SPOT-1");
        return app;
    }

    private static async Task<ServiceResponse> DetailAsync(HttpClient client, int id) =>
        (await client.GetFromJsonAsync<ServiceResponse>($"/api/v1/register/services/{id}", ApiTests.Json))!;

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, int serviceId, object body) =>
        client.PutAsJsonAsync($"/api/v1/register/services/{serviceId}/contract", body);

    private static async Task<List<AuditEntry>> AuditAsync(CareMarketApp app, int contractId)
    {
        await using var db = app.Db();
        return await db.AuditEntries.Where(a => a.EntityType == nameof(Contract) && a.EntityKey == contractId.ToString())
            .OrderBy(a => a.Id).ToListAsync();
    }

    [Theory]
    [BothEngines]
    public async Task Contract_is_created_changed_refused_when_stale_and_audited(Engine engine)
    {
        await using var app = await StartAsync(engine);
        var client = await app.SignedInAsync(Commissioner);
        int serviceId;
        await using (var db = app.Db())
        {
            var home = await db.LocalAuthorities.Where(l => l.Name == "Northbridge").Select(l => l.Id).FirstAsync();
            serviceId = await db.Services.Where(s => s.HostLocalAuthorityId == home && s.Status == ServiceStatus.Active
                    && !db.Contracts.Any(c => c.ServiceId == s.Id))
                .OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        }

        // Create.
        var created = await PutAsync(client, serviceId, new { arrangement = "SpotPurchase", reference = "NB-T-1", startsOn = "2026-04-01" });
        created.StatusCode.ShouldBe(HttpStatusCode.NoContent, await created.Content.ReadAsStringAsync());
        var contract = (await DetailAsync(client, serviceId)).Contracts.ShouldHaveSingleItem();
        contract.Arrangement.ShouldBe(ContractArrangement.SpotPurchase);
        contract.Reference.ShouldBe("NB-T-1");
        contract.StartsOn.ShouldBe(new DateOnly(2026, 4, 1));
        (await DetailAsync(client, serviceId)).Service.Arrangement.ShouldBe(ContractArrangement.SpotPurchase);

        // Change, with the version read.
        var changed = await PutAsync(client, serviceId, new { arrangement = "BlockContract", reference = "NB-T-2", startsOn = "2026-04-01", endsOn = "2027-03-31", contractId = contract.Id, version = contract.Version });
        changed.StatusCode.ShouldBe(HttpStatusCode.NoContent, await changed.Content.ReadAsStringAsync());
        var after = (await DetailAsync(client, serviceId)).Contracts.ShouldHaveSingleItem();
        after.Arrangement.ShouldBe(ContractArrangement.BlockContract);
        after.EndsOn.ShouldBe(new DateOnly(2027, 3, 31));
        after.Version.ShouldBeGreaterThan(contract.Version);

        // The same stale version again: refused, with a message a person can act on; nothing changes.
        var auditBefore = (await AuditAsync(app, contract.Id)).Count;
        var stale = await PutAsync(client, serviceId, new { arrangement = "InHouse", startsOn = "2026-04-01", contractId = contract.Id, version = contract.Version });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe(409);
        problem.GetProperty("detail").GetString()!.ShouldContain("Someone else changed this contract");
        (await DetailAsync(client, serviceId)).Contracts.Single().Arrangement.ShouldBe(ContractArrangement.BlockContract);

        // Audit: who, before and after, for each write; nothing for the refused one.
        var audit = await AuditAsync(app, contract.Id);
        audit.Count.ShouldBe(auditBefore);
        audit.Count.ShouldBe(2);
        audit.ShouldAllBe(a => a.UserName == Commissioner);
        audit[0].Action.ShouldBe("Added");
        audit[0].After!.ShouldContain("SpotPurchase");
        audit[0].After!.ShouldContain("NB-T-1");
        audit[1].Action.ShouldBe("Modified");
        audit[1].Before!.ShouldContain("SpotPurchase");
        audit[1].Before!.ShouldContain("NB-T-1");
        audit[1].After!.ShouldContain("BlockContract");
        audit[1].After!.ShouldContain("NB-T-2");
    }

    [Theory]
    [BothEngines("Bogus")]
    [InlineData(Engine.Sqlite, "42")]
    [InlineData(Engine.Sqlite, "")]
    public async Task Invalid_arrangement_is_a_validation_problem_naming_the_field(Engine engine, string arrangement)
    {
        await using var app = await StartAsync(engine);
        var client = await app.SignedInAsync(Commissioner);
        int serviceId;
        int contractsBefore;
        await using (var db = app.Db())
        {
            serviceId = await db.Services.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            contractsBefore = await db.Contracts.CountAsync();
        }
        var response = await PutAsync(client, serviceId, new { arrangement, startsOn = "2026-04-01" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("arrangement")[0].GetString()!.ShouldContain("Choose a contract arrangement");
        await using (var db = app.Db())
        {
            (await db.Contracts.CountAsync()).ShouldBe(contractsBefore);
        }

        // Missing start date and an end before the start are named too.
        var noStart = await (await PutAsync(client, serviceId, new { arrangement = "SpotPurchase" })).Content.ReadFromJsonAsync<JsonElement>();
        noStart.GetProperty("errors").TryGetProperty("startsOn", out _).ShouldBeTrue();
        var backwards = await PutAsync(client, serviceId, new { arrangement = "SpotPurchase", startsOn = "2026-04-01", endsOn = "2026-01-01" });
        backwards.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await backwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("endsOn", out _).ShouldBeTrue();
    }

    [Theory]
    [BothEngines]
    public async Task Northbridge_never_sees_nor_changes_Eastholms_contracts(Engine engine)
    {
        await using var app = await StartAsync(engine);
        Contract eastholms;
        await using (var db = app.Db())
        {
            eastholms = await db.Contracts.AsNoTracking().Where(c => c.Reference!.StartsWith("EH-")).OrderBy(c => c.Id).FirstAsync();
        }
        var northbridge = await app.SignedInAsync(Commissioner);
        var eastholm = await app.SignedInAsync(CareMarketApp.EastholmCommissioner);

        // Eastholm sees its contract; Northbridge, on the same service, does not.
        var asEastholm = await DetailAsync(eastholm, eastholms.ServiceId);
        asEastholm.Contracts.ShouldContain(c => c.Id == eastholms.Id && c.Reference == eastholms.Reference);
        var asNorthbridge = await DetailAsync(northbridge, eastholms.ServiceId);
        asNorthbridge.Contracts.ShouldNotContain(c => c.Id == eastholms.Id);
        asNorthbridge.Contracts.ShouldAllBe(c => !c.Reference!.StartsWith("EH-"));
        var page = await northbridge.GetStringAsync($"/register/services/{eastholms.ServiceId}");
        page.ShouldNotContain(eastholms.Reference!);
        var list = await ApiTests.ListAsync(northbridge, "scope=England&pageSize=500");
        list.Rows.Single(r => r.Id == eastholms.ServiceId).Arrangement.ShouldBe(asNorthbridge.Contracts.FirstOrDefault()?.Arrangement);
        var blocks = await ApiTests.ListAsync(northbridge, "scope=England&arrangement=BlockContract&pageSize=500");
        blocks.Rows.Any(r => r.Id == eastholms.ServiceId).ShouldBe(asNorthbridge.Contracts.Any(c => c.Arrangement == ContractArrangement.BlockContract));
        var csv = await northbridge.GetStringAsync("/api/v1/register/services/export?scope=England&search=" + Uri.EscapeDataString(asEastholm.Service.CqcLocationId!));
        csv.ShouldNotContain(eastholms.Reference!);

        // Northbridge cannot change it, even knowing its id and version.
        var response = await PutAsync(northbridge, eastholms.ServiceId,
            new { arrangement = "SpotPurchase", startsOn = "2026-04-01", contractId = eastholms.Id, version = eastholms.Version });
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using (var db = app.Db())
        {
            var now = await db.Contracts.AsNoTracking().SingleAsync(c => c.Id == eastholms.Id);
            now.Arrangement.ShouldBe(eastholms.Arrangement);
            now.Version.ShouldBe(eastholms.Version);
            now.LocalAuthorityId.ShouldBe(eastholms.LocalAuthorityId);
        }
    }
}
