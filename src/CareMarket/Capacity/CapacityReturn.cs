using CareMarket.Data;
using CareMarket.Register;

namespace CareMarket.Capacity;

/// <summary>
/// One capacity return for one service, as the provider reported it at a moment: beds by category for a care home,
/// hours by patch and time band for homecare, supported living and extra care, and staffing for both.
/// Returns are never changed: a new report is a new return, so history and "as at a date" come for free.
/// Capacity is a fact about the service, shared on purpose with every council that places there (like the NHS
/// Capacity Tracker); who reported it and for which council's patches is recorded.
/// </summary>
public class CapacityReturn : IReferenceData
{
    public long Id { get; set; }
    public int ServiceId { get; set; }
    public Service? Service { get; set; }
    public DateTime ReportedAt { get; set; }
    public required string ReportedBy { get; set; }
    public CapacitySource Source { get; set; }

    /// <summary>Care homes: whether they take new admissions at all, and why not.</summary>
    public bool? AcceptingAdmissions { get; set; }
    public string? NotAcceptingReason { get; set; }
    public List<BedLine> Beds { get; set; } = [];

    /// <summary>Homecare, supported living, extra care.</summary>
    public int? PeopleSupported { get; set; }
    public decimal? HoursDeliveredPerWeek { get; set; }
    public decimal? HoursAvailablePerWeek { get; set; }
    public DateOnly? EarliestStart { get; set; }
    public List<HoursLine> Hours { get; set; } = [];

    /// <summary>Staffing headcounts (Capacity Tracker's workforce questions).</summary>
    public int? Nurses { get; set; }
    public int? CareStaff { get; set; }
    public int? OtherStaff { get; set; }
    public int? AgencyStaff { get; set; }
    public int? BankStaff { get; set; }
    public int? StaffAbsent { get; set; }
}

public enum CapacitySource { Provider, Api, CapacityTracker, Demo }

/// <summary>Care home beds of one category, with the four Capacity Tracker figures.</summary>
public class BedLine : IAuditedWithOwner, IReferenceData
{
    public long Id { get; set; }
    public long CapacityReturnId { get; set; }
    public BedCategory Category { get; set; }
    public int MaxCapacity { get; set; }
    public int Occupied { get; set; }
    /// <summary>Vacant but held (for a named person, or block-booked and unused).</summary>
    public int VacantReserved { get; set; }
    /// <summary>Capacity Tracker: "vacant accepting admissions" excludes reserved beds.</summary>
    public int VacantAccepting { get; set; }
}

public enum BedCategory { Residential, Nursing, DementiaResidential, DementiaNursing, RespiteShortStay }

/// <summary>Homecare hours a provider can still take on, in one patch and time band, per week.</summary>
public class HoursLine : IAuditedWithOwner, IReferenceData
{
    public long Id { get; set; }
    public long CapacityReturnId { get; set; }
    /// <summary>The council's homecare patch.</summary>
    public int AreaId { get; set; }
    public TimeBand TimeBand { get; set; }
    public decimal HoursAvailable { get; set; }
}

/// <summary>When in the day homecare visits happen; availability differs a lot between them.</summary>
public enum TimeBand { Morning, Lunch, Tea, Bed, Night }
