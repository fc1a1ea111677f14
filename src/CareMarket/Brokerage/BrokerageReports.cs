using CareMarket.Admin;
using CareMarket.Data;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Brokerage;

/// <summary>The figures the regulator asks for: sourced within timescale, waits for lack of capacity, and fairness.</summary>
/// <param name="Targets">The council's sourcing targets the figures were measured against, with its aims (share within timescale) by type.</param>
public sealed record BrokerageReport(DateOnly From, DateOnly To, WaitReport Waits, FairnessReport Fairness, IReadOnlyDictionary<int, string> ProviderNames,
    TimescaleSettings Targets);

/// <summary>
/// Reads the council's requests and awards into the rules (<see cref="WaitStatistics"/>, <see cref="Fairness"/>,
/// <see cref="Timescales"/>), month by month over a period.
/// </summary>
public sealed class BrokerageReports(CareMarketDb db)
{
    public async Task<BrokerageReport> ForPeriodAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var now = db.Now;
        var settings = await new Settings(db).TimescalesAsync(ct);
        var inPeriod = db.CareRequests.AsNoTracking()
            .Where(r => r.Status != RequestStatus.Cancelled && (r.SourcedAt == null || (r.SourcedAt >= start && r.SourcedAt < end)));
        var requests = await inPeriod.Select(r => new { r.Id, r.ServiceType, r.Priority, r.CreatedAt, r.SourcedAt, r.WaitedForCapacity }).ToListAsync(ct);
        // Time on hold is neither counted against the target nor in the wait.
        var history = await CareRequests.ClockHistoryAsync(db, inPeriod.Select(r => r.Id), ct);
        var waits = requests.Select(r =>
        {
            var pauses = RequestStatuses.Pauses(history[r.Id]);
            var within = r.SourcedAt is { } s && Timescales.SourcedWithin(r.CreatedAt, pauses, s, settings.TargetFor(r.ServiceType, r.Priority), BankHolidays.EnglandAndWales);
            return new WaitRequest(r.ServiceType, r.CreatedAt, r.SourcedAt, within, r.WaitedForCapacity,
                Timescales.TimePaused(r.CreatedAt, pauses, r.SourcedAt ?? now).TotalDays);
        });
        var report = WaitStatistics.Compute(waits, new DateOnly(from.Year, from.Month, 1), new DateOnly(to.Year, to.Month, 1), now);

        var awards = await db.Placements.AsNoTracking().Where(p => p.CareRequestId != null && p.StartsOn >= from && p.StartsOn <= to)
            .Join(db.Services, p => p.ServiceId, s => s.Id, (p, s) => new { s.ProviderId, p.StartsOn, p.HoursPerWeek })
            .ToListAsync(ct);
        var fairness = Fairness.Measure(awards.Select(a => new Award(a.ProviderId, a.StartsOn, a.HoursPerWeek)), from, to);
        var ids = awards.Select(a => a.ProviderId).Distinct().ToList();
        var names = await db.Providers.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return new BrokerageReport(from, to, report, fairness, names, settings);
    }
}
