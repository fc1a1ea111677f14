using CareMarket.Data;
using CareMarket.Tests.Register.CqcFiles;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Tests.Cli;

/// <summary>The command line as a user runs it: the built program, its exit code and what it prints.</summary>
public class CommandLineTests
{
    private static Task<(int Exit, string Output)> RunAsync(params string[] args) => CommandLine.RunAsync(args);

    private static Task<(int Exit, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        CommandLine.RunAsync(environment, null, args);

    [Theory]
    [BothEngines]
    public async Task Import_WritesTheRegister_AndABadFileWritesNothing_WithAClearMessage(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var folder = Directory.CreateTempSubdirectory("caremarket-cli-").FullName;
        var good = CqcFixtures.WriteCsv(folder, "active.csv", CqcFixtures.ActiveRows(CqcFixtures.ActiveLocations));
        var rows = CqcFixtures.ActiveRows(CqcFixtures.ActiveLocations);
        rows[2][Array.IndexOf(CqcFixtures.ActiveHeader, "Care homes beds")] = "forty";
        var bad = CqcFixtures.WriteCsv(folder, "broken.csv", rows);

        var (exitGood, outGood) = await RunAsync("--database", database.ConnectionString, "import", "cqc-locations", good);
        var (exitBad, outBad) = await RunAsync("--database", database.ConnectionString, "import", "cqc-locations", bad);

        exitGood.ShouldBe(0, outGood);
        outGood.ShouldContain("3 added");
        exitBad.ShouldBe(2, outBad);
        outBad.ShouldContain("broken.csv, row 3, column \"Care homes beds\"");
        outBad.ShouldContain("Nothing was written");
        await using var db = database.NewContext();
        (await db.Services.CountAsync()).ShouldBe(3);
        (await db.ImportRuns.CountAsync()).ShouldBe(1);
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [BothEngines]
    public async Task Import_AFileWhoseDatesReadBothWays_AsksForDates_AndTakesThem(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var folder = Directory.CreateTempSubdirectory("caremarket-cli-").FullName;
        var active = CqcFixtures.WriteCsv(folder, "active.csv", CqcFixtures.ActiveRows(CqcFixtures.ActiveLocations));
        var gp = CqcFixtures.RatingRow("1-802", "Overall", "Overall", "Regulations met", "");
        gp[5] = "Primary Medical Services"; // Location Type/Sector
        var ratings = CqcFixtures.WriteCsv(folder, "ratings.csv", CqcFixtures.RatingsRows([.. CqcFixtures.RatingRows("1-101", "04/01/2026", "Good", "Good"), gp]));
        (await RunAsync("--database", database.ConnectionString, "import", "cqc", active)).Exit.ShouldBe(0); // its kind told by its header

        var (askedExit, asked) = await RunAsync("--database", database.ConnectionString, "import", "cqc-ratings", ratings);
        var (givenExit, given) = await RunAsync("--database", database.ConnectionString, "import", "cqc-ratings", ratings, "--dates", "month-first");

        // The console wraps long lines: compare the words.
        asked = System.Text.RegularExpressions.Regex.Replace(asked, @"\s+", " ");
        given = System.Text.RegularExpressions.Regex.Replace(given, @"\s+", " ");
        askedExit.ShouldBe(2, asked);
        asked.ShouldContain("do not show whether they are day first or month first");
        asked.ShouldContain("--dates day-first");
        asked.ShouldContain("Nothing was written");
        givenExit.ShouldBe(0, given);
        given.ShouldContain("1 row of other sectors (GPs, dentists, hospitals) was read and skipped");
        await using var db = database.NewContext();
        (await db.Ratings.CountAsync(r => r.PublishedOn == new DateOnly(2026, 4, 1))).ShouldBe(1);
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [BothEngines]
    public async Task Council_IsSetUpFromTheList_ItsAreasImported_AndTheDemoThenRefused(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var folder = Directory.CreateTempSubdirectory("caremarket-cli-").FullName;
        var areas = Path.Combine(folder, "oldham-areas.csv");
        await File.WriteAllTextAsync(areas, "area,kind,district\nNorth,locality,OL1\nNorth patch,patch,OL1\n");
        var bad = Path.Combine(folder, "bad-areas.csv");
        await File.WriteAllTextAsync(bad, "area,kind,district\nSouth,locality,OL8\nEast,locality,OL8\n");
        var db = new[] { "--database", database.ConnectionString };

        var (exitUnknown, outUnknown) = await RunAsync([.. db, "council", "add", "E08000044"]);
        var (exitAdd, outAdd) = await RunAsync([.. db, "council", "add", "E08000004"]);
        var (exitNeighbours, outNeighbours) = await RunAsync([.. db, "council", "neighbours", "E08000004", "--add", "E08000005", "E08000003"]);
        var (exitAreas, outAreas) = await RunAsync([.. db, "council", "areas", "E08000004", areas]);
        var (exitBad, outBad) = await RunAsync([.. db, "council", "areas", "E08000004", bad]);
        var (exitNotSetUp, outNotSetUp) = await RunAsync([.. db, "council", "areas", "E08000005"]);
        var (exitDemo, outDemo) = await RunAsync([.. db, "seed", "demo"]);

        // Spectre wraps lines to the console's width: the checks read the output as one line.
        string Flat(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
        (outUnknown, outAdd, outNeighbours, outAreas, outBad, outNotSetUp, outDemo) =
            (Flat(outUnknown), Flat(outAdd), Flat(outNeighbours), Flat(outAreas), Flat(outBad), Flat(outNotSetUp), Flat(outDemo));
        exitUnknown.ShouldBe(1, outUnknown);
        outUnknown.ShouldContain("Did you mean: ");
        outUnknown.ShouldContain("Oldham (E08000004)");
        exitAdd.ShouldBe(0, outAdd);
        outAdd.ShouldContain("Set up Oldham (E08000004)");
        exitNeighbours.ShouldBe(0, outNeighbours);
        outNeighbours.ShouldContain("Added 2 neighbours of Oldham: Rochdale, Manchester.");
        exitAreas.ShouldBe(0, outAreas);
        outAreas.ShouldContain("2 added, 0 changed, 0 unchanged");
        exitBad.ShouldBe(2, outBad);
        outBad.ShouldContain("bad-areas.csv, row 3, column \"district\": OL8 is already in the locality \"South\" (row 2)");
        outBad.ShouldContain("Nothing was written");
        exitNotSetUp.ShouldBe(1, outNotSetUp);
        outNotSetUp.ShouldContain("Rochdale (E08000005) is not set up in this database; run: caremarket council add E08000005");
        exitDemo.ShouldBe(1, outDemo);
        outDemo.ShouldContain("The demo borough was not created: this database belongs to Oldham");
        await using var check = database.NewContext();
        (await check.Areas.CountAsync()).ShouldBe(2);
        (await check.Users.CountAsync()).ShouldBe(0);
        (await check.Neighbours.CountAsync()).ShouldBe(4);
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [BothEngines]
    public async Task SyncCqc_WithACouncilNameCqcDoesNotUse_Refuses_AndOffersTheClosest(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var stub = await CqcStub.StartAsync();
        var cqc = new Dictionary<string, string>
        {
            ["Cqc__ApiKey"] = CqcStub.SubscriptionKey, ["Cqc__PartnerCode"] = CqcStub.PartnerCode,
            ["Cqc__BaseAddress"] = stub.BaseAddress.ToString(),
        };

        var (exit, output) = await RunAsync(cqc, "--database", database.ConnectionString, "sync", "cqc", "--local-authority", "Oldham Council");

        exit.ShouldBe(1, output);
        output.ShouldContain("CQC lists no adult social care locations for \"Oldham Council\"");
        output.ShouldContain("Did you mean \"Oldham\"?");
        await using var db = database.NewContext();
        (await db.ImportRuns.CountAsync()).ShouldBe(0);
        (await db.Services.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Help_ListsTheCommands()
    {
        var (exit, output) = await RunAsync("--help");
        exit.ShouldBe(0);
        foreach (var command in new[] { "council", "import", "sync", "seed", "db" }) output.ShouldContain(command);
        var (_, import) = await RunAsync("import", "--help");
        foreach (var command in new[] { "cqc-locations", "cqc-ratings", "cqc-directory", "cqc-deactivated", "cqc-market" }) import.ShouldContain(command);
    }
}
