using System.Security.Cryptography;
using CareMarket.Data;
using CareMarket.Register;
using CareMarket.Register.CqcFiles;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Tests.Register.CqcFiles;

public class CqcFileImporterTests : ImportTestBase
{
    [Theory]
    [BothEngines]
    public async Task ActiveLocations_Csv_WritesTheSocialCareLocations(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await SeedDerbyAsync(database);
        var path = ActiveCsv();

        var run = await ImportAsync(database, CqcFileKind.ActiveLocations, path);

        run.Kind.ShouldBe("ActiveLocations");
        run.Source.ShouldBe("active-locations.csv");
        run.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        run.UserName.ShouldBe(Importer.Name);
        (run.Rows, run.Added, run.Updated, run.Unchanged).ShouldBe((4, 3, 0, 0));
        run.FinishedAt.ShouldBeGreaterThanOrEqualTo(run.StartedAt);

        await using var db = database.NewContext();
        var services = await db.Services.Include(s => s.Provider).Include(s => s.CurrentRating).Include(s => s.Ratings)
            .ToDictionaryAsync(s => s.CqcLocationId!);
        services.Keys.Order().ShouldBe(["1-101", "1-102", "1-103"]); // the GP surgery is not social care
        (await db.Providers.CountAsync()).ShouldBe(2);

        var sunny = services["1-101"];
        sunny.Name.ShouldBe("Sunny View Care Home");
        sunny.ServiceType.ShouldBe(ServiceType.CareHomeWithNursing);
        sunny.CqcServiceTypes.ShouldBe("Care home service with nursing|Care home service without nursing");
        sunny.RegulatedActivities.ShouldBe("Accommodation for persons who require nursing or personal care|Nursing care");
        sunny.Specialisms.ShouldBe(Specialism.Dementia | Specialism.OlderPeople);
        sunny.IsCareHome.ShouldBeTrue();
        sunny.RegisteredBeds.ShouldBe(40);
        sunny.RegisteredOn.ShouldBe(new DateOnly(2010, 10, 21));
        sunny.Dormant.ShouldBeFalse();
        sunny.Street.ShouldBe("1 High Street");
        sunny.City.ShouldBe("Derby");
        sunny.Postcode.ShouldBe("DE1 1AA");
        sunny.Latitude.ShouldBe(52.9225);
        sunny.Longitude.ShouldBe(-1.4746);
        sunny.Phone.ShouldBe("01332 000000");
        sunny.Region.ShouldBe("East Midlands");
        sunny.CqcLocalAuthority.ShouldBe("Derby");
        sunny.HostLocalAuthorityId.ShouldNotBeNull();
        sunny.AreaId.ShouldNotBeNull();
        sunny.InspectionDirectorate.ShouldBe("Adult social care");
        sunny.PrimaryInspectionCategory.ShouldBe("Residential social care");
        sunny.Provider!.Name.ShouldBe("Sunny Care Ltd");
        sunny.Provider.BrandId.ShouldBe("BD001");
        sunny.Provider.BrandName.ShouldBe("BRAND Sunny Group");
        sunny.CurrentRating!.Overall.ShouldBe(RatingWord.Good);
        sunny.CurrentRating.PublishedOn.ShouldBe(new DateOnly(2024, 3, 22));
        sunny.CurrentRating.Safe.ShouldBeNull();
        sunny.CurrentRating.Source.ShouldBe(CqcFileImporter.SourceOf(CqcFileKind.ActiveLocations));

        var home = services["1-102"];
        home.ServiceType.ShouldBe(ServiceType.Homecare);
        home.IsCareHome.ShouldBeFalse();
        home.RegisteredBeds.ShouldBeNull();
        home.Specialisms.ShouldBe(Specialism.LearningDisability | Specialism.YoungerAdults | Specialism.PhysicalDisability);
        home.CurrentRating!.Overall.ShouldBe(RatingWord.RequiresImprovement);
        home.Provider!.BrandId.ShouldBeNull(); // "-" is no brand

        var fresh = services["1-103"];
        fresh.Street.ShouldBe("2 Low Road, Unit \"B\"");
        fresh.Ratings.ShouldBeEmpty(); // not yet rated
        fresh.CurrentRatingId.ShouldBeNull();
        fresh.ProviderId.ShouldBe(sunny.ProviderId);

        // One audit record for the import, none per row.
        var audits = await db.AuditEntries.Where(a => a.EntityType != nameof(LocalAuthority) && a.EntityType != nameof(Area)).ToListAsync();
        var audit = audits.ShouldHaveSingleItem();
        audit.Action.ShouldBe("Imported");
        audit.EntityType.ShouldBe("ImportRun");
        audit.EntityKey.ShouldBe(run.Id.ToString());
        audit.UserName.ShouldBe(Importer.Name);
        audit.After!.ShouldContain("\"Added\":3");
        (await db.ImportRuns.SingleAsync()).Id.ShouldBe(run.Id);
    }

    [Theory]
    [BothEngines]
    public async Task ActiveLocations_Ods_WithTypedCells_GivesTheSameRegister(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var header = CqcFixtures.ActiveHeader;
        OdsCell Typed(string column, string value) => column switch
        {
            _ when value.Length == 0 => value,
            "Care homes beds" or "Location Latitude" or "Location Longitude" => OdsCell.Float(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture)),
            "Publication Date" or "Location HSCA start date" => OdsCell.Date(DateOnly.ParseExact(value, "dd/MM/yyyy")),
            _ => value,
        };
        var rows = CqcFixtures.ActiveRows(CqcFixtures.ActiveLocations)
            .Select((r, i) => i == 0 ? r.Select(c => (OdsCell)c) : r.Select((c, j) => Typed(header[j], c)));
        var path = CqcFixtures.WriteOds(Folder, "HSCA_Active_Locations.ods", ("HSCA_Active_Locations", rows));

        var run = await ImportAsync(database, CqcFileKind.ActiveLocations, path);

        (run.Rows, run.Added).ShouldBe((4, 3));
        await using var db = database.NewContext();
        var sunny = await db.Services.Include(s => s.CurrentRating).SingleAsync(s => s.CqcLocationId == "1-101");
        sunny.RegisteredBeds.ShouldBe(40);
        sunny.Latitude.ShouldBe(52.9225);
        sunny.RegisteredOn.ShouldBe(new DateOnly(2010, 10, 21));
        sunny.CurrentRating!.PublishedOn.ShouldBe(new DateOnly(2024, 3, 22));

        // The same locations from the CSV change nothing.
        var again = await ImportAsync(database, CqcFileKind.ActiveLocations, ActiveCsv());
        (again.Added, again.Updated, again.Unchanged).ShouldBe((0, 0, 3));
    }

    [Theory]
    [BothEngines]
    public async Task ReimportingTheSameFile_ChangesNothing(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await SeedDerbyAsync(database);
        var path = ActiveCsv();
        await ImportAsync(database, CqcFileKind.ActiveLocations, path);
        var before = await SnapshotAsync(database);

        var second = await ImportAsync(database, CqcFileKind.ActiveLocations, path);

        (second.Rows, second.Added, second.Updated, second.Unchanged).ShouldBe((4, 0, 0, 3));
        var after = await SnapshotAsync(database);
        after.ShouldBe(before with { ImportRuns = before.ImportRuns + 1, Audits = before.Audits + 1 });
    }

    [Theory]
    [BothEngines]
    public async Task AllSectors_AlsoWritesOtherSectors(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var run = await ImportAsync(database, CqcFileKind.ActiveLocations, ActiveCsv(), new CqcImportOptions { AllSectors = true });
        run.Added.ShouldBe(4);
        await using var db = database.NewContext();
        (await db.Services.SingleAsync(s => s.CqcLocationId == "1-104")).ServiceType.ShouldBe(ServiceType.Other);
    }

    [Theory]
    [BothEngines(false, false)]
    [BothEngines(true, true)]
    [InlineData(Engine.Sqlite, true, false)]
    [InlineData(Engine.Postgres, false, true)]
    public async Task LatestRatings_GivesKeyQuestions_InEitherEdition(Engine engine, bool keyQuestionEdition, bool asOds)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await ImportAsync(database, CqcFileKind.ActiveLocations, ActiveCsv());
        var rows = CqcFixtures.RatingsRows(
        [
            // Same publication as the active file gave: its key questions are added to that rating.
            .. CqcFixtures.RatingRows("1-101", "22/03/2024", "Good", "Requires Improvement", wellLed: "Outstanding"),
            // A newer publication: a new rating, which becomes the current one.
            .. CqcFixtures.RatingRows("1-102", "01/08/2024", "Good", "Good", caring: "Not rated", inherited: "Y"),
            // A location the register does not hold, and one without an overall rating: ignored.
            .. CqcFixtures.RatingRows("1-999", "01/08/2024", "Inadequate", "Inadequate"),
            CqcFixtures.RatingRow("1-103", "Overall", "Safe", "Good", "01/08/2024"),
        ], keyQuestionEdition);
        var path = asOds
            ? CqcFixtures.WriteOds(Folder, "ratings.ods",
                ("Providers", [["Provider ID", "Provider Name", "Latest Rating"], ["1-900", "Sunny Care Ltd", "Good"]]),
                ("Locations", rows.Select(r => r.Select(c => (OdsCell)c))))
            : CqcFixtures.WriteCsv(Folder, "ratings.csv", rows);

        var run = await ImportAsync(database, CqcFileKind.LatestRatings, path);

        run.Rows.ShouldBe(rows.Length - 1);
        (run.Added, run.Updated, run.Unchanged).ShouldBe((1, 1, 0));
        await using var db = database.NewContext();
        var sunny = await db.Services.Include(s => s.Ratings).Include(s => s.CurrentRating).SingleAsync(s => s.CqcLocationId == "1-101");
        var r = sunny.Ratings.ShouldHaveSingleItem();
        (r.Overall, r.Safe, r.Effective, r.Caring, r.Responsive, r.WellLed, r.Inherited).ShouldBe(
            (RatingWord.Good, RatingWord.RequiresImprovement, RatingWord.Good, RatingWord.Good, RatingWord.Good, RatingWord.Outstanding, false));

        var home = await db.Services.Include(s => s.Ratings).Include(s => s.CurrentRating).SingleAsync(s => s.CqcLocationId == "1-102");
        home.Ratings.Count.ShouldBe(2); // history kept
        home.CurrentRating!.PublishedOn.ShouldBe(new DateOnly(2024, 8, 1));
        home.CurrentRating.Overall.ShouldBe(RatingWord.Good);
        home.CurrentRating.Caring.ShouldBe(RatingWord.NotRated);
        home.CurrentRating.Inherited.ShouldBeTrue();
        home.CurrentRating.Source.ShouldBe(CqcFileImporter.SourceOf(CqcFileKind.LatestRatings));

        (await db.Ratings.CountAsync()).ShouldBe(3);
    }

    [Theory]
    [BothEngines]
    public async Task ANewerRatingsFile_AddsARating_KeepsTheHistory_AndMovesTheCurrentRating(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await ImportAsync(database, CqcFileKind.ActiveLocations, ActiveCsv());
        var march = CqcFixtures.WriteOds(Folder, "ratings-2024-03.ods", "Locations",
            CqcFixtures.RatingsRows(CqcFixtures.RatingRows("1-101", "22/03/2024", "Good", "Good")));
        var november = CqcFixtures.WriteOds(Folder, "ratings-2024-11.ods", "Locations",
            CqcFixtures.RatingsRows(CqcFixtures.RatingRows("1-101", "20/11/2024", "Inadequate", "Inadequate", wellLed: "Requires improvement")));

        await ImportAsync(database, CqcFileKind.LatestRatings, march);
        var again = await ImportAsync(database, CqcFileKind.LatestRatings, march);
        (again.Added, again.Updated, again.Unchanged).ShouldBe((0, 0, 1));
        var newer = await ImportAsync(database, CqcFileKind.LatestRatings, november);
        (newer.Added, newer.Updated).ShouldBe((1, 0));
        var newerAgain = await ImportAsync(database, CqcFileKind.LatestRatings, november);
        (newerAgain.Added, newerAgain.Updated).ShouldBe((0, 0));

        await using var db = database.NewContext();
        var sunny = await db.Services.Include(s => s.Ratings).Include(s => s.CurrentRating).SingleAsync(s => s.CqcLocationId == "1-101");
        sunny.Ratings.Select(r => (r.PublishedOn, r.Overall)).Order().ShouldBe(
            [(new DateOnly(2024, 3, 22), RatingWord.Good), (new DateOnly(2024, 11, 20), RatingWord.Inadequate)]);
        sunny.CurrentRating!.Overall.ShouldBe(RatingWord.Inadequate);
        sunny.CurrentRating.WellLed.ShouldBe(RatingWord.RequiresImprovement);

        // The monthly active file still names the March rating as the latest it knows of: the current one stays.
        await ImportAsync(database, CqcFileKind.ActiveLocations, ActiveCsv());
        await using var db2 = database.NewContext();
        (await db2.Services.Include(s => s.CurrentRating).SingleAsync(s => s.CqcLocationId == "1-101")).CurrentRating!.Overall
            .ShouldBe(RatingWord.Inadequate);
    }

    [Theory]
    [BothEngines]
    public async Task CareDirectory_WritesLocations_FromTheHeaderOnLine5(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await SeedDerbyAsync(database);
        await ImportAsync(database, CqcFileKind.ActiveLocations, ActiveCsv());
        var path = CqcFixtures.WriteCsv(Folder, "cqc_care_directory.csv", CqcFixtures.DirectoryRows(
        [
            CqcFixtures.DirectoryRow("Sunny View Care Home", "1-101", "1-900", "Residential homes|Nursing homes",
                "Dementia|Caring for adults over 65 yrs", lastCheck: "14/11/2024"),
            CqcFixtures.DirectoryRow("Kind Hands Homecare", "1-201", "1-950", "Homecare agencies|Supported living",
                "Caring for adults under 65 yrs|Learning disabilities|Mental health conditions"),
            CqcFixtures.DirectoryRow("The Health Centre", "1-202", "1-951", "Doctors/GPs", "Caring for children"),
        ]));

        var run = await ImportAsync(database, CqcFileKind.CareDirectory, path);

        (run.Rows, run.Added, run.Updated, run.Unchanged).ShouldBe((3, 1, 1, 0));
        await using var db = database.NewContext();
        var sunny = await db.Services.SingleAsync(s => s.CqcLocationId == "1-101");
        sunny.LastCheckedOn.ShouldBe(new DateOnly(2024, 11, 14));
        sunny.ServiceType.ShouldBe(ServiceType.CareHomeWithNursing);
        // The directory's words, in the CQC service types the active file gave: the same list.
        sunny.CqcServiceTypes.ShouldBe("Care home service with nursing|Care home service without nursing");
        var kind = await db.Services.Include(s => s.Provider).SingleAsync(s => s.CqcLocationId == "1-201");
        kind.Name.ShouldBe("Kind Hands Homecare");
        kind.ServiceType.ShouldBe(ServiceType.Homecare);
        kind.CqcServiceTypes.ShouldBe("Domiciliary care service|Supported living service"); // both kept: a homecare agency and supported living
        kind.IsCareHome.ShouldBeFalse();
        kind.Specialisms.ShouldBe(Specialism.YoungerAdults | Specialism.LearningDisability | Specialism.MentalHealth);
        kind.Street.ShouldBe("3 Church Lane, Derby");
        kind.Postcode.ShouldBe("DE1 2CD");
        kind.Phone.ShouldBe("01332 111111");
        kind.Website.ShouldBe("https://example.org");
        kind.CqcLocalAuthority.ShouldBe("Derby");
        kind.HostLocalAuthorityId.ShouldNotBeNull();
        kind.Provider!.Name.ShouldBe("Directory Provider Ltd");
        kind.Provider.CqcProviderId.ShouldBe("1-950");
        (await db.Services.AnyAsync(s => s.CqcLocationId == "1-202")).ShouldBeFalse();

        var again = await ImportAsync(database, CqcFileKind.CareDirectory, path);
        (again.Added, again.Updated, again.Unchanged).ShouldBe((0, 0, 2));
    }

    [Theory]
    [BothEngines]
    public async Task DeactivatedLocations_TakeServicesOffTheActiveRegister_AndRecordTheExit(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await ImportAsync(database, CqcFileKind.ActiveLocations, ActiveCsv());
        var path = CqcFixtures.WriteOds(Folder, "HSCA_Deactivated_Locations.ods", "Sheet1", CqcFixtures.DeactivatedRows(
        [
            CqcFixtures.SunnyView with { EndedOn = "31/10/2024", BedsAtExit = "38" },
            new CqcFixtures.Location("1-555", "Never Seen", "1-999", "Gone Ltd") { EndedOn = "01/01/2020", BedsAtExit = "" },
        ]));

        var run = await ImportAsync(database, CqcFileKind.DeactivatedLocations, path);

        (run.Rows, run.Added, run.Unchanged).ShouldBe((2, 1, 1));
        await using var db = database.NewContext();
        var sunny = await db.Services.SingleAsync(s => s.CqcLocationId == "1-101");
        sunny.Status.ShouldBe(ServiceStatus.Exited);
        var exit = await db.ServiceExits.SingleAsync();
        exit.ServiceId.ShouldBe(sunny.Id);
        exit.EndedOn.ShouldBe(new DateOnly(2024, 10, 31));
        exit.BedsAtExit.ShouldBe(38);
        exit.Source.ShouldBe(CqcFileImporter.SourceOf(CqcFileKind.DeactivatedLocations));
        (await db.Services.CountAsync(s => s.Status == ServiceStatus.Active)).ShouldBe(2);

        var again = await ImportAsync(database, CqcFileKind.DeactivatedLocations, path);
        (again.Added, again.Unchanged).ShouldBe((0, 2));
        (await db.ServiceExits.CountAsync()).ShouldBe(1);
    }

    [Theory]
    [BothEngines]
    public async Task ManyRows_AreWrittenInBatches_AndProgressIsReported(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var locations = Enumerable.Range(0, 2500).Select(i => CqcFixtures.HomeHelp with
        {
            Id = $"1-{10_000 + i}",
            Name = $"Agency {i}",
            ProviderId = $"1-{i % 700}",
            ProviderName = $"Provider {i % 700}",
        }).ToList();
        var path = ActiveCsv("big.csv", locations);
        var reports = new List<ImportProgress>();

        var run = await ImportAsync(database, CqcFileKind.ActiveLocations, path, progress: new SyncProgress(reports.Add));

        (run.Rows, run.Added).ShouldBe((2500, 2500));
        reports.ShouldNotBeEmpty();
        reports.Last().RowsRead.ShouldBe(2500);
        reports.Last().RecordsWritten.ShouldBe(2500);
        reports.Last().BytesRead.ShouldBe(new FileInfo(path).Length);
        reports.Last().TotalBytes.ShouldBe(new FileInfo(path).Length);
        reports.Select(r => r.RowsRead).ShouldBeInOrder();
        await using var db = database.NewContext();
        (await db.Services.CountAsync()).ShouldBe(2500);
        (await db.Providers.CountAsync()).ShouldBe(700);
        (await db.Ratings.CountAsync()).ShouldBe(2500);
    }

    /// <summary>Reports at once, on the importing thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
