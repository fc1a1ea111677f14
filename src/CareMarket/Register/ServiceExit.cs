using CareMarket.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
namespace CareMarket.Register;

/// <summary>A service leaving the register (CQC deactivated location): when, and how many beds went with it.</summary>
public class ServiceExit : IReferenceData
{
    public int Id { get; set; }
    public int ServiceId { get; set; }
    public Service? Service { get; set; }
    public DateOnly EndedOn { get; set; }
    public int? BedsAtExit { get; set; }
    public required string Source { get; set; }
    public DateTime RecordedAt { get; set; }
}

internal sealed class ServiceExitConfiguration : IEntityTypeConfiguration<ServiceExit>
{
    public void Configure(EntityTypeBuilder<ServiceExit> e)
    {
        e.Property(x => x.Source).HasMaxLength(40);
        e.HasOne(x => x.Service).WithMany().HasForeignKey(x => x.ServiceId);
        e.HasIndex(x => new { x.ServiceId, x.EndedOn }).IsUnique();
    }
}
