using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareMarket.Capacity;

internal sealed class CapacityReturnConfiguration : IEntityTypeConfiguration<CapacityReturn>
{
    public void Configure(EntityTypeBuilder<CapacityReturn> e)
    {
        e.Property(x => x.ReportedBy).HasMaxLength(256);
        e.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.NotAcceptingReason).HasMaxLength(500);
        e.Property(x => x.HoursDeliveredPerWeek).HasPrecision(9, 2);
        e.Property(x => x.HoursAvailablePerWeek).HasPrecision(9, 2);
        e.HasOne(x => x.Service).WithMany().HasForeignKey(x => x.ServiceId);
        // "Latest return per service as at a date" reads this index backwards.
        e.HasIndex(x => new { x.ServiceId, x.ReportedAt });
        e.HasMany(x => x.Beds).WithOne().HasForeignKey(b => b.CapacityReturnId);
        e.HasMany(x => x.Hours).WithOne().HasForeignKey(h => h.CapacityReturnId);
    }
}

internal sealed class BedLineConfiguration : IEntityTypeConfiguration<BedLine>
{
    public void Configure(EntityTypeBuilder<BedLine> e)
    {
        e.Property(x => x.Category).HasConversion<string>().HasMaxLength(30);
        e.HasIndex(x => new { x.CapacityReturnId, x.Category }).IsUnique();
    }
}

internal sealed class HoursLineConfiguration : IEntityTypeConfiguration<HoursLine>
{
    public void Configure(EntityTypeBuilder<HoursLine> e)
    {
        e.Property(x => x.TimeBand).HasConversion<string>().HasMaxLength(10);
        e.Property(x => x.HoursAvailable).HasPrecision(9, 2);
        e.HasOne<CareMarket.Register.Area>().WithMany().HasForeignKey(x => x.AreaId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.CapacityReturnId, x.AreaId, x.TimeBand }).IsUnique();
        e.HasIndex(x => x.AreaId);
    }
}
