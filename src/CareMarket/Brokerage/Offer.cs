using CareMarket.Data;

namespace CareMarket.Brokerage;

/// <summary>A request sent to a provider's service: only services it was sent to may see it and offer.</summary>
public class Invitation : IProviderShared
{
    public int Id { get; set; }
    /// <summary>The council that sent it (kept here so tenancy needs no join).</summary>
    public int LocalAuthorityId { get; set; }
    public int CareRequestId { get; set; }
    public int ServiceId { get; set; }
    public int ProviderId { get; set; }
    public DateTime SentAt { get; set; }
    /// <summary>
    /// The service is rated Inadequate and the council allows sending to it with a reason: the broker's reason (the
    /// provider may then offer; the award asks again).
    /// </summary>
    public string? InadequateReason { get; set; }
}

public enum OfferStatus { Submitted, Withdrawn, Accepted, NotChosen }

/// <summary>A provider's answer to a care request: price, start date and what it offers.</summary>
public class Offer : IProviderShared
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
