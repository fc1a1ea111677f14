using CareMarket.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareMarket.Brokerage;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> e)
    {
        e.Property(x => x.Reference).HasMaxLength(50);
        e.Property(x => x.AgeBand).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.PrimarySupportReason).HasConversion<string>().HasMaxLength(40);
        e.HasIndex(x => new { x.LocalAuthorityId, x.Reference }).IsUnique();
        e.HasOne<LocalAuthority>().WithMany().HasForeignKey(x => x.LocalAuthorityId);
        e.HasOne<Area>().WithMany().HasForeignKey(x => x.HomeAreaId);
    }
}

internal sealed class CareRequestConfiguration : IEntityTypeConfiguration<CareRequest>
{
    public void Configure(EntityTypeBuilder<CareRequest> e)
    {
        e.Property(x => x.ServiceType).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.AlsoAcceptable).HasMaxLength(300);
        e.Property(x => x.BedCategory).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.HoursPerWeek).HasPrecision(9, 2);
        e.Property(x => x.TimeBands).HasMaxLength(100);
        e.Property(x => x.PostcodeDistrict).HasMaxLength(5);
        e.Property(x => x.Priority).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Preferences).HasMaxLength(500);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Interim).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId);
        e.HasOne<LocalAuthority>().WithMany().HasForeignKey(x => x.LocalAuthorityId);
        e.HasIndex(x => new { x.LocalAuthorityId, x.Status });
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> e)
    {
        e.Property(x => x.InadequateReason).HasMaxLength(500);
        e.HasOne<CareRequest>().WithMany().HasForeignKey(x => x.CareRequestId);
        e.HasOne<Service>().WithMany().HasForeignKey(x => x.ServiceId);
        e.HasIndex(x => new { x.CareRequestId, x.ServiceId }).IsUnique();
        e.HasIndex(x => x.ProviderId);
        e.HasIndex(x => x.LocalAuthorityId);
    }
}

internal sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> e)
    {
        e.Property(x => x.WeeklyPrice).HasPrecision(9, 2);
        e.Property(x => x.Description).HasMaxLength(1000);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.SubmittedBy).HasMaxLength(256);
        e.HasOne<CareRequest>().WithMany().HasForeignKey(x => x.CareRequestId);
        e.HasOne<Service>().WithMany().HasForeignKey(x => x.ServiceId);
        e.HasIndex(x => new { x.CareRequestId, x.ServiceId }).IsUnique();
        e.HasIndex(x => x.ProviderId);
        e.HasIndex(x => x.LocalAuthorityId);
    }
}

internal sealed class RequestStatusChangeConfiguration : IEntityTypeConfiguration<RequestStatusChange>
{
    public void Configure(EntityTypeBuilder<RequestStatusChange> e)
    {
        e.Property(x => x.From).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.To).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.By).HasMaxLength(256);
        e.Property(x => x.HoldReason).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.CancelReason).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.Details).HasMaxLength(RequestStatuses.MostDetails);
        e.HasOne(x => x.CareRequest).WithMany().HasForeignKey(x => x.CareRequestId);
        e.HasOne<LocalAuthority>().WithMany().HasForeignKey(x => x.LocalAuthorityId);
        e.HasIndex(x => new { x.CareRequestId, x.At });
        e.HasIndex(x => x.LocalAuthorityId);
    }
}

internal sealed class SourcingTargetConfiguration : IEntityTypeConfiguration<SourcingTarget>
{
    public void Configure(EntityTypeBuilder<SourcingTarget> e)
    {
        e.HasKey(x => new { x.LocalAuthorityId, x.ServiceType, x.Priority });
        e.Property(x => x.ServiceType).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.Priority).HasConversion<string>().HasMaxLength(20);
        e.HasOne<LocalAuthority>().WithMany().HasForeignKey(x => x.LocalAuthorityId);
    }
}

internal sealed class WithinTimescaleTargetConfiguration : IEntityTypeConfiguration<WithinTimescaleTarget>
{
    public void Configure(EntityTypeBuilder<WithinTimescaleTarget> e)
    {
        e.HasKey(x => new { x.LocalAuthorityId, x.ServiceType });
        e.Property(x => x.ServiceType).HasConversion<string>().HasMaxLength(40);
        e.HasOne<LocalAuthority>().WithMany().HasForeignKey(x => x.LocalAuthorityId);
    }
}
