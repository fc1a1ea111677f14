namespace CareMarket.Quality.Restrictions;

/// <summary>
/// A council's decision to place no new people with a service: a suspension of new placements or an embargo, with
/// why, from when, and when it is to be reviewed. Council-owned: each council decides for itself, and brokerage honours
/// only its own council's. The history is kept: lifting records when, by whom and why, and never deletes the row.
/// </summary>
public class ServiceRestriction
{
    public int Id { get; set; }
    public int LocalAuthorityId { get; set; }
    public int ServiceId { get; set; }
    public RestrictionKind Kind { get; set; }
    public RestrictionReason Reason { get; set; }
    /// <summary>The reason in the council's words (required for "Other"). Never shown to providers or partners.</summary>
    public string? Details { get; set; }
    public DateOnly StartsOn { get; set; }
    /// <summary>When the risk panel means to look again. A reminder, not an end: only lifting ends it.</summary>
    public DateOnly? ReviewOn { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? LiftedAt { get; set; }
    public string? LiftedBy { get; set; }
    public string? LiftReason { get; set; }
    /// <summary>Optimistic concurrency: lifting with an older version is refused.</summary>
    public int Version { get; set; }
}

/// <summary>
/// Both stop new placements. A suspension is the council's own decision (often after a risk panel); an embargo is
/// usually agreed with the provider or follows another body's action. Brokerage treats them alike.
/// </summary>
public enum RestrictionKind { Suspension, Embargo }

public enum RestrictionReason { Safeguarding, QualityConcerns, ContractDefault, CqcEnforcement, Other }
