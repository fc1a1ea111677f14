using CareMarket.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
namespace CareMarket.Register;

/// <summary>
/// One published CQC rating of a service: the overall rating and one per key question.
/// Ratings change; every publication is kept, so the history can be shown with its dates.
/// Since the single assessment framework (late 2023) CQC rates a location once per assessment service group
/// ("Care Homes", "Homecare", …): each is its own row, with the service types it covers; a rating of the location
/// as a whole (every earlier rating, and the files') has no group.
/// </summary>
public class Rating : IReferenceData
{
    public int Id { get; set; }
    public int ServiceId { get; set; }
    public DateOnly PublishedOn { get; set; }
    /// <summary>CQC's assessment service group ("Care Homes"); "" for a rating of the location as a whole.</summary>
    public string AssessmentServiceGroup { get; set; } = "";
    /// <summary>The service types the group covers; none for a rating of the location as a whole.</summary>
    public ServiceTypes ServiceTypes { get; set; }
    /// <summary>When CQC assessed (the API's assessmentDate), where it says; the rating counts from publication.</summary>
    public DateOnly? AssessedOn { get; set; }
    /// <summary>The single assessment framework's plan: id, title and status as CQC gives them.</summary>
    public string? AssessmentPlanId { get; set; }
    public string? AssessmentPlanTitle { get; set; }
    public string? AssessmentPlanStatus { get; set; }
    public RatingWord Overall { get; set; }
    public RatingWord? Safe { get; set; }
    public RatingWord? Effective { get; set; }
    public RatingWord? Caring { get; set; }
    public RatingWord? Responsive { get; set; }
    public RatingWord? WellLed { get; set; }
    /// <summary>Single assessment framework scores per key question, in per cent, where CQC gives them.</summary>
    public decimal? SafeScore { get; set; }
    public decimal? EffectiveScore { get; set; }
    public decimal? CaringScore { get; set; }
    public decimal? ResponsiveScore { get; set; }
    public decimal? WellLedScore { get; set; }
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
        e.Property(x => x.AssessmentServiceGroup).HasMaxLength(100);
        e.Property(x => x.ServiceTypes).HasConversion<int>();
        foreach (var p in new[] { "SafeScore", "EffectiveScore", "CaringScore", "ResponsiveScore", "WellLedScore" })
        {
            e.Property(p).HasPrecision(5, 2);
        }
        e.Property(x => x.AssessmentPlanId).HasMaxLength(60);
        e.Property(x => x.AssessmentPlanTitle).HasMaxLength(300);
        e.Property(x => x.AssessmentPlanStatus).HasMaxLength(40);
        e.HasIndex(x => new { x.ServiceId, x.PublishedOn, x.AssessmentServiceGroup }).IsUnique();
    }
}
