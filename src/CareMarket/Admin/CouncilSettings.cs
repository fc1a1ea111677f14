using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
namespace CareMarket.Admin;

/// <summary>
/// A council's settings (an administrator changes them). One row per council; a council without a row has the
/// defaults. Later features add their targets, weights and thresholds here.
/// </summary>
public class CouncilSettings : ICouncilSetting
{
    public int LocalAuthorityId { get; set; }

    /// <summary>A capacity return older than this many days is stale (Capacity Tracker asks for weekly updates).</summary>
    public int CapacityStaleAfterDays { get; set; } = 7;

    /// <summary>
    /// How brokerage ranks services and offers: whole-number weights, normalised by their sum (for example 60/40
    /// quality and price, as adam's DPS does). Quality is CQC's rating blended with the council's own audit.
    /// </summary>
    public int WeightQuality { get; set; } = 55;
    public int WeightDistance { get; set; } = 15;
    public int WeightPrice { get; set; } = 15;
    public int WeightContinuity { get; set; } = 5;
    public int WeightFairness { get; set; } = 5;
    public int WeightStart { get; set; } = 5;

    /// <summary>
    /// The sourcing target, in working days, for a service type and priority without one of its own. Null until an
    /// administrator saves the council's sourcing targets: until then <see cref="Brokerage.TimescaleSettings.Example"/> applies.
    /// </summary>
    public int? OtherwiseWorkingDays { get; set; }

    /// <summary>
    /// Whether brokers may send requests to, and award placements in, services CQC rates Inadequate, each time with
    /// a recorded reason. Off by default: many councils do not commission further support from Inadequate services
    /// (Staffordshire's words: "did not commission further support for people from 'Inadequate' rated services").
    /// </summary>
    public bool PlaceWithInadequateWithReason { get; set; }

    public int Version { get; set; }

    public Brokerage.Weights Weights =>
        new(WeightQuality, WeightDistance, WeightPrice, WeightContinuity, WeightFairness, WeightStart);

    public static CouncilSettings Defaults(int council) => new() { LocalAuthorityId = council };
}

internal sealed class CouncilSettingsConfiguration : IEntityTypeConfiguration<CouncilSettings>
{
    public void Configure(EntityTypeBuilder<CouncilSettings> e)
    {
        e.HasKey(x => x.LocalAuthorityId);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<LocalAuthority>().WithMany().HasForeignKey(x => x.LocalAuthorityId);
    }
}
