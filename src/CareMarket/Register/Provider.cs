using CareMarket.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
namespace CareMarket.Register;

/// <summary>An organisation that provides care (CQC provider id such as 1-101641521), possibly part of a brand.</summary>
public class Provider : IReferenceData
{
    public int Id { get; set; }
    public string? CqcProviderId { get; set; }
    public required string Name { get; set; }
    public string? BrandId { get; set; }
    public string? BrandName { get; set; }
    /// <summary>The council that added this provider with one of its own services (no CQC provider id); null for CQC's.</summary>
    public int? KeptByLocalAuthorityId { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<Service> Services { get; set; } = [];
}

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> e)
    {
        e.Property(x => x.CqcProviderId).HasMaxLength(20);
        e.HasIndex(x => x.CqcProviderId).IsUnique();
        e.Property(x => x.Name).HasMaxLength(300);
        e.Property(x => x.BrandId).HasMaxLength(20);
        e.Property(x => x.BrandName).HasMaxLength(300);
        e.HasOne<LocalAuthority>().WithMany().HasForeignKey(x => x.KeptByLocalAuthorityId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Services).WithOne(s => s.Provider).HasForeignKey(s => s.ProviderId);
    }
}
