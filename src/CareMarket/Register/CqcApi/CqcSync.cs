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
    /// "Derby") and writes them, with their providers and ratings, to the register. Services the register holds there
    /// that CQC no longer lists are read too, so that a deregistration is seen. A name CQC lists nothing for, and that
    /// is not one the register knows, is refused with the closest names (<see cref="UnknownLocalAuthorityException"/>).
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
        if (ids.Count == 0) await RefuseUnknownNameAsync(filter.LocalAuthority!, ct);
        var listed = ids.ToHashSet(StringComparer.Ordinal);
        var la = filter.LocalAuthority!.ToLower();
        ids.AddRange((await db.Services.AsNoTracking()
                .Where(s => s.Status == ServiceStatus.Active && s.CqcLocationId != null && s.CqcLocalAuthority != null
                            && s.CqcLocalAuthority.ToLower() == la)
                .Select(s => s.CqcLocationId!).ToListAsync(ct))
            .Where(id => !listed.Contains(id)).Order(StringComparer.Ordinal));
        progress?.Report(new CqcSyncProgress(CqcSyncProgress.Listing, ids.Count, ids.Count));

        var warnings = new List<string>();
        var fetched = await FetchAsync(ids, warnings, progress, ct);
        fetched.AddRange(await FetchRelatedAsync(fetched, warnings, progress, ct));
        // The list asked for registered adult social care locations; a record that says otherwise is not added.
        var (wanted, exits) = await KeepAsync(fetched, warnings, onlyHeld: false, ct);
        var source = $"{FullPrefix} localAuthority={filter.LocalAuthority} inspectionDirectorate={filter.InspectionDirectorate} " +
                     $"until {Stamp(startedAt)}";
        return await WriteAsync(source, startedAt, wanted, exits, warnings, progress, ct);
    }

    /// <summary>
    /// CQC listed nothing for the name. A name the register knows (a council's, or one CQC wrote on a service) may
    /// simply have no services now; any other is refused with the closest known names, and with the name without the
    /// words people add ("Oldham Council" → "Oldham") when CQC lists services for that.
    /// </summary>
    /// <remarks>
    /// It runs only after CQC listed nothing, so a spelling CQC uses that the shipped list lacks still syncs.
    /// </remarks>
    private async Task RefuseUnknownNameAsync(string name, CancellationToken ct)
    {
        var known = await KnownLocalAuthorityNamesAsync(ct);
        if (known.Contains(name, StringComparer.OrdinalIgnoreCase)) return;
        var closest = LocalAuthorityNames.Closest(name, known).ToList();
        if (LocalAuthorityNames.Undressed(name) is { } plain && !closest.Contains(plain, StringComparer.OrdinalIgnoreCase))
        {
            await foreach (var _ in api.ListLocationIdsAsync(LocationFilter.AdultSocialCareIn(plain), ct))
            {
                closest.Insert(0, plain);
                break;
            }
        }
        throw new UnknownLocalAuthorityException(name, closest);
    }

    /// <summary>
    /// Every spelling of a council name CareMarket knows: England's councils as shipped (their CQC names and other
    /// spellings), the councils in this database, and CQC's on services already in the register.
    /// </summary>
    public async Task<IReadOnlyList<string>> KnownLocalAuthorityNamesAsync(CancellationToken ct = default)
    {
        var fromServices = await db.Services.AsNoTracking().Where(s => s.CqcLocalAuthority != null)
            .Select(s => s.CqcLocalAuthority!).Distinct().ToListAsync(ct);
        var councils = await db.LocalAuthorities.AsNoTracking().Select(c => new { c.Name, c.CqcName }).ToListAsync(ct);
        var catalogue = Councils.CouncilCatalogue.Current.SelectMany(c => c.Spellings());
        return fromServices.Concat(catalogue).Concat(councils.Select(c => c.Name)).Concat(councils.Select(c => c.CqcName).OfType<string>())
            .Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order().ToList();
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
        fetched.AddRange(await FetchRelatedAsync(fetched, warnings, progress, ct));
        var (wanted, exits) = await KeepAsync(fetched, warnings, onlyHeld: true, ct);
        var source = $"{ChangesPrefix} from {Stamp(start)} until {Stamp(end)}";
        return await WriteAsync(source, end, wanted, exits, warnings, progress, ct);
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
    /// The locations a change of provider links to the fetched ones, when not fetched already: the successor a
    /// deregistered location names (so that it can keep the history), and a held predecessor that is still active or
    /// whose exit names no successor yet (so that its deregistration is seen). One step only: their own links are not followed.
    /// </summary>
    private async Task<List<MappedLocation>> FetchRelatedAsync(List<MappedLocation> fetched, List<string> warnings,
        IProgress<CqcSyncProgress>? progress, CancellationToken ct)
    {
        var have = fetched.Select(f => f.Location.LocationId).ToHashSet(StringComparer.Ordinal);
        var successors = fetched.Where(f => f.IsDeregistered).Select(f => f.Successor?.LocationId).OfType<string>();
        var predecessors = fetched.SelectMany(f => f.Predecessors.Select(p => p.LocationId)).Where(id => !have.Contains(id)).Distinct().ToList();
        var open = predecessors.Count == 0 ? [] : await db.Services.AsNoTracking()
            .Where(s => predecessors.Contains(s.CqcLocationId!))
            .Where(s => s.Status == ServiceStatus.Active
                        || !db.ServiceExits.Any(e => e.ServiceId == s.Id && e.SuccessorCqcLocationId != null))
            .Select(s => s.CqcLocationId!).ToListAsync(ct);
        var more = successors.Concat(open).Where(id => !have.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        return more.Count == 0 ? [] : await FetchAsync(more, warnings, progress, ct);
    }

    /// <summary>
    /// Which fetched locations to write, and which exits to record. Locations already in the register are always
    /// updated. A new one is added only if it is registered adult social care and (for change syncs) stands in a
    /// council CareMarket holds, or carries on a held service (the successor of one, when it is deregistered).
    /// A deregistered location is never added; a held one leaves the active register with its exit.
    /// </summary>
    private async Task<(List<CqcLocation> Locations, List<CqcExit> Exits)> KeepAsync(List<MappedLocation> fetched,
        List<string> warnings, bool onlyHeld, CancellationToken ct)
    {
        if (fetched.Count == 0) return ([], []);
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
        // Successors of held services that CQC deregistered: they carry the service on, wherever they stand.
        var carryOn = fetched.Where(f => f.IsDeregistered && held.Contains(f.Location.LocationId))
            .Select(f => f.Successor?.LocationId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var keep = new List<CqcLocation>();
        var exits = new List<CqcExit>();
        foreach (var f in fetched.DistinctBy(f => f.Location.LocationId))
        {
            var l = f.Location;
            if (f.IsDeregistered)
            {
                if (!held.Contains(l.LocationId)) continue;
                keep.Add(l);
                if (f.Exit is { } exit) exits.Add(exit);
                continue;
            }
            if (held.Contains(l.LocationId)) { keep.Add(l); continue; }
            if (!string.Equals(l.InspectionDirectorate, LocationFilter.AdultSocialCare, StringComparison.OrdinalIgnoreCase)) continue;
            if (onlyHeld && !carryOn.Contains(l.LocationId) && (l.LocalAuthority is null || !councils.Contains(l.LocalAuthority))) continue;
            keep.Add(l);
        }
        // A registered successor names its held predecessor: the predecessor's exit (read with it) is a change of provider.
        var successorOf = fetched.Where(f => !f.IsDeregistered)
            .SelectMany(f => f.Predecessors.Select(p => (Predecessor: p.LocationId, Successor: f.Location.LocationId, p.Reason)))
            .GroupBy(x => x.Predecessor).ToDictionary(g => g.Key, g => g.First());
        for (var i = 0; i < exits.Count; i++)
        {
            if (exits[i].SuccessorLocationId is null && successorOf.TryGetValue(exits[i].LocationId, out var link))
            {
                exits[i] = exits[i] with { SuccessorLocationId = link.Successor, Reason = link.Reason ?? exits[i].Reason };
            }
        }
        foreach (var e in exits.Where(e => e.SuccessorLocationId is { } next && !keep.Any(k => k.LocationId == next)
                                           && !held.Contains(next)))
        {
            warnings.Add($"{e.LocationId}: CQC names {e.SuccessorLocationId} as its successor, which is not in the register; the exit is recorded as a change of provider.");
        }
        return (keep, exits);
    }

    private async Task<ImportRun> WriteAsync(string source, DateTimeOffset startedAt, List<CqcLocation> locations,
        List<CqcExit> exits, List<string> warnings, IProgress<CqcSyncProgress>? progress, CancellationToken ct)
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
            // After the locations, so that a successor added by this sync is there to keep its predecessor's history.
            var exited = await writer.RecordExitsAsync(exits, ct);
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
                run.Source, run.Rows, run.Added, run.Updated, run.Unchanged, Exits = exited.Added, ChangesOfProvider = exits.Count(e => e.Kind == ExitKind.ChangedProvider),
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
