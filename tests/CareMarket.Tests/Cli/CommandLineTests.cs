using System.Diagnostics;
using CareMarket.Data;
using CareMarket.Tests.Register.CqcFiles;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Tests.Cli;

/// <summary>The command line as a user runs it: the built program, its exit code and what it prints.</summary>
public class CommandLineTests
{
    private static Task<(int Exit, string Output)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    private static async Task<(int Exit, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "CareMarket.Cli.dll");
        var start = new ProcessStartInfo("dotnet", [cli, .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["NO_COLOR"] = "1", ["COLUMNS"] = "200" },
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

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
    public async Task SyncCqc_WithACouncilNameCqcDoesNotUse_Refuses_AndOffersTheClosest(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var stub = await Register.CqcApi.CqcStub.StartAsync();
        var cqc = new Dictionary<string, string>
        {
            ["Cqc__ApiKey"] = Register.CqcApi.CqcStub.SubscriptionKey, ["Cqc__PartnerCode"] = Register.CqcApi.CqcStub.PartnerCode,
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
        foreach (var command in new[] { "import", "sync", "seed", "db" }) output.ShouldContain(command);
        var (_, import) = await RunAsync("import", "--help");
        foreach (var command in new[] { "cqc-locations", "cqc-ratings", "cqc-directory", "cqc-deactivated" }) import.ShouldContain(command);
    }
}
