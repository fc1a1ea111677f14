using CareMarket.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
namespace CareMarket.Register;

/// <summary>
/// One place or agency that delivers care; CQC calls it a location (id such as 1-1000210669).
/// National reference data: every council sees the same register, and adds its own contracts to it.
/// </summary>
public class Service : IReferenceData
{
    public int Id { get; set; }
    public string? CqcLocationId { get; set; }
    public int ProviderId { get; set; }
    public Provider? Provider { get; set; }
    public required string Name { get; set; }
    public string? AlsoKnownAs { get; set; }

    /// <summary>The main service type, in a commissioner's words.</summary>
    public ServiceType ServiceType { get; set; }
    /// <summary>
    /// Every service type the location is registered for, in our words (an agency is often both homecare and supported
    /// living). Register filters and figures by type count the service under each; the main type always counts too.
    /// Derived by <see cref="RegisterWriter"/> from <see cref="CqcServiceTypes"/>.
    /// </summary>
    public ServiceTypes ServiceTypes { get; set; }
    /// <summary>Every CQC service type as CQC wrote it (file columns marked Y, or the API's names), separated by "|".</summary>
    public string CqcServiceTypes { get; set; } = "";
    /// <summary>Every CQC "Regulated activity - …" marked Y, separated by "|".</summary>
    public string RegulatedActivities { get; set; } = "";
    public Specialism Specialisms { get; set; }

    public string? Street { get; set; }
    public string? City { get; set; }
    public string? Postcode { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? Phone { get; set; }
    public string? Website { get; set; }

    /// <summary>
    /// The council that keeps this record, for a service CQC does not register (<see cref="LocalServices"/>); null for
    /// CQC's locations, which change only with CQC's data.
    /// </summary>
    public int? KeptByLocalAuthorityId { get; set; }

    /// <summary>The council the service stands in, when CareMarket knows it.</summary>
    public int? HostLocalAuthorityId { get; set; }
    public LocalAuthority? HostLocalAuthority { get; set; }
    /// <summary>"Location Local Authority" as CQC wrote it.</summary>
    public string? CqcLocalAuthority { get; set; }
    public string? Region { get; set; }
    /// <summary>The host council's locality or patch the service stands in.</summary>
    public int? AreaId { get; set; }
    public Area? Area { get; set; }

    public bool IsCareHome { get; set; }
    public int? RegisteredBeds { get; set; }
    public string? InspectionDirectorate { get; set; }
    public string? PrimaryInspectionCategory { get; set; }
    public DateOnly? RegisteredOn { get; set; }
    public bool Dormant { get; set; }
    public DateOnly? LastCheckedOn { get; set; }
    public ServiceStatus Status { get; set; }

    public int? CurrentRatingId { get; set; }
    public Rating? CurrentRating { get; set; }
    public List<Rating> Ratings { get; set; } = [];

    public DateTime UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency: a save that read an older version is refused.</summary>
    public int Version { get; set; }
}

public enum ServiceStatus { Active, Exited }

/// <summary>Service types in the words commissioners use (DESIGN.md).</summary>
public enum ServiceType
{
    CareHomeWithoutNursing,
    CareHomeWithNursing,
    Homecare,
    SupportedLiving,
    ExtraCareHousing,
    DayOpportunities,
    RespiteAndShortBreaks,
    Reablement,
    SharedLives,
    Advocacy,
    Other,
}

/// <summary>A set of <see cref="ServiceType"/>s: one flag per type, named alike (<see cref="ServiceTypeSet"/>).</summary>
[Flags]
public enum ServiceTypes
{
    None = 0,
    CareHomeWithoutNursing = 1 << (int)ServiceType.CareHomeWithoutNursing,
    CareHomeWithNursing = 1 << (int)ServiceType.CareHomeWithNursing,
    Homecare = 1 << (int)ServiceType.Homecare,
    SupportedLiving = 1 << (int)ServiceType.SupportedLiving,
    ExtraCareHousing = 1 << (int)ServiceType.ExtraCareHousing,
    DayOpportunities = 1 << (int)ServiceType.DayOpportunities,
    RespiteAndShortBreaks = 1 << (int)ServiceType.RespiteAndShortBreaks,
    Reablement = 1 << (int)ServiceType.Reablement,
    SharedLives = 1 << (int)ServiceType.SharedLives,
    Advocacy = 1 << (int)ServiceType.Advocacy,
    Other = 1 << (int)ServiceType.Other,
}

/// <summary>Between one service type and a set of them.</summary>
public static class ServiceTypeSet
{
    public static ServiceTypes Of(ServiceType type) => (ServiceTypes)(1 << (int)type);

    public static ServiceTypes Of(IEnumerable<ServiceType> types) =>
        types.Aggregate(ServiceTypes.None, (set, t) => set | Of(t));

    /// <summary>The types in the set, in the enum's order.</summary>
    public static IReadOnlyList<ServiceType> Types(ServiceTypes set) =>
        Enum.GetValues<ServiceType>().Where(t => (set & Of(t)) != 0).ToList();

    /// <summary>The types a service counts under: every one it is registered for, and always its main type.</summary>
    public static ServiceTypes Counted(ServiceType main, ServiceTypes all) => all | Of(main);
}

[Flags]
public enum Specialism
{
    None = 0,
    Dementia = 1,
    LearningDisability = 2,
    Autism = 4,
    MentalHealth = 8,
    PhysicalDisability = 16,
    SensoryImpairment = 32,
    SubstanceMisuse = 64,
    OlderPeople = 128,
    YoungerAdults = 256,
    EndOfLifeCare = 512,
    EatingDisorders = 1024,
    WholePopulation = 2048,
}

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> e)
    {
        e.Property(x => x.CqcLocationId).HasMaxLength(20);
        e.HasIndex(x => x.CqcLocationId).IsUnique();
        e.Property(x => x.Name).HasMaxLength(300);
        e.HasIndex(x => x.Name);
        e.Property(x => x.AlsoKnownAs).HasMaxLength(300);
        e.Property(x => x.ServiceType).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.CqcServiceTypes).HasMaxLength(1000);
        // Stored as the flags' number, so a filter by type is one bitwise test in SQL on both engines.
        e.Property(x => x.ServiceTypes).HasConversion<int>();
        e.Property(x => x.RegulatedActivities).HasMaxLength(1000);
        e.Property(x => x.Street).HasMaxLength(300);
        e.Property(x => x.City).HasMaxLength(100);
        e.Property(x => x.Postcode).HasMaxLength(10);
        e.HasIndex(x => x.Postcode);
        e.Property(x => x.Phone).HasMaxLength(40);
        e.Property(x => x.Website).HasMaxLength(300);
        e.Property(x => x.CqcLocalAuthority).HasMaxLength(200);
        e.Property(x => x.Region).HasMaxLength(100);
        e.Property(x => x.InspectionDirectorate).HasMaxLength(100);
        e.Property(x => x.PrimaryInspectionCategory).HasMaxLength(200);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne(x => x.HostLocalAuthority).WithMany().HasForeignKey(x => x.HostLocalAuthorityId);
        e.HasIndex(x => x.HostLocalAuthorityId);
        e.HasOne<LocalAuthority>().WithMany().HasForeignKey(x => x.KeptByLocalAuthorityId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Area).WithMany().HasForeignKey(x => x.AreaId);
        e.HasMany(x => x.Ratings).WithOne().HasForeignKey(r => r.ServiceId);
        e.HasOne(x => x.CurrentRating).WithMany().HasForeignKey(x => x.CurrentRatingId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
