using System.Linq.Expressions;
using CareMarket.Data;
namespace CareMarket.Quality.Restrictions;

/// <summary>
/// A council's decision to place no new people with a service: a suspension of new placements or an embargo, with
/// why, from when, and when it is to be reviewed. Council-owned: each council decides for itself, and brokerage honours
/// only its own council's. The history is kept: lifting records when, by whom and why, and never deletes the row.
/// </summary>
public class ServiceRestriction : ICouncilOwned, INeverDeleted, IVisibleTo<ServiceRestriction>
{
    /// <summary>
    /// A council's staff see their own council's; a provider sees those on its own services, from any council (the
    /// reason is left out where it is read: <see cref="ServiceRestrictions.ListAsync"/>); partners none.
    /// </summary>
    public static Expression<Func<CareMarketDb, ServiceRestriction, bool>> Visible => (db, x) => db.TenantId == null
        || (db.SeesCouncilRecords && x.LocalAuthorityId == db.TenantId)
        || (db.ActorProviderId != null && db.Services.Any(s => s.Id == x.ServiceId && s.ProviderId == db.ActorProviderId));

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
