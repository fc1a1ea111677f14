namespace CareMarket.Data;

/// <summary>
/// Councils work in UK time: "today" is the date in Europe/London, from the clock (TimeProvider), never the UTC date
/// (between midnight and one in the morning in summer they differ).
/// </summary>
public static class UkTime
{
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>A moment in UTC as the UK clock shows it.</summary>
    public static DateTime Of(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), London);

    /// <summary>The UK date now.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Of(clock.GetUtcNow().UtcDateTime));

    /// <summary>The UK date of a moment in UTC.</summary>
    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(Of(utc));
}
