using System.Text.Json;
using CareMarket.Data;
using CareMarket.Register;
using CareMarket.Register.CqcApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CareMarket.Tests.Register.CqcApi;

public sealed class CqcSyncTests : IAsyncLifetime
{
    private static readonly DateTimeOffset FirstSync = new(2024, 2, 1, 6, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(FirstSync);
    private CqcStub stub = null!;

    public async Task InitializeAsync() => stub = await CqcStub.StartAsync();
    public async Task DisposeAsync() => await stub.DisposeAsync();

    private async Task<TestDatabase> DatabaseWithDerbyAsync(Engine engine)
    {
        var database = await TestDatabase.CreateAsync(engine);
        await using var db = database.NewContext(clock: clock);
        var derby = new LocalAuthority { OnsCode = "E06000015", Name = "Derby", Region = "East Midlands" };
        derby.Areas.Add(new Area { Name = "Darley", Kind = AreaKind.Locality, PostcodeDistricts = "DE22 DE3" });
        db.LocalAuthorities.Add(derby);
        await db.SaveChangesAsync();
        return database;
    }

    private CqcSync Sync(CareMarketDb db, int batchSize = 200) => new(db, stub.Client()) { BatchSize = batchSize };

    [Theory]
    [BothEngines]
    public async Task FullSync_FillsTheRegister_WithProvidersAndRatingHistory(Engine engine)
    {
        await using var database = await DatabaseWithDerbyAsync(engine);
        var auditBefore = await CountAuditAsync(database);
        await using var db = database.NewContext(Actor.SystemAs("tester"), clock);
        var sync = Sync(db, batchSize: 2);
        var progress = new Recorder();

        var run = await sync.FullSyncAsync("Derby", progress);

        run.Kind.ShouldBe("cqc-api");
        run.Source.ShouldBe("full localAuthority=Derby inspectionDirectorate=Adult social care until 2024-02-01T06:30:00Z");
        (run.Rows, run.Added, run.Updated, run.Unchanged).ShouldBe((5, 5, 0, 0));
        run.StartedAt.ShouldBe(FirstSync.UtcDateTime);
        run.UserName.ShouldBe("tester");
        sync.Warnings.ShouldContain(w => w.Contains("\"Excellent\""));
        progress.Items.ShouldContain(p => p.Phase == CqcSyncProgress.Writing && p.Done == 5 && p.Total == 5);

        await using var check = database.NewContext();
        var services = await check.Services.Include(s => s.Provider).Include(s => s.Ratings).Include(s => s.CurrentRating)
            .OrderBy(s => s.CqcLocationId).ToListAsync();
        services.Select(s => s.CqcLocationId).ShouldBe(["1-1000210669", "1-2000000002", "1-3000000003", "1-4000000004", "1-5000000005"]);

        var abbey = services[0];
        abbey.Name.ShouldBe("Abbey Lodge Nursing Home");
        abbey.ServiceType.ShouldBe(ServiceType.CareHomeWithNursing);
        abbey.Specialisms.ShouldBe(Specialism.OlderPeople | Specialism.Dementia | Specialism.PhysicalDisability);
        abbey.RegisteredBeds.ShouldBe(42);
        abbey.IsCareHome.ShouldBeTrue();
        abbey.HostLocalAuthorityId.ShouldNotBeNull();
        abbey.AreaId.ShouldNotBeNull(); // DE22 is in Darley
        abbey.Provider!.Name.ShouldBe("Abbey Care Homes Limited");
        abbey.Provider.BrandName.ShouldBe("BRAND Abbey Care Group");
        abbey.Ratings.Select(r => (r.PublishedOn, r.Overall)).OrderBy(r => r.PublishedOn).ShouldBe(
            [(new DateOnly(2021, 3, 2), RatingWord.RequiresImprovement), (new DateOnly(2023, 6, 14), RatingWord.Good)]);
        abbey.CurrentRating!.PublishedOn.ShouldBe(new DateOnly(2023, 6, 14));
        abbey.CurrentRating.WellLed.ShouldBe(RatingWord.RequiresImprovement);
        abbey.Ratings.ShouldAllBe(r => r.Source == "cqc-api");

        var homecare = services[1];
        homecare.ServiceType.ShouldBe(ServiceType.Homecare);
        homecare.CurrentRating!.PublishedOn.ShouldBe(new DateOnly(2024, 5, 2));
        homecare.CurrentRating.Responsive.ShouldBe(RatingWord.Outstanding);
        homecare.Provider!.Name.ShouldBe("Brightside Care Group Ltd");
        homecare.Provider.BrandId.ShouldBeNull();

        services[2].Ratings.ShouldBeEmpty(); // never rated
        services[2].CurrentRatingId.ShouldBeNull();
        services[2].Provider!.Id.ShouldBe(abbey.Provider.Id);
        services[3].Ratings.ShouldBeEmpty(); // "Excellent": location kept, rating skipped
        services[3].ServiceType.ShouldBe(ServiceType.SharedLives);
        services[3].Provider!.Name.ShouldBe("1-404000004"); // CQC does not know the provider: its id stands in
        (await check.Providers.CountAsync()).ShouldBe(3);

        var audit = (await check.AuditEntries.OrderBy(a => a.Id).ToListAsync()).Skip(auditBefore).ShouldHaveSingleItem();
        audit.Action.ShouldBe("Synced");
        audit.EntityType.ShouldBe("ImportRun");
        audit.EntityKey.ShouldBe(run.Id.ToString());
        audit.UserName.ShouldBe("tester");
        audit.After!.ShouldContain("Excellent");
        (await check.ImportRuns.SingleAsync()).Id.ShouldBe(run.Id);
    }

    [Theory]
    [BothEngines]
    public async Task FullSync_NoPersonalDataReachesTheDatabase(Engine engine)
    {
        await using var database = await DatabaseWithDerbyAsync(engine);
        await using (var db = database.NewContext(clock: clock)) await Sync(db).FullSyncAsync("Derby");

        await using var check = database.NewContext();
        var everything = JsonSerializer.Serialize(new object[]
        {
            await check.Services.AsNoTracking().ToListAsync(),
            await check.Providers.AsNoTracking().ToListAsync(),
            await check.Ratings.AsNoTracking().ToListAsync(),
            await check.ImportRuns.AsNoTracking().ToListAsync(),
            await check.AuditEntries.AsNoTracking().ToListAsync(),
        });
        everything.ShouldContain("Abbey Lodge Nursing Home"); // the dump does hold the register
        foreach (var person in new[] { "Quickbeam", "Thistlewood", "Philomena", "Bartholomew", "Featherstonehaugh", "Ignatius", "Ottoline" })
        {
            everything.ShouldNotContain(person);
        }
    }

    [Theory]
    [BothEngines]
    public async Task SecondFullSync_ChangesNothing(Engine engine)
    {
        await using var database = await DatabaseWithDerbyAsync(engine);
        await using (var db = database.NewContext(clock: clock)) await Sync(db).FullSyncAsync("Derby");
        var before = await SnapshotAsync(database, withRuns: false);
        clock.Advance(TimeSpan.FromDays(1));

        ImportRun second;
        await using (var db = database.NewContext(clock: clock)) second = await Sync(db, batchSize: 3).FullSyncAsync("Derby");

        (second.Rows, second.Added, second.Updated, second.Unchanged).ShouldBe((5, 0, 0, 5));
        (await SnapshotAsync(database, withRuns: false)).ShouldBe(before);
        await using var check = database.NewContext();
        (await check.ImportRuns.CountAsync()).ShouldBe(2);
    }

    [Theory]
    [BothEngines]
    public async Task ChangeFeedSync_UpdatesAChangedRating_KeepsHistory_AndAddsOnlyLocationsInCouncilsWeHold(Engine engine)
    {
        await using var database = await DatabaseWithDerbyAsync(engine);
        await using (var db = database.NewContext(clock: clock)) await Sync(db).FullSyncAsync("Derby");

        // A week on: CQC re-rates Abbey Lodge, registers a new Derby service, and changes one in Nottingham.
        stub.Rerate("1-1000210669", "Outstanding", "2024-02-06");
        var newcomer = CqcStub.Fixture("location-supported-living.json");
        newcomer["locationId"] = "1-7000000007";
        newcomer["name"] = "Brightside Supported Living (Mickleover)";
        stub.Locations["1-7000000007"] = newcomer;
        stub.AddChange(FirstSync.AddDays(-3), "1-3000000003");          // before the window: not read
        stub.AddChange(FirstSync.AddDays(5), "1-1000210669");
        stub.AddChange(FirstSync.AddDays(5).AddHours(1), "1-6000000006"); // Nottingham: not a council we hold
        stub.AddChange(FirstSync.AddDays(6), "1-7000000007");
        stub.AddChange(FirstSync.AddDays(6).AddHours(2), "1-gone");       // CQC no longer knows it: warned, skipped
        clock.Advance(TimeSpan.FromDays(7));

        ImportRun run;
        await using (var db = database.NewContext(clock: clock))
        {
            var sync = Sync(db);
            (await sync.LastSyncedUntilAsync()).ShouldBe(FirstSync);
            run = await sync.ChangesSinceAsync(null);
            sync.Warnings.ShouldContain(w => w.Contains("1-gone"));
            (await sync.LastSyncedUntilAsync()).ShouldBe(FirstSync.AddDays(7));
        }

        run.Source.ShouldBe("changes from 2024-02-01T06:30:00Z until 2024-02-08T06:30:00Z");
        (run.Rows, run.Added, run.Updated, run.Unchanged).ShouldBe((2, 1, 1, 0));
        var changeRequests = stub.RequestsTo("/public/v1/changes/location");
        changeRequests.Select(r => r.Query["page"]).ShouldBe(["1", "2"]); // four changes, two a page
        changeRequests.ShouldAllBe(r => r.Query["startTimestamp"] == "2024-02-01T06:30:00Z"
                                        && r.Query["endTimestamp"] == "2024-02-08T06:30:00Z");
        stub.RequestsTo("/public/v1/locations/1-3000000003").Count.ShouldBe(1); // only by the full sync

        await using var check = database.NewContext();
        var abbey = await check.Services.Include(s => s.Ratings).Include(s => s.CurrentRating)
            .SingleAsync(s => s.CqcLocationId == "1-1000210669");
        abbey.Ratings.OrderBy(r => r.PublishedOn).Select(r => (r.PublishedOn, r.Overall)).ShouldBe(
        [
            (new DateOnly(2021, 3, 2), RatingWord.RequiresImprovement),
            (new DateOnly(2023, 6, 14), RatingWord.Good),
            (new DateOnly(2024, 2, 6), RatingWord.Outstanding),
        ]);
        abbey.CurrentRating!.PublishedOn.ShouldBe(new DateOnly(2024, 2, 6));
        abbey.CurrentRating.Safe.ShouldBe(RatingWord.Outstanding);
        (await check.Services.AnyAsync(s => s.CqcLocationId == "1-7000000007")).ShouldBeTrue();
        (await check.Services.AnyAsync(s => s.CqcLocationId == "1-6000000006")).ShouldBeFalse();
        (await check.AuditEntries.CountAsync(a => a.Action == "Synced")).ShouldBe(2);
    }

    [Theory]
    [BothEngines]
    public async Task ChangeFeedSync_WithNothingToContinueFrom_Throws_AndWritesNothing(Engine engine)
    {
        await using var database = await DatabaseWithDerbyAsync(engine);
        await using var db = database.NewContext(clock: clock);

        await Should.ThrowAsync<InvalidOperationException>(() => Sync(db).ChangesSinceAsync(null));
        var run = await Sync(db).ChangesSinceAsync(FirstSync.AddDays(-1)); // a start given: fine, and nothing changed
        (run.Rows, run.Added).ShouldBe((0, 0));
        run.Source.ShouldBe("changes from 2024-01-31T06:30:00Z until 2024-02-01T06:30:00Z");
    }

    [Theory]
    [BothEngines]
    public async Task SyncFailingWhileReading_LeavesTheDatabaseUnchanged(Engine engine)
    {
        await using var database = await DatabaseWithDerbyAsync(engine);
        await using (var db = database.NewContext(clock: clock)) await Sync(db).FullSyncAsync("Derby");
        var before = await SnapshotAsync(database, withRuns: true);
        stub.Rerate("1-1000210669", "Inadequate", "2024-02-05");
        stub.Broken["1-4000000004"] = true; // after Abbey Lodge in the list
        clock.Advance(TimeSpan.FromDays(7));

        await using (var db = database.NewContext(clock: clock))
        {
            var error = await Should.ThrowAsync<CqcApiException>(() => Sync(db).FullSyncAsync("Derby"));
            error.LastStatus.ShouldBe(500);
            error.Attempts.ShouldBe(5);
        }

        (await SnapshotAsync(database, withRuns: true)).ShouldBe(before);
    }

    [Theory]
    [BothEngines]
    public async Task SyncFailingWhileWriting_LeavesTheDatabaseUnchanged(Engine engine)
    {
        await using var database = await DatabaseWithDerbyAsync(engine);
        await using (var db = database.NewContext(clock: clock)) await Sync(db).FullSyncAsync("Derby");
        var before = await SnapshotAsync(database, withRuns: true);
        stub.Rerate("1-1000210669", "Inadequate", "2024-02-05");
        clock.Advance(TimeSpan.FromDays(7));

        await using (var db = database.NewContext(clock: clock))
        {
            // The first batch (with Abbey Lodge's new rating) is written, then the sync fails.
            var failing = new Recorder(failOn: p => p.Phase == CqcSyncProgress.Writing && p.Done >= 2);
            await Should.ThrowAsync<InvalidOperationException>(() => Sync(db, batchSize: 2).FullSyncAsync("Derby", failing));
            failing.Items.ShouldContain(p => p.Phase == CqcSyncProgress.Writing);
            db.AuditEachRow.ShouldBeTrue(); // restored
        }

        (await SnapshotAsync(database, withRuns: true)).ShouldBe(before);
    }

    private async Task<TestDatabase> DatabaseWithOldhamAsync(Engine engine)
    {
        var database = await TestDatabase.CreateAsync(engine);
        await using var db = database.NewContext(clock: clock);
        db.LocalAuthorities.Add(new LocalAuthority { OnsCode = "E08000004", Name = "Oldham", Region = "North West" });
        await db.SaveChangesAsync();
        return database;
    }

    private static async Task<int> CouncilIdAsync(TestDatabase database, string name)
    {
        await using var db = database.NewContext();
        return await db.LocalAuthorities.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
    }

    [Theory]
    [BothEngines]
    public async Task FullSync_KeepsEachAssessmentServiceGroupRating_TheLatestIsCurrent_AndASecondSyncChangesNothing(Engine engine)
    {
        await using var database = await DatabaseWithOldhamAsync(engine);
        ImportRun run;
        await using (var db = database.NewContext(clock: clock)) run = await Sync(db).FullSyncAsync("Oldham");
        (run.Rows, run.Added).ShouldBe((2, 2));

        await using (var check = database.NewContext())
        {
            var home = await check.Services.Include(s => s.Ratings).Include(s => s.CurrentRating)
                .SingleAsync(s => s.CqcLocationId == "1-8000000008");
            home.Ratings.OrderBy(r => r.PublishedOn).ThenBy(r => r.AssessmentServiceGroup)
                .Select(r => (r.PublishedOn, r.AssessmentServiceGroup, r.Overall)).ShouldBe(
                [
                    (new DateOnly(2020, 12, 18), "", RatingWord.Good),
                    (new DateOnly(2024, 9, 17), "Care Homes", RatingWord.Good),
                    (new DateOnly(2024, 9, 17), "Homecare", RatingWord.RequiresImprovement),
                ]);
            // Today's register shows "Good, published 18 December 2020"; CQC's current rating is the assessment's.
            var current = home.CurrentRating!;
            (current.PublishedOn, current.AssessmentServiceGroup, current.AssessedOn).ShouldBe(
                (new DateOnly(2024, 9, 17), "Care Homes", (DateOnly?)new DateOnly(2024, 7, 9)));
            current.ServiceTypes.ShouldBe(ServiceTypes.CareHomeWithNursing | ServiceTypes.CareHomeWithoutNursing);
            (current.SafeScore, current.EffectiveScore, current.CaringScore, current.WellLedScore).ShouldBe((66m, 70m, (decimal?)null, 68.75m));
            (current.AssessmentPlanId, current.AssessmentPlanTitle, current.AssessmentPlanStatus).ShouldBe(
                ("0f6c2a91-4b7d-4e38-b1c5-9d2e7a6f3b40", "Assessment plan published 17 September 2024", "Published"));
            home.Ratings.Single(r => r.AssessmentServiceGroup == "Homecare").ServiceTypes.ShouldBe(ServiceTypes.Homecare);
            home.ServiceType.ShouldBe(ServiceType.CareHomeWithoutNursing);
            home.ServiceTypes.ShouldBe(ServiceTypes.CareHomeWithoutNursing | ServiceTypes.Homecare);

            var dormant = await check.Services.SingleAsync(s => s.CqcLocationId == "1-8100000081");
            dormant.Dormant.ShouldBeTrue();
            dormant.Status.ShouldBe(ServiceStatus.Active);
        }

        var before = await SnapshotAsync(database, withRuns: false);
        clock.Advance(TimeSpan.FromDays(1));
        await using (var db = database.NewContext(clock: clock)) run = await Sync(db).FullSyncAsync("Oldham");
        (run.Rows, run.Added, run.Updated, run.Unchanged).ShouldBe((2, 0, 0, 2));
        (await SnapshotAsync(database, withRuns: false)).ShouldBe(before);
    }

    [Theory]
    [BothEngines]
    public async Task Register_CountsAServiceUnderEveryTypeItHas_InFiltersAndTheOverview_AndShowsDormancy(Engine engine)
    {
        await using var database = await DatabaseWithDerbyAsync(engine);
        await using (var db = database.NewContext(clock: clock)) await Sync(db).FullSyncAsync("Derby");
        var derby = await CouncilIdAsync(database, "Derby");

        await using var reader = database.NewContext(new Actor("commissioner", derby), clock);
        var register = new RegisterQueries(reader);
        async Task<string[]> Ids(RegisterFilter f) =>
            (await register.ListAsync(f with { PageSize = 500 })).Rows.Select(r => r.CqcLocationId!).Order().ToArray();

        // Brightside Homecare - Derby is a homecare agency (its main type) and supported living too.
        (await Ids(new RegisterFilter { ServiceType = ServiceType.Homecare })).ShouldBe(["1-2000000002"]);
        (await Ids(new RegisterFilter { ServiceType = ServiceType.SupportedLiving })).ShouldBe(["1-2000000002", "1-5000000005"]);
        var agency = (await register.ListAsync(new RegisterFilter { Search = "1-2000000002" })).Rows.Single();
        agency.ServiceType.ShouldBe(ServiceType.Homecare);
        agency.AllTypes.ShouldBe([ServiceType.Homecare, ServiceType.SupportedLiving]);

        var overview = await new RegisterOverview(reader).ForCouncilAsync();
        overview.Services.ShouldBe(5);
        overview.Types.Single(t => t.ServiceType == ServiceType.Homecare).Services.ShouldBe(1);
        overview.Types.Single(t => t.ServiceType == ServiceType.SupportedLiving).Services.ShouldBe(2);
        overview.Types.Single(t => t.ServiceType == ServiceType.CareHomeWithNursing).Beds.ShouldBe(42);
        overview.Types.Sum(t => t.Services).ShouldBeGreaterThan(overview.Services); // counted under each type
        overview.Dormant.ShouldBe(1); // Cedar House: CQC marks it dormant
        (await Ids(new RegisterFilter { Dormant = true })).ShouldBe(["1-3000000003"]);

        // CQC marks the supported living service dormant: flagged, found by the filter, counted.
        stub.Locations["1-5000000005"]["dormancy"] = "Y";
        clock.Advance(TimeSpan.FromDays(1));
        await using (var db = database.NewContext(clock: clock)) await Sync(db).FullSyncAsync("Derby");
        await using var after = database.NewContext(new Actor("commissioner", derby), clock);
        var dormant = (await new RegisterQueries(after).ListAsync(new RegisterFilter { Dormant = true })).Rows;
        dormant.Select(r => (r.CqcLocationId, r.Dormant)).Order().ShouldBe([("1-3000000003", true), ("1-5000000005", true)]);
        (await new RegisterOverview(after).ForCouncilAsync()).Dormant.ShouldBe(2);
    }

    [Theory]
    [BothEngines]
    public async Task ChangeFeed_Deregistration_WithASuccessor_IsAChangeOfProvider_WithoutOne_AClosure(Engine engine)
    {
        await using var database = await DatabaseWithDerbyAsync(engine);
        await using (var db = database.NewContext(clock: clock)) await Sync(db).FullSyncAsync("Derby");

        // Meadowbank takes over Brightside Supported Living: CQC registers it anew as 1-9000000009 and deregisters the
        // old location; Cedar House closes. The change feed lists the two deregistrations, not the successor.
        var successor = CqcStub.Fixture("location-supported-living.json");
        successor["locationId"] = "1-9000000009";
        successor["providerId"] = "1-909000009";
        successor["name"] = "Meadowbank Supported Living";
        successor["registrationDate"] = "2024-02-01";
        successor.Remove("currentRatings");
        stub.Locations["1-9000000009"] = successor;
        stub.Deregister("1-5000000005", "2024-01-31", successorId: "1-9000000009");
        stub.Deregister("1-3000000003", "2024-02-02");
        stub.AddChange(FirstSync.AddDays(1), "1-5000000005");
        stub.AddChange(FirstSync.AddDays(2), "1-3000000003");
        clock.Advance(TimeSpan.FromDays(7));

        ImportRun run;
        await using (var db = database.NewContext(clock: clock)) run = await Sync(db).ChangesSinceAsync(null);
        (run.Rows, run.Added, run.Updated).ShouldBe((3, 1, 2));

        await using var check = database.NewContext();
        var exits = await check.ServiceExits.Include(e => e.Service).OrderBy(e => e.Service!.CqcLocationId).ToListAsync();
        exits.Select(e => (e.Service!.CqcLocationId, e.EndedOn, e.Kind, e.Reason, e.SuccessorCqcLocationId, e.BedsAtExit)).ShouldBe(
        [
            ("1-3000000003", new DateOnly(2024, 2, 2), ExitKind.Closed, "Deregistered", null, 6),
            ("1-5000000005", new DateOnly(2024, 1, 31), ExitKind.ChangedProvider, "Location Changed Provider", "1-9000000009", null),
        ]);
        exits.ShouldAllBe(e => e.Service!.Status == ServiceStatus.Exited && e.Source == "cqc-api");

        // The successor keeps the history: its predecessor's rating shows from it, marked inherited.
        var meadowbank = await check.Services.Include(s => s.Provider).Include(s => s.Ratings).Include(s => s.CurrentRating)
            .SingleAsync(s => s.CqcLocationId == "1-9000000009");
        meadowbank.Status.ShouldBe(ServiceStatus.Active);
        meadowbank.Provider!.Name.ShouldBe("Meadowbank Living Ltd");
        var inherited = meadowbank.Ratings.ShouldHaveSingleItem();
        (inherited.PublishedOn, inherited.Overall, inherited.Inherited).ShouldBe((new DateOnly(2022, 8, 19), RatingWord.Outstanding, true));
        meadowbank.CurrentRating!.Id.ShouldBe(inherited.Id);

        var derby = await CouncilIdAsync(database, "Derby");
        await using var reader = database.NewContext(new Actor("commissioner", derby), clock);
        var register = new RegisterQueries(reader);
        (await register.ListAsync(new RegisterFilter { PageSize = 500 })).Rows.Select(r => r.CqcLocationId).Order()
            .ShouldBe(["1-1000210669", "1-2000000002", "1-4000000004", "1-9000000009"]);
        var detail = (await register.GetServiceAsync(meadowbank.Id))!;
        detail.Predecessors.ShouldHaveSingleItem().CqcLocationId.ShouldBe("1-5000000005");
        var old = (await register.GetServiceAsync(exits[1].ServiceId))!;
        old.Successor.ShouldBe(new LinkedService(meadowbank.Id, "1-9000000009", "Meadowbank Supported Living", "Location Changed Provider"));
        var overview = await new RegisterOverview(reader).ForCouncilAsync();
        (overview.ExitsLastYear, overview.BedsLostLastYear, overview.ChangesOfProviderLastYear).ShouldBe((1, 6, 1));

        // Read again, nothing changes.
        var before = await SnapshotAsync(database, withRuns: false);
        stub.AddChange(FirstSync.AddDays(8), "1-5000000005");
        clock.Advance(TimeSpan.FromDays(2));
        await using (var db = database.NewContext(clock: clock)) await Sync(db).ChangesSinceAsync(null);
        (await SnapshotAsync(database, withRuns: false)).ShouldBe(before);
        await using var last = database.NewContext();
        (await last.ServiceExits.CountAsync()).ShouldBe(2);
    }

    [Theory]
    [BothEngines]
    public async Task FullSync_SeesADeregistrationOfAServiceCqcNoLongerLists(Engine engine)
    {
        await using var database = await DatabaseWithDerbyAsync(engine);
        await using (var db = database.NewContext(clock: clock)) await Sync(db).FullSyncAsync("Derby");
        stub.Deregister("1-3000000003", "2024-02-05");
        stub.Unlisted["1-3000000003"] = true;
        clock.Advance(TimeSpan.FromDays(7));

        await using (var db = database.NewContext(clock: clock)) await Sync(db).FullSyncAsync("Derby");

        stub.RequestsTo("/public/v1/locations/1-3000000003").Count.ShouldBe(2);
        await using var check = database.NewContext();
        var exit = await check.ServiceExits.Include(e => e.Service).SingleAsync();
        (exit.Service!.CqcLocationId, exit.EndedOn, exit.Kind, exit.Service.Status)
            .ShouldBe(("1-3000000003", new DateOnly(2024, 2, 5), ExitKind.Closed, ServiceStatus.Exited));
    }

    [Theory]
    [BothEngines]
    public async Task FullSync_WithANameCqcDoesNotUse_Refuses_OffersTheClosestNames_AndWritesNothing(Engine engine)
    {
        await using var database = await DatabaseWithDerbyAsync(engine);
        await using (var db = database.NewContext(clock: clock)) await Sync(db).FullSyncAsync("Derby");
        var before = await SnapshotAsync(database, withRuns: true);

        await using (var db = database.NewContext(clock: clock))
        {
            var oldham = await Should.ThrowAsync<UnknownLocalAuthorityException>(() => Sync(db).FullSyncAsync("Oldham Council"));
            oldham.Closest.ShouldBe(["Oldham"]); // CQC lists services for "Oldham"
            oldham.Message.ShouldContain("\"Oldham Council\"");
            oldham.Message.ShouldContain("Did you mean \"Oldham\"?");

            var typo = await Should.ThrowAsync<UnknownLocalAuthorityException>(() => Sync(db).FullSyncAsync("Derbyy"));
            typo.Closest.ShouldBe(["Derby"]); // a name the register knows
            var nothing = await Should.ThrowAsync<UnknownLocalAuthorityException>(() => Sync(db).FullSyncAsync("Atlantis"));
            nothing.Closest.ShouldBeEmpty();
        }

        (await SnapshotAsync(database, withRuns: true)).ShouldBe(before);
    }

    private static async Task<int> CountAuditAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.AuditEntries.CountAsync();
    }

    /// <summary>Every row a sync could touch, as text.</summary>
    private static async Task<string> SnapshotAsync(TestDatabase database, bool withRuns)
    {
        await using var db = database.NewContext();
        var rows = new List<object>
        {
            await db.Providers.AsNoTracking().OrderBy(p => p.Id).ToListAsync(),
            await db.Services.AsNoTracking().OrderBy(s => s.Id).ToListAsync(),
            await db.Ratings.AsNoTracking().OrderBy(r => r.Id).ToListAsync(),
        };
        if (withRuns)
        {
            rows.Add(await db.ImportRuns.AsNoTracking().OrderBy(r => r.Id).ToListAsync());
            rows.Add(await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync());
        }
        return JsonSerializer.Serialize(rows);
    }

    /// <summary>Records progress synchronously (unlike Progress&lt;T&gt;), and can fail the sync at a chosen point.</summary>
    private sealed class Recorder(Func<CqcSyncProgress, bool>? failOn = null) : IProgress<CqcSyncProgress>
    {
        public List<CqcSyncProgress> Items { get; } = [];

        public void Report(CqcSyncProgress value)
        {
            Items.Add(value);
            if (failOn?.Invoke(value) == true) throw new InvalidOperationException("Failing the sync on purpose.");
        }
    }
}
