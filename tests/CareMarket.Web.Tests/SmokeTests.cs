using System.Net;
using CareMarket.Data;

namespace CareMarket.Web.Tests;

public class SmokeTests(SharedApps apps) : IClassFixture<SharedApps>
{
    [Theory]
    [BothEngines]
    public async Task Commissioner_signs_in_and_sees_the_overview(Engine engine)
    {
        var app = await apps.For(engine);
        var client = await app.SignedInAsync(CareMarketApp.Email(Roles.Commissioner));
        var response = await client.GetAsync("/");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Northbridge: the care market at a glance");
    }
}
