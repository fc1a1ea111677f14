using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Tests.Register;

public class RegisterWriterTests
{
    private static readonly CqcLocation[] Batch =
    [
        new() { LocationId = "1-1", ProviderId = "1-P1", ProviderName = "One Ltd", BrandId = "-", Name = "First", Postcode = "DE1 1AA",
            Rating = new CqcRating { PublishedOn = new DateOnly(2024, 1, 1), Overall = RatingWord.Good },
            History = [new CqcRating { PublishedOn = new DateOnly(2021, 6, 1), Overall = RatingWord.Inadequate, Safe = RatingWord.Inadequate }] },
        new() { LocationId = "1-2", ProviderId = "1-P1", Name = "Second", ServiceType = ServiceType.Homecare },
        // The same location again in the batch, with a newer rating: one service, both ratings, the newer current.
        new() { LocationId = "1-1", ProviderId = "1-P2", ProviderName = "Two Ltd", Name = "First renamed",
            Rating = new CqcRating { PublishedOn = new DateOnly(2025, 2, 1), Overall = RatingWord.Outstanding } },
    ];

    /// <summary>The bulk path (per-row audit off, in a transaction) writes exactly what the EF path writes.</summary>
    [Theory]
    [BothEngines]
    public async Task BulkAndEfPaths_WriteTheSameRegister(Engine engine)
    {
        var bulk = await WriteAsync(engine, auditEachRow: false);
        var ef = await WriteAsync(engine, auditEachRow: true);

        bulk.ShouldBe(ef);
        bulk.ShouldContain("1-1|First renamed|1-P2|Two Ltd|v1|current 2025-02-01 Outstanding|2021-06-01 Inadequate Inadequate;2024-01-01 Good ;2025-02-01 Outstanding ");
        bulk.ShouldContain("1-2|Second|1-P1|One Ltd|v0|current none|");
    }

    private static async Task<string> WriteAsync(Engine engine, bool auditEachRow)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using (var db = database.NewContext())
        {
            db.AuditEachRow = auditEachRow;
            await using var tx = await db.Database.BeginTransactionAsync();
            var writer = new RegisterWriter(db, "test");
            var counts = await writer.UpsertLocationsAsync(Batch);
            await writer.FinishAsync();
            await tx.CommitAsync();
            counts.Added.ShouldBe(2);
        }
        await using (var db = database.NewContext())
        {
            var services = await db.Services.AsNoTracking().Include(s => s.Provider).Include(s => s.Ratings).Include(s => s.CurrentRating)
                .OrderBy(s => s.CqcLocationId).ToListAsync();
            return string.Join("\n", services.Select(s =>
                $"{s.CqcLocationId}|{s.Name}|{s.Provider!.CqcProviderId}|{s.Provider.Name}|v{s.Version}|" +
                $"current {(s.CurrentRating is { } c ? $"{c.PublishedOn:yyyy-MM-dd} {c.Overall}" : "none")}|" +
                string.Join(";", s.Ratings.OrderBy(r => r.PublishedOn).Select(r => $"{r.PublishedOn:yyyy-MM-dd} {r.Overall} {r.Safe}"))));
        }
    }
}
