using CareMarket.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
namespace CareMarket.Register;

/// <summary>One import of a CQC file or sync of the CQC API: what was read and what it changed.</summary>
public class ImportRun : IReferenceData
{
    public int Id { get; set; }
    public required string Kind { get; set; }
    public required string Source { get; set; }
    public string? Sha256 { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }
    public int Rows { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    /// <summary>Rows of other sectors (GPs, dentists, hospitals) read and skipped: not written, not refused.</summary>
    public int OtherSectors { get; set; }
    public string? UserName { get; set; }
}

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> e)
    {
        e.Property(x => x.Kind).HasMaxLength(40);
        e.Property(x => x.Source).HasMaxLength(500);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.UserName).HasMaxLength(256);
    }
}
