using CareMarket.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
namespace CareMarket.Register;

/// <summary>
/// One published CQC rating of a service: the overall rating and one per key question.
/// Ratings change; every publication is kept, so the history can be shown with its dates.
/// </summary>
public class Rating : IReferenceData
{
    public int Id { get; set; }
    public int ServiceId { get; set; }
    public DateOnly PublishedOn { get; set; }
    public RatingWord Overall { get; set; }
    public RatingWord? Safe { get; set; }
    public RatingWord? Effective { get; set; }
    public RatingWord? Caring { get; set; }
    public RatingWord? Responsive { get; set; }
    public RatingWord? WellLed { get; set; }
    /// <summary>CQC's "Inherited Rating (Y/N)": the rating was carried over from a previous registration.</summary>
    public bool Inherited { get; set; }
    /// <summary>Where the rating came from: a CQC file kind, the CQC API, or the demo.</summary>
    public required string Source { get; set; }
    public DateTime RecordedAt { get; set; }
}

public enum RatingWord
{
    Outstanding,
    Good,
    RequiresImprovement,
    Inadequate,
    InsufficientEvidence,
    NotRated,
    NotApplicable,
}

public enum KeyQuestion { Overall, Safe, Effective, Caring, Responsive, WellLed }

internal sealed class RatingConfiguration : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> e)
    {
        foreach (var p in new[] { "Overall", "Safe", "Effective", "Caring", "Responsive", "WellLed" })
        {
            e.Property(p).HasConversion<string>().HasMaxLength(30);
        }
        e.Property(x => x.Source).HasMaxLength(40);
        e.HasIndex(x => new { x.ServiceId, x.PublishedOn }).IsUnique();
    }
}
