using CareMarket.Brokerage;
using CareMarket.Register;

namespace CareMarket.Tests.Brokerage;

public class WaitStatisticsTests
{
    private static DateTime Utc(int y, int m, int d, int h = 9, int min = 0) => new(y, m, d, h, min, 0, DateTimeKind.Utc);
    private static WaitRequest Sourced(DateTime created, DateTime sourced, bool within = true, bool noCapacity = false,
        ServiceType type = ServiceType.Homecare) => new(type, created, sourced, within, noCapacity);
    private static WaitRequest Open(DateTime created, bool noCapacity = false, ServiceType type = ServiceType.Homecare) =>
        new(type, created, null, false, noCapacity);

    private static readonly WaitRequest[] Year =
    [
        Sourced(Utc(2026, 1, 5), Utc(2026, 1, 7)),                                  // 2 days
        Sourced(Utc(2026, 1, 10), Utc(2026, 1, 14), within: false, noCapacity: true), // 4 days
        Sourced(Utc(2026, 1, 20), Utc(2026, 1, 21)),                                // 1 day
        Sourced(Utc(2026, 1, 26), Utc(2026, 1, 31), within: false),                 // 5 days
        Sourced(Utc(2026, 1, 25), Utc(2026, 2, 2), within: false, noCapacity: true),  // 8 days, counted in February
        Sourced(Utc(2026, 1, 12), Utc(2026, 1, 19), type: ServiceType.SupportedLiving),
        Open(Utc(2026, 3, 1, 0), noCapacity: true),
        Open(Utc(2026, 3, 10, 0)),
    ];

    private static readonly DateTime Now = Utc(2026, 3, 11, 0);

    [Fact]
    public void Month_by_month_figures_with_an_even_count_median()
    {
        var report = WaitStatistics.Compute(Year, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), Now);
        var jan = report.Months.Single(m => m.Type == ServiceType.Homecare && m.Month == new DateOnly(2026, 1, 1));
        jan.Sourced.ShouldBe(4);
        jan.WithinTimescale.ShouldBe(2);
        jan.PercentWithinTimescale.ShouldBe(50);
        jan.WaitedForNoCapacity.ShouldBe(1);
        jan.MeanWaitDays!.Value.ShouldBe(3, 1e-9);   // (2 + 4 + 1 + 5) / 4
        jan.MedianWaitDays!.Value.ShouldBe(3, 1e-9); // (2 + 4) / 2

        var feb = report.Months.Single(m => m.Type == ServiceType.Homecare && m.Month == new DateOnly(2026, 2, 1));
        (feb.Sourced, feb.WithinTimescale, feb.PercentWithinTimescale, feb.WaitedForNoCapacity, feb.MedianWaitDays).ShouldBe((1, 0, 0.0, 1, 8.0));
    }

    [Fact]
    public void An_empty_month_has_zero_and_no_percentage_or_averages()
    {
        var report = WaitStatistics.Compute(Year, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), Now);
        var march = report.Months.Single(m => m.Type == ServiceType.Homecare && m.Month == new DateOnly(2026, 3, 1));
        march.ShouldBe(new SourcedFigures(ServiceType.Homecare, new DateOnly(2026, 3, 1), 0, 0, null, 0, null, null));
        report.Months.Count.ShouldBe(6); // two types × three months
    }

    [Fact]
    public void Totals_cover_the_period_by_type()
    {
        var report = WaitStatistics.Compute(Year, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), Now);
        var homecare = report.Totals.Single(t => t.Type == ServiceType.Homecare);
        homecare.Month.ShouldBeNull();
        (homecare.Sourced, homecare.WithinTimescale, homecare.WaitedForNoCapacity).ShouldBe((5, 2, 2));
        homecare.PercentWithinTimescale.ShouldBe(40);
        homecare.MedianWaitDays.ShouldBe(4); // 1, 2, 4, 5, 8
        report.Totals.Single(t => t.Type == ServiceType.SupportedLiving).MeanWaitDays.ShouldBe(7);
        // January alone leaves February's request out.
        WaitStatistics.Compute(Year, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1), Now)
            .Totals.Single(t => t.Type == ServiceType.Homecare).Sourced.ShouldBe(4);
    }

    [Fact]
    public void People_still_waiting_are_counted_up_to_now_apart_from_the_sourced()
    {
        var report = WaitStatistics.Compute(Year, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), Now);
        var open = report.Open.Single(o => o.Type == ServiceType.Homecare);
        open.ShouldBe(new OpenFigures(ServiceType.Homecare, 2, 1, 5.5, 5.5, 10));
        report.Open.Single(o => o.Type == ServiceType.SupportedLiving).ShouldBe(new OpenFigures(ServiceType.SupportedLiving, 0, 0, null, null, null));
    }

    [Fact]
    public void Months_are_UK_months()
    {
        // 23:30 UTC on 30 June is 00:30 on 1 July in England.
        var report = WaitStatistics.Compute([Sourced(Utc(2026, 6, 29), Utc(2026, 6, 30, 23, 30))], new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 1), Now);
        report.Months.Select(m => (m.Month, m.Sourced)).ShouldBe([(new DateOnly(2026, 6, 1), 0), (new DateOnly(2026, 7, 1), 1)]);
    }

    [Fact]
    public void No_requests_give_no_rows_unless_types_are_named()
    {
        var none = WaitStatistics.Compute([], new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1), Now);
        none.Months.ShouldBeEmpty();
        none.Totals.ShouldBeEmpty();
        none.Open.ShouldBeEmpty();
        var named = WaitStatistics.Compute([], new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1), Now, [ServiceType.SupportedLiving]);
        named.Months.Select(m => m.Sourced).ShouldBe([0, 0]);
        named.Totals.Single().PercentWithinTimescale.ShouldBeNull();
    }

    [Fact]
    public void Median_of_odd_even_and_no_values()
    {
        WaitStatistics.Median([3.0, 1.0, 2.0]).ShouldBe(2);
        WaitStatistics.Median([4.0, 1.0, 3.0, 2.0]).ShouldBe(2.5);
        WaitStatistics.Median([]).ShouldBeNull();
        WaitStatistics.Mean([]).ShouldBeNull();
    }
}
