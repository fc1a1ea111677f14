using System.Data.Common;
using CareMarket.Brokerage;
using CareMarket.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CareMarket.Demo;

/// <summary>
/// The demo borough's year as a timeline: what people did (a capacity return, a request made, sent, offered on,
/// awarded, put on hold, a service suspended…) queued at the moment it happened, then done in time order through the
/// use cases, with the <see cref="DemoClock"/> at that moment and as the person who did it. An action may queue later
/// ones (the offers, once a request is sent). Nothing happens after <see cref="End"/>, the real now.
/// <para>
/// One context and one open connection for the whole year, nothing tracked from one action to the next. On SQLite
/// the connection writes without waiting for the disk while the year is made (each use case commits on its own, and
/// thousands of flushes to disk are most of the time otherwise); on PostgreSQL commits do not wait for the WAL. Both
/// are put back as they were before the connection is closed.
/// </para>
/// </summary>
internal sealed class DemoTimeline : IAsyncDisposable
{
    private readonly PriorityQueue<Func<Task>, (DateTime At, long Order)> queue = new();
    private readonly List<(string Pragma, string Value)> restore = [];
    private long order;

    private DemoTimeline(CareMarketDb db, DemoClock clock, int council, DateTime end)
    {
        Db = db;
        Clock = clock;
        Council = council;
        End = end;
    }

    public CareMarketDb Db { get; }
    public DemoClock Clock { get; }
    public int Council { get; }
    /// <summary>The real now: the year ends here.</summary>
    public DateTime End { get; }
    public DateTime Now => Clock.UtcNow;
    public DateOnly Today => UkDate(End);

    public static readonly IReadOnlySet<DateOnly> Holidays = BankHolidays.EnglandAndWales;

    /// <summary>A timeline over the same database as <paramref name="db"/>, starting at <paramref name="start"/>.</summary>
    public static async Task<DemoTimeline> OpenAsync(CareMarketDb db, int council, DateTime start, CancellationToken ct)
    {
        var options = (DbContextOptions<CareMarketDb>)db.GetService<IDbContextOptions>();
        var clock = new DemoClock(start);
        var year = new CareMarketDb(options) { Actor = Actor.System, Clock = clock, AuditEachRow = false };
        var timeline = new DemoTimeline(year, clock, council, db.Now);
        await year.Database.OpenConnectionAsync(ct);
        var connection = year.Database.GetDbConnection();
        if (year.IsPostgres())
        {
            await ExecAsync(connection, "SET synchronous_commit = off", ct);
        }
        else
        {
            foreach (var (pragma, value) in new[] { ("synchronous", "OFF"), ("journal_mode", "MEMORY") })
            {
                var was = Convert.ToString(await ScalarAsync(connection, $"PRAGMA {pragma}", ct), System.Globalization.CultureInfo.InvariantCulture) ?? "";
                if (pragma == "journal_mode" && was.Equals("wal", StringComparison.OrdinalIgnoreCase)) continue; // WAL is the file's, and fast enough
                timeline.restore.Add((pragma, was));
                await ExecAsync(connection, $"PRAGMA {pragma} = {value}", ct);
            }
        }
        return timeline;
    }

    /// <summary>Queues an action at a moment (never before the current one: the clock only goes forward).</summary>
    public void At(DateTime at, Func<Task> action)
    {
        if (at > End) throw new InvalidOperationException($"The demo planned an action after now ({at:O})");
        queue.Enqueue(action, (at < Clock.UtcNow ? Clock.UtcNow : at, order++));
    }

    /// <summary>Does everything queued, in time order (in the order queued at the same moment).</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (queue.TryDequeue(out var action, out var key))
        {
            ct.ThrowIfCancellationRequested();
            Clock.UtcNow = key.At;
            await action();
            Db.ChangeTracker.Clear();
        }
    }

    /// <summary>The context, acting as <paramref name="actor"/> for the next use case.</summary>
    public CareMarketDb As(Actor actor)
    {
        Db.Actor = actor;
        return Db;
    }

    public async ValueTask DisposeAsync()
    {
        var connection = Db.Database.GetDbConnection();
        if (connection.State == System.Data.ConnectionState.Open)
        {
            if (Db.IsPostgres()) await ExecAsync(connection, "RESET synchronous_commit", default);
            foreach (var (pragma, value) in restore) await ExecAsync(connection, $"PRAGMA {pragma} = {value}", default);
        }
        await Db.Database.CloseConnectionAsync();
        await Db.DisposeAsync();
    }

    private static async Task ExecAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }

    // Days and times, in the clock's own terms (Timescales): the demo does no working-day arithmetic of its own.

    public static DateOnly UkDate(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Timescales.UkTime));

    public static TimeOnly UkTime(DateTime utc) =>
        TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Timescales.UkTime));

    /// <summary>A UK date and time of day, in UTC.</summary>
    public static DateTime Uk(DateOnly day, TimeOnly time) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(time), Timescales.UkTime);

    public static bool IsWorkingDay(DateOnly day) => Timescales.IsWorkingDay(day, Holidays);

    /// <summary><paramref name="day"/>, or the first working day after it.</summary>
    public static DateOnly WorkingDayFrom(DateOnly day)
    {
        while (!IsWorkingDay(day)) day = day.AddDays(1);
        return day;
    }

    /// <summary>When the clock, running from <paramref name="from"/>, has run <paramref name="workingDays"/> working days.</summary>
    public static DateTime After(DateTime from, int workingDays) => Timescales.DueBy(from, [], workingDays, Holidays)!.Value;

    /// <summary>The working day that many working days before <paramref name="day"/> (as the clock counts them).</summary>
    public static DateOnly WorkingDaysBefore(DateOnly day, int workingDays)
    {
        if (workingDays <= 0) return day;
        var midnight = Uk(day, TimeOnly.MinValue);
        var d = day;
        for (var guard = 0; guard < 3660; guard++)
        {
            d = d.AddDays(-1);
            if (IsWorkingDay(d) && Timescales.WorkingDaysElapsed(Uk(d, TimeOnly.MinValue), [], midnight, Holidays) >= workingDays - 1e-6) return d;
        }
        return d;
    }

    /// <summary>An office-hours moment (08:30–17:00 UK time) on <paramref name="day"/> or the next working day.</summary>
    public static DateTime OfficeInstant(DateOnly day, Random rng) =>
        Uk(WorkingDayFrom(day), new TimeOnly(8, 30).Add(TimeSpan.FromMinutes(rng.Next(0, 510))));
}
