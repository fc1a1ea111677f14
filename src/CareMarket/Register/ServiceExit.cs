using CareMarket.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
namespace CareMarket.Register;

/// <summary>
/// A service leaving the register (CQC deregistered the location): when, how many beds went with it, and whether it
/// closed or carried on under a new provider (a successor location, which keeps the history).
/// </summary>
public class ServiceExit : IReferenceData
{
    public int Id { get; set; }
    public int ServiceId { get; set; }
    public Service? Service { get; set; }
    public DateOnly EndedOn { get; set; }
    public int? BedsAtExit { get; set; }
    public ExitKind Kind { get; set; }
    /// <summary>CQC's reason, as written ("Location Changed Provider"), when it gives one.</summary>
    public string? Reason { get; set; }
    /// <summary>The location that carries the service on, when CQC names one (CQC id; it may not be in the register).</summary>
    public string? SuccessorCqcLocationId { get; set; }
    public required string Source { get; set; }
    public DateTime RecordedAt { get; set; }
}

public enum ExitKind
{
    /// <summary>The service closed: its beds or hours are lost to the market.</summary>
    Closed,
    /// <summary>A new provider re-registered the same service as a new location: nothing is lost.</summary>
    ChangedProvider,
}

internal sealed class ServiceExitConfiguration : IEntityTypeConfiguration<ServiceExit>
{
    public void Configure(EntityTypeBuilder<ServiceExit> e)
    {
        e.Property(x => x.Source).HasMaxLength(40);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Reason).HasMaxLength(200);
        e.Property(x => x.SuccessorCqcLocationId).HasMaxLength(20);
        e.HasOne(x => x.Service).WithMany().HasForeignKey(x => x.ServiceId);
        e.HasIndex(x => new { x.ServiceId, x.EndedOn }).IsUnique();
    }
}
