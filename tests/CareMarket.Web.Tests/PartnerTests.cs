using System.Net.Http.Json;
using CareMarket.Data;
using CareMarket.Web.Pages.Register;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CareMarket.Web.Tests;

/// <summary>What a partner (read-only, such as the ICB) sees of the council's contracts.</summary>
public class PartnerTests(SharedApps apps, ITestOutputHelper output) : IClassFixture<SharedApps>
{
    [Fact]
    public async Task Partner_service_page_has_no_contract_section()
    {
        var app = await apps.For(Engine.Sqlite);
        int serviceId;
        string reference;
        await using (var db = app.Db())
        {
            var contract = await db.Contracts.Where(c => c.Reference!.StartsWith("NB-")).OrderBy(c => c.Id).FirstAsync();
            (serviceId, reference) = (contract.ServiceId, contract.Reference!);
        }
        var partner = await app.SignedInAsync(CareMarketApp.Email(Roles.Partner));
        var page = await partner.GetStringAsync($"/register/services/{serviceId}");
        page.ShouldNotContain("Our contract with this service");
        page.ShouldNotContain(reference);

        // Nor through the API: the query filter keeps council contracts to the council's own staff.
        var api = (await partner.GetFromJsonAsync<ServiceResponse>($"/api/v1/register/services/{serviceId}", ApiTests.Json))!;
        output.WriteLine($"Partner via API: service.arrangement={api.Service.Arrangement}, contracts={api.Contracts.Count}");
        api.Service.Arrangement.ShouldBeNull();
        api.Contracts.ShouldBeEmpty();
    }
}
