using CareMarket.Data;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Register;

/// <summary>
/// Writes CQC records into the register, whatever their source (files or API). Idempotent: writing the same
/// records again changes nothing. Runs inside the caller's transaction, so a failed import writes nothing.
/// </summary>
public sealed class RegisterWriter(CareMarketDb db, string source)
{
    private Dictionary<string, int>? councilsByName;
    private List<Area>? areas;

    public async Task<ImportCounts> UpsertLocationsAsync(IReadOnlyList<CqcLocation> batch, CancellationToken ct = default)
    {
        if (batch.Count == 0) return ImportCounts.None;
        await LoadCouncilsAsync(ct);
        var now = db.Now;

        var providerIds = batch.Select(l => l.ProviderId).Distinct().ToList();
        var providers = await db.Providers.Where(p => providerIds.Contains(p.CqcProviderId!))
            .ToDictionaryAsync(p => p.CqcProviderId!, ct);
        foreach (var l in batch)
        {
            if (!providers.TryGetValue(l.ProviderId, out var p))
            {
                p = new Provider { CqcProviderId = l.ProviderId, Name = l.ProviderName ?? l.ProviderId, UpdatedAt = now };
                providers[l.ProviderId] = p;
                db.Providers.Add(p);
            }
            if (l.ProviderName is { } name && p.Name != name) p.Name = name;
            if (l.BrandId is not null && p.BrandId != l.BrandId) p.BrandId = NullIfDash(l.BrandId);
            if (l.BrandName is not null && p.BrandName != l.BrandName) p.BrandName = NullIfDash(l.BrandName);
        }

        var locationIds = batch.Select(l => l.LocationId).ToList();
        var services = await db.Services.Include(s => s.Ratings).Where(s => locationIds.Contains(s.CqcLocationId!))
            .ToDictionaryAsync(s => s.CqcLocationId!, ct);
        int added = 0, updated = 0, unchanged = 0;
        var fresh = new List<(Service, CqcLocation)>();
        foreach (var l in batch)
        {
            var isNew = !services.TryGetValue(l.LocationId, out var s);
            if (s is null)
            {
                s = new Service { CqcLocationId = l.LocationId, Name = l.Name, Provider = providers[l.ProviderId], UpdatedAt = now };
                services[l.LocationId] = s;
                db.Services.Add(s);
            }
            else if (s.Provider is null || s.Provider.CqcProviderId != l.ProviderId)
            {
                s.Provider = providers[l.ProviderId];
            }
            Apply(s, l);
            var ratingChanged = false;
            foreach (var r in (l.History ?? []).Append(l.Rating).OfType<CqcRating>())
            {
                ratingChanged |= AddOrMergeRating(s, r, now);
            }
            if (isNew) { added++; fresh.Add((s, l)); }
            else if (ratingChanged || db.Entry(s).State == EntityState.Modified) updated++;
            else unchanged++;
        }
        await db.SaveChangesAsync(ct);
        await PointAtCurrentRatingsAsync(services.Values, ct);
        return new ImportCounts(batch.Count, added, updated, unchanged);
    }

    /// <summary>Adds ratings (from the latest ratings file) to services already in the register.</summary>
    public async Task<ImportCounts> UpsertRatingsAsync(IReadOnlyList<(string LocationId, CqcRating Rating)> batch,
        CancellationToken ct = default)
    {
        if (batch.Count == 0) return ImportCounts.None;
        var now = db.Now;
        var ids = batch.Select(b => b.LocationId).Distinct().ToList();
        var services = await db.Services.Include(s => s.Ratings).Where(s => ids.Contains(s.CqcLocationId!))
            .ToDictionaryAsync(s => s.CqcLocationId!, ct);
        int added = 0, updated = 0, unchanged = 0;
        foreach (var (locationId, rating) in batch)
        {
            if (!services.TryGetValue(locationId, out var s)) continue;
            var before = s.Ratings.Count;
            if (AddOrMergeRating(s, rating, now)) { if (s.Ratings.Count > before) added++; else updated++; }
            else unchanged++;
        }
        await db.SaveChangesAsync(ct);
        await PointAtCurrentRatingsAsync(services.Values, ct);
        return new ImportCounts(batch.Count, added, updated, unchanged);
    }

    /// <summary>Records deactivated locations: the service leaves the active register and its exit is kept.</summary>
    public async Task<ImportCounts> RecordExitsAsync(IReadOnlyList<CqcExit> batch, CancellationToken ct = default)
    {
        if (batch.Count == 0) return ImportCounts.None;
        var now = db.Now;
        var ids = batch.Select(b => b.LocationId).Distinct().ToList();
        var services = await db.Services.Where(s => ids.Contains(s.CqcLocationId!)).ToDictionaryAsync(s => s.CqcLocationId!, ct);
        var exits = await db.ServiceExits.Where(e => ids.Contains(e.Service!.CqcLocationId!))
            .Select(e => new { e.Service!.CqcLocationId, e.EndedOn }).ToListAsync(ct);
        var known = exits.Select(e => (e.CqcLocationId!, e.EndedOn)).ToHashSet();
        int added = 0, unchanged = 0;
        foreach (var exit in batch)
        {
            // A location CareMarket never saw active is of no use to the register: nothing to exit.
            if (!services.TryGetValue(exit.LocationId, out var s) || known.Contains((exit.LocationId, exit.EndedOn)))
            {
                unchanged++;
                continue;
            }
            s.Status = ServiceStatus.Exited;
            db.ServiceExits.Add(new ServiceExit
            {
                Service = s, EndedOn = exit.EndedOn, BedsAtExit = exit.BedsAtExit, Source = source, RecordedAt = now,
            });
            known.Add((exit.LocationId, exit.EndedOn));
            added++;
        }
        await db.SaveChangesAsync(ct);
        return new ImportCounts(batch.Count, added, 0, unchanged);
    }

    private void Apply(Service s, CqcLocation l)
    {
        Set(s.Name, l.Name, v => s.Name = v);
        if (l.AlsoKnownAs is not null) Set(s.AlsoKnownAs, l.AlsoKnownAs, v => s.AlsoKnownAs = v);
        if (l.ServiceType is { } type) Set(s.ServiceType, type, v => s.ServiceType = v);
        if (l.CqcServiceTypes is { } types) Set(s.CqcServiceTypes, string.Join("|", types), v => s.CqcServiceTypes = v);
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
    }

    private bool AddOrMergeRating(Service s, CqcRating r, DateTime now)
    {
        var held = s.Ratings.FirstOrDefault(x => x.PublishedOn == r.PublishedOn);
        if (held is not null) return RatingHistory.Merge(held, r);
        s.Ratings.Add(new Rating
        {
            PublishedOn = r.PublishedOn, Overall = r.Overall, Safe = r.Safe, Effective = r.Effective, Caring = r.Caring,
            Responsive = r.Responsive, WellLed = r.WellLed, Inherited = r.Inherited, Source = source, RecordedAt = now,
        });
        return true;
    }

    private async Task PointAtCurrentRatingsAsync(IEnumerable<Service> services, CancellationToken ct)
    {
        var changed = false;
        foreach (var s in services)
        {
            var current = RatingHistory.Current(s.Ratings);
            if (current is not null && s.CurrentRatingId != current.Id) { s.CurrentRatingId = current.Id; changed = true; }
        }
        if (changed) await db.SaveChangesAsync(ct);
    }

    private async Task LoadCouncilsAsync(CancellationToken ct)
    {
        if (councilsByName is not null) return;
        var councils = await db.LocalAuthorities.AsNoTracking().ToListAsync(ct);
        councilsByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in councils)
        {
            councilsByName.TryAdd(c.Name, c.Id);
            if (c.CqcName is not null) councilsByName.TryAdd(c.CqcName, c.Id);
        }
        areas = await db.Areas.AsNoTracking().Where(a => a.Kind == AreaKind.Locality).ToListAsync(ct);
    }

    private Area? AreaFor(int council, string postcode)
    {
        var district = Postcodes.District(postcode);
        return areas!.FirstOrDefault(a => a.LocalAuthorityId == council
            && a.PostcodeDistricts.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(district, StringComparer.OrdinalIgnoreCase));
    }

    private static string? NullIfDash(string value) => value.Trim() is "" or "-" ? null : value.Trim();

    private static void Set<T>(T current, T value, Action<T> assign)
    {
        if (!EqualityComparer<T>.Default.Equals(current, value)) assign(value);
    }
}
