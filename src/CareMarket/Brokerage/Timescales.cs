using CareMarket.Register;

namespace CareMarket.Brokerage;

/// <summary>How soon care must be found: hospital discharges first, then urgent, then routine requests.</summary>
public enum Priority { HospitalDischarge, Urgent, Routine }

/// <summary>The council's target for sourcing one service type at one priority, in working days.</summary>
public sealed record TimescaleTarget(ServiceType Type, Priority Priority, int WorkingDays);

/// <summary>The share (%) of one service type's requests the council aims to source within timescale (the seeds: 75% for supported living).</summary>
public sealed record PercentWithinTarget(ServiceType Type, int Percent);

/// <summary>
/// The council's sourcing targets (a setting). A type and priority with no target of its own uses
/// <paramref name="OtherwiseWorkingDays"/>. <paramref name="PercentWithin"/> is what share the council aims to source
/// within those targets, by service type (none for a type means no aim is set).
/// </summary>
public sealed record TimescaleSettings(IReadOnlyList<TimescaleTarget> Targets, int OtherwiseWorkingDays, IReadOnlyList<PercentWithinTarget>? PercentWithin = null)
{
    /// <summary>A starting point: 2 working days for routine homecare, 5 for residential and nursing care; 75% of supported living in time.</summary>
    public static readonly TimescaleSettings Example = new(
    [
        new(ServiceType.Homecare, Priority.HospitalDischarge, 1),
        new(ServiceType.Homecare, Priority.Urgent, 1),
        new(ServiceType.Homecare, Priority.Routine, 2),
        new(ServiceType.Reablement, Priority.HospitalDischarge, 1),
        new(ServiceType.CareHomeWithoutNursing, Priority.HospitalDischarge, 2),
        new(ServiceType.CareHomeWithoutNursing, Priority.Urgent, 3),
        new(ServiceType.CareHomeWithoutNursing, Priority.Routine, 5),
        new(ServiceType.CareHomeWithNursing, Priority.HospitalDischarge, 2),
        new(ServiceType.CareHomeWithNursing, Priority.Urgent, 3),
        new(ServiceType.CareHomeWithNursing, Priority.Routine, 5),
        new(ServiceType.SupportedLiving, Priority.Urgent, 10),
        new(ServiceType.SupportedLiving, Priority.Routine, 20),
    ], OtherwiseWorkingDays: 10, [new(ServiceType.SupportedLiving, 75)]);

    public const int MostWorkingDays = 90;

    public int TargetFor(ServiceType type, Priority priority) =>
        Targets.FirstOrDefault(t => t.Type == type && t.Priority == priority)?.WorkingDays ?? OtherwiseWorkingDays;

    /// <summary>The share the council aims to source within timescale for a type, if it set one.</summary>
    public int? PercentWithinFor(ServiceType type) => PercentWithin?.FirstOrDefault(p => p.Type == type)?.Percent;

    /// <summary>Every target from 1 to 90 working days, and one target at most per type and priority; aims from 1% to 100%.</summary>
    public static Decision Check(TimescaleSettings settings)
    {
        var errors = new List<FieldError>();
        if (settings.OtherwiseWorkingDays is < 1 or > MostWorkingDays)
            errors.Add(new(nameof(OtherwiseWorkingDays), $"The usual target must be from 1 to {MostWorkingDays} working days"));
        foreach (var t in settings.Targets.Where(t => t.WorkingDays is < 1 or > MostWorkingDays))
            errors.Add(new(Field(t), $"{Name(t)}: the target must be from 1 to {MostWorkingDays} working days"));
        foreach (var dup in settings.Targets.GroupBy(t => (t.Type, t.Priority)).Where(g => g.Count() > 1))
            errors.Add(new(Field(dup.First()), $"{Name(dup.First())}: the target is given more than once"));
        foreach (var p in (settings.PercentWithin ?? []).Where(p => p.Percent is < 1 or > 100))
            errors.Add(new(Field(p), $"{RegisterWords.Of(p.Type)}: the share to source within timescale must be from 1% to 100%"));
        foreach (var dup in (settings.PercentWithin ?? []).GroupBy(p => p.Type).Where(g => g.Count() > 1))
            errors.Add(new(Field(dup.First()), $"{RegisterWords.Of(dup.Key)}: the share is given more than once"));
        return errors.Count == 0 ? Decision.Ok : new Decision.Invalid(errors);
    }

    /// <summary>The field a target's error belongs to, as the settings form and the API name it.</summary>
    public static string Field(TimescaleTarget t) => $"Targets[{t.Type}-{t.Priority}]";
    public static string Field(PercentWithinTarget p) => $"PercentWithin[{p.Type}]";

    private static string Name(TimescaleTarget t) => $"{RegisterWords.Of(t.Type)}, {Timescales.Words(t.Priority).ToLowerInvariant()}";
}

/// <summary>The request's clock stopped (paused, e.g. "on hold at the person's request") or started again, at a moment (UTC).</summary>
public sealed record ClockChange(DateTime At, bool Paused);

/// <summary>
/// A request's sourcing clock at a moment: the working days it has run, its target, whether it is paused (on hold)
/// or stopped for good (sourced or cancelled), whether it is past its target, and when it is due (null while
/// paused or stopped).
/// </summary>
public sealed record RequestClock(double WorkingDaysElapsed, int TargetWorkingDays, bool Paused, bool Stopped, bool Breached, DateTime? DueBy)
{
    /// <param name="stoppedAt">When care was sourced or the request cancelled; null while it is still being sourced.</param>
    public static RequestClock Of(DateTime createdAt, IReadOnlyList<ClockChange> pauses, DateTime? stoppedAt, int target, DateTime now, IReadOnlySet<DateOnly> bankHolidays)
    {
        var elapsed = Timescales.WorkingDaysElapsed(createdAt, pauses, stoppedAt ?? now, bankHolidays);
        // The last change decides, in the order recorded: a hold and a resume at the same moment leave it running.
        var paused = stoppedAt is null && pauses.Count > 0 && pauses[^1].Paused;
        var dueBy = stoppedAt is null && !paused ? Timescales.DueBy(createdAt, pauses, target, bankHolidays) : null;
        return new RequestClock(elapsed, target, paused, stoppedAt is not null, elapsed > target, dueBy);
    }
}

/// <summary>
/// The sourcing clock. Working days are Monday to Friday in UK time, except the bank holidays passed in.
/// Elapsed time is the time the clock ran that fell on working days, counted in days: a whole working day is 1,
/// half of one 0.5; evenings of working days count, weekends and bank holidays do not. So a request made on Friday
/// at 15:00 with a 2-working-day target is due on Tuesday at 15:00, and "within the timescale" means elapsed ≤ target.
/// The clock runs from when the request was made, stops while paused, and stops for good when care is sourced.
/// </summary>
public static class Timescales
{
    /// <summary>UK time: a request made at 23:30 UTC on a June Sunday was made on Monday in England.</summary>
    public static readonly TimeZoneInfo UkTime = Data.UkTime.London;

    public static string Words(Priority priority) => priority switch
    {
        Priority.HospitalDischarge => "Hospital discharge",
        Priority.Urgent => "Urgent",
        _ => "Routine",
    };

    public static bool IsWorkingDay(DateOnly day, IReadOnlySet<DateOnly> bankHolidays) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !bankHolidays.Contains(day);

    /// <summary>Working days the clock has run from <paramref name="createdAt"/> up to <paramref name="at"/>.</summary>
    public static double WorkingDaysElapsed(DateTime createdAt, IReadOnlyList<ClockChange> history, DateTime at, IReadOnlySet<DateOnly> bankHolidays)
    {
        var end = Utc(at);
        var elapsed = 0.0;
        foreach (var (from, to) in Running(createdAt, history))
        {
            if (from >= end) break;
            elapsed += WorkingDaysBetween(from, to is { } t && t < end ? t : end, bankHolidays);
        }
        return elapsed;
    }

    /// <summary>
    /// How long the clock was paused between <paramref name="createdAt"/> and <paramref name="at"/>, in plain time
    /// (nights and weekends too): what a wait in calendar days leaves out for a request that was on hold.
    /// </summary>
    public static TimeSpan TimePaused(DateTime createdAt, IReadOnlyList<ClockChange> history, DateTime at)
    {
        var (start, end) = (Utc(createdAt), Utc(at));
        if (end <= start) return TimeSpan.Zero;
        var running = TimeSpan.Zero;
        foreach (var (from, to) in Running(createdAt, history))
        {
            if (from >= end) break;
            running += (to is { } t && t < end ? t : end) - from;
        }
        return end - start - running;
    }

    /// <summary>An unsourced request is in breach once its elapsed working days are more than the target.</summary>
    public static bool IsBreached(DateTime createdAt, IReadOnlyList<ClockChange> history, DateTime at, int targetWorkingDays, IReadOnlySet<DateOnly> bankHolidays) =>
        WorkingDaysElapsed(createdAt, history, at, bankHolidays) > targetWorkingDays;

    /// <summary>A sourced request was sourced within the timescale when its clock had run no more than the target.</summary>
    public static bool SourcedWithin(DateTime createdAt, IReadOnlyList<ClockChange> history, DateTime sourcedAt, int targetWorkingDays, IReadOnlySet<DateOnly> bankHolidays) =>
        !IsBreached(createdAt, history, sourcedAt, targetWorkingDays, bankHolidays);

    /// <summary>
    /// When the target is reached if the clock keeps running from its last change on (UTC); in the past for a breached
    /// request. Null while the clock is paused short of the target: no due date until it starts again.
    /// </summary>
    public static DateTime? DueBy(DateTime createdAt, IReadOnlyList<ClockChange> history, int targetWorkingDays, IReadOnlySet<DateOnly> bankHolidays)
    {
        double remaining = targetWorkingDays;
        foreach (var (from, to) in Running(createdAt, history))
        {
            var cursor = from;
            for (var guard = 0; guard < 3660 && (to is null || cursor < to); guard++)
            {
                var (dayStart, dayEnd) = UkDay(cursor);
                var stop = to is { } t && t < dayEnd ? t : dayEnd;
                if (IsWorkingDay(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(cursor, UkTime)), bankHolidays))
                {
                    var length = (dayEnd - dayStart).Ticks;
                    var available = (double)(stop - cursor).Ticks / length;
                    if (available >= remaining) return cursor.AddTicks((long)Math.Round(remaining * length));
                    remaining -= available;
                }
                cursor = stop;
            }
        }
        return null;
    }

    /// <summary>The stretches the clock ran: from creation, stopped by a pause, started again by an unpause; the last may be open.</summary>
    private static List<(DateTime From, DateTime? To)> Running(DateTime createdAt, IReadOnlyList<ClockChange> history)
    {
        var start = Utc(createdAt);
        var runs = new List<(DateTime, DateTime?)>();
        DateTime? runningSince = start;
        foreach (var change in history.OrderBy(h => h.At))
        {
            var at = Utc(change.At) < start ? start : Utc(change.At);
            if (change.Paused && runningSince is { } since)
            {
                if (at > since) runs.Add((since, at));
                runningSince = null;
            }
            else if (!change.Paused && runningSince is null)
            {
                runningSince = at;
            }
        }
        if (runningSince is { } open) runs.Add((open, null));
        return runs;
    }

    private static double WorkingDaysBetween(DateTime from, DateTime to, IReadOnlySet<DateOnly> bankHolidays)
    {
        var days = 0.0;
        var cursor = from;
        while (cursor < to)
        {
            var (dayStart, dayEnd) = UkDay(cursor);
            var stop = to < dayEnd ? to : dayEnd;
            if (IsWorkingDay(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(cursor, UkTime)), bankHolidays))
                days += (double)(stop - cursor).Ticks / (dayEnd - dayStart).Ticks;
            cursor = stop;
        }
        return days;
    }

    /// <summary>The UK calendar day holding a UTC instant, as UTC start and end (23 or 25 hours when the clocks change).</summary>
    private static (DateTime Start, DateTime End) UkDay(DateTime utc)
    {
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, UkTime));
        DateTime Midnight(DateOnly d) => TimeZoneInfo.ConvertTimeToUtc(d.ToDateTime(TimeOnly.MinValue), UkTime);
        return (Midnight(date), Midnight(date.AddDays(1)));
    }

    private static DateTime Utc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Local => t.ToUniversalTime(),
        DateTimeKind.Utc => t,
        _ => DateTime.SpecifyKind(t, DateTimeKind.Utc),
    };
}

/// <summary>Bank holidays as data, to pass to the clock (a council can add its own closure days).</summary>
public static class BankHolidays
{
    /// <summary>
    /// England and Wales, 2025 to 2027, as published on GOV.UK (with substitute days when Christmas or Boxing Day
    /// falls at a weekend). Add later years here before they begin.
    /// </summary>
    public static readonly IReadOnlySet<DateOnly> EnglandAndWales = new HashSet<DateOnly>
    {
        new(2025, 1, 1), new(2025, 4, 18), new(2025, 4, 21), new(2025, 5, 5), new(2025, 5, 26), new(2025, 8, 25), new(2025, 12, 25), new(2025, 12, 26),
        new(2026, 1, 1), new(2026, 4, 3), new(2026, 4, 6), new(2026, 5, 4), new(2026, 5, 25), new(2026, 8, 31), new(2026, 12, 25), new(2026, 12, 28),
        new(2027, 1, 1), new(2027, 3, 26), new(2027, 3, 29), new(2027, 5, 3), new(2027, 5, 31), new(2027, 8, 30), new(2027, 12, 27), new(2027, 12, 28),
    };

    public static readonly IReadOnlySet<DateOnly> None = new HashSet<DateOnly>();
}
