using CareMarket.Capacity;
using CareMarket.Register;

namespace CareMarket.Tests.Capacity;

public class CapacityRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Fact]
    public void BedLine_OccupiedAndVacant_CannotExceedCapacity()
    {
        var errors = CapacityRules.Check(new BedLine { Category = BedCategory.Nursing, MaxCapacity = 30, Occupied = 28, VacantReserved = 1, VacantAccepting = 2 }).ToList();
        errors.ShouldHaveSingleItem().Message.ShouldBe("Nursing: occupied and vacant beds (31) cannot be more than the maximum capacity (30)");
    }

    [Fact]
    public void BedLine_FewerThanCapacity_IsAllowed_BedsCanBeClosed() =>
        CapacityRules.Check(new BedLine { Category = BedCategory.Residential, MaxCapacity = 30, Occupied = 25, VacantAccepting = 2 }).ShouldBeEmpty();

    [Fact]
    public void BedLine_NegativeNumbers_AreRefusedOneByOne()
    {
        var errors = CapacityRules.Check(new BedLine { Category = BedCategory.Residential, MaxCapacity = 10, Occupied = -1, VacantReserved = -2, VacantAccepting = 0 }).ToList();
        errors.Select(e => e.Field).ShouldBe(["Occupied", "VacantReserved"]);
    }

    [Fact]
    public void Return_NotAcceptingAdmissions_NeedsAReason_AndStartDatesAreNotInThePast()
    {
        var errors = CapacityRules.Check(new CapacityReturn
        {
            ReportedBy = "x", AcceptingAdmissions = false, EarliestStart = Today.AddDays(-1), Nurses = 2, CareStaff = 3, StaffAbsent = 9,
        }, Today);
        errors.Select(e => e.Field).ShouldBe(["StaffAbsent", "EarliestStart", "NotAcceptingReason"], ignoreOrder: true);
    }

    [Fact]
    public void Return_SameCategoryTwice_IsRefused()
    {
        var r = new CapacityReturn { ReportedBy = "x" };
        r.Beds.Add(new BedLine { Category = BedCategory.Nursing, MaxCapacity = 5 });
        r.Beds.Add(new BedLine { Category = BedCategory.Nursing, MaxCapacity = 6 });
        CapacityRules.Check(r, Today).ShouldContain(e => e.Message == "Nursing is given more than once");
    }

    [Fact]
    public void Occupancy_IsOccupiedOverCapacity_AcrossCategories()
    {
        CapacityRules.Occupancy([
            new BedLine { MaxCapacity = 30, Occupied = 27 },
            new BedLine { MaxCapacity = 10, Occupied = 9 },
        ]).ShouldBe(0.9);
        CapacityRules.Occupancy([]).ShouldBeNull();
    }

    [Fact]
    public void AcceptingVacancies_AreNoneWhenTheHomeIsNotAcceptingAdmissions()
    {
        var line = new BedLine { MaxCapacity = 10, Occupied = 7, VacantAccepting = 3 };
        CapacityRules.AcceptingVacancies(true, line).ShouldBe(3);
        CapacityRules.AcceptingVacancies(null, line).ShouldBe(3);
        CapacityRules.AcceptingVacancies(false, line).ShouldBe(0);
    }

    [Theory]
    [InlineData(0, Freshness.Fresh)]
    [InlineData(6.9, Freshness.Fresh)]
    [InlineData(7.1, Freshness.Stale)]
    [InlineData(30, Freshness.Stale)]
    public void Freshness_StaleAfterTheThreshold(double daysOld, Freshness expected)
    {
        var now = new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
        CapacityRules.FreshnessOf(now.AddDays(-daysOld), now, 7).ShouldBe(expected);
    }

    [Fact]
    public void Freshness_NeverReported_IsItsOwnCase() =>
        CapacityRules.FreshnessOf(null, TestClock.Now, 7).ShouldBe(Freshness.NeverReported);

    [Fact]
    public void LatestAsAt_TakesTheLatestAtOrBeforeTheMoment_PerService()
    {
        var t = new DateTime(2026, 3, 31, 23, 59, 0, DateTimeKind.Utc);
        var returns = new[]
        {
            new CapacityReturn { Id = 1, ServiceId = 1, ReportedAt = t.AddDays(-10), ReportedBy = "a" },
            new CapacityReturn { Id = 2, ServiceId = 1, ReportedAt = t.AddDays(-2), ReportedBy = "a" },
            new CapacityReturn { Id = 3, ServiceId = 1, ReportedAt = t.AddDays(1), ReportedBy = "a" },
            new CapacityReturn { Id = 4, ServiceId = 2, ReportedAt = t.AddDays(5), ReportedBy = "b" },
            new CapacityReturn { Id = 5, ServiceId = 3, ReportedAt = t, ReportedBy = "c" },
            new CapacityReturn { Id = 6, ServiceId = 3, ReportedAt = t, ReportedBy = "c" },
        };

        var latest = CapacityRules.LatestAsAt(returns, t);

        latest.Keys.ShouldBe([1, 3], ignoreOrder: true);
        latest[1].Id.ShouldBe(2);
        latest[3].Id.ShouldBe(6);
    }

    [Fact]
    public void OccupancyTrend_UsesEachHomesLatestReturnPerWeek_AndDropsOldOnes()
    {
        var at = new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
        var returns = new List<ReturnTotal>
        {
            new(1, 1, ServiceType.CareHomeWithNursing, at.AddDays(-8), 40, 30),
            new(2, 1, ServiceType.CareHomeWithNursing, at.AddDays(-1), 40, 38),
            new(3, 2, ServiceType.CareHomeWithNursing, at.AddDays(-9), 60, 54),
            new(4, 3, ServiceType.CareHomeWithNursing, at.AddDays(-200), 50, 0), // too old to count
        };

        var trend = CapacityRules.OccupancyTrend(returns, at, weeks: 2, lookbackDays: 90);

        trend.Count.ShouldBe(2);
        trend[0].Occupancy.ShouldBe((30 + 54) / 100.0);
        trend[1].Occupancy.ShouldBe((38 + 54) / 100.0);
        trend[1].Services.ShouldBe(2);
    }

    [Fact]
    public void OccupancyTrend_AgreesWithTheLatestAsAtEachWeekEnd_OverRandomHistories()
    {
        var at = new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
        var rng = new Random(7);
        for (var round = 0; round < 50; round++)
        {
            var returns = Enumerable.Range(1, rng.Next(0, 300)).Select(id => new ReturnTotal(id, rng.Next(1, 30),
                    rng.Next(2) == 0 ? ServiceType.CareHomeWithNursing : ServiceType.CareHomeWithoutNursing,
                    // Whole hours, so some returns share an instant and the later written must win.
                    at.AddHours(-rng.Next(0, 24 * 200)), rng.Next(0, 60), rng.Next(0, 60)))
                .OrderBy(_ => rng.Next()).ToList();

            var trend = CapacityRules.OccupancyTrend(returns, at, weeks: 12, lookbackDays: 90);

            // The definition, directly: each week's end, each service's latest return within the lookback.
            var expected = new List<TrendPoint>();
            for (var w = 11; w >= 0; w--)
            {
                var end = at.AddDays(-7 * w);
                var current = returns.Where(r => r.ReportedAt <= end && r.ReportedAt > end.AddDays(-90))
                    .GroupBy(r => r.ServiceId).Select(g => g.OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id).First());
                expected.AddRange(current.GroupBy(r => r.ServiceType).OrderBy(g => g.Key).Select(g => new TrendPoint(DateOnly.FromDateTime(end), g.Key,
                    g.Sum(r => r.MaxCapacity) == 0 ? null : (double)g.Sum(r => r.Occupied) / g.Sum(r => r.MaxCapacity), g.Count())));
            }
            trend.ShouldBe(expected);
        }
    }

    [Fact]
    public void Age_InWords() =>
        CapacityRules.Age(new DateTime(2026, 11, 1), new DateTime(2026, 11, 24)).ShouldBe("3 weeks ago");
}
