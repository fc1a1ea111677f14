using CareMarket.Register;

namespace CareMarket.Brokerage;

/// <summary>
/// One care request as the wait reports see it (UTC times).
/// </summary>
/// <param name="SourcedAt">When care was sourced (or started); null while the person is still waiting.</param>
/// <param name="SourcedWithinTimescale">From <see cref="Timescales.SourcedWithin"/>; ignored while open.</param>
/// <param name="WaitedForNoCapacity">The person had to wait because no service had capacity to meet the need.</param>
/// <param name="DaysOnHold">Days (calendar) the request was on hold before it was sourced, or so far: not part of the wait.</param>
public sealed record WaitRequest(ServiceType Type, DateTime CreatedAt, DateTime? SourcedAt, bool SourcedWithinTimescale, bool WaitedForNoCapacity, double DaysOnHold = 0);

/// <summary>Sourced requests of one service type in one month (or, with no month, the whole period).</summary>
public sealed record SourcedFigures(
    ServiceType Type,
    DateOnly? Month,
    int Sourced,
    int WithinTimescale,
    double? PercentWithinTimescale,
    int WaitedForNoCapacity,
    double? MeanWaitDays,
    double? MedianWaitDays);

/// <summary>People still waiting for one service type, as at the moment the report was made.</summary>
public sealed record OpenFigures(
    ServiceType Type,
    int Waiting,
    int WaitingForNoCapacity,
    double? MeanDaysSoFar,
    double? MedianDaysSoFar,
    double? LongestDaysSoFar);

public sealed record WaitReport(IReadOnlyList<SourcedFigures> Months, IReadOnlyList<SourcedFigures> Totals, IReadOnlyList<OpenFigures> Open);

/// <summary>
/// How long people wait for care, and how often for want of capacity: what CQC asks a council to show.
/// <list type="bullet">
/// <item>A sourced request counts in the month (UK time) it was sourced, and its wait is calendar days from the
/// request to sourcing (people wait at weekends too; the working-day clock is for the timescale, not the wait), less
/// the days the request was on hold (the person was in hospital, or still choosing: not a wait for care).</item>
/// <item>"Waited for no capacity" counts the sourced requests flagged so, in the month sourced; the people still
/// waiting for that reason are in <see cref="OpenFigures"/>.</item>
/// <item>Open requests are never mixed into the sourced means and medians, which would flatter them (a wait not yet
/// over is shorter than it will be): they are reported apart, counted up to "now".</item>
/// <item>A month with nothing sourced shows 0 with no percentage, mean or median, so a chart has no gap.</item>
/// </list>
/// </summary>
public static class WaitStatistics
{
    /// <summary>
    /// Figures for each service type (the types given, or else every type in the requests) and each month from
    /// <paramref name="fromMonth"/> to <paramref name="toMonth"/> (any day in them), with totals over those months,
    /// and people waiting now.
    /// </summary>
    public static WaitReport Compute(IEnumerable<WaitRequest> requests, DateOnly fromMonth, DateOnly toMonth, DateTime now,
        IEnumerable<ServiceType>? types = null)
    {
        var all = requests.ToList();
        var first = new DateOnly(fromMonth.Year, fromMonth.Month, 1);
        var last = new DateOnly(toMonth.Year, toMonth.Month, 1);
        var serviceTypes = (types ?? all.Select(r => r.Type)).Distinct().Order().ToList();
        var sourced = all
            .Where(r => r.SourcedAt is not null)
            .Select(r => (Request: r, Month: MonthOf(r.SourcedAt!.Value)))
            .Where(x => x.Month >= first && x.Month <= last)
            .ToList();

        var months = new List<SourcedFigures>();
        var totals = new List<SourcedFigures>();
        foreach (var type in serviceTypes)
        {
            for (var m = first; m <= last; m = m.AddMonths(1))
            {
                var month = m;
                months.Add(Figures(type, month, sourced.Where(x => x.Request.Type == type && x.Month == month).Select(x => x.Request)));
            }
            totals.Add(Figures(type, null, sourced.Where(x => x.Request.Type == type).Select(x => x.Request)));
        }

        var utcNow = now.Kind == DateTimeKind.Local ? now.ToUniversalTime() : now;
        var open = serviceTypes.Select(type =>
        {
            var waiting = all.Where(r => r.Type == type && r.SourcedAt is null).ToList();
            var days = waiting.Select(r => Math.Max(0, (utcNow - r.CreatedAt).TotalDays - r.DaysOnHold)).ToList();
            return new OpenFigures(type, waiting.Count, waiting.Count(r => r.WaitedForNoCapacity),
                Mean(days), Median(days), days.Count == 0 ? null : days.Max());
        }).ToList();
        return new WaitReport(months, totals, open);
    }

    private static SourcedFigures Figures(ServiceType type, DateOnly? month, IEnumerable<WaitRequest> requests)
    {
        var list = requests.ToList();
        var within = list.Count(r => r.SourcedWithinTimescale);
        var waits = list.Select(r => Math.Max(0, (r.SourcedAt!.Value - r.CreatedAt).TotalDays - r.DaysOnHold)).ToList();
        return new SourcedFigures(type, month, list.Count, within,
            list.Count == 0 ? null : 100.0 * within / list.Count,
            list.Count(r => r.WaitedForNoCapacity), Mean(waits), Median(waits));
    }

    public static double? Mean(IReadOnlyCollection<double> values) => values.Count == 0 ? null : values.Average();

    /// <summary>The middle value; with an even count, the average of the two middle values.</summary>
    public static double? Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    private static DateOnly MonthOf(DateTime utc)
    {
        var uk = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Timescales.UkTime);
        return new DateOnly(uk.Year, uk.Month, 1);
    }
}
