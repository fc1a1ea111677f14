using Microsoft.Extensions.Time.Testing;

namespace CareMarket.Testing;

/// <summary>
/// The tests' time: a fake clock at a fixed moment, so a test gives the same answer whatever day it runs. Advance it
/// (<c>clock.Advance(TimeSpan.FromDays(1))</c>) where a test needs time to pass.
/// </summary>
public static class TestClock
{
    /// <summary>10:00 UTC on Monday 30 November 2026: a working day, in a week with no bank holiday.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A new fake clock at <see cref="Start"/>, or at <paramref name="at"/>.</summary>
    public static FakeTimeProvider New(DateTimeOffset? at = null) => new(at ?? Start);

    public static DateTime Now => Start.UtcDateTime;
    public static DateOnly Today => DateOnly.FromDateTime(Now);
}
