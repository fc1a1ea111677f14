using System.Net;
using CareMarket.Data;
using CareMarket.Demo;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Tests;

/// <summary>
/// A location registered for several service types, written as any CQC reader writes it (RegisterWriter, from CQC's
/// words), counted under each type by the register API and shown with its types and dormancy on the pages.
/// </summary>
public class RegisterTypesApiTests
{
    [Theory]
    [BothEngines]
    public async Task TypeFilter_CountsAMultiTypeAgencyUnderBothTypes_AsTheDatabaseHoldsThem(Engine engine)
    {
        await using var app = await CareMarketApp.StartAsync(engine);
        await using (var db = app.Db())
        {
            var council = await db.LocalAuthorities.Where(l => l.OnsCode == DemoBorough.HomeOnsCode).Select(l => l.Name).SingleAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            var writer = new RegisterWriter(db, "test");
            await writer.UpsertLocationsAsync(
            [
                new CqcLocation
                {
                    LocationId = "1-7700000077", ProviderId = "1-770000007", ProviderName = "Two Types Care Ltd",
                    Name = "Two Types Homecare and Supported Living", LocalAuthority = council, IsCareHome = false,
                    ServiceType = ServiceType.Homecare, CqcServiceTypes = ["Homecare agencies", "Supported living"], Dormant = true,
                },
            ]);
            await writer.FinishAsync();
            await tx.CommitAsync();
        }
        var client = await app.SignedInAsync(CareMarketApp.Email(Roles.Commissioner));

        await using var check = app.Db();
        var home = await check.LocalAuthorities.Where(l => l.OnsCode == DemoBorough.HomeOnsCode).Select(l => l.Id).SingleAsync();
        var ours = check.Services.Where(s => s.HostLocalAuthorityId == home && s.Status == ServiceStatus.Active);
        var agency = await check.Services.SingleAsync(s => s.CqcLocationId == "1-7700000077");
        agency.ServiceTypes.ShouldBe(ServiceTypes.Homecare | ServiceTypes.SupportedLiving);

        foreach (var type in new[] { ServiceType.Homecare, ServiceType.SupportedLiving })
        {
            var bit = ServiceTypeSet.Of(type);
            var page = await ApiTests.ListAsync(client, $"serviceType={type}&pageSize=500");
            page.Total.ShouldBe(await ours.CountAsync(s => s.ServiceType == type || (s.ServiceTypes & bit) == bit), type.ToString());
            page.Rows.ShouldContain(r => r.Id == agency.Id, type.ToString());
            page.Rows.ShouldAllBe(r => r.AllTypes.Contains(type));
        }
        var all = await ApiTests.ListAsync(client, "pageSize=500");
        var row = all.Rows.Single(r => r.Id == agency.Id);
        (row.ServiceType, row.Dormant).ShouldBe((ServiceType.Homecare, true));
        row.AllTypes.ShouldBe([ServiceType.Homecare, ServiceType.SupportedLiving]);
        (await ApiTests.ListAsync(client, "dormant=true&pageSize=500")).Rows.ShouldContain(r => r.Id == agency.Id);

        var register = await client.GetAsync("/register?serviceType=SupportedLiving&pageSize=500");
        register.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await register.Content.ReadAsStringAsync();
        html.ShouldContain("Two Types Homecare and Supported Living");
        html.ShouldContain("also supported living");
        var service = await (await client.GetAsync($"/register/services/{agency.Id}")).Content.ReadAsStringAsync();
        service.ShouldContain("Homecare, Supported living");
        service.ShouldContain("CQC marks this service dormant");
    }
}
