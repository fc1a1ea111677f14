using CareMarket.Data;
using CareMarket.Register;
using CareMarket.Register.CqcFiles;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Tests.Register.CqcFiles;

/// <summary>A temporary folder for fixture files, and what the importer tests share.</summary>
public abstract class ImportTestBase : IDisposable
{
    protected readonly string Folder = Directory.CreateTempSubdirectory("cqc-files-").FullName;
    protected static readonly Actor Importer = new("importer@derby.gov.uk", null);

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>Derby, with a locality covering DE1 and DE22, so the host council and area are set.</summary>
    protected static async Task SeedDerbyAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var derby = new LocalAuthority { OnsCode = "E06000015", Name = "Derby", Region = "East Midlands" };
        derby.Areas.Add(new Area { Name = "City centre", Kind = AreaKind.Locality, PostcodeDistricts = "DE1 DE22" });
        db.LocalAuthorities.Add(derby);
        await db.SaveChangesAsync();
    }

    protected static async Task<ImportRun> ImportAsync(TestDatabase database, CqcFileKind kind, string path,
        CqcImportOptions? options = null, IProgress<ImportProgress>? progress = null)
    {
        await using var db = database.NewContext(Importer);
        return await new CqcFileImporter(db, options).ImportAsync(kind, path, progress);
    }

    protected string ActiveCsv(string name = "active-locations.csv", IEnumerable<CqcFixtures.Location>? locations = null) =>
        CqcFixtures.WriteCsv(Folder, name, CqcFixtures.ActiveRows(locations ?? CqcFixtures.ActiveLocations));

    /// <summary>What a failed import must leave exactly as it was.</summary>
    protected sealed record Snapshot(int Services, int Providers, int Ratings, int ImportRuns, int Exits, int Audits,
        int ServiceVersions, int ProviderNames, string Current);

    protected static async Task<Snapshot> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var services = await db.Services.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
        return new Snapshot(
            services.Count,
            await db.Providers.CountAsync(),
            await db.Ratings.CountAsync(),
            await db.ImportRuns.CountAsync(),
            await db.ServiceExits.CountAsync(),
            await db.AuditEntries.CountAsync(),
            services.Sum(s => s.Version),
            (await db.Providers.Select(p => p.Name).ToListAsync()).Sum(n => n.Length),
            string.Join(";", services.Select(s => $"{s.CqcLocationId}:{s.CurrentRatingId}:{s.Status}:{s.Name}")));
    }
}
