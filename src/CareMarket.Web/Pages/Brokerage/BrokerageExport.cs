using CareMarket.Brokerage;
using CareMarket.Register;
using CareMarket.Web.Http;

namespace CareMarket.Web.Pages.Brokerage;

/// <summary>The brokerage queue and each table of the reports page, the same in CSV and XLSX as on screen.</summary>
public static class BrokerageExport
{
    public static readonly string[] Tables = ["within", "months", "waited", "mean-wait", "median-wait", "open", "fairness"];

    public static ExportTable? Table(BrokerageReport r, string table)
    {
        var types = r.Waits.Totals.Select(t => t.Type).ToList();
        return table.ToLowerInvariant() switch
        {
            "within" => new("brokerage-within-timescale",
                ["Service type", "Sourced", "Within timescale", "% within timescale", "Target %", "Waited: no capacity", "Mean wait (days)", "Median wait (days)"],
                Rows(r.Waits.Totals.Select(t => new object?[]
                {
                    RegisterWords.Of(t.Type), t.Sourced, t.WithinTimescale, Percent(t.PercentWithinTimescale), Percent(r.Targets.PercentWithinFor(t.Type)),
                    t.WaitedForNoCapacity, Days(t.MeanWaitDays), Days(t.MedianWaitDays),
                }))),
            "months" => new("brokerage-within-timescale-by-month",
                ["Month", .. types.SelectMany(t => new[] { $"{RegisterWords.Of(t)} %", $"{RegisterWords.Of(t)} sourced" })],
                Rows(Months(r).Select(m => new object?[] { m.ToString("yyyy-MM") }
                    .Concat(types.SelectMany(t => Of(r, m, t) is var f ? new object?[] { Percent(f?.PercentWithinTimescale), f?.Sourced ?? 0 } : [])).ToArray()))),
            "waited" => MonthTable(r, "brokerage-waited-no-capacity-by-month", types, f => f?.WaitedForNoCapacity ?? 0),
            "mean-wait" => MonthTable(r, "brokerage-mean-wait-by-month", types, f => Days(f?.MeanWaitDays)),
            "median-wait" => MonthTable(r, "brokerage-median-wait-by-month", types, f => Days(f?.MedianWaitDays)),
            "open" => new("brokerage-waiting-now",
                ["Service type", "Waiting", "For lack of capacity", "Median days so far", "Longest"],
                Rows(r.Waits.Open.Where(o => o.Waiting > 0).Select(o => new object?[]
                    { RegisterWords.Of(o.Type), o.Waiting, o.WaitingForNoCapacity, Days(o.MedianDaysSoFar), Days(o.LongestDaysSoFar) }))),
            "fairness" => new("brokerage-fairness",
                ["Provider", "Awards", "Share of awards", "Hours a week", "Share of hours"],
                Rows(r.Fairness.Providers.OrderByDescending(p => p.Awards).Select(p => new object?[]
                {
                    r.ProviderNames.GetValueOrDefault(p.ProviderId), p.Awards, Percent(p.AwardShare * 100), Math.Round(p.Hours, 1),
                    Percent(p.HoursShare * 100),
                }))),
            _ => null,
        };
    }

    public static ExportTable Queue(IEnumerable<QueueRow> rows) => new("brokerage-queue",
        ["Reference", "Service type", "Priority", "Status", "Made", "Working days waiting", "Target (working days)", "Due by", "Breached",
         "Could meet it now (services)", "Services invited", "Offers", "Interim arrangement", "Waiting: no capacity"],
        Rows(rows.Select(q => new object?[]
        {
            q.PersonReference, RegisterWords.Of(q.ServiceType), BrokerageText.Of(q.Priority), BrokerageText.Of(q.Status), q.CreatedAt,
            q.WorkingDaysWaiting, q.TargetWorkingDays, q.Paused ? "Clock paused" : q.DueBy, q.Breached ? "Yes" : "No",
            q.CouldMeetNow, q.Invited, q.Offers, BrokerageText.Of(q.Interim), q.WaitingForCapacity ? "Yes" : "No",
        })));

    /// <summary>The months of the report, oldest first.</summary>
    public static List<DateOnly> Months(BrokerageReport r) => r.Waits.Months.Select(m => m.Month!.Value).Distinct().Order().ToList();

    public static SourcedFigures? Of(BrokerageReport r, DateOnly month, ServiceType type) =>
        r.Waits.Months.FirstOrDefault(x => x.Month == month && x.Type == type);

    private static ExportTable MonthTable(BrokerageReport r, string name, List<ServiceType> types, Func<SourcedFigures?, object?> value) =>
        new(name, ["Month", .. types.Select(RegisterWords.Of)],
            Rows(Months(r).Select(m => new object?[] { m.ToString("yyyy-MM") }.Concat(types.Select(t => value(Of(r, m, t)))).ToArray())));

    private static string? Percent(double? value) => value is { } v ? $"{v:0.0}%" : null;

    private static double? Days(double? value) => value is { } v ? Math.Round(v, 1) : null;

    private static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(IEnumerable<object?[]> rows)
    {
        foreach (var r in rows) yield return r;
        await Task.CompletedTask;
    }
}
