using CareMarket.Brokerage;
using CareMarket.Register;

namespace CareMarket.Tests.Brokerage;

/// <summary>A request's status rules, the clock its history gives, and the council's sourcing targets.</summary>
public class RequestStatusesTests
{
    private static readonly IReadOnlySet<DateOnly> None = BankHolidays.None;

    // Monday 2 March 2026, 10:00 in London (GMT), and the days after it.
    private static DateTime Mon(int hour = 10) => new(2026, 3, 2, hour, 0, 0, DateTimeKind.Utc);

    private static RequestStatusChange Change(RequestStatus? from, RequestStatus to, DateTime at) => new() { From = from, To = to, At = at, By = "broker" };

    [Theory]
    [InlineData(RequestStatus.Open, StatusAction.Send, true)]
    [InlineData(RequestStatus.Open, StatusAction.Hold, true)]
    [InlineData(RequestStatus.Open, StatusAction.Cancel, true)]
    [InlineData(RequestStatus.Open, StatusAction.Resume, false)]
    [InlineData(RequestStatus.Open, StatusAction.Award, false)]
    [InlineData(RequestStatus.SentToProviders, StatusAction.Send, true)]
    [InlineData(RequestStatus.SentToProviders, StatusAction.Hold, true)]
    [InlineData(RequestStatus.SentToProviders, StatusAction.Award, true)]
    [InlineData(RequestStatus.SentToProviders, StatusAction.Cancel, true)]
    [InlineData(RequestStatus.SentToProviders, StatusAction.Resume, false)]
    [InlineData(RequestStatus.OnHold, StatusAction.Resume, true)]
    [InlineData(RequestStatus.OnHold, StatusAction.Cancel, true)]
    [InlineData(RequestStatus.OnHold, StatusAction.Hold, false)]
    [InlineData(RequestStatus.OnHold, StatusAction.Send, false)]
    [InlineData(RequestStatus.OnHold, StatusAction.Award, false)]
    [InlineData(RequestStatus.Sourced, StatusAction.Hold, false)]
    [InlineData(RequestStatus.Sourced, StatusAction.Cancel, false)]
    [InlineData(RequestStatus.Sourced, StatusAction.Resume, false)]
    [InlineData(RequestStatus.Sourced, StatusAction.Award, false)]
    [InlineData(RequestStatus.Cancelled, StatusAction.Resume, false)]
    [InlineData(RequestStatus.Cancelled, StatusAction.Send, false)]
    [InlineData(RequestStatus.Cancelled, StatusAction.Cancel, false)]
    public void Only_live_requests_change_and_only_a_held_one_resumes(RequestStatus status, StatusAction action, bool allowed)
    {
        var decision = RequestStatuses.Check(status, action);
        if (allowed) decision.ShouldBe(Decision.Ok);
        else decision.ShouldBeOfType<Decision.Conflict>().Reason.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Refusals_say_what_to_do()
    {
        Reason(RequestStatus.Sourced, StatusAction.Hold).ShouldBe("This request is sourced: it cannot be put on hold.");
        Reason(RequestStatus.Open, StatusAction.Resume).ShouldBe("This request is not on hold, so there is nothing to resume.");
        Reason(RequestStatus.OnHold, StatusAction.Award).ShouldBe("This request is on hold: resume it before it is awarded.");
        Reason(RequestStatus.Cancelled, StatusAction.Cancel).ShouldBe("This request is already cancelled.");

        static string Reason(RequestStatus s, StatusAction a) => RequestStatuses.Check(s, a).ShouldBeOfType<Decision.Conflict>().Reason;
    }

    [Fact]
    public void Other_needs_words_and_words_are_short()
    {
        RequestStatuses.CheckDetails(other: true, null, "HoldDetails", "Say why").ShouldBe(new FieldError("HoldDetails", "Say why"));
        RequestStatuses.CheckDetails(other: true, "  ", "HoldDetails", "Say why").ShouldNotBeNull();
        RequestStatuses.CheckDetails(other: false, null, "HoldDetails", "Say why").ShouldBeNull();
        RequestStatuses.CheckDetails(other: true, "Awaiting a deputyship decision", "HoldDetails", "Say why").ShouldBeNull();
        RequestStatuses.CheckDetails(other: false, new string('x', 201), "HoldDetails", "Say why")!.Message.ShouldBe("The reason must be 200 characters or fewer");
    }

    [Fact]
    public void Pauses_come_from_going_on_and_off_hold_only()
    {
        var history = new[]
        {
            Change(null, RequestStatus.Open, Mon()),
            Change(RequestStatus.Open, RequestStatus.SentToProviders, Mon(11)),
            Change(RequestStatus.SentToProviders, RequestStatus.OnHold, Mon().AddDays(1)),
            Change(RequestStatus.OnHold, RequestStatus.SentToProviders, Mon().AddDays(2)),
            Change(RequestStatus.SentToProviders, RequestStatus.OnHold, Mon().AddDays(3)),
            Change(RequestStatus.OnHold, RequestStatus.Cancelled, Mon().AddDays(4)),
        };
        // Given out of order, read in time order.
        RequestStatuses.Pauses(history.Reverse()).ShouldBe([
            new ClockChange(Mon().AddDays(1), true), new ClockChange(Mon().AddDays(2), false),
            new ClockChange(Mon().AddDays(3), true), new ClockChange(Mon().AddDays(4), false),
        ]);
    }

    [Fact]
    public void Two_holds_take_their_working_days_off_the_clock()
    {
        // Made Monday 10:00; on hold Tuesday 10:00 to Wednesday 10:00, and Friday 10:00 to the next Tuesday 10:00.
        var pauses = RequestStatuses.Pauses(
        [
            Change(null, RequestStatus.Open, Mon()),
            Change(RequestStatus.Open, RequestStatus.OnHold, Mon().AddDays(1)),
            Change(RequestStatus.OnHold, RequestStatus.Open, Mon().AddDays(2)),
            Change(RequestStatus.Open, RequestStatus.OnHold, Mon().AddDays(4)),
            Change(RequestStatus.OnHold, RequestStatus.Open, Mon().AddDays(8)),
        ]);
        var nextWednesday = Mon().AddDays(9);

        // Ran Mon–Tue (1), Wed–Fri (2), Tue–Wed (1): 4 of the 7 working days.
        Timescales.WorkingDaysElapsed(Mon(), pauses, nextWednesday, None).ShouldBe(4, 1e-9);
        Timescales.WorkingDaysElapsed(Mon(), [], nextWednesday, None).ShouldBe(7, 1e-9);
        Timescales.TimePaused(Mon(), pauses, nextWednesday).ShouldBe(TimeSpan.FromDays(5));
        // A 5-day target: due the Thursday after, not the Monday before.
        Timescales.DueBy(Mon(), pauses, 5, None)!.Value.ShouldBe(Mon().AddDays(10), TimeSpan.FromSeconds(1));
        Timescales.IsBreached(Mon(), pauses, nextWednesday, 3, None).ShouldBeTrue();
        Timescales.IsBreached(Mon(), pauses, nextWednesday, 4, None).ShouldBeFalse();
    }

    [Fact]
    public void The_clock_shows_paused_running_or_stopped()
    {
        var onHold = RequestStatuses.Pauses([Change(RequestStatus.Open, RequestStatus.OnHold, Mon().AddDays(1))]);

        var paused = RequestClock.Of(Mon(), onHold, stoppedAt: null, target: 2, now: Mon().AddDays(3), None);
        paused.WorkingDaysElapsed.ShouldBe(1, 1e-9);
        paused.ShouldBe(new RequestClock(paused.WorkingDaysElapsed, 2, Paused: true, Stopped: false, Breached: false, DueBy: null));

        var running = RequestClock.Of(Mon(), [], stoppedAt: null, target: 2, now: Mon().AddDays(3), None);
        running.WorkingDaysElapsed.ShouldBe(3, 1e-9);
        running.Breached.ShouldBeTrue();
        running.DueBy!.Value.ShouldBe(Mon().AddDays(2), TimeSpan.FromSeconds(1));

        var sourced = RequestClock.Of(Mon(), [], stoppedAt: Mon().AddDays(1), target: 2, now: Mon().AddDays(30), None);
        sourced.WorkingDaysElapsed.ShouldBe(1, 1e-9);
        sourced.ShouldBe(new RequestClock(sourced.WorkingDaysElapsed, 2, Paused: false, Stopped: true, Breached: false, DueBy: null));
    }

    [Fact]
    public void The_wait_leaves_out_time_on_hold()
    {
        var month = new DateOnly(2026, 3, 1);
        var report = WaitStatistics.Compute(
        [
            new WaitRequest(ServiceType.SupportedLiving, Mon(), Mon().AddDays(20), false, true, DaysOnHold: 5),
            new WaitRequest(ServiceType.SupportedLiving, Mon(), Mon().AddDays(10), true, false),
            new WaitRequest(ServiceType.SupportedLiving, Mon(), null, false, true, DaysOnHold: 2),
        ], month, month, Mon().AddDays(12));

        var total = report.Totals.Single();
        total.MeanWaitDays.ShouldBe(12.5);
        total.WaitedForNoCapacity.ShouldBe(1);
        report.Open.Single().MeanDaysSoFar.ShouldBe(10);
    }

    [Fact]
    public void Targets_and_aims_are_looked_up_and_checked()
    {
        var settings = new TimescaleSettings([new(ServiceType.Homecare, Priority.Routine, 3)], 8, [new(ServiceType.SupportedLiving, 75)]);
        settings.TargetFor(ServiceType.Homecare, Priority.Routine).ShouldBe(3);
        settings.TargetFor(ServiceType.Homecare, Priority.Urgent).ShouldBe(8);
        settings.PercentWithinFor(ServiceType.SupportedLiving).ShouldBe(75);
        settings.PercentWithinFor(ServiceType.Homecare).ShouldBeNull();
        TimescaleSettings.Example.PercentWithinFor(ServiceType.SupportedLiving).ShouldBe(75);

        var bad = new TimescaleSettings([new(ServiceType.Homecare, Priority.Routine, 91)], 10,
            [new(ServiceType.SupportedLiving, 0), new(ServiceType.Homecare, 90), new(ServiceType.Homecare, 95)]);
        TimescaleSettings.Check(bad).ShouldBeOfType<Decision.Invalid>().Errors.ShouldBe([
            new FieldError("Targets[Homecare-Routine]", "Homecare, routine: the target must be from 1 to 90 working days"),
            new FieldError("PercentWithin[SupportedLiving]", "Supported living: the share to source within timescale must be from 1% to 100%"),
            new FieldError("PercentWithin[Homecare]", "Homecare: the share is given more than once"),
        ]);
    }
}
