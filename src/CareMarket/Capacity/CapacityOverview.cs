using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Capacity;

/// <summary>One service's capacity as it stands: its latest return, summed over bed categories.</summary>
public sealed record ServiceCapacity(
    int ServiceId, string Name, string Provider, ServiceType ServiceType, Specialism Specialisms, string? Area,
    CapacityKind Kind, DateTime? ReportedAt, Freshness Freshness, bool? AcceptingAdmissions,
    int MaxCapacity, int Occupied, int VacantReserved, int VacantAccepting, decimal? HoursAvailable, DateOnly? EarliestStart,
    IReadOnlyList<BedLine> Beds)
{
    public double? Occupancy => MaxCapacity == 0 ? null : (double)Occupied / MaxCapacity;
}

public sealed record BedTotal(string Label, int MaxCapacity, int Occupied, int VacantReserved, int VacantAccepting, int Services)
{
    public double? Occupancy => MaxCapacity == 0 ? null : (double)Occupied / MaxCapacity;
}

public sealed record AreaVacancies(string Area, IReadOnlyDictionary<BedCategory, int> Accepting)
{
    public int Total => Accepting.Values.Sum();
}

public sealed record PatchHours(int AreaId, string Patch, IReadOnlyDictionary<TimeBand, decimal> Hours, int Services)
{
    public decimal Total => Hours.Values.Sum();
}

public sealed record TrendPoint(DateOnly Week, ServiceType ServiceType, double? Occupancy, int Services);

/// <summary>The council's capacity picture at a moment: what brokers and commissioners look at first.</summary>
public sealed record CapacityPicture(
    DateTime At, int StaleAfterDays, IReadOnlyList<ServiceCapacity> Services, IReadOnlyList<BedTotal> Categories,
    IReadOnlyList<AreaVacancies> Areas, IReadOnlyList<BedTotal> Specialisms, IReadOnlyList<PatchHours> Patches,
    IReadOnlyList<BedTotal> Occupancy, IReadOnlyList<TrendPoint> Trend)
{
    public IEnumerable<ServiceCapacity> NotReporting => Services.Where(s => s.Freshness != Freshness.Fresh);
}

/// <summary>Reads the council's capacity: the latest return of each service in its area, as at a moment.</summary>
public sealed class CapacityOverview(CareMarketDb db)
{
    /// <summary>A return older than this no longer counts in the occupancy trend (it says nothing about that week).</summary>
    public const int TrendLookbackDays = 90;

    public async Task<CapacityPicture> ForCouncilAsync(DateTime? asAt = null, int trendWeeks = 12, CancellationToken ct = default)
    {
        var at = asAt ?? db.Now;
        var council = db.TenantId;
        var staleAfter = await new CapacityReports(db).StaleAfterDaysAsync(ct);

        var services = await db.Services.AsNoTracking()
            .Where(s => s.HostLocalAuthorityId == council && s.Status == ServiceStatus.Active)
            .Select(s => new { s.Id, s.Name, Provider = s.Provider!.Name, s.ServiceType, s.Specialisms, Area = s.Area!.Name, s.IsCareHome, s.Dormant })
            .ToListAsync(ct);
        services = services.Where(s => CapacityReports.KindOf(s.IsCareHome, s.ServiceType) != CapacityKind.None).ToList();

        var latest = Latest(at, council);
        var returns = (await latest.Select(r => new
        {
            r.Id, r.ServiceId, r.ReportedAt, r.AcceptingAdmissions, r.HoursAvailablePerWeek, r.EarliestStart,
        }).ToListAsync(ct))
            // Two returns at the same instant: the later one written wins.
            .GroupBy(r => r.ServiceId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Id)!);
        // The lines of the returns just found, by their ids: the latest-per-service join is not run again for each.
        var returnIds = returns.Values.Select(r => r.Id).ToList();
        var beds = (await db.BedLines.AsNoTracking().Where(b => returnIds.Contains(b.CapacityReturnId)).ToListAsync(ct))
            .ToLookup(b => b.CapacityReturnId);
        var patches = await db.Areas.AsNoTracking().Where(a => a.LocalAuthorityId == council && a.Kind == AreaKind.HomecarePatch)
            .OrderBy(a => a.Name).ToListAsync(ct);
        var patchIds = patches.Select(p => p.Id).ToList();
        // A dormant service (CQC: registered, not providing care) has no room, whatever its last return said.
        var dormant = services.Where(s => s.Dormant).Select(s => s.Id).ToHashSet();
        var dormantReturns = returns.Values.Where(r => dormant.Contains(r.ServiceId)).Select(r => r.Id).ToHashSet();
        var hours = (await db.HoursLines.AsNoTracking()
            .Where(h => returnIds.Contains(h.CapacityReturnId) && patchIds.Contains(h.AreaId)).ToListAsync(ct))
            .Where(h => !dormantReturns.Contains(h.CapacityReturnId)).ToList();

        var rows = services.Select(s =>
        {
            var r = returns.GetValueOrDefault(s.Id);
            var lines = r is null ? [] : beds[r.Id].OrderBy(b => b.Category).ToList();
            var accepting = s.Dormant ? false : r?.AcceptingAdmissions;
            return new ServiceCapacity(s.Id, s.Name, s.Provider, s.ServiceType, s.Specialisms, s.Area,
                CapacityReports.KindOf(s.IsCareHome, s.ServiceType), r?.ReportedAt,
                CapacityRules.FreshnessOf(r?.ReportedAt, at, staleAfter), accepting,
                lines.Sum(b => b.MaxCapacity), lines.Sum(b => b.Occupied), lines.Sum(b => b.VacantReserved),
                lines.Sum(b => CapacityRules.AcceptingVacancies(accepting, b)),
                s.Dormant ? null : r?.HoursAvailablePerWeek, r?.EarliestStart, lines);
        }).OrderBy(s => s.Name).ToList();

        var homes = rows.Where(r => r.Kind == CapacityKind.Beds).ToList();
        var categories = Enum.GetValues<BedCategory>().Select(c =>
        {
            var lines = homes.SelectMany(h => h.Beds.Where(b => b.Category == c).Select(b => (h, b))).ToList();
            return new BedTotal(CapacityWords.Of(c), lines.Sum(x => x.b.MaxCapacity), lines.Sum(x => x.b.Occupied),
                lines.Sum(x => x.b.VacantReserved), lines.Sum(x => CapacityRules.AcceptingVacancies(x.h.AcceptingAdmissions, x.b)), lines.Count);
        }).ToList();
        var areas = homes.GroupBy(h => h.Area ?? "No area").OrderBy(g => g.Key)
            .Select(g => new AreaVacancies(g.Key, Enum.GetValues<BedCategory>().ToDictionary(c => c,
                c => g.Sum(h => h.Beds.Where(b => b.Category == c).Sum(b => CapacityRules.AcceptingVacancies(h.AcceptingAdmissions, b))))))
            .ToList();
        var specialisms = RegisterWords.Each((Specialism)4095)
            .Select(sp => (sp, homes: homes.Where(h => h.Specialisms.HasFlag(sp)).ToList()))
            .Where(x => x.homes.Count > 0)
            .Select(x => Total(RegisterWords.Of(x.sp), x.homes)).ToList();
        var patchHours = patches.Select(p =>
        {
            var lines = hours.Where(h => h.AreaId == p.Id).ToList();
            return new PatchHours(p.Id, p.Name,
                Enum.GetValues<TimeBand>().ToDictionary(b => b, b => lines.Where(l => l.TimeBand == b).Sum(l => l.HoursAvailable)),
                lines.Select(l => l.CapacityReturnId).Distinct().Count());
        }).ToList();
        var occupancy = homes.GroupBy(h => h.ServiceType).OrderBy(g => g.Key)
            .Select(g => Total(RegisterWords.Of(g.Key), g.ToList())).ToList();
        var trend = await TrendAsync(at, trendWeeks, council, ct);
        return new CapacityPicture(at, staleAfter, rows, categories, areas, specialisms, patchHours, occupancy, trend);
    }

    private static BedTotal Total(string label, IReadOnlyCollection<ServiceCapacity> homes) =>
        new(label, homes.Sum(h => h.MaxCapacity), homes.Sum(h => h.Occupied), homes.Sum(h => h.VacantReserved),
            homes.Sum(h => h.VacantAccepting), homes.Count);

    /// <summary>
    /// The latest return of each of the council's services reported at or before a moment. The maximum is found per
    /// service and joined back (one pass over the index on service and time), instead of a correlated NOT EXISTS.
    /// </summary>
    private IQueryable<CapacityReturn> Latest(DateTime at, int? council)
    {
        var mine = db.CapacityReturns.Where(r => r.ReportedAt <= at && r.Service!.HostLocalAuthorityId == council);
        var maxes = mine.GroupBy(r => r.ServiceId).Select(g => new { ServiceId = g.Key, ReportedAt = g.Max(r => r.ReportedAt) });
        return from r in mine
               join m in maxes on new { r.ServiceId, r.ReportedAt } equals new { m.ServiceId, m.ReportedAt }
               select r;
    }

    /// <summary>Occupancy of care homes by service type at the end of each of the last weeks.</summary>
    private async Task<List<TrendPoint>> TrendAsync(DateTime at, int weeks, int? council, CancellationToken ct)
    {
        var since = at.AddDays(-7 * (weeks - 1) - TrendLookbackDays);
        // One join of the bed lines to the returns, summed per return (a return without bed lines has no row), instead
        // of two correlated sums and an EXISTS per return: on PostgreSQL those made a plan costly enough to be JIT-compiled.
        var totals = await (
                from r in db.CapacityReturns
                where r.ReportedAt <= at && r.ReportedAt > since && r.Service!.HostLocalAuthorityId == council
                      && r.Service.Status == ServiceStatus.Active
                join b in db.BedLines on r.Id equals b.CapacityReturnId
                group b by new { r.Id, r.ServiceId, r.Service!.ServiceType, r.ReportedAt } into g
                select new ReturnTotal(g.Key.Id, g.Key.ServiceId, g.Key.ServiceType, g.Key.ReportedAt,
                    g.Sum(b => b.MaxCapacity), g.Sum(b => b.Occupied)))
            .AsNoTracking().ToListAsync(ct);
        return CapacityRules.OccupancyTrend(totals, at, weeks, TrendLookbackDays);
    }
}

/// <summary>One return's bed totals, enough to draw the occupancy trend.</summary>
public sealed record ReturnTotal(long Id, int ServiceId, ServiceType ServiceType, DateTime ReportedAt, int MaxCapacity, int Occupied);
