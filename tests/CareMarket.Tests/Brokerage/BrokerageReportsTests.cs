using CareMarket.Brokerage;
using CareMarket.Data;
using CareMarket.Register;

namespace CareMarket.Tests.Brokerage;

/// <summary>The reports over the demo's year of brokerage: about the demo's figures, so on the demo (read only, seeded once per engine).</summary>
public class BrokerageReportsTests
{
    [Theory]
    [BothEngines]
    public async Task TheDemoYear_ReadsLikeThePublishedFigures(Engine engine)
    {
        var (database, northbridge, eastholm) = await DemoDatabase.SharedReadOnlyAsync(engine);
        await using var db = database.NewContext(new Actor("commissioner", northbridge));
        var today = DateOnly.FromDateTime(db.Now);

        var report = await new BrokerageReports(db).ForPeriodAsync(today.AddYears(-1), today);

        double Within(ServiceType type) => report.Waits.Totals.Single(t => t.Type == type).PercentWithinTimescale!.Value;
        Within(ServiceType.Homecare).ShouldBeInRange(89, 100);
        Within(ServiceType.CareHomeWithoutNursing).ShouldBeInRange(82, 94);
        Within(ServiceType.SupportedLiving).ShouldBeInRange(57, 69);
        report.Waits.Totals.Sum(t => t.WaitedForNoCapacity).ShouldBeGreaterThan(0);
        report.Waits.Months.Count.ShouldBeGreaterThanOrEqualTo(12 * report.Waits.Totals.Count);
        report.Waits.Open.Sum(o => o.Waiting).ShouldBeGreaterThan(0);
        report.Fairness.ByAwards!.Band.ShouldNotBe(ConcentrationBand.High);
        report.ProviderNames.Count.ShouldBe(report.Fairness.Providers.Count);

        // Another council has none of Northbridge's requests.
        await using var other = database.NewContext(new Actor("commissioner", eastholm));
        (await new BrokerageReports(other).ForPeriodAsync(today.AddYears(-1), today)).Fairness.Awards.ShouldBe(0);
    }
}
