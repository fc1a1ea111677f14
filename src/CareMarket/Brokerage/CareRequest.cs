using System.Linq.Expressions;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Register;

namespace CareMarket.Brokerage;

/// <summary>
/// A person, kept minimal and pseudonymous: the council's own reference, an age band, the primary support reason and
/// the area they live in. CareMarket is for the market, not a case record: no names, no case notes.
/// </summary>
public class Person : ICouncilOwned
{
    public int Id { get; set; }
    public int LocalAuthorityId { get; set; }
    /// <summary>The council's pseudonymous reference (not a name, not an NHS number).</summary>
    public required string Reference { get; set; }
    public AgeBand AgeBand { get; set; }
    public SupportReason PrimarySupportReason { get; set; }
    public int? HomeAreaId { get; set; }
}

public enum AgeBand { From18To64, From65To74, From75To84, From85 }

/// <summary>Primary support reason, as in the short-and-long-term (SALT) return.</summary>
public enum SupportReason
{
    PhysicalSupport, SensorySupport, SupportWithMemoryAndCognition, LearningDisabilitySupport, MentalHealthSupport,
    SocialSupport,
}


public enum RequestStatus { Open, SentToProviders, Sourced, OnHold, Cancelled }

/// <summary>What the person has in the meantime, while their care is sourced (the list, in brokers' words).</summary>
public enum InterimArrangement
{
    None,
    Reablement,
    /// <summary>Bridging care: a short homecare package from another provider until the right one can start.</summary>
    Bridging,
    /// <summary>Temporary residential care, for example while supported living is found.</summary>
    TemporaryResidential,
    /// <summary>Staying in hospital, or in an intermediate care bed, until care is found.</summary>
    HospitalOrIntermediateCare,
    FamilyOrCarer,
}

/// <summary>
/// A person's assessed need to be sourced (a referral to brokerage): what, where, when and how urgently. Providers see
/// only the anonymised requirement: the postcode district, the needs and the hours, never the person.
/// </summary>
public class CareRequest : ICouncilOwned, IVisibleTo<CareRequest>
{
    /// <summary>A council's staff see its requests; a provider sees the requests it was sent.</summary>
    public static Expression<Func<CareMarketDb, CareRequest, bool>> Visible => (db, x) => db.TenantId == null
        || (db.SeesCouncilRecords && x.LocalAuthorityId == db.TenantId)
        || (db.ActorProviderId != null && db.Invitations.Any(i => i.CareRequestId == x.Id && i.ProviderId == db.ActorProviderId));

    public int Id { get; set; }
    public int LocalAuthorityId { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    /// <summary>The service type sought first; acceptable alternatives are in <see cref="AlsoAcceptable"/>.</summary>
    public ServiceType ServiceType { get; set; }
    /// <summary>Other service types that would meet the need, separated by "|".</summary>
    public string AlsoAcceptable { get; set; } = "";
    public Specialism Specialisms { get; set; }
    public BedCategory? BedCategory { get; set; }
    public decimal? HoursPerWeek { get; set; }
    /// <summary>Time bands needed (homecare), separated by "|".</summary>
    public string TimeBands { get; set; } = "";
    public int? PreferredAreaId { get; set; }
    /// <summary>The outward part of the person's postcode, the only location a provider is told.</summary>
    public string? PostcodeDistrict { get; set; }
    public double? MaxDistanceKm { get; set; }
    public DateOnly WantedStart { get; set; }
    public Priority Priority { get; set; }
    /// <summary>The person's preferences in their words, short (what matters to them in choosing), not case notes.</summary>
    public string? Preferences { get; set; }
    public RequestStatus Status { get; set; }
    public InterimArrangement Interim { get; set; }
    /// <summary>When the interim arrangement began (UK date); null with no arrangement.</summary>
    public DateOnly? InterimSince { get; set; }
    /// <summary>Set when the request could not be sourced at first for lack of capacity (ASCOF-style "waited").</summary>
    public bool WaitedForCapacity { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? OffersCloseAt { get; set; }
    public DateTime? SourcedAt { get; set; }
    public int Version { get; set; }
}
