namespace CareMarket.Data;

/// <summary>
/// A council's settings (an administrator changes them). One row per council; a council without a row has the
/// defaults. Later features add their targets, weights and thresholds here.
/// </summary>
public class CouncilSettings
{
    public int LocalAuthorityId { get; set; }

    /// <summary>A capacity return older than this many days is stale (Capacity Tracker asks for weekly updates).</summary>
    public int CapacityStaleAfterDays { get; set; } = 7;

    public int Version { get; set; }

    public static CouncilSettings Defaults(int council) => new() { LocalAuthorityId = council };
}
