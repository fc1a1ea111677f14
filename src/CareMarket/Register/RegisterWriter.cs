using CareMarket.Data;
using CareMarket.Register.CqcFiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CareMarket.Register;

/// <summary>
/// Writes CQC records into the register, whatever their source (files or API). Idempotent: writing the same
/// records again changes nothing. Runs inside the caller's transaction, so a failed import writes nothing.
/// Every decision is made here, in C#, row by row; only new rows are written in bulk (see <see cref="Bulk"/>).
/// The caller calls <see cref="FinishAsync"/> before it commits: that is when services are pointed at their
/// current ratings.
/// </summary>
public sealed class RegisterWriter(CareMarketDb db, string source)
{
    private Dictionary<string, int>? councilsByName;
    private List<Area>? areas;
    // Services whose current rating may have moved; FinishAsync points them at it.
    private readonly HashSet<int> touched = [];
    private int bulkRows;

    /// <summary>
    /// New rows are written with the engine's bulk path (<see cref="BulkInsert"/>) inside the caller's transaction
    /// when per-row auditing is off; otherwise, or without a transaction, through EF like every other change.
    /// </summary>
    private const int AnalyzeAfterRows = 10_000;

    private bool Bulk => !db.AuditEachRow && db.Database.CurrentTransaction is not null;

    public async Task<ImportCounts> UpsertLocationsAsync(IReadOnlyList<CqcLocation> batch, CancellationToken ct = default)
    {
        if (batch.Count == 0) return ImportCounts.None;
        await LoadCouncilsAsync(ct);
        var now = db.Now;
        var bulk = Bulk;

        var providerIds = batch.Select(l => l.ProviderId).Distinct().ToList();
        var providers = await db.Providers.Where(p => providerIds.Contains(p.CqcProviderId!))
            .ToDictionaryAsync(p => p.CqcProviderId!, ct);
        var newProviders = new List<Provider>();
        foreach (var l in batch)
        {
            if (!providers.TryGetValue(l.ProviderId, out var p))
            {
                p = new Provider { CqcProviderId = l.ProviderId, Name = l.ProviderName ?? l.ProviderId, UpdatedAt = now };
                providers[l.ProviderId] = p;
                newProviders.Add(p);
                if (!bulk) db.Providers.Add(p);
            }
            if (l.ProviderName is { } name && p.Name != name) p.Name = name;
            if (l.BrandId is not null && p.BrandId != l.BrandId) p.BrandId = NullIfDash(l.BrandId);
            if (l.BrandName is not null && p.BrandName != l.BrandName) p.BrandName = NullIfDash(l.BrandName);
        }
        if (bulk)
        {
            // New providers first: new and existing services refer to them by key.
            var ids = await BulkInsert.AllocateIdsAsync<Provider>(db, newProviders.Count, ct);
            for (var i = 0; i < ids.Length; i++) newProviders[i].Id = ids[i];
            await BulkInsert.WriteAsync(db, newProviders, ct);
        }

        var locationIds = batch.Select(l => l.LocationId).ToList();
        var services = await db.Services.Include(s => s.Ratings).Where(s => locationIds.Contains(s.CqcLocationId!))
            .ToDictionaryAsync(s => s.CqcLocationId!, ct);
        int added = 0, updated = 0, unchanged = 0;
        var newServices = new List<Service>();
        var newRatings = new List<Rating>();
        foreach (var l in batch)
        {
            var isNew = !services.TryGetValue(l.LocationId, out var s);
            var provider = providers[l.ProviderId];
            if (s is null)
            {
                s = new Service { CqcLocationId = l.LocationId, Name = l.Name, UpdatedAt = now };
                if (bulk) s.ProviderId = provider.Id;
                else
                {
                    s.Provider = provider;
                    db.Services.Add(s);
                }
                services[l.LocationId] = s;
                newServices.Add(s);
            }
            else if (bulk ? s.ProviderId != provider.Id : s.Provider is null || s.Provider.CqcProviderId != l.ProviderId)
            {
                if (bulk) s.ProviderId = provider.Id; // by key: the provider may be a new, untracked row
                else s.Provider = provider;
            }
            Apply(s, l);
            var ratingChanged = false;
            foreach (var r in (l.History ?? []).Append(l.Rating).OfType<CqcRating>())
            {
                ratingChanged |= AddOrMergeRating(s, r, now, bulk && s.Id != 0 ? newRatings : null); // new services (Id 0 until written) keep theirs
            }
            if (isNew) added++;
            else if (ratingChanged || db.Entry(s).State == EntityState.Modified) updated++;
            else unchanged++;
        }
        if (bulk)
        {
            var ids = await BulkInsert.AllocateIdsAsync<Service>(db, newServices.Count, ct);
            for (var i = 0; i < ids.Length; i++)
            {
                newServices[i].Id = ids[i];
                foreach (var r in newServices[i].Ratings) r.ServiceId = ids[i];
                newRatings.AddRange(newServices[i].Ratings);
            }
            await BulkInsert.WriteAsync(db, newServices, ct);
            bulkRows += newServices.Count + newProviders.Count;
            await WriteRatingsAsync(newRatings, ct);
        }
        await db.SaveChangesAsync(ct);
        Touch(services.Values);
        return new ImportCounts(batch.Count, added, updated, unchanged);
    }

    /// <summary>Adds ratings (from the latest ratings file) to services already in the register.</summary>
    public async Task<ImportCounts> UpsertRatingsAsync(IReadOnlyList<(string LocationId, CqcRating Rating)> batch,
        CancellationToken ct = default)
    {
        if (batch.Count == 0) return ImportCounts.None;
        var now = db.Now;
        var bulk = Bulk;
        var ids = batch.Select(b => b.LocationId).Distinct().ToList();
        var services = await db.Services.Include(s => s.Ratings).Where(s => ids.Contains(s.CqcLocationId!))
            .ToDictionaryAsync(s => s.CqcLocationId!, ct);
        int added = 0, updated = 0, unchanged = 0;
        var newRatings = new List<Rating>();
        foreach (var (locationId, rating) in batch)
        {
            if (!services.TryGetValue(locationId, out var s)) continue;
            var before = s.Ratings.Count + newRatings.Count;
            if (AddOrMergeRating(s, rating, now, bulk ? newRatings : null))
            {
                if (s.Ratings.Count + newRatings.Count > before) added++; else updated++;
            }
            else unchanged++;
        }
        if (bulk) await WriteRatingsAsync(newRatings, ct);
        await db.SaveChangesAsync(ct);
        Touch(services.Values);
        return new ImportCounts(batch.Count, added, updated, unchanged);
    }

    /// <summary>
    /// Finishes an import or sync, inside its transaction, before it commits: points every service written since
    /// the last call at its current rating (<see cref="RatingHistory.Current(IEnumerable{Rating}, ServiceType)"/>) in one statement.
    /// </summary>
    public async Task FinishAsync(CancellationToken ct = default)
    {
        if (bulkRows >= AnalyzeAfterRows && db.IsPostgres())
        {
            // A large load leaves PostgreSQL's planner with no statistics for the new rows (autovacuum comes later),
            // and the next import's lookups by CQC id then run slowly. ANALYZE in the transaction sees them.
            await db.Database.ExecuteSqlRawAsync("""ANALYZE "Providers", "Services", "Ratings" """, ct);
        }
        bulkRows = 0;
        if (touched.Count == 0) return;
        await PointAtCurrentRatingsAsync(db, touched, db.Now, ct);
        touched.Clear();
    }

    /// <summary>
    /// Points the given services at their current rating — the most recently published, then one whose assessment
    /// service group covers the service's main type, then the highest id, as
    /// <see cref="RatingHistory.Current(IEnumerable{Rating}, ServiceType)"/> decides — where it is not already; a service without ratings is left
    /// alone. A service whose pointer moves is saved like any other change: Version + 1, UpdatedAt = now. Services
    /// the context tracks are given the new values, so a later save does not undo them or trip over Version.
    /// Returns how many services were pointed anew.
    /// </summary>
    internal static async Task<int> PointAtCurrentRatingsAsync(CareMarketDb db, IReadOnlyCollection<int> serviceIds, DateTime now,
        CancellationToken ct = default)
    {
        if (serviceIds.Count == 0) return 0;
        var current = $"""
            (SELECT r."Id" FROM "Ratings" r WHERE r."ServiceId" = "Services"."Id"
             ORDER BY r."PublishedOn" DESC, CASE WHEN (r."ServiceTypes" & {MainTypeBit}) <> 0 THEN 0 ELSE 1 END, r."Id" DESC LIMIT 1)
            """;
        var postgres = db.IsPostgres();
        var which = postgres ? "\"Id\" = ANY(@ids)" : "\"Id\" IN (SELECT value FROM json_each(@ids))";
        var differs = postgres ? "IS DISTINCT FROM" : "IS NOT";
        var sql = $"""
            UPDATE "Services" SET "CurrentRatingId" = {current}, "Version" = "Version" + 1, "UpdatedAt" = @now
            WHERE {which}
              AND EXISTS (SELECT 1 FROM "Ratings" r WHERE r."ServiceId" = "Services"."Id")
              AND "CurrentRatingId" {differs} {current}
            RETURNING "Id", "CurrentRatingId", "Version"
            """;
        var connection = db.Database.GetDbConnection();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var updatedAt = db.Model.FindEntityType(typeof(Service))!.FindProperty(nameof(Service.UpdatedAt))!.GetRelationalTypeMapping();
        cmd.Parameters.Add(updatedAt.CreateParameter(cmd, "now", now, nullable: false));
        var ids = cmd.CreateParameter();
        ids.ParameterName = "ids";
        ids.Value = postgres ? serviceIds.ToArray() : "[" + string.Join(",", serviceIds) + "]";
        cmd.Parameters.Add(ids);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var moved = new List<(int Id, int Current, int Version)>();
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct)) moved.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)));
            }
            var tracked = db.ChangeTracker.Entries<Service>().ToDictionary(e => e.Entity.Id);
            foreach (var (id, currentId, version) in moved)
            {
                if (!tracked.TryGetValue(id, out var entry)) continue;
                foreach (var (property, value) in new (string, object)[]
                         { (nameof(Service.CurrentRatingId), currentId), (nameof(Service.Version), version), (nameof(Service.UpdatedAt), now) })
                {
                    entry.Property(property).CurrentValue = value;
                    entry.Property(property).OriginalValue = value;
                    entry.Property(property).IsModified = false;
                }
            }
            return moved.Count;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Records deregistered locations: the service leaves the active register and its exit is kept, as a closure or,
    /// when CQC names a successor, a change of provider. A successor in the register keeps the history: it is given
    /// the ratings it does not hold yet, marked inherited (as CQC carries a rating over to a new registration), so
    /// they show from the successor. An exit already recorded is given a successor named later.
    /// </summary>
    public async Task<ImportCounts> RecordExitsAsync(IReadOnlyList<CqcExit> batch, CancellationToken ct = default)
    {
        if (batch.Count == 0) return ImportCounts.None;
        var now = db.Now;
        var ids = batch.Select(b => b.LocationId).Concat(batch.Select(b => b.SuccessorLocationId).OfType<string>())
            .Distinct().ToList();
        // Ratings are read only when a successor is named (to inherit them): a deactivated-locations file names none.
        IQueryable<Service> read = batch.Any(b => b.SuccessorLocationId is not null) ? db.Services.Include(s => s.Ratings) : db.Services;
        var services = await read
            .Where(s => ids.Contains(s.CqcLocationId!)).ToDictionaryAsync(s => s.CqcLocationId!, ct);
        var known = await db.ServiceExits.Include(e => e.Service).Where(e => ids.Contains(e.Service!.CqcLocationId!))
            .ToDictionaryAsync(e => (e.Service!.CqcLocationId!, e.EndedOn), ct);
        int added = 0, updated = 0, unchanged = 0;
        foreach (var exit in batch)
        {
            // A location CareMarket never saw active is of no use to the register: nothing to exit.
            if (!services.TryGetValue(exit.LocationId, out var s))
            {
                unchanged++;
                continue;
            }
            var successor = exit.SuccessorLocationId is { } next && services.TryGetValue(next, out var n) ? n : null;
            if (known.TryGetValue((exit.LocationId, exit.EndedOn), out var held))
            {
                var later = held.SuccessorCqcLocationId is null && exit.SuccessorLocationId is not null;
                if (later)
                {
                    held.Kind = exit.Kind;
                    held.Reason = exit.Reason;
                    held.SuccessorCqcLocationId = exit.SuccessorLocationId;
                }
                var inherited = successor is not null && Inherit(s, successor, now);
                if (later || inherited) updated++; else unchanged++;
                continue;
            }
            s.Status = ServiceStatus.Exited;
            var recorded = new ServiceExit
            {
                Service = s, EndedOn = exit.EndedOn, BedsAtExit = exit.BedsAtExit, Kind = exit.Kind, Reason = exit.Reason,
                SuccessorCqcLocationId = exit.SuccessorLocationId, Source = source, RecordedAt = now,
            };
            db.ServiceExits.Add(recorded);
            known[(exit.LocationId, exit.EndedOn)] = recorded;
            if (successor is not null) Inherit(s, successor, now);
            added++;
        }
        await db.SaveChangesAsync(ct);
        Touch(services.Values);
        return new ImportCounts(batch.Count, added, updated, unchanged);
    }

    /// <summary>Gives the successor every rating of its predecessor that it lacks (same date and group), as inherited.</summary>
    private bool Inherit(Service predecessor, Service successor, DateTime now)
    {
        var changed = false;
        foreach (var r in predecessor.Ratings)
        {
            if (successor.Ratings.Any(x => x.PublishedOn == r.PublishedOn && x.AssessmentServiceGroup == r.AssessmentServiceGroup)) continue;
            successor.Ratings.Add(new Rating
            {
                ServiceId = successor.Id, PublishedOn = r.PublishedOn, AssessmentServiceGroup = r.AssessmentServiceGroup,
                ServiceTypes = r.ServiceTypes, AssessedOn = r.AssessedOn, AssessmentPlanId = r.AssessmentPlanId,
                AssessmentPlanTitle = r.AssessmentPlanTitle, AssessmentPlanStatus = r.AssessmentPlanStatus,
                Overall = r.Overall, Safe = r.Safe, Effective = r.Effective, Caring = r.Caring, Responsive = r.Responsive,
                WellLed = r.WellLed, SafeScore = r.SafeScore, EffectiveScore = r.EffectiveScore, CaringScore = r.CaringScore,
                ResponsiveScore = r.ResponsiveScore, WellLedScore = r.WellLedScore, Inherited = true, Source = source,
                RecordedAt = now,
            });
            changed = true;
        }
        return changed;
    }

    private void Apply(Service s, CqcLocation l)
    {
        Set(s.Name, l.Name, v => s.Name = v);
        if (l.AlsoKnownAs is not null) Set(s.AlsoKnownAs, l.AlsoKnownAs, v => s.AlsoKnownAs = v);
        if (l.ServiceType is { } type) Set(s.ServiceType, type, v => s.ServiceType = v);
        if (l.CqcServiceTypes is { } types) Set(s.CqcServiceTypes, string.Join("|", types), v => s.CqcServiceTypes = v);
        // Every type the location has, by the one mapping every reader shares; a source that does not list the types
        // keeps the set held. The main type always counts.
        var all = ServiceTypeSet.Counted(s.ServiceType, l.CqcServiceTypes is { } listed ? CqcMappings.ServiceTypesOf(listed) : s.ServiceTypes);
        Set(s.ServiceTypes, all, v => s.ServiceTypes = v);
        if (l.RegulatedActivities is { } acts) Set(s.RegulatedActivities, string.Join("|", acts), v => s.RegulatedActivities = v);
        if (l.Specialisms is { } spec) Set(s.Specialisms, spec, v => s.Specialisms = v);
        if (l.Street is not null) Set(s.Street, l.Street, v => s.Street = v);
        if (l.City is not null) Set(s.City, l.City, v => s.City = v);
        if (l.Postcode is not null) Set(s.Postcode, l.Postcode, v => s.Postcode = v);
        if (l.Latitude is not null) Set(s.Latitude, l.Latitude, v => s.Latitude = v);
        if (l.Longitude is not null) Set(s.Longitude, l.Longitude, v => s.Longitude = v);
        if (l.Phone is not null) Set(s.Phone, l.Phone, v => s.Phone = v);
        if (l.Website is not null) Set(s.Website, l.Website, v => s.Website = v);
        if (l.Region is not null) Set(s.Region, l.Region, v => s.Region = v);
        if (l.IsCareHome is { } home) Set(s.IsCareHome, home, v => s.IsCareHome = v);
        if (l.RegisteredBeds is not null) Set(s.RegisteredBeds, l.RegisteredBeds, v => s.RegisteredBeds = v);
        if (l.InspectionDirectorate is not null) Set(s.InspectionDirectorate, l.InspectionDirectorate, v => s.InspectionDirectorate = v);
        if (l.PrimaryInspectionCategory is not null) Set(s.PrimaryInspectionCategory, l.PrimaryInspectionCategory, v => s.PrimaryInspectionCategory = v);
        if (l.RegisteredOn is not null) Set(s.RegisteredOn, l.RegisteredOn, v => s.RegisteredOn = v);
        if (l.Dormant is { } dormant) Set(s.Dormant, dormant, v => s.Dormant = v);
        if (l.LastCheckedOn is not null) Set(s.LastCheckedOn, l.LastCheckedOn, v => s.LastCheckedOn = v);
        if (l.LocalAuthority is not null)
        {
            Set(s.CqcLocalAuthority, l.LocalAuthority, v => s.CqcLocalAuthority = v);
            var host = councilsByName!.TryGetValue(l.LocalAuthority.Trim(), out var id) ? id : (int?)null;
            Set(s.HostLocalAuthorityId, host, v => s.HostLocalAuthorityId = v);
        }
        if (s.HostLocalAuthorityId is { } council && s.Postcode is { } postcode)
        {
            var area = AreaFor(council, postcode);
            if (area is not null) Set(s.AreaId, area.Id, v => s.AreaId = v);
        }
        // A location that appears in an active list is active again, even after an earlier exit.
        if (s.Status == ServiceStatus.Exited && l.Dormant is not null) s.Status = ServiceStatus.Active;
        // CQC says it is deregistered: it leaves the active register now, whether or not its exit can be dated.
        if (l.Registered == false) Set(s.Status, ServiceStatus.Exited, v => s.Status = v);
    }

    /// <summary>
    /// Folds a rating into the service's history. A new rating joins s.Ratings (EF inserts it with a tracked or new
    /// service), or, for a tracked service written in bulk, the pending list given.
    /// </summary>
    private bool AddOrMergeRating(Service s, CqcRating r, DateTime now, List<Rating>? pending)
    {
        var held = s.Ratings.FirstOrDefault(x => x.PublishedOn == r.PublishedOn && x.AssessmentServiceGroup == r.ServiceGroup)
                   ?? pending?.FirstOrDefault(x => x.ServiceId == s.Id && x.PublishedOn == r.PublishedOn && x.AssessmentServiceGroup == r.ServiceGroup);
        if (held is not null) return RatingHistory.Merge(held, r);
        var rating = new Rating
        {
            ServiceId = s.Id, PublishedOn = r.PublishedOn, AssessmentServiceGroup = r.ServiceGroup, ServiceTypes = r.ServiceTypes,
            AssessedOn = r.AssessedOn, AssessmentPlanId = r.AssessmentPlanId, AssessmentPlanTitle = r.AssessmentPlanTitle,
            AssessmentPlanStatus = r.AssessmentPlanStatus, Overall = r.Overall, Safe = r.Safe, Effective = r.Effective, Caring = r.Caring,
            Responsive = r.Responsive, WellLed = r.WellLed, SafeScore = r.SafeScore, EffectiveScore = r.EffectiveScore,
            CaringScore = r.CaringScore, ResponsiveScore = r.ResponsiveScore, WellLedScore = r.WellLedScore,
            Inherited = r.Inherited, Source = source, RecordedAt = now,
        };
        if (pending is not null) pending.Add(rating);
        else s.Ratings.Add(rating);
        return true;
    }

    private async Task WriteRatingsAsync(List<Rating> ratings, CancellationToken ct)
    {
        bulkRows += ratings.Count;
        var ids = await BulkInsert.AllocateIdsAsync<Rating>(db, ratings.Count, ct);
        for (var i = 0; i < ids.Length; i++) ratings[i].Id = ids[i];
        await BulkInsert.WriteAsync(db, ratings, ct);
    }

    private void Touch(IEnumerable<Service> services)
    {
        foreach (var s in services)
        {
            touched.Add(s.Id);
        }
    }

    private async Task LoadCouncilsAsync(CancellationToken ct)
    {
        if (councilsByName is not null) return;
        // Every spelling of every council known (its CQC name, name and other names), so later syncs attach new services.
        councilsByName = LocalAuthority.BySpelling(await db.LocalAuthorities.AsNoTracking().ToListAsync(ct));
        areas = await db.Areas.AsNoTracking().Where(a => a.Kind == AreaKind.Locality).ToListAsync(ct);
    }

    private Area? AreaFor(int council, string postcode) =>
        Councils.AreaRules.LocalityFor(postcode, areas!.Where(a => a.LocalAuthorityId == council));

    /// <summary>The bit of a service's main type, in SQL: the flag <see cref="ServiceTypeSet.Of(ServiceType)"/> gives it.</summary>
    private static readonly string MainTypeBit = "CASE \"Services\".\"ServiceType\" "
        + string.Concat(Enum.GetValues<ServiceType>().Select(t => $"WHEN '{t}' THEN {(int)ServiceTypeSet.Of(t)} ")) + "ELSE 0 END";

    private static string? NullIfDash(string value) => value.Trim() is "" or "-" ? null : value.Trim();

    private static void Set<T>(T current, T value, Action<T> assign)
    {
        if (!EqualityComparer<T>.Default.Equals(current, value)) assign(value);
    }
}
