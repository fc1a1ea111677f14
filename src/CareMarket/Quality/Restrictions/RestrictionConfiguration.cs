using CareMarket.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareMarket.Quality.Restrictions;

internal sealed class ServiceRestrictionConfiguration : IEntityTypeConfiguration<ServiceRestriction>
{
    public void Configure(EntityTypeBuilder<ServiceRestriction> e)
    {
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Reason).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Details).HasMaxLength(ServiceRestrictions.MaxText);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.LiftedBy).HasMaxLength(256);
        e.Property(x => x.LiftReason).HasMaxLength(ServiceRestrictions.MaxText);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<LocalAuthority>().WithMany().HasForeignKey(x => x.LocalAuthorityId);
        e.HasOne<Service>().WithMany().HasForeignKey(x => x.ServiceId);
        e.HasIndex(x => new { x.LocalAuthorityId, x.ServiceId });
        e.HasIndex(x => x.ServiceId);
        // One restriction in force (not lifted) per council and service: two officers placing one at once cannot both.
        e.HasIndex(x => new { x.LocalAuthorityId, x.ServiceId }, "IX_ServiceRestrictions_NotLifted").IsUnique().HasFilter("\"LiftedAt\" IS NULL");
    }
}
