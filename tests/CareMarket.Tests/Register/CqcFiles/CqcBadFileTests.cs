using System.Text;
using CareMarket.Data;
using CareMarket.Files;
using CareMarket.Register.CqcFiles;
using static CareMarket.Tests.Register.CqcFiles.CqcFixtures;

namespace CareMarket.Tests.Register.CqcFiles;

/// <summary>
/// Files that must be refused with one clear error naming the file, row and column, leaving the database exactly as it
/// was. Each runs against a register that already holds an import.
/// </summary>
public class CqcBadFileTests : ImportTestBase
{
    public sealed record BadFile(CqcFileKind Kind, string FileName, Func<string, string, string> Write, int? Row, string? Column,
        string Contains, int? Line = null, int BatchSize = 1000);

    private static string[][] Active(params Location[] locations) => ActiveRows(locations.Length > 0 ? locations : ActiveLocations);

    private static string[][] Replace(string[][] rows, int row, string column, string value)
    {
        var copy = rows.Select(r => r.ToArray()).ToArray();
        copy[row - 1][Array.IndexOf(copy[0], column)] = value;
        return copy;
    }

    private static string[][] DropColumn(string[][] rows, string column)
    {
        var i = Array.IndexOf(rows[0], column);
        return rows.Select(r => r.Where((_, j) => j != i).ToArray()).ToArray();
    }

    private static readonly Dictionary<string, BadFile> Cases = new()
    {
        ["ratings file imported as active locations"] = new(CqcFileKind.ActiveLocations, "active-locations.csv",
            (f, n) => WriteCsv(f, n, RatingsRows(RatingRows("1-101", "22/03/2024", "Good", "Good"))),
            1, null, "is a latest ratings file, not an active locations file"),
        ["active locations imported as the care directory"] = new(CqcFileKind.CareDirectory, "directory.csv",
            (f, n) => WriteCsv(f, n, Active()), 1, null, "is an active locations file, not a care directory file"),
        ["active locations imported as deactivated locations"] = new(CqcFileKind.DeactivatedLocations, "deactivated.ods",
            (f, n) => WriteOds(f, n, "Sheet1", Active()), 1, "Location HSCA End Date", "this looks like an active locations file"),
        ["missing required column"] = new(CqcFileKind.ActiveLocations, "active-locations.csv",
            (f, n) => WriteCsv(f, n, DropColumn(Active(), "Care homes beds")), 1, "Care homes beds", "required column is missing"),
        ["renamed column"] = new(CqcFileKind.ActiveLocations, "active-locations.csv",
            (f, n) => WriteCsv(f, n, Replace(Active(), 1, "Location ID", "Location Identifier")), 1, "Location ID", "may have been renamed"),
        ["renamed ratings column"] = new(CqcFileKind.LatestRatings, "ratings.ods",
            (f, n) => WriteOds(f, n, "Locations", Replace(RatingsRows(RatingRows("1-101", "22/03/2024", "Good", "Good")), 1, "Latest Rating", "Rating (latest)")),
            1, "Latest Rating", "required column is missing"),
        ["empty file"] = new(CqcFileKind.ActiveLocations, "active-locations.csv",
            (f, n) => { var p = Path.Combine(f, n); File.WriteAllBytes(p, []); return p; }, null, null, "the file is empty"),
        ["header but no rows"] = new(CqcFileKind.ActiveLocations, "active-locations.csv",
            (f, n) => WriteCsv(f, n, [ActiveHeader]), null, null, "no data rows"),
        ["truncated zip"] = new(CqcFileKind.ActiveLocations, "active-locations.ods",
            (f, n) => { var p = WriteOds(f, n, "Sheet1", Active()); var b = File.ReadAllBytes(p); File.WriteAllBytes(p, b[..(b.Length * 2 / 3)]); return p; },
            null, null, "damaged or cut short"),
        ["corrupt content.xml"] = new(CqcFileKind.ActiveLocations, "active-locations.ods", (f, n) => CorruptOds(f, n), null, null, "damaged"),
        ["not UTF-8"] = new(CqcFileKind.ActiveLocations, "active-locations.csv",
            (f, n) =>
            {
                var p = Path.Combine(f, n);
                var rows = Replace(Active(), 3, "Location City", "Caf\u00e9 Town");
                File.WriteAllBytes(p, Encoding.Latin1.GetBytes(Csv(rows)));
                return p;
            }, null, null, "not UTF-8", Line: 3),
        ["row with too few columns"] = new(CqcFileKind.ActiveLocations, "active-locations.csv",
            (f, n) =>
            {
                var rows = Active();
                rows[2] = rows[2][..40];
                return WriteCsv(f, n, rows);
            }, 3, ActiveHeader[40], "the row is short"),
        ["impossible date"] = new(CqcFileKind.ActiveLocations, "active-locations.csv",
            (f, n) => WriteCsv(f, n, Replace(Active(), 3, "Publication Date", "31/02/2024")), 3, "Publication Date",
            "\"31/02/2024\" is not a date (dd/mm/yyyy)"),
        ["impossible date in the directory"] = new(CqcFileKind.CareDirectory, "directory.csv",
            (f, n) => WriteCsv(f, n, DirectoryRows([DirectoryRow("A", "1-301", "1-900", "Nursing homes", "Dementia", lastCheck: "2024-13-01")])),
            6, "Date of latest check", "is not a date"),
        ["unknown rating word in the active file"] = new(CqcFileKind.ActiveLocations, "active-locations.csv",
            (f, n) => WriteCsv(f, n, Replace(Active(), 2, "Location Latest Overall Rating", "Very good")), 2,
            "Location Latest Overall Rating", "\"Very good\" is not a CQC rating"),
        ["unknown rating word in the ratings file"] = new(CqcFileKind.LatestRatings, "ratings.ods",
            (f, n) => WriteOds(f, n, "Locations", RatingsRows(RatingRows("1-101", "22/03/2024", "Good", "Brilliant"))), 3,
            "Latest Rating", "\"Brilliant\" is not a CQC rating"),
        ["10 MB field"] = new(CqcFileKind.ActiveLocations, "active-locations.csv",
            (f, n) => WriteCsv(f, n, Replace(Active(), 4, "Location Name", new string('x', 10 * 1024 * 1024))), 4, "Location Name", "longer than 1 MB"),
        ["10 MB cell in an .ods"] = new(CqcFileKind.ActiveLocations, "active-locations.ods",
            (f, n) => WriteOds(f, n, "Sheet1", Replace(Active(), 2, "Location Street Address", new string('x', 10 * 1024 * 1024))), 2,
            "Location Street Address", "longer than 1 MB"),
        ["bad number of beds"] = new(CqcFileKind.ActiveLocations, "active-locations.csv",
            (f, n) => WriteCsv(f, n, Replace(Active(), 2, "Care homes beds", "forty")), 2, "Care homes beds", "\"forty\" is not a whole number"),
        ["bad latitude"] = new(CqcFileKind.ActiveLocations, "active-locations.ods",
            (f, n) => WriteOds(f, n, "Sheet1", Replace(Active(), 3, "Location Latitude", "52,9225")), 3, "Location Latitude", "is not a number"),
        ["latitude out of range"] = new(CqcFileKind.ActiveLocations, "active-locations.csv",
            (f, n) => WriteCsv(f, n, Replace(Active(), 2, "Location Latitude", "152.1")), 2, "Location Latitude", "is not a latitude"),
        ["bad Y/N"] = new(CqcFileKind.ActiveLocations, "active-locations.csv",
            (f, n) => WriteCsv(f, n, Replace(Active(), 2, "Service type - Domiciliary care service", "Maybe")), 2,
            "Service type - Domiciliary care service", "is not Y or N"),
        ["blank location ID"] = new(CqcFileKind.ActiveLocations, "active-locations.csv",
            (f, n) => WriteCsv(f, n, Replace(Active(), 5, "Location ID", " ")), 5, "Location ID", "is empty"),
        ["a postcode longer than the register holds"] = new(CqcFileKind.ActiveLocations, "active-locations.csv",
            (f, n) => WriteCsv(f, n, Replace(Active(), 2, "Location Postal Code", "DE1 1AA DE1 1AA")), 2, "Location Postal Code", "at most 10"),
        ["deactivated without an end date"] = new(CqcFileKind.DeactivatedLocations, "deactivated.csv",
            (f, n) => WriteCsv(f, n, DeactivatedRows([SunnyView with { EndedOn = "" }])), 2, "Location HSCA End Date", "needs its end date"),
        ["an error after batches were written"] = new(CqcFileKind.ActiveLocations, "big.csv",
            (f, n) => WriteCsv(f, n, ActiveRows(Enumerable.Range(0, 2500).Select(i => HomeHelp with
            {
                Id = $"1-{10_000 + i}",
                Name = $"Agency {i}",
                // Row 2402 is the 2401st location; everything before it has been written in two batches of 1000 and one of 400.
                Published = i == 2400 ? "29/02/2023" : "05/06/2023",
            }))), 2402, "Publication Date", "\"29/02/2023\" is not a date", BatchSize: 400),
    };

    public static TheoryData<Engine, string> All()
    {
        var data = new TheoryData<Engine, string>();
        foreach (var engine in new[] { Engine.Sqlite, Engine.Postgres })
        {
            foreach (var name in Cases.Keys) data.Add(engine, name);
        }
        return data;
    }

    private static string CorruptOds(string folder, string name)
    {
        var path = WriteOds(folder, name, "Sheet1", Active());
        // Damage the deflated content.xml in the middle: the zip still opens, the sheet cannot be read to the end.
        var bytes = File.ReadAllBytes(path);
        var start = bytes.AsSpan().IndexOf("content.xml"u8) + 200;
        for (var i = start; i < start + 400; i++) bytes[i] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task ABadFile_IsRefusedWithOneClearError_AndTheDatabaseIsUnchanged(Engine engine, string name)
    {
        var bad = Cases[name];
        await using var database = await TestDatabase.CreateAsync(engine);
        await SeedDerbyAsync(database);
        await ImportAsync(database, CqcFileKind.ActiveLocations, ActiveCsv("earlier.csv"));
        var before = await SnapshotAsync(database);
        var path = bad.Write(Folder, bad.FileName);

        var e = await Should.ThrowAsync<ImportFileException>(() =>
            ImportAsync(database, bad.Kind, path, new CqcImportOptions { BatchSize = bad.BatchSize }));

        e.File.ShouldBe(bad.FileName);
        e.Message.ShouldStartWith(bad.FileName);
        e.Row.ShouldBe(bad.Row);
        e.Column.ShouldBe(bad.Column);
        e.Line.ShouldBe(bad.Line);
        e.Message.ShouldContain(bad.Contains);
        if (bad.Row is { } row) e.Message.ShouldContain($", row {row}");
        if (bad.Column is { } column) e.Message.ShouldContain($", column \"{column}\": ");
        (await SnapshotAsync(database)).ShouldBe(before);
    }

    [Fact]
    public async Task TheMessage_ReadsAsAPersonWouldSayIt()
    {
        await using var database = await TestDatabase.CreateAsync(Engine.Sqlite);
        var path = WriteCsv(Folder, "active-locations.csv", Replace(Active(), 3, "Publication Date", "31/02/2024"));
        var e = await Should.ThrowAsync<ImportFileException>(() => ImportAsync(database, CqcFileKind.ActiveLocations, path));
        e.Message.ShouldBe("active-locations.csv, row 3, column \"Publication Date\": \"31/02/2024\" is not a date (dd/mm/yyyy)");
    }

    [Fact]
    public async Task AMissingFile_IsAnError()
    {
        await using var database = await TestDatabase.CreateAsync(Engine.Sqlite);
        var e = await Should.ThrowAsync<ImportFileException>(() =>
            ImportAsync(database, CqcFileKind.ActiveLocations, Path.Combine(Folder, "nowhere.csv")));
        e.Message.ShouldStartWith("nowhere.csv: the file does not exist");
    }
}
