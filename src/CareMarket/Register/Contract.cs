using CareMarket.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
namespace CareMarket.Register;

/// <summary>How a council buys from a service. Council-owned: each council sees only its own contracts.</summary>
public class Contract : ICouncilOwned
{
    public int Id { get; set; }
    public int LocalAuthorityId { get; set; }
    public int ServiceId { get; set; }
    public Service? Service { get; set; }
    public ContractArrangement Arrangement { get; set; }
    public string? Reference { get; set; }
    /// <summary>The framework lot (homecare patch) the contract covers, if any.</summary>
    public int? LotAreaId { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public int Version { get; set; }
}

public enum ContractArrangement { Framework, BlockContract, SpotPurchase, DynamicPurchasingSystem, InHouse }

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> e)
    {
        e.Property(x => x.Arrangement).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Reference).HasMaxLength(100);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.LocalAuthorityId, x.ServiceId });
        e.HasOne(x => x.Service).WithMany().HasForeignKey(x => x.ServiceId);
        e.HasOne<LocalAuthority>().WithMany().HasForeignKey(x => x.LocalAuthorityId);
    }
}
