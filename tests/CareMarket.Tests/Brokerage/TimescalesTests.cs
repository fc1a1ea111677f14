using CareMarket.Brokerage;
using CareMarket.Register;

namespace CareMarket.Tests.Brokerage;

public class TimescalesTests
{
    private static readonly IReadOnlySet<DateOnly> Holidays = BankHolidays.EnglandAndWales;
    private static DateTime Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, DateTimeKind.Utc);
    private static double Elapsed(DateTime created, DateTime at, params ClockChange[] history) =>
        Timescales.WorkingDaysElapsed(created, history, at, Holidays);

    [Fact]
    public void A_hold_and_a_resume_at_the_same_moment_leave_the_clock_running()
    {
        var created = Utc(2026, 11, 30, 9);
        var moment = Utc(2026, 11, 30, 10);
        var clock = RequestClock.Of(created, [new ClockChange(moment, true), new ClockChange(moment, false)], null, 5, moment, Holidays);
        clock.Paused.ShouldBeFalse();
        clock.DueBy.ShouldNotBeNull();
        RequestClock.Of(created, [new ClockChange(moment, true)], null, 5, moment, Holidays).Paused.ShouldBeTrue();
    }

    [Fact]
    public void A_day_on_a_working_day_is_one_working_day() =>
        Elapsed(Utc(2026, 1, 12, 9), Utc(2026, 1, 13, 9)).ShouldBe(1.0, 1e-9); // Monday to Tuesday

    [Fact]
    public void Weekends_do_not_count()
    {
        Elapsed(Utc(2026, 1, 16, 12), Utc(2026, 1, 19, 12)).ShouldBe(1.0, 1e-9); // Friday noon to Monday noon
        Elapsed(Utc(2026, 1, 17, 10), Utc(2026, 1, 19, 12)).ShouldBe(0.5, 1e-9); // made on Saturday
        Elapsed(Utc(2026, 1, 17, 10), Utc(2026, 1, 18, 22)).ShouldBe(0);         // all weekend
    }

    [Fact]
    public void Bank_holidays_do_not_count_including_substitute_days()
    {
        // Thursday 24 December 2026 noon to Tuesday 29 December noon: Christmas Friday, the weekend and
        // Monday 28th (Boxing Day's substitute) are not working days.
        Elapsed(Utc(2026, 12, 24, 12), Utc(2026, 12, 29, 12)).ShouldBe(1.0, 1e-9);
        Timescales.WorkingDaysElapsed(Utc(2026, 12, 24, 12), [], Utc(2026, 12, 29, 12), BankHolidays.None).ShouldBe(3.0, 1e-9);
    }

    [Fact]
    public void Days_are_UK_days_in_summer_time()
    {
        // Easter 2026: Thursday 2 April 12:00 BST (11:00 UTC) to Tuesday 7 April 12:00 BST.
        Elapsed(Utc(2026, 4, 2, 11), Utc(2026, 4, 7, 11)).ShouldBe(1.0, 1e-9);
        // 23:30 UTC on Sunday 14 June is 00:30 on Monday in England: the clock is already running.
        Elapsed(Utc(2026, 6, 14, 23, 30), Utc(2026, 6, 15, 11)).ShouldBe(11.5 / 24, 1e-9);
    }

    [Fact]
    public void The_day_the_clocks_change_still_counts_as_one_day()
    {
        // Monday 26 October 2026 is an ordinary day; Sunday 25th has 25 hours but is a weekend. Friday 23 Oct to
        // Tuesday 27 Oct at midday, local: Friday half, Monday whole, Tuesday half.
        Elapsed(Utc(2026, 10, 23, 11), Utc(2026, 10, 27, 12)).ShouldBe(2.0, 1e-9);
    }

    [Fact]
    public void The_clock_pauses_across_a_weekend()
    {
        // Made Thursday 15 Jan 09:00; on hold at the person's request Friday 09:00 until Tuesday 09:00.
        var created = Utc(2026, 1, 15, 9);
        ClockChange[] history = [new(Utc(2026, 1, 16, 9), true), new(Utc(2026, 1, 20, 9), false)];
        Elapsed(created, Utc(2026, 1, 21, 9), history).ShouldBe(2.0, 1e-9);      // Thu–Fri and Tue–Wed
        Elapsed(created, Utc(2026, 1, 19, 17), history).ShouldBe(1.0, 1e-9);     // paused all Monday
        Elapsed(created, Utc(2026, 1, 21, 9)).ShouldBe(4.0, 1e-9);               // without the pause
    }

    [Fact]
    public void A_request_paused_from_the_start_has_not_started_its_clock()
    {
        var created = Utc(2026, 1, 12, 9);
        Elapsed(created, Utc(2026, 1, 14, 9), new ClockChange(created, true)).ShouldBe(0);
        // Repeated pauses and unpauses are harmless; the order given does not matter.
        Elapsed(created, Utc(2026, 1, 14, 9), new(Utc(2026, 1, 13, 9), false), new(created, true), new(Utc(2026, 1, 13, 12), false))
            .ShouldBe(1.0, 1e-9);
    }

    [Fact]
    public void Breach_is_more_than_the_target_and_exactly_on_target_is_within()
    {
        var created = Utc(2026, 1, 16, 15); // Friday
        Timescales.IsBreached(created, [], Utc(2026, 1, 20, 15), 2, Holidays).ShouldBeFalse();
        Timescales.SourcedWithin(created, [], Utc(2026, 1, 20, 15), 2, Holidays).ShouldBeTrue();
        Timescales.IsBreached(created, [], Utc(2026, 1, 20, 15, 1), 2, Holidays).ShouldBeTrue();
        Timescales.SourcedWithin(created, [], Utc(2026, 1, 21, 9), 2, Holidays).ShouldBeFalse();
        // Paused on Monday afternoon: not breached on Wednesday.
        Timescales.IsBreached(created, [new(Utc(2026, 1, 19, 12), true)], Utc(2026, 1, 21, 9), 2, Holidays).ShouldBeFalse();
    }

    [Fact]
    public void Due_by_skips_weekends_and_pauses()
    {
        var created = Utc(2026, 1, 16, 15); // Friday
        Timescales.DueBy(created, [], 2, Holidays).ShouldBe(Utc(2026, 1, 20, 15));
        Timescales.DueBy(created, [new(Utc(2026, 1, 19, 15), true)], 2, Holidays).ShouldBeNull();
        Timescales.DueBy(created, [new(Utc(2026, 1, 19, 15), true), new(Utc(2026, 1, 21, 15), false)], 2, Holidays)
            .ShouldBe(Utc(2026, 1, 22, 15));
        Timescales.DueBy(Utc(2026, 12, 24, 12), [], 1, Holidays).ShouldBe(Utc(2026, 12, 29, 12));
    }

    [Fact]
    public void Bank_holidays_2025_to_2027_are_eight_a_year_all_on_weekdays()
    {
        foreach (var year in new[] { 2025, 2026, 2027 })
            BankHolidays.EnglandAndWales.Count(d => d.Year == year).ShouldBe(8);
        BankHolidays.EnglandAndWales.ShouldAllBe(d => d.DayOfWeek != DayOfWeek.Saturday && d.DayOfWeek != DayOfWeek.Sunday);
        BankHolidays.EnglandAndWales.Where(d => d.Month is 3 or 4).Select(d => d.DayOfWeek)
            .ShouldBe([DayOfWeek.Friday, DayOfWeek.Monday, DayOfWeek.Friday, DayOfWeek.Monday, DayOfWeek.Friday, DayOfWeek.Monday], ignoreOrder: true);
        BankHolidays.EnglandAndWales.ShouldContain(new DateOnly(2027, 12, 28)); // Boxing Day 2027 is a Sunday
    }

    [Fact]
    public void Targets_come_from_the_settings_or_the_usual_target()
    {
        var s = TimescaleSettings.Example;
        s.TargetFor(ServiceType.Homecare, Priority.Routine).ShouldBe(2);
        s.TargetFor(ServiceType.CareHomeWithoutNursing, Priority.Routine).ShouldBe(5);
        s.TargetFor(ServiceType.SharedLives, Priority.Routine).ShouldBe(10);
        TimescaleSettings.Check(s).ShouldBe(Decision.Ok);
    }

    [Fact]
    public void Settings_refuse_impossible_and_repeated_targets()
    {
        var bad = new TimescaleSettings(
            [new(ServiceType.Homecare, Priority.Routine, 0), new(ServiceType.Homecare, Priority.Urgent, 1), new(ServiceType.Homecare, Priority.Urgent, 2)], 91);
        var errors = TimescaleSettings.Check(bad).ShouldBeOfType<Decision.Invalid>().Errors;
        errors.Select(e => e.Message).ShouldBe([
            "The usual target must be from 1 to 90 working days",
            "Homecare, routine: the target must be from 1 to 90 working days",
            "Homecare, urgent: the target is given more than once",
        ]);
    }
}
