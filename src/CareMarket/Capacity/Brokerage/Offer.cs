namespace CareMarket.Capacity.Brokerage;

/// <summary>A request sent to a provider's service: only services it was sent to may see it and offer.</summary>
public class Invitation
{
    public int Id { get; set; }
    /// <summary>The council that sent it (kept here so tenancy needs no join).</summary>
    public int LocalAuthorityId { get; set; }
    public int CareRequestId { get; set; }
    public int ServiceId { get; set; }
    public int ProviderId { get; set; }
    public DateTime SentAt { get; set; }
}

public enum OfferStatus { Submitted, Withdrawn, Accepted, NotChosen }

/// <summary>A provider's answer to a care request: price, start date and what it offers.</summary>
public class Offer
{
    public int Id { get; set; }
    /// <summary>The council whose request it answers (kept here so tenancy needs no join).</summary>
    public int LocalAuthorityId { get; set; }
    public int CareRequestId { get; set; }
    public int ServiceId { get; set; }
    public int ProviderId { get; set; }
    public decimal WeeklyPrice { get; set; }
    public DateOnly StartDate { get; set; }
    /// <summary>What the provider offers, in its words (no personal data: it never knew the person).</summary>
    public string? Description { get; set; }
    public OfferStatus Status { get; set; }
    public DateTime SubmittedAt { get; set; }
    public required string SubmittedBy { get; set; }
}

/// <summary>
/// A person receiving a service, created by an award (the placements register grows from it later): where, from
/// when, the bed or hours, the weekly cost, and why this service if it was not the top-ranked offer.
/// </summary>
public class Placement
{
    public int Id { get; set; }
    public int LocalAuthorityId { get; set; }
    public int PersonId { get; set; }
    public int ServiceId { get; set; }
    public int? CareRequestId { get; set; }
    public int? OfferId { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public BedCategory? BedCategory { get; set; }
    public decimal? HoursPerWeek { get; set; }
    public decimal WeeklyCost { get; set; }
    /// <summary>The person's choice, when it was not the top-ranked offer: the reason is kept.</summary>
    public string? ChoiceReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>
/// What can still be placed into a service now: beds of a category, or homecare hours a week. Set from each capacity
/// return and taken down by awards with a guarded update (<c>… WHERE Available &gt;= n</c>), so two brokers awarding
/// the last bed at once cannot both succeed.
/// </summary>
public class Vacancy
{
    public int ServiceId { get; set; }
    /// <summary>A bed category, or "Hours" for homecare hours a week.</summary>
    public required string Kind { get; set; }
    public double Available { get; set; }
    public long? FromReturnId { get; set; }
    public DateTime UpdatedAt { get; set; }
}
