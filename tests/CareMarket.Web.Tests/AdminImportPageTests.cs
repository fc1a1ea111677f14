using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CareMarket.Data;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Tests;

/// <summary>The administration page's CQC import: a file whose dates read both ways is answered with the question, then imported.</summary>
public class AdminImportPageTests
{
    private const string RatingsHeader = "Location ID,Location ODS Code,Location Name,Brand ID,Brand Name,Location Type/Sector," +
        "Location Inspection Directorate,Location Primary Inspection Category,Location Region,Location Local Authority,Provider ID," +
        "Provider Name,Service / Population Group,Domain,Latest Rating,Publication Date,Report Type,Inherited Rating (Y/N),URL";

    private static string RatingsCsv(string locationId, string published) =>
        RatingsHeader + "\r\n" + string.Join("", new[] { "Overall", "Safe", "Effective", "Caring", "Responsive", "Well-led" }.Select(q =>
            $"{locationId},,A home,-,-,Social Care Org,Adult social care,Residential social care,East Midlands,Derby,1-900,A provider,Overall,{q},Good,{published},Location,N,\r\n"));

    [Theory]
    [BothEngines]
    public async Task A_ratings_file_whose_dates_read_both_ways_is_refused_with_the_question_then_imported_with_the_answer(Engine engine)
    {
        await using var app = await CareMarketApp.StartAsync(engine);
        var admin = await app.SignedInAsync(CareMarketApp.Email(Roles.Administrator));
        (int Id, string LocationId) service;
        await using (var db = app.Db())
        {
            var s = await db.Services.Where(s => s.CqcLocationId != null).OrderBy(s => s.Id).FirstAsync();
            service = (s.Id, s.CqcLocationId!);
        }
        var locationId = service.LocationId;
        (await admin.GetStringAsync("/admin")).ShouldContain("How the file's dates are written");

        async Task<HttpResponseMessage> ImportAsync(string? dates)
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(await CareMarketApp.AntiforgeryTokenAsync(admin)), "__RequestVerificationToken" },
                { new StringContent("LatestRatings"), "Kind" },
                { new StringContent(dates ?? ""), "Dates" },
            };
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(RatingsCsv(locationId, "04/01/2026")));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "Upload", "Latest_ratings.csv");
            return await admin.PostAsync("/admin?handler=Import", form);
        }

        var asked = await ImportAsync(null);
        asked.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync());
        html.ShouldContain("There is a problem");
        html.ShouldContain("href=\"#Dates\"");
        html.ShouldContain("Say how the file's dates are written, choose the file again and import it");
        html.ShouldContain("its dates do not show whether they are day first or month first");

        var answered = await ImportAsync("month-first");
        answered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var check = app.Db();
        (await check.Ratings.CountAsync(r => r.ServiceId == service.Id && r.PublishedOn == new DateOnly(2026, 4, 1))).ShouldBe(1);
        (await check.ImportRuns.SingleAsync(r => r.Kind == "LatestRatings")).Source.ShouldBe("Latest_ratings.csv");
    }
}
