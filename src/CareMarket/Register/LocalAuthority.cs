namespace CareMarket.Register;

/// <summary>
/// A council with adult social care duties, known by its ONS code (E06…, E08…, E09…, E10…).
/// Councils that use CareMarket are tenants: every council-owned record carries one.
/// </summary>
public class LocalAuthority
{
    public int Id { get; set; }
    public required string OnsCode { get; set; }
    public required string Name { get; set; }
    public required string Region { get; set; }

    /// <summary>The spelling CQC files use in "Location Local Authority" (usually the same as Name).</summary>
    public string? CqcName { get; set; }

    public List<Area> Areas { get; set; } = [];
    public List<LocalAuthorityNeighbour> Neighbours { get; set; } = [];
}

/// <summary>A bordering council. Stored in both directions.</summary>
public class LocalAuthorityNeighbour
{
    public int LocalAuthorityId { get; set; }
    public int NeighbourId { get; set; }
    public LocalAuthority? Neighbour { get; set; }
}

public enum AreaKind { Locality, HomecarePatch, Ward }

/// <summary>An area inside a council: a locality, a ward, or a homecare patch (framework lot).</summary>
public class Area
{
    public int Id { get; set; }
    public int LocalAuthorityId { get; set; }
    public required string Name { get; set; }
    public AreaKind Kind { get; set; }

    /// <summary>Postcode districts the area covers, space separated ("DB1 DB2"), used to place services in it.</summary>
    public string PostcodeDistricts { get; set; } = "";
}
