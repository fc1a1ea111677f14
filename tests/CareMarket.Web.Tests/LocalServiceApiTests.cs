using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Tests;

/// <summary>
/// Services CQC does not register, through the API on both engines: a commissioner adds one and the register shows
/// it; the server refuses everyone else, another council, CQC's own services and bad input.
/// </summary>
public class LocalServiceApiTests
{
    private static readonly JsonSerializerOptions Json = ApiTests.Json;

    [Theory]
    [BothEngines]
    public async Task Commissioner_adds_a_day_service_and_only_its_council_may_change_it(Engine engine)
    {
        await using var app = await CareMarketApp.StartAsync(engine, demo: false);
        int cqcHome;
        string providerEmail;
        await using (var data = app.Data())
        {
            var northbridge = await data.CouncilAsync("Northbridge");
            var eastholm = await data.CouncilAsync("Eastholm", districts: "EQ1 EQ2");
            var provider = await data.ProviderAsync();
            cqcHome = (await data.ServiceAsync(northbridge, provider: provider)).Id;
            await data.UserAsync(northbridge, Roles.Commissioner);
            await data.UserAsync(northbridge, Roles.Broker);
            providerEmail = (await data.UserAsync(northbridge, Roles.Provider, provider)).Email!;
            await data.UserAsync(eastholm, Roles.Commissioner);
        }
        var commissioner = await app.SignedInAsync("commissioner@northbridge.example");
        var body = new
        {
            name = "Riverside Day Centre", providerName = "Northbridge Community Trust", serviceType = "DayOpportunities",
            specialisms = new[] { "LearningDisability" }, postcode = "nb4 5xy", city = "Northbridge",
        };

        var bad = await commissioner.PostAsJsonAsync("/api/v1/register/local-services", body with { serviceType = "LunchClub" }, Json);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("serviceType")[0].GetString()!.ShouldContain("DayOpportunities");
        var noPostcode = await commissioner.PostAsJsonAsync("/api/v1/register/local-services", body with { postcode = "" }, Json);
        (await noPostcode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("postcode")[0].GetString()!.ShouldContain("postcode");

        foreach (var email in new[] { "broker@northbridge.example", providerEmail })
        {
            var other = await app.SignedInAsync(email);
            (await other.PostAsJsonAsync("/api/v1/register/local-services", body, Json)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, email);
        }

        var created = await commissioner.PostAsJsonAsync("/api/v1/register/local-services", body, Json);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetInt32();
        var service = await commissioner.GetFromJsonAsync<JsonElement>($"/api/v1/register/services/{id}", Json);
        service.GetProperty("service").GetProperty("area").GetString().ShouldBe("Central");
        service.GetProperty("service").GetProperty("postcode").GetString().ShouldBe("NB4 5XY");

        var eastholmCommissioner = await app.SignedInAsync("commissioner@eastholm.example");
        (await eastholmCommissioner.PutAsJsonAsync($"/api/v1/register/local-services/{id}", body with { name = "Ours now" }, Json))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await commissioner.PutAsJsonAsync($"/api/v1/register/local-services/{cqcHome}", body, Json)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var change = new { body.name, body.providerName, body.serviceType, body.specialisms, postcode = "NB5 1AB", version = 0 };
        (await commissioner.PutAsJsonAsync($"/api/v1/register/local-services/{id}", change, Json)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await commissioner.PutAsJsonAsync($"/api/v1/register/local-services/{id}", change, Json)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await commissioner.PostAsJsonAsync($"/api/v1/register/local-services/{id}/close", new { closedOn = TestClock.Today, version = 1 }, Json))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await using var db = app.Db();
        (await db.Services.SingleAsync(s => s.Id == id)).Status.ShouldBe(ServiceStatus.Exited);
    }
}
