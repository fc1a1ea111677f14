using CareMarket.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
namespace CareMarket.Register;

/// <summary>
/// A council with adult social care duties, known by its ONS code (E06…, E08…, E09…, E10…), made from the reference
/// list (CareMarket.Councils.CouncilCatalogue). Councils that use CareMarket are tenants (<see cref="IsTenant"/>):
/// every council-owned record carries one. The others are known as neighbours and as the hosts of services.
/// </summary>
public class LocalAuthority : IReferenceData
{
    public int Id { get; set; }
    public required string OnsCode { get; set; }
    public required string Name { get; set; }
    public required string Region { get; set; }

    /// <summary>The spelling CQC files use in "Location Local Authority" (usually the same as Name).</summary>
    public string? CqcName { get; set; }

    /// <summary>Other spellings seen for the council in CQC data ("St Helens", "Bristol"), separated by "|".</summary>
    public string OtherNames { get; set; } = "";

    /// <summary>The council's code in NHS England's adult social care collections (SALT, ASC-FR, ASCOF), when known.</summary>
    public string? CassrCode { get; set; }

    /// <summary>When a council made by reorganisation began, and when an abolished one ceased (null: neither known).</summary>
    public DateOnly? BeganOn { get; set; }
    public DateOnly? CeasedOn { get; set; }

    /// <summary>The council uses CareMarket (its staff sign in and own records); false for a neighbour known only by name.</summary>
    public bool IsTenant { get; set; }

    /// <summary>Every spelling a CQC record may use for the council: the CQC name, the name and the other names.</summary>
    public IEnumerable<string> Spellings() =>
        new[] { CqcName, Name }.Concat(OtherNames.Split('|')).OfType<string>().Select(n => n.Trim()).Where(n => n.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Each spelling of the given councils, to the council a CQC record with it stands in (ignoring case). When a
    /// ceased council and its successor share a name ("North Yorkshire"), the current council has it.
    /// </summary>
    public static Dictionary<string, int> BySpelling(IEnumerable<LocalAuthority> councils)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in councils.OrderBy(c => c.CeasedOn is null ? 0 : 1).ThenBy(c => c.Id))
        {
            foreach (var spelling in c.Spellings()) index.TryAdd(spelling, c.Id);
        }
        return index;
    }

    public List<Area> Areas { get; set; } = [];
    public List<LocalAuthorityNeighbour> Neighbours { get; set; } = [];
}

/// <summary>A bordering council. Stored in both directions.</summary>
public class LocalAuthorityNeighbour : IReferenceData
{
    public int LocalAuthorityId { get; set; }
    public int NeighbourId { get; set; }
    public LocalAuthority? Neighbour { get; set; }
}

public enum AreaKind { Locality, HomecarePatch, Ward }

/// <summary>An area inside a council: a locality, a ward, or a homecare patch (framework lot).</summary>
public class Area : IReferenceData
{
    public int Id { get; set; }
    public int LocalAuthorityId { get; set; }
    public required string Name { get; set; }
    public AreaKind Kind { get; set; }

    /// <summary>Postcode districts the area covers, space separated ("DB1 DB2"), used to place services in it.</summary>
    public string PostcodeDistricts { get; set; } = "";
}

internal sealed class LocalAuthorityConfiguration : IEntityTypeConfiguration<LocalAuthority>
{
    public void Configure(EntityTypeBuilder<LocalAuthority> e)
    {
        e.Property(x => x.OnsCode).HasMaxLength(9);
        e.HasIndex(x => x.OnsCode).IsUnique();
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.CqcName).HasMaxLength(200);
        e.Property(x => x.Region).HasMaxLength(100);
        e.Property(x => x.OtherNames).HasMaxLength(500);
        e.Property(x => x.CassrCode).HasMaxLength(5);
        e.HasMany(x => x.Areas).WithOne().HasForeignKey(a => a.LocalAuthorityId);
        e.HasMany(x => x.Neighbours).WithOne().HasForeignKey(n => n.LocalAuthorityId);
    }
}

internal sealed class LocalAuthorityNeighbourConfiguration : IEntityTypeConfiguration<LocalAuthorityNeighbour>
{
    public void Configure(EntityTypeBuilder<LocalAuthorityNeighbour> e)
    {
        e.HasKey(x => new { x.LocalAuthorityId, x.NeighbourId });
        e.HasOne(x => x.Neighbour).WithMany().HasForeignKey(x => x.NeighbourId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> e)
    {
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.PostcodeDistricts).HasMaxLength(500);
        e.HasIndex(x => new { x.LocalAuthorityId, x.Name }).IsUnique();
    }
}
