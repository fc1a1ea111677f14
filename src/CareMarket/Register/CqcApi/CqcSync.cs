using System.Globalization;
using CareMarket.Data;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Register.CqcApi;

/// <summary>Where a sync is: which phase, how far through it, and any warning just raised.</summary>
public sealed record CqcSyncProgress(string Phase, int Done, int? Total, string? Warning = null)
{
    public const string Listing = "listing";
    public const string Fetching = "fetching";
    public const string Writing = "writing";
}

/// <summary>
/// Keeps the register current from the CQC API. A sync first reads everything it needs from the API (no database
/// transaction open while waiting on the network), then writes it through <see cref="RegisterWriter"/> in batches,
/// with its <see cref="ImportRun"/> and one audit record, in one transaction: a sync that fails writes nothing.
/// </summary>
public sealed class CqcSync(CareMarketDb db, CqcApiClient api)
{
    public const string Kind = "cqc-api";
    private const string ChangesPrefix = "changes";
    private const string FullPrefix = "full";

    /// <summary>Locations written per SaveChanges.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Warnings of the last sync (unknown rating words, locations CQC no longer knows); also in its audit record.</summary>
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    /// <summary>
    /// Reads every adult social care location CQC places in the council (by CQC's spelling of its name, e.g.
    /// "Derby") and writes them, with their providers and ratings, to the register.
    /// </summary>
    public async Task<ImportRun> FullSyncAsync(string localAuthority, IProgress<CqcSyncProgress>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(localAuthority);
        var startedAt = WholeSeconds(db.Clock.GetUtcNow());
        var filter = LocationFilter.AdultSocialCareIn(localAuthority.Trim());
        var ids = new List<string>();
        await foreach (var id in api.ListLocationIdsAsync(filter, ct))
        {
            ids.Add(id);
            if (ids.Count % 100 == 0) progress?.Report(new CqcSyncProgress(CqcSyncProgress.Listing, ids.Count, null));
        }
        progress?.Report(new CqcSyncProgress(CqcSyncProgress.Listing, ids.Count, ids.Count));

        var warnings = new List<string>();
        var fetched = await FetchAsync(ids, warnings, progress, ct);
        // The list asked for registered adult social care locations; a record that says otherwise is not added.
        var wanted = await KeepAsync(fetched, warnings, onlyHeld: false, ct);
        var source = $"{FullPrefix} localAuthority={filter.LocalAuthority} inspectionDirectorate={filter.InspectionDirectorate} " +
                     $"until {Stamp(startedAt)}";
        return await WriteAsync(source, startedAt, wanted, warnings, progress, ct);
    }

    /// <summary>
    /// Reads the locations CQC changed in [since, now) and writes those already in the register or standing in a
    /// council CareMarket holds. Without since, continues from the end of the last change sync, else of the last
    /// full sync; with neither, there is nothing to continue from and it throws.
    /// </summary>
    public Task<ImportRun> ChangesSinceAsync(DateTimeOffset? since = null, CancellationToken ct = default) =>
        ChangesSinceAsync(since, null, ct);

    /// <inheritdoc cref="ChangesSinceAsync(DateTimeOffset?, CancellationToken)"/>
    public async Task<ImportRun> ChangesSinceAsync(DateTimeOffset? since, IProgress<CqcSyncProgress>? progress,
        CancellationToken ct = default)
    {
        var end = WholeSeconds(db.Clock.GetUtcNow());
        var start = since ?? await LastSyncedUntilAsync(ct)
            ?? throw new InvalidOperationException("No earlier CQC API sync to continue from: run a full sync, or give a start.");

        var ids = new List<string>();
        await foreach (var id in api.ChangedLocationIdsAsync(start, end, ct)) ids.Add(id);
        progress?.Report(new CqcSyncProgress(CqcSyncProgress.Listing, ids.Count, ids.Count));

        var warnings = new List<string>();
        var fetched = await FetchAsync(ids, warnings, progress, ct);
        var wanted = await KeepAsync(fetched, warnings, onlyHeld: true, ct);
        var source = $"{ChangesPrefix} from {Stamp(start)} until {Stamp(end)}";
        return await WriteAsync(source, end, wanted, warnings, progress, ct);
    }

    /// <summary>
    /// Where the next change sync starts: the end of the last change sync, else of the last full sync, else null.
    /// A sync's window ends at the instant it started (its StartedAt); failed syncs save no run.
    /// </summary>
    public async Task<DateTimeOffset?> LastSyncedUntilAsync(CancellationToken ct = default)
    {
        var runs = db.ImportRuns.AsNoTracking().Where(r => r.Kind == Kind);
        var last = await runs.Where(r => r.Source.StartsWith(ChangesPrefix)).MaxAsync(r => (DateTime?)r.StartedAt, ct)
                   ?? await runs.Where(r => r.Source.StartsWith(FullPrefix)).MaxAsync(r => (DateTime?)r.StartedAt, ct);
        return last is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
    }

    private async Task<List<MappedLocation>> FetchAsync(IReadOnlyList<string> ids, List<string> warnings,
        IProgress<CqcSyncProgress>? progress, CancellationToken ct)
    {
        var result = new List<MappedLocation>(ids.Count);
        foreach (var id in ids)
        {
            var mapped = await api.GetMappedLocationAsync(id, ct);
            if (mapped is null)
            {
                Warn(warnings, progress, result.Count, ids.Count, $"{id}: listed by CQC but not found (404); skipped.");
            }
            else
            {
                result.Add(mapped);
                foreach (var w in mapped.Warnings) Warn(warnings, progress, result.Count, ids.Count, w);
            }
            progress?.Report(new CqcSyncProgress(CqcSyncProgress.Fetching, result.Count, ids.Count));
        }
        return result;
    }

    /// <summary>
    /// Which fetched locations to write. Locations already in the register are always updated. A new one is added
    /// only if it is registered adult social care and (for change syncs) stands in a council CareMarket holds.
    /// Deregistered locations are never added: exits come from the deactivated-locations file.
    /// </summary>
    private async Task<List<CqcLocation>> KeepAsync(List<MappedLocation> fetched, List<string> warnings, bool onlyHeld,
        CancellationToken ct)
    {
        if (fetched.Count == 0) return [];
        var ids = fetched.Select(f => f.Location.LocationId).ToList();
        var held = (await db.Services.AsNoTracking().Where(s => ids.Contains(s.CqcLocationId!))
            .Select(s => s.CqcLocationId!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var councils = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (onlyHeld)
        {
            foreach (var c in await db.LocalAuthorities.AsNoTracking().Select(c => new { c.Name, c.CqcName }).ToListAsync(ct))
            {
                councils.Add(c.Name.Trim());
                if (c.CqcName is not null) councils.Add(c.CqcName.Trim());
            }
        }
        var keep = new List<CqcLocation>();
        foreach (var f in fetched.DistinctBy(f => f.Location.LocationId))
        {
            var l = f.Location;
            if (held.Contains(l.LocationId)) { keep.Add(l); continue; }
            if (f.IsDeregistered) continue;
            if (!string.Equals(l.InspectionDirectorate, LocationFilter.AdultSocialCare, StringComparison.OrdinalIgnoreCase)) continue;
            if (onlyHeld && (l.LocalAuthority is null || !councils.Contains(l.LocalAuthority))) continue;
            keep.Add(l);
        }
        return keep;
    }

    private async Task<ImportRun> WriteAsync(string source, DateTimeOffset startedAt, List<CqcLocation> locations,
        List<string> warnings, IProgress<CqcSyncProgress>? progress, CancellationToken ct)
    {
        // Provider names come only from /providers: read them before the transaction opens.
        var providers = new Dictionary<string, ProviderInfo?>(StringComparer.Ordinal);
        foreach (var providerId in locations.Select(l => l.ProviderId).Distinct(StringComparer.Ordinal))
        {
            providers[providerId] = await api.GetProviderAsync(providerId, ct);
            if (providers[providerId] is null) warnings.Add($"{providerId}: provider not found (404); its name is not updated.");
        }
        var named = locations.Select(l => providers[l.ProviderId] is { } p ? l with { ProviderName = p.Name } : l).ToList();

        var auditEachRow = db.AuditEachRow;
        db.AuditEachRow = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var writer = new RegisterWriter(db, Kind);
            var counts = ImportCounts.None;
            foreach (var batch in named.Chunk(Math.Max(1, BatchSize)))
            {
                counts = counts.Plus(await writer.UpsertLocationsAsync(batch, ct));
                progress?.Report(new CqcSyncProgress(CqcSyncProgress.Writing, counts.Rows, named.Count));
            }
            await writer.FinishAsync(ct);
            var run = new ImportRun
            {
                Kind = Kind, Source = source, StartedAt = startedAt.UtcDateTime, FinishedAt = db.Now,
                Rows = counts.Rows, Added = counts.Added, Updated = counts.Updated, Unchanged = counts.Unchanged,
                UserName = db.Actor.Name,
            };
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync(ct);
            db.Audit("Synced", nameof(ImportRun), run.Id.ToString(CultureInfo.InvariantCulture), new
            {
                run.Source, run.Rows, run.Added, run.Updated, run.Unchanged,
                Warnings = warnings.Count, FirstWarnings = warnings.Take(20).ToList(),
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            Warnings = warnings;
            return run;
        }
        catch
        {
            // The transaction is rolled back; forget the unsaved and rolled-back changes too.
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            db.AuditEachRow = auditEachRow;
        }
    }

    private static void Warn(List<string> warnings, IProgress<CqcSyncProgress>? progress, int done, int total, string warning)
    {
        warnings.Add(warning);
        progress?.Report(new CqcSyncProgress(CqcSyncProgress.Fetching, done, total, warning));
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static string Stamp(DateTimeOffset t) =>
        t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
