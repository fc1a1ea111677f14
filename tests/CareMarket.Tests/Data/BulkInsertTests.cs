using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CareMarket.Tests.Data;

public class BulkInsertTests
{
    private static readonly DateTime Now = new DateTime(2026, 3, 4, 5, 6, 7, 123, DateTimeKind.Utc).AddTicks(4560); // microseconds: PostgreSQL's precision

    private static Service FullService(int providerId, int? council, int? area, string location) => new()
    {
        CqcLocationId = location, ProviderId = providerId, Name = "Sunny View — \"care\" home, O'Neill's", AlsoKnownAs = "Sunny",
        ServiceType = ServiceType.CareHomeWithNursing, CqcServiceTypes = "Care home service with nursing|Homecare agencies",
        RegulatedActivities = "Accommodation for persons who require nursing or personal care",
        Specialisms = Specialism.Dementia | Specialism.OlderPeople, Street = "1 High Street", City = "Derby", Postcode = "DE1 1AA",
        Latitude = 52.9225301, Longitude = -1.4746186, Phone = "01332 000000", Website = "https://sunny.example",
        HostLocalAuthorityId = council, CqcLocalAuthority = "Derby", Region = "East Midlands", AreaId = area, IsCareHome = true,
        RegisteredBeds = 42, InspectionDirectorate = "Adult social care", PrimaryInspectionCategory = "Residential social care",
        RegisteredOn = new DateOnly(2011, 1, 31), Dormant = true, LastCheckedOn = new DateOnly(2025, 12, 1),
        Status = ServiceStatus.Exited, UpdatedAt = Now, Version = 3,
    };

    /// <summary>As few values as the model allows: every nullable column null.</summary>
    private static Service SparseService(int providerId, string location) => new()
    {
        CqcLocationId = location, ProviderId = providerId, Name = "Bare", UpdatedAt = Now,
    };

    private static Rating FullRating(int serviceId) => new()
    {
        ServiceId = serviceId, PublishedOn = new DateOnly(2024, 2, 29), Overall = RatingWord.RequiresImprovement,
        Safe = RatingWord.Inadequate, Effective = RatingWord.Good, Caring = RatingWord.Outstanding,
        Responsive = RatingWord.NotRated, WellLed = RatingWord.InsufficientEvidence, Inherited = true, Source = "test", RecordedAt = Now,
    };

    private static Rating SparseRating(int serviceId) => new()
    {
        ServiceId = serviceId, PublishedOn = new DateOnly(2023, 1, 1), Overall = RatingWord.Good, Source = "test", RecordedAt = Now,
    };

    [Theory]
    [BothEngines]
    public async Task WriteAsync_StoresWhatEfStores_ForEveryMappedColumn(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        int council, area;
        await using (var db = database.NewContext())
        {
            var derby = new LocalAuthority { OnsCode = "E06000015", Name = "Derby", Region = "East Midlands" };
            derby.Areas.Add(new Area { Name = "Centre", Kind = AreaKind.Locality, PostcodeDistricts = "DE1" });
            db.LocalAuthorities.Add(derby);
            await db.SaveChangesAsync();
            (council, area) = (derby.Id, derby.Areas[0].Id);
        }

        // Arrange: the same values written once through EF...
        int efProvider, efFull, efSparse;
        await using (var db = database.NewContext())
        {
            db.AuditEachRow = false;
            var p = new Provider { CqcProviderId = "1-P-EF", Name = "Provider Ltd", BrandId = "BD1", BrandName = "Brand", UpdatedAt = Now };
            db.Providers.Add(p);
            await db.SaveChangesAsync();
            var full = FullService(p.Id, council, area, "1-EF-FULL");
            var sparse = SparseService(p.Id, "1-EF-SPARSE");
            db.Services.AddRange(full, sparse);
            await db.SaveChangesAsync();
            db.Ratings.AddRange(FullRating(full.Id), SparseRating(sparse.Id));
            await db.SaveChangesAsync();
            (efProvider, efFull, efSparse) = (p.Id, full.Id, sparse.Id);
        }

        // ...and once through the bulk path, with allocated keys.
        int bulkProvider, bulkFull, bulkSparse;
        await using (var db = database.NewContext())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var p = new Provider { CqcProviderId = "1-P-BULK", Name = "Provider Ltd", BrandId = "BD1", BrandName = "Brand", UpdatedAt = Now };
            p.Id = (await BulkInsert.AllocateIdsAsync<Provider>(db, 1))[0];
            await BulkInsert.WriteAsync(db, [p]);
            var full = FullService(p.Id, council, area, "1-BULK-FULL");
            var sparse = SparseService(p.Id, "1-BULK-SPARSE");
            var ids = await BulkInsert.AllocateIdsAsync<Service>(db, 2);
            (full.Id, sparse.Id) = (ids[0], ids[1]);
            await BulkInsert.WriteAsync(db, [full, sparse]);
            var ratings = new[] { FullRating(full.Id), SparseRating(sparse.Id) };
            var ratingIds = await BulkInsert.AllocateIdsAsync<Rating>(db, 2);
            (ratings[0].Id, ratings[1].Id) = (ratingIds[0], ratingIds[1]);
            await BulkInsert.WriteAsync(db, ratings);
            await tx.CommitAsync();
            (bulkProvider, bulkFull, bulkSparse) = (p.Id, full.Id, sparse.Id);
            db.ChangeTracker.Entries().ShouldBeEmpty(); // bulk rows are not tracked
        }

        // Assert: read back through EF, every mapped property but the keys and CQC ids is the same.
        await using (var db = database.NewContext())
        {
            var providers = await db.Providers.AsNoTracking().ToDictionaryAsync(p => p.Id);
            var services = await db.Services.AsNoTracking().ToDictionaryAsync(s => s.Id);
            var ratings = await db.Ratings.AsNoTracking().ToDictionaryAsync(r => r.ServiceId);
            SameColumns(db, providers[efProvider], providers[bulkProvider], nameof(Provider.CqcProviderId));
            SameColumns(db, services[efFull], services[bulkFull], nameof(Service.CqcLocationId), nameof(Service.ProviderId));
            SameColumns(db, services[efSparse], services[bulkSparse], nameof(Service.CqcLocationId), nameof(Service.ProviderId));
            SameColumns(db, ratings[efFull], ratings[bulkFull], nameof(Rating.ServiceId));
            SameColumns(db, ratings[efSparse], ratings[bulkSparse], nameof(Rating.ServiceId));
            services[bulkFull].UpdatedAt.ShouldBe(Now);
            if (engine == Engine.Postgres) services[bulkFull].UpdatedAt.Kind.ShouldBe(DateTimeKind.Utc);
            services[bulkFull].Specialisms.ShouldBe(Specialism.Dementia | Specialism.OlderPeople);
            services[bulkFull].ProviderId.ShouldBe(bulkProvider);
            ratings[bulkFull].Safe.ShouldBe(RatingWord.Inadequate);
            ratings[bulkSparse].Safe.ShouldBeNull();

            // Enums are stored as their names, as EF stores them.
            var conn = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"""SELECT "ServiceType" || '/' || "Status" FROM "Services" WHERE "Id" = {bulkFull}""";
            (await cmd.ExecuteScalarAsync()).ShouldBe("CareHomeWithNursing/Exited");
        }

        // The keys handed out are used: EF's next insert takes the next one, with no clash.
        await using (var db = database.NewContext())
        {
            var next = SparseService(bulkProvider, "1-AFTER");
            db.Services.Add(next);
            await db.SaveChangesAsync();
            next.Id.ShouldBeGreaterThan(bulkSparse);
        }
    }

    [Theory]
    [BothEngines]
    public async Task WriteAsync_OutsideATransaction_IsRefused(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var db = database.NewContext();
        await Should.ThrowAsync<InvalidOperationException>(() =>
            BulkInsert.WriteAsync(db, [new Provider { Id = 1, CqcProviderId = "x", Name = "x" }]));
    }

    [Theory]
    [BothEngines]
    public async Task CurrentRatingUpdate_AgreesWithRatingHistoryCurrent(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var random = new Random(7);
        var ids = new List<int>();
        await using (var db = database.NewContext())
        {
            db.AuditEachRow = false;
            var p = new Provider { CqcProviderId = "1-P", Name = "P", UpdatedAt = Now };
            db.Providers.Add(p);
            for (var i = 0; i < 40; i++)
            {
                var s = new Service { CqcLocationId = $"1-{i}", Name = $"S{i}", Provider = p, UpdatedAt = Now };
                // Ratings added out of date order, so the highest id is not always the latest published.
                var dates = Enumerable.Range(0, i % 5).Select(_ => new DateOnly(2015, 1, 1).AddDays(random.Next(0, 4000))).Distinct()
                    .OrderBy(_ => random.Next()).ToList();
                foreach (var d in dates) s.Ratings.Add(new Rating { PublishedOn = d, Overall = RatingWord.Good, Source = "t", RecordedAt = Now });
                db.Services.Add(s);
            }
            await db.SaveChangesAsync();
            ids.AddRange(db.Services.Local.Select(s => s.Id));
            // One service points at a rating that is not its latest; the update must move it.
            var wrong = db.Services.Local.First(s => s.Ratings.Count >= 2);
            wrong.CurrentRatingId = wrong.Ratings.OrderBy(r => r.PublishedOn).First().Id;
            await db.SaveChangesAsync();
        }

        int moved;
        await using (var db = database.NewContext())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            moved = await RegisterWriter.PointAtCurrentRatingsAsync(db, ids, Now.AddHours(1));
            await tx.CommitAsync();
        }

        await using (var db = database.NewContext())
        {
            var services = await db.Services.AsNoTracking().Include(s => s.Ratings).ToListAsync();
            services.Count(s => s.Ratings.Count > 0).ShouldBe(moved);
            foreach (var s in services)
            {
                s.CurrentRatingId.ShouldBe(RatingHistory.Current(s.Ratings, s.ServiceType)?.Id, $"service {s.CqcLocationId}");
                // A moved pointer is a saved change; a service without ratings is not touched.
                s.UpdatedAt.ShouldBe(s.Ratings.Count > 0 ? Now.AddHours(1) : Now);
            }

            // Already pointing right: nothing moves, no Version changes.
            var versions = services.Sum(s => s.Version);
            await using var tx = await db.Database.BeginTransactionAsync();
            (await RegisterWriter.PointAtCurrentRatingsAsync(db, ids, Now.AddHours(2))).ShouldBe(0);
            await tx.CommitAsync();
            (await db.Services.SumAsync(s => s.Version)).ShouldBe(versions);
        }
    }

    private static void SameColumns<T>(CareMarketDb db, T expected, T actual, params string[] except) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var compared = 0;
        foreach (IProperty p in entity.GetProperties())
        {
            if (p.IsPrimaryKey() || except.Contains(p.Name)) continue;
            var e = p.PropertyInfo!.GetValue(expected);
            var a = p.PropertyInfo!.GetValue(actual);
            a.ShouldBe(e, $"{typeof(T).Name}.{p.Name}");
            compared++;
        }
        compared.ShouldBeGreaterThan(3);
    }
}
