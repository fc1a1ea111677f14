using System.Runtime.CompilerServices;
using CareMarket.Admin;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CareMarket.Capacity;

/// <summary>What a provider reports for one service. Lines not given are not reported (not zero).</summary>
public sealed record CapacityReport
{
    public required int ServiceId { get; init; }
    public bool? AcceptingAdmissions { get; init; }
    public string? NotAcceptingReason { get; init; }
    public IReadOnlyList<BedReport> Beds { get; init; } = [];
    public int? PeopleSupported { get; init; }
    public decimal? HoursDeliveredPerWeek { get; init; }
    public decimal? HoursAvailablePerWeek { get; init; }
    public DateOnly? EarliestStart { get; init; }
    public IReadOnlyList<HoursReport> Hours { get; init; } = [];
    public int? Nurses { get; init; }
    public int? CareStaff { get; init; }
    public int? OtherStaff { get; init; }
    public int? AgencyStaff { get; init; }
    public int? BankStaff { get; init; }
    public int? StaffAbsent { get; init; }
    /// <summary>When the figures were true; defaults to now. Imports carry the date of the source.</summary>
    public DateTime? ReportedAt { get; init; }
}

public sealed record BedReport(BedCategory Category, int MaxCapacity, int Occupied, int VacantReserved, int VacantAccepting);
public sealed record HoursReport(int AreaId, TimeBand TimeBand, decimal HoursAvailable);

/// <summary>What kind of capacity a service reports, by its type.</summary>
public enum CapacityKind { None, Beds, Hours }

/// <summary>Providers report capacity for their own services; everyone may read the history of those they may see.</summary>
public sealed class CapacityReports(CareMarketDb db)
{
    public static CapacityKind KindOf(Service s) => KindOf(s.IsCareHome, s.ServiceType);

    public static CapacityKind KindOf(bool isCareHome, ServiceType type) =>
        isCareHome || type is ServiceType.CareHomeWithNursing or ServiceType.CareHomeWithoutNursing or ServiceType.RespiteAndShortBreaks
            ? CapacityKind.Beds
            : type is ServiceType.Homecare or ServiceType.SupportedLiving or ServiceType.ExtraCareHousing or ServiceType.Reablement
                ? CapacityKind.Hours
                : CapacityKind.None;

    /// <summary>Services the actor may see capacity of: a provider user its own, council staff all.</summary>
    public IQueryable<Service> Visible() =>
        db.Actor.ProviderId is { } own ? db.Services.Where(s => s.ProviderId == own) : db.Services;

    /// <summary>
    /// Records a return. Refused when the service is not the actor's provider's (not found), when it does not report
    /// capacity of that kind, or when the figures are impossible (every problem is listed).
    /// </summary>
    public async Task<Decision> ReportAsync(CapacityReport report, CapacitySource source,
        CancellationToken ct = default)
    {
        // The guard is in the query: another provider's service is simply not found. The homecare patches named are
        // counted in the same query (one round trip less per return).
        var areaIds = report.Hours.Select(h => h.AreaId).Distinct().ToList();
        var service = await ServiceToReport(db, report.ServiceId, db.Actor.ProviderId, areaIds);
        if (service is null) return new Decision.NotFound();

        var entity = ToEntity(report, source);
        var errors = CapacityRules.Check(entity, db.Today);
        errors.AddRange(KindErrors(KindOf(service.IsCareHome, service.ServiceType), report));
        if (service.Patches != areaIds.Count) errors.Add(new("Hours", "Hours must be given for a council's homecare patches"));
        if (errors.Count > 0) return new Decision.Invalid(errors);

        // AddAsync: on PostgreSQL the keys come from a block (KeyBlocks), fetched without blocking a thread.
        await db.CapacityReturns.AddAsync(entity, ct);
        await db.SaveChangesAsync(ct);
        return new Decision.Created<long>(entity.Id);
    }

    private sealed record ReportedService(bool IsCareHome, ServiceType ServiceType, int Patches);

    // Compiled once per model (one per engine): the busiest query in the app, run by every capacity return, skips
    // LINQ translation and the query cache lookup on each call.
    private static readonly ConditionalWeakTable<IModel, Func<CareMarketDb, int, int?, List<int>, Task<ReportedService?>>> ServiceToReportQuery = new();

    private static Task<ReportedService?> ServiceToReport(CareMarketDb db, int serviceId, int? providerId, List<int> areaIds) =>
        ServiceToReportQuery.GetValue(db.Model, _ => EF.CompileAsyncQuery((CareMarketDb c, int id, int? provider, List<int> areas) =>
            c.Services.AsNoTracking()
                .Where(s => s.Id == id && s.Status == ServiceStatus.Active && (provider == null || s.ProviderId == provider))
                .Select(s => new ReportedService(s.IsCareHome, s.ServiceType,
                    c.Areas.Count(a => areas.Contains(a.Id) && a.Kind == AreaKind.HomecarePatch)))
                .FirstOrDefault()))(db, serviceId, providerId, areaIds);

    /// <summary>A report must be of the kind the service reports: beds for a care home, hours for a community service.</summary>
    public static IEnumerable<FieldError> KindErrors(CapacityKind kind, CapacityReport report)
    {
        if (kind == CapacityKind.None) yield return new("ServiceId", "This kind of service does not report capacity");
        if (kind == CapacityKind.Beds && report.Hours.Count > 0) yield return new("Hours", "A care home reports beds, not homecare hours");
        if (kind == CapacityKind.Hours && report.Beds.Count > 0) yield return new("Beds", "A community service reports hours, not beds");
        if (kind == CapacityKind.Beds && report.Beds.Count == 0) yield return new("Beds", "Enter the beds for at least one category");
    }

    public CapacityReturn ToEntity(CapacityReport r, CapacitySource source) => new()
    {
        ServiceId = r.ServiceId,
        ReportedAt = r.ReportedAt ?? db.Now,
        ReportedBy = db.Actor.Name,
        Source = source,
        AcceptingAdmissions = r.AcceptingAdmissions,
        NotAcceptingReason = string.IsNullOrWhiteSpace(r.NotAcceptingReason) || r.AcceptingAdmissions != false ? null : r.NotAcceptingReason.Trim(),
        Beds = r.Beds.Select(b => new BedLine
        {
            Category = b.Category, MaxCapacity = b.MaxCapacity, Occupied = b.Occupied, VacantReserved = b.VacantReserved,
            VacantAccepting = b.VacantAccepting,
        }).ToList(),
        PeopleSupported = r.PeopleSupported,
        HoursDeliveredPerWeek = r.HoursDeliveredPerWeek,
        // The weekly total is the sum of the lines when the lines are given.
        HoursAvailablePerWeek = r.Hours.Count > 0 ? r.Hours.Sum(h => h.HoursAvailable) : r.HoursAvailablePerWeek,
        EarliestStart = r.EarliestStart,
        Hours = r.Hours.Select(h => new HoursLine { AreaId = h.AreaId, TimeBand = h.TimeBand, HoursAvailable = h.HoursAvailable }).ToList(),
        Nurses = r.Nurses, CareStaff = r.CareStaff, OtherStaff = r.OtherStaff, AgencyStaff = r.AgencyStaff,
        BankStaff = r.BankStaff, StaffAbsent = r.StaffAbsent,
    };

    /// <summary>A service's returns, newest first, with their lines.</summary>
    public async Task<List<CapacityReturn>?> HistoryAsync(int serviceId, int take = 52, CancellationToken ct = default)
    {
        if (!await Visible().AnyAsync(s => s.Id == serviceId, ct)) return null;
        return await db.CapacityReturns.AsNoTracking().AsSplitQuery()
            .Include(r => r.Beds).Include(r => r.Hours)
            .Where(r => r.ServiceId == serviceId)
            .OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id)
            .Take(take).ToListAsync(ct);
    }

    public sealed record ServiceReturn(Service Service, CapacityKind Kind, CapacityReturn? Latest, Freshness Freshness);

    /// <summary>
    /// The services the actor reports for (a provider user: its own active services that report capacity), each with
    /// its latest return, oldest news first so the ones to update come to the top.
    /// </summary>
    public async Task<List<ServiceReturn>> MyServicesAsync(CancellationToken ct = default)
    {
        var services = await Visible().AsNoTracking().Include(s => s.HostLocalAuthority)
            .Where(s => s.Status == ServiceStatus.Active).OrderBy(s => s.Name).ToListAsync(ct);
        services = services.Where(s => KindOf(s) != CapacityKind.None).ToList();
        var ids = services.Select(s => s.Id).ToList();
        var latest = (await db.CapacityReturns.AsNoTracking().AsSplitQuery().Include(r => r.Beds).Include(r => r.Hours)
                .Where(r => ids.Contains(r.ServiceId)
                    && r.ReportedAt == db.CapacityReturns.Where(o => o.ServiceId == r.ServiceId).Max(o => o.ReportedAt))
                .ToListAsync(ct))
            .GroupBy(r => r.ServiceId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Id)!);
        var staleAfter = await StaleAfterDaysAsync(ct);
        return services.Select(s =>
            {
                var r = latest.GetValueOrDefault(s.Id);
                return new ServiceReturn(s, KindOf(s), r, CapacityRules.FreshnessOf(r?.ReportedAt, db.Now, staleAfter));
            })
            .OrderBy(x => x.Freshness == Freshness.Fresh).ThenBy(x => x.Latest?.ReportedAt).ThenBy(x => x.Service.Name).ToList();
    }

    public async Task<int> StaleAfterDaysAsync(CancellationToken ct = default) =>
        await db.CouncilSettings.Where(s => s.LocalAuthorityId == db.TenantId).Select(s => (int?)s.CapacityStaleAfterDays)
            .FirstOrDefaultAsync(ct) ?? new CouncilSettings().CapacityStaleAfterDays;
}
