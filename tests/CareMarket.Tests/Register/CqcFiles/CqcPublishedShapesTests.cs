using System.Text;
using CareMarket.Data;
using CareMarket.Files;
using CareMarket.Register;
using CareMarket.Register.CqcFiles;
using Microsoft.EntityFrameworkCore;
using static CareMarket.Tests.Register.CqcFiles.CqcFixtures;

namespace CareMarket.Tests.Register.CqcFiles;

/// <summary>
/// CQC's files as people actually have them: the latest ratings saved as CSV with US dates, the adult social care
/// market export, files saved in other encodings, files of no known kind, the directory's two list separators.
/// </summary>
public class CqcPublishedShapesTests : ImportTestBase
{
    /// <summary>A ratings row of another sector: its sector, directorate and primary inspection category.</summary>
    private static string[] OtherSectorRow(string locationId, string sector, string directorate, string category, string rating,
        string published)
    {
        var row = RatingRow(locationId, "Overall", "Overall", rating, published);
        row[5] = sector;
        row[6] = directorate;
        row[7] = category;
        return row;
    }

    private async Task<(Snapshot Before, ImportFileException Error)> RefusedAsync(TestDatabase database, CqcFileKind kind, string path,
        CqcImportOptions? options = null)
    {
        var before = await SnapshotAsync(database);
        var e = await Should.ThrowAsync<ImportFileException>(() => ImportAsync(database, kind, path, options));
        (await SnapshotAsync(database)).ShouldBe(before); // a failed import writes nothing
        return (before, e);
    }

    private static async Task<Rating?> CurrentAsync(TestDatabase database, string locationId)
    {
        await using var db = database.NewContext();
        return (await db.Services.Include(s => s.CurrentRating).SingleAsync(s => s.CqcLocationId == locationId)).CurrentRating;
    }

    [Theory]
    [BothEngines]
    public async Task ARatingsCsvSavedMonthFirst_IsReadMonthFirst_ItsAmbiguousDatesToo(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await ImportAsync(database, CqcFileKind.ActiveLocations, ActiveCsv());
        // The first location's date reads both ways; only the second's shows the file is month first.
        var path = WriteCsv(Folder, "Latest_ratings.csv", RatingsRows(
        [
            .. RatingRows("1-102", "03/02/2026", "Requires improvement", "Good"),
            .. RatingRows("1-101", "05/29/2026", "Good", "Good"),
        ]));

        var run = await ImportAsync(database, CqcFileKind.LatestRatings, path);

        (run.Added, run.Updated, run.Unchanged, run.OtherSectors).ShouldBe((2, 0, 0, 0));
        (await CurrentAsync(database, "1-101"))!.PublishedOn.ShouldBe(new DateOnly(2026, 5, 29));
        (await CurrentAsync(database, "1-102"))!.PublishedOn.ShouldBe(new DateOnly(2026, 3, 2)); // 2 March, never 3 February
        await using var db = database.NewContext();
        (await db.ImportRuns.CountAsync(r => r.Kind == "LatestRatings")).ShouldBe(1); // read twice, imported once
        (await db.AuditEntries.SingleAsync(a => a.EntityKey == run.Id.ToString() && a.EntityType == "ImportRun")).After!
            .ShouldContain("\"Dates\":\"MonthFirst\"");
    }

    [Theory]
    [BothEngines]
    public async Task ARatingsCsvDayFirst_IsReadDayFirst(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await ImportAsync(database, CqcFileKind.ActiveLocations, ActiveCsv());
        var path = WriteCsv(Folder, "Latest_ratings.csv", RatingsRows(
        [
            .. RatingRows("1-102", "03/02/2026", "Requires improvement", "Good"),
            .. RatingRows("1-101", "29/05/2026", "Good", "Good"),
        ]));

        await ImportAsync(database, CqcFileKind.LatestRatings, path);

        (await CurrentAsync(database, "1-101"))!.PublishedOn.ShouldBe(new DateOnly(2026, 5, 29));
        (await CurrentAsync(database, "1-102"))!.PublishedOn.ShouldBe(new DateOnly(2026, 2, 3));
    }

    [Theory]
    [BothEngines]
    public async Task ARatingsCsvWhoseDatesAllReadBothWays_IsRefused_ThenImportsInTheOrderGiven(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await ImportAsync(database, CqcFileKind.ActiveLocations, ActiveCsv());
        var path = WriteCsv(Folder, "Latest_ratings.csv", RatingsRows(
        [
            .. RatingRows("1-102", "03/02/2026", "Requires improvement", "Good"),
            .. RatingRows("1-101", "04/01/2026", "Good", "Good"),
        ]));

        var (_, e) = await RefusedAsync(database, CqcFileKind.LatestRatings, path);
        e.AsksDateOrder.ShouldBeTrue();
        e.Message.ShouldStartWith("Latest_ratings.csv: its dates do not show whether they are day first or month first");
        e.Message.ShouldContain("row 2, column \"Publication Date\", \"03/02/2026\", which is 3 February 2026 day first or 2 March 2026 month first");

        await ImportAsync(database, CqcFileKind.LatestRatings, path, new CqcImportOptions { Dates = DateOrder.MonthFirst });
        (await CurrentAsync(database, "1-101"))!.PublishedOn.ShouldBe(new DateOnly(2026, 4, 1));
        (await CurrentAsync(database, "1-102"))!.PublishedOn.ShouldBe(new DateOnly(2026, 3, 2));
    }

    [Theory]
    [BothEngines]
    public async Task ARatingsCsvWithDatesBothWays_IsRefused_NamingARowOfEach(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await ImportAsync(database, CqcFileKind.ActiveLocations, ActiveCsv());
        var path = WriteCsv(Folder, "Latest_ratings.csv", RatingsRows(
        [
            .. RatingRows("1-101", "29/05/2026", "Good", "Good"),
            .. RatingRows("1-102", "05/30/2026", "Good", "Good"),
        ]));

        var (_, e) = await RefusedAsync(database, CqcFileKind.LatestRatings, path);
        e.AsksDateOrder.ShouldBeFalse();
        e.Message.ShouldContain("row 2, column \"Publication Date\", \"29/05/2026\" can only be day first");
        e.Message.ShouldContain("row 9, column \"Publication Date\", \"05/30/2026\" can only be month first");

        // Saying an order does not make the other rows right.
        var (_, given) = await RefusedAsync(database, CqcFileKind.LatestRatings, path, new CqcImportOptions { Dates = DateOrder.MonthFirst });
        given.Row.ShouldBe(2);
        given.Message.ShouldContain("\"29/05/2026\" is not a date (mm/dd/yyyy); it is a date day first (dd/mm/yyyy), but this file's dates are month first");
    }

    [Theory]
    [BothEngines]
    public async Task RatingsOfOtherSectors_AreSkippedAndCounted_AndNotRatedHasNoDate(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await ImportAsync(database, CqcFileKind.ActiveLocations, ActiveCsv());
        var path = WriteCsv(Folder, "Latest_ratings.csv", RatingsRows(
        [
            OtherSectorRow("1-801", "Primary Dental Care", "Primary medical services", "Dentists", "Regulations met", ""),
            OtherSectorRow("1-802", "Primary Medical Services", "Primary medical services", "GP Practices", "Regulations met", "14/02/2025"),
            OtherSectorRow("1-803", "NHS Healthcare Organisation", "Hospitals", "Acute hospital - NHS non-specialist", "Good", "18/06/2024"),
            OtherSectorRow("1-804", "Independent Healthcare Org", "Hospitals", "Hospice services", "Outstanding", "01/09/2023"),
            .. RatingRows("1-101", "29/05/2026", "Good", "Good"),
            RatingRow("1-103", "Overall", "Overall", "Not Rated", ""),
            RatingRow("1-103", "Overall", "Safe", "Not Rated", ""),
        ]));

        var run = await ImportAsync(database, CqcFileKind.LatestRatings, path);

        run.OtherSectors.ShouldBe(4);
        run.Rows.ShouldBe(4 + 7 + 2);
        (run.Added, run.Updated, run.Unchanged).ShouldBe((1, 0, 0));
        (await CurrentAsync(database, "1-103")).ShouldBeNull(); // not rated: nothing to keep
        await using var db = database.NewContext();
        (await db.Services.AnyAsync(s => s.CqcLocationId!.StartsWith("1-80"))).ShouldBeFalse();
        (await db.ImportRuns.SingleAsync(r => r.Id == run.Id)).OtherSectors.ShouldBe(4);
    }

    [Theory]
    [BothEngines]
    public async Task ARatingsFileMatchingNoLocation_SaysToImportTheLocationsFirst(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var path = WriteCsv(Folder, "Latest_ratings.csv", RatingsRows([.. RatingRows("1-101", "29/05/2026", "Good", "Good")]));

        var (_, e) = await RefusedAsync(database, CqcFileKind.LatestRatings, path);

        e.Message.ShouldBe("Latest_ratings.csv: none of the 1 location rated in this file is in the register; import the locations first " +
            "(the active locations file, the market export or a CQC sync), then import this ratings file again");
    }

    private static string[][] MarketRows() =>
    [
        MarketHeader,
        // A new location first, whose only date reads both ways: the file shows it is month first further down.
        MarketRow(new()
        {
            ["Location Name"] = " Brook Lodge", ["Location ID"] = "1-105", ["Location Local Authority"] = "Derby",
            ["Location ADASS Region"] = "East Midlands", ["Primary inspection category"] = "Residential social care",
            ["Service Types"] = "Care home service without nursing", ["Care homes beds"] = "12",
            ["Location Latest Overall Rating"] = "Inspected but not rated", ["Publication Date"] = "1/2/2025 12:00:00 AM",
            ["Provider Name"] = " Brook Care Ltd", ["Provider ID"] = "1-950", ["Provider Companies House Number"] = "09876543   ",
            ["Dormant"] = "N",
        }),
        MarketRow(new()
        {
            ["Location Name"] = " Sunny View Care Home", ["Location ID"] = "1-101", ["Registered manager"] = "A Manager",
            ["Location telephone number"] = "01332 000000", ["Location Local Authority"] = "Derby", ["Location ADASS Region"] = "East Midlands",
            ["Primary inspection category"] = "Residential social care",
            ["Service Types"] = "Care home service with nursing, Care home service without nursing", ["Care homes beds"] = "40",
            ["Location HSCA start date"] = "10/21/2010 12:00:00 AM", ["Dormant"] = "N",
            ["Location Latest Overall Rating"] = "Requires improvement", ["Publication Date"] = "5/29/2026 12:00:00 AM",
            ["Service users supported"] = "Dementia, Older People", ["Location safe rating"] = "Requires Improvement",
            ["Location effective rating"] = "Good", ["Location caring rating"] = "Good", ["Location responsive rating"] = "",
            ["Location well-led rating"] = "Requires improvement", ["Provider Name"] = "Sunny Care Ltd", ["Provider ID"] = "1-900",
            ["Provider Companies House Number"] = "01234567  ", ["Brand Name"] = "BRAND Sunny Group", ["Brand ID"] = "BD001",
            ["Provider characteristic - number of locations"] = "2",
        }),
        MarketRow(new()
        {
            ["Location Name"] = " Home Help Derby", ["Location ID"] = "1-102", ["Location Local Authority"] = "Derby",
            ["Primary inspection category"] = "Community based adult social care services",
            ["Service Types"] = "Domiciliary care service, Supported living service", ["Dormant"] = "Y",
            ["Location Latest Overall Rating"] = "", ["Publication Date"] = "", ["Service users supported"] = "Learning disabilities, Younger Adults",
            ["Provider Name"] = "Home Help Ltd", ["Provider ID"] = "1-901", ["Brand Name"] = "-", ["Brand ID"] = "-",
        }),
        // A location that has left: an exit, not an active location.
        MarketRow(new()
        {
            ["Location Name"] = " New Place", ["Location ID"] = "1-103", ["Location Local Authority"] = "Derby",
            ["Service Types"] = "Care home service without nursing", ["Care homes beds"] = "12",
            ["Location HSCA end date"] = "3/31/2026 12:00:00 AM", ["Dormant"] = "N",
            ["Provider Name"] = "Sunny Care Ltd", ["Provider ID"] = "1-900",
        }),
    ];

    [Theory]
    [BothEngines]
    public async Task TheMarketExport_IsAKindOfItsOwn_ReadAsPublished(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await SeedDerbyAsync(database);
        await ImportAsync(database, CqcFileKind.ActiveLocations, ActiveCsv());
        var path = WriteCsv(Folder, "ASC_market_export.csv", MarketRows());
        MarketHeader.Length.ShouldBe(45);

        CqcFileImporter.Recognise(path).ShouldBe(CqcFileKind.MarketExport); // not a deactivated locations file for its end date
        var run = await ImportAsync(database, CqcFileKind.MarketExport, path);

        run.Kind.ShouldBe("MarketExport");
        (run.Rows, run.Added, run.Updated, run.Unchanged).ShouldBe((4, 1, 3, 0));
        await using var db = database.NewContext();
        var services = await db.Services.Include(s => s.Provider).Include(s => s.CurrentRating).ToDictionaryAsync(s => s.CqcLocationId!);

        var sunny = services["1-101"];
        sunny.Name.ShouldBe("Sunny View Care Home"); // the leading space is CQC's, not the name's
        sunny.CqcServiceTypes.ShouldBe("Care home service with nursing|Care home service without nursing");
        sunny.ServiceType.ShouldBe(ServiceType.CareHomeWithNursing);
        sunny.RegisteredOn.ShouldBe(new DateOnly(2010, 10, 21));
        sunny.Specialisms.ShouldBe(Specialism.Dementia | Specialism.OlderPeople);
        sunny.CurrentRating!.PublishedOn.ShouldBe(new DateOnly(2026, 5, 29));
        (sunny.CurrentRating.Overall, sunny.CurrentRating.Safe, sunny.CurrentRating.Effective, sunny.CurrentRating.Responsive, sunny.CurrentRating.WellLed)
            .ShouldBe((RatingWord.RequiresImprovement, RatingWord.RequiresImprovement, RatingWord.Good, null, RatingWord.RequiresImprovement));
        sunny.CurrentRating.Source.ShouldBe(CqcFileImporter.SourceOf(CqcFileKind.MarketExport));

        var home = services["1-102"];
        home.Dormant.ShouldBeTrue();
        home.CqcServiceTypes.ShouldBe("Domiciliary care service|Supported living service");
        home.ServiceType.ShouldBe(ServiceType.Homecare);
        home.Specialisms.ShouldBe(Specialism.LearningDisability | Specialism.YoungerAdults);
        home.Provider!.BrandId.ShouldBeNull();

        var brook = services["1-105"];
        brook.Name.ShouldBe("Brook Lodge");
        brook.Provider!.Name.ShouldBe("Brook Care Ltd");
        brook.IsCareHome.ShouldBe(true);
        brook.Dormant.ShouldBe(false);
        brook.CurrentRating!.Overall.ShouldBe(RatingWord.NotRated); // "Inspected but not rated"
        brook.CurrentRating.PublishedOn.ShouldBe(new DateOnly(2025, 1, 2)); // 2 January: the file is month first

        services["1-103"].Status.ShouldBe(ServiceStatus.Exited);
        (await db.ServiceExits.SingleAsync()).EndedOn.ShouldBe(new DateOnly(2026, 3, 31));

        var again = await ImportAsync(database, CqcFileKind.MarketExport, path);
        (again.Added, again.Updated, again.Unchanged).ShouldBe((0, 0, 4));
    }

    [Theory]
    [BothEngines]
    public async Task TheMarketExport_ImportedAsDeactivatedLocations_IsNamedForWhatItIs(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await ImportAsync(database, CqcFileKind.ActiveLocations, ActiveCsv());
        var path = WriteCsv(Folder, "ASC_market_export.csv", MarketRows());

        var (_, e) = await RefusedAsync(database, CqcFileKind.DeactivatedLocations, path);

        e.Message.ShouldBe("ASC_market_export.csv, row 1: this is an adult social care market export file, not a deactivated locations file (judging by its header)");
    }

    public static TheoryData<string, bool, bool> Utf16Files() => new()
    {
        { "little-endian, with a byte order mark", false, true },
        { "big-endian, with a byte order mark", true, true },
        { "little-endian, without a byte order mark", false, false },
    };

    [Theory]
    [MemberData(nameof(Utf16Files))]
    public async Task AUtf16File_IsNamedAsSuch_NotAsMissingColumns(string which, bool bigEndian, bool bom)
    {
        await using var database = await TestDatabase.CreateAsync(Engine.Sqlite);
        await ImportAsync(database, CqcFileKind.ActiveLocations, ActiveCsv());
        var path = WriteCsv(Folder, "active-locations.csv", ActiveRows(ActiveLocations), new UnicodeEncoding(bigEndian, bom), bom);

        var (_, e) = await RefusedAsync(database, CqcFileKind.ActiveLocations, path);

        e.Message.ShouldBe($"active-locations.csv: the file is saved as UTF-16 ({which}), not UTF-8 (Excel calls it \"Unicode Text\"); " +
            "open it and save it again as \"CSV UTF-8\"");
        e.Column.ShouldBeNull();
        Should.Throw<ImportFileException>(() => CqcFileImporter.Recognise(path)).Message.ShouldContain("saved as UTF-16");
    }

    [Theory]
    [BothEngines]
    public async Task AWindows1252File_IsNamedAsSuch_OnItsLine(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var rows = ActiveRows([SunnyView, HomeHelp with { City = "Caf\u00e9 Town" }]);
        var path = WriteCsv(Folder, "active-locations.csv", rows, Windows1252, bom: false);

        var (_, e) = await RefusedAsync(database, CqcFileKind.ActiveLocations, path);

        e.Line.ShouldBe(3);
        e.Column.ShouldBeNull();
        e.Message.ShouldBe("active-locations.csv, line 3: the file is not UTF-8 text: this line has bytes that are not valid UTF-8 " +
            "(byte 0xE9: the file looks saved as Windows-1252, \"ANSI\", where that byte is \"\u00e9\"); open it and save it again as \"CSV UTF-8\"");
    }

    [Fact]
    public async Task AFileOfNoKnownKind_IsNamedForTheKindItIsMostLike_AndWhatItLacks()
    {
        await using var database = await TestDatabase.CreateAsync(Engine.Sqlite);
        var path = WriteCsv(Folder, "ratings-extract.csv",
        [
            ["Location ID", "Location Name", "Latest Rating", "Publication Date", "Inherited Rating (Y/N)"],
            ["1-101", "Sunny View Care Home", "Good", "29/05/2026", "N"],
        ]);
        const string Expected = "ratings-extract.csv, row 1, column \"Service / Population Group\": this is none of the CQC files CareMarket " +
            "reads: it is most like a latest ratings file, but has only 4 of that file's 6 columns; missing: \"Service / Population Group\", \"Domain\"";

        var (_, e) = await RefusedAsync(database, CqcFileKind.ActiveLocations, path);

        e.Message.ShouldBe(Expected);
        Should.Throw<ImportFileException>(() => CqcFileImporter.Recognise(path)).Message.ShouldBe(Expected);
    }

    [Fact]
    public void EveryKind_IsRecognisedByItsHeader()
    {
        CqcFileImporter.Recognise(ActiveCsv()).ShouldBe(CqcFileKind.ActiveLocations);
        CqcFileImporter.Recognise(WriteCsv(Folder, "deactivated.csv", DeactivatedRows([SunnyView with { EndedOn = "31/10/2024" }])))
            .ShouldBe(CqcFileKind.DeactivatedLocations);
        CqcFileImporter.Recognise(WriteOds(Folder, "ratings.ods", "Locations", RatingsRows(RatingRows("1-101", "29/05/2026", "Good", "Good"))))
            .ShouldBe(CqcFileKind.LatestRatings);
        CqcFileImporter.Recognise(WriteCsv(Folder, "directory.csv", DirectoryRows([DirectoryRow("A", "1-301", "1-900", "Nursing homes", "Dementia")])))
            .ShouldBe(CqcFileKind.CareDirectory);
        CqcFileImporter.Recognise(WriteCsv(Folder, "market.csv", MarketRows())).ShouldBe(CqcFileKind.MarketExport);
    }

    [Theory]
    [BothEngines]
    public async Task TheCareDirectorysLists_AreSplitOnBothSeparators(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var path = WriteCsv(Folder, "cqc_care_directory.csv", DirectoryRows(
        [
            DirectoryRow("Kind Hands Homecare", "1-201", "1-950", "Homecare agencies, Supported living",
                "Caring for adults under 65 yrs, Learning disabilities|Mental health conditions", lastCheck: "14/11/2024"),
            DirectoryRow("Oak House", "1-202", "1-950", "Residential homes|Nursing homes", "Dementia"),
        ]));

        await ImportAsync(database, CqcFileKind.CareDirectory, path);

        await using var db = database.NewContext();
        var kind = await db.Services.SingleAsync(s => s.CqcLocationId == "1-201");
        kind.CqcServiceTypes.ShouldBe("Domiciliary care service|Supported living service");
        kind.ServiceType.ShouldBe(ServiceType.Homecare);
        kind.Specialisms.ShouldBe(Specialism.YoungerAdults | Specialism.LearningDisability | Specialism.MentalHealth);
        var oak = await db.Services.SingleAsync(s => s.CqcLocationId == "1-202");
        oak.CqcServiceTypes.ShouldBe("Care home service with nursing|Care home service without nursing");
        oak.ServiceType.ShouldBe(ServiceType.CareHomeWithNursing);
    }

    [Theory]
    [BothEngines]
    public async Task TheActiveFile_GivesDormantAndEveryServiceType(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var agency = HomeHelp with
        {
            Dormant = "Y",
            Types = ["Domiciliary care service", "Extra Care housing services", "Supported living service"],
        };

        await ImportAsync(database, CqcFileKind.ActiveLocations, ActiveCsv(locations: [SunnyView, agency]));

        await using var db = database.NewContext();
        var s = await db.Services.SingleAsync(x => x.CqcLocationId == agency.Id);
        s.Dormant.ShouldBeTrue();
        s.CqcServiceTypes.ShouldBe("Domiciliary care service|Extra Care housing services|Supported living service");
        s.ServiceType.ShouldBe(ServiceType.ExtraCareHousing);
        (await db.Services.SingleAsync(x => x.CqcLocationId == SunnyView.Id)).Dormant.ShouldBeFalse();
    }

    [Fact]
    public void TheRatingsSectorRule_KeepsAdultSocialCareOnly()
    {
        CqcMappings.IsAdultSocialCare("Social Care Org", "Adult social care", "Residential social care").ShouldBeTrue();
        CqcMappings.IsAdultSocialCare("Social Care Org", "Adult social care", "Community based adult social care services").ShouldBeTrue();
        CqcMappings.IsAdultSocialCare("", "", "").ShouldBeTrue(); // an edition without the columns is read whole
        CqcMappings.IsAdultSocialCare("Primary Dental Care", "Primary medical services", "Dentists").ShouldBeFalse();
        CqcMappings.IsAdultSocialCare("NHS Healthcare Organisation", "Hospitals", "Acute hospital - NHS non-specialist").ShouldBeFalse();
        CqcMappings.IsAdultSocialCare("Social Care Org", "Hospitals", "Residential social care").ShouldBeFalse();
        CqcMappings.IsAdultSocialCare("Social Care Org", "Adult social care", "Hospice services").ShouldBeFalse();
    }

    [Fact]
    public void TheDirectorysWords_BecomeTheCqcServiceTypes_OthersKept()
    {
        CqcMappings.CqcServiceTypeNames(["Supported living", "Homecare agencies", "Hospice services", "Homecare agency"])
            .ShouldBe(["Domiciliary care service", "Hospice services", "Supported living service"]);
        CqcMappings.SplitList(" Dementia, Older People|Mental health ").ShouldBe(["Dementia", "Older People", "Mental health"]);
    }

    [Fact]
    public void Encodings_AreToldFromTheFirstBytes()
    {
        var text = Csv(ActiveRows([SunnyView]));
        Encodings.LooksUtf16(Encoding.Unicode.GetBytes(text)).ShouldBe("UTF-16 (little-endian, without a byte order mark)");
        Encodings.LooksUtf16(Encoding.BigEndianUnicode.GetBytes(text)).ShouldBe("UTF-16 (big-endian, without a byte order mark)");
        Encodings.LooksUtf16([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]).ShouldBe("UTF-16 (little-endian, with a byte order mark)");
        Encodings.LooksUtf16(Encoding.UTF8.GetBytes(text)).ShouldBeNull();
        Encodings.LooksUtf16(Windows1252.GetBytes("Caf\u00e9 Town,\u00a312")).ShouldBeNull();
    }
}
