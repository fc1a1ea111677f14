using CareMarket.Brokerage;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareMarket.Placements;

/// <summary>
/// A person receiving a service, created by an award (the placements register grows from it later): where, from
/// when, the bed or hours, the weekly cost, and why this service if it was not the top-ranked offer.
/// </summary>
public class Placement : ICouncilOwned
{
    public int Id { get; set; }
    public int LocalAuthorityId { get; set; }
    public int PersonId { get; set; }
    public int ServiceId { get; set; }
    public int? CareRequestId { get; set; }
    public int? OfferId { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public BedCategory? BedCategory { get; set; }
    public decimal? HoursPerWeek { get; set; }
    public decimal WeeklyCost { get; set; }
    /// <summary>The person's choice, when it was not the top-ranked offer: the reason is kept.</summary>
    public string? ChoiceReason { get; set; }
    /// <summary>
    /// The service is rated Inadequate and the council allows placing there with a reason: the broker's reason.
    /// </summary>
    public string? InadequateReason { get; set; }
    /// <summary>
    /// What the award took from the service's capacity, so the award's audit record names it: the capacity return the
    /// figures came from, the kind (a bed category, or "Hours"), how much (1 bed, or the hours a week) and what was
    /// left after it.
    /// </summary>
    public long? TakenFromReturnId { get; set; }
    public string? TakenKind { get; set; }
    public double? TakenAmount { get; set; }
    public double? LeftAfter { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

internal sealed class PlacementConfiguration : IEntityTypeConfiguration<Placement>
{
    public void Configure(EntityTypeBuilder<Placement> e)
    {
        e.Property(x => x.BedCategory).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.HoursPerWeek).HasPrecision(9, 2);
        e.Property(x => x.WeeklyCost).HasPrecision(9, 2);
        e.Property(x => x.ChoiceReason).HasMaxLength(500);
        e.Property(x => x.InadequateReason).HasMaxLength(500);
        e.Property(x => x.TakenKind).HasMaxLength(30);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        e.HasOne<Service>().WithMany().HasForeignKey(x => x.ServiceId);
        e.HasOne<LocalAuthority>().WithMany().HasForeignKey(x => x.LocalAuthorityId);
        e.HasIndex(x => new { x.LocalAuthorityId, x.ServiceId });
        // One placement per request: a second award of the same request is refused by the database too.
        e.HasIndex(x => x.CareRequestId).IsUnique();
    }
}
