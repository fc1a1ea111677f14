namespace CareMarket.Demo;

/// <summary>
/// The demo's clock: it reads whatever moment the demo has set it to, not the time of day. The demo borough's year is
/// made by the use cases themselves, each run with this clock at the moment it happened (a request made last March is
/// made with the clock at last March), so every time they stamp — made, sent, offered, awarded, held — is their own.
/// (A plain <see cref="TimeProvider"/>: the domain does not reference Microsoft.Extensions.TimeProvider.Testing.)
/// </summary>
public sealed class DemoClock(DateTime utc) : TimeProvider
{
    private DateTime now = Utc(utc);

    /// <summary>The moment the clock reads (UTC).</summary>
    public DateTime UtcNow
    {
        get => now;
        set => now = Utc(value);
    }

    public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);

    public void Advance(TimeSpan by) => now += by;

    private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc);
}
