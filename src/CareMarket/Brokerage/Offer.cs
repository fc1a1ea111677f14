using System.Linq.Expressions;
using CareMarket.Data;
namespace CareMarket.Brokerage;

/// <summary>A request sent to a provider's service: only services it was sent to may see it and offer.</summary>
public class Invitation : ICouncilOwned, IVisibleTo<Invitation>
{
    /// <summary>A provider sees the invitations to its services; a council's staff its own council's.</summary>
    public static Expression<Func<CareMarketDb, Invitation, bool>> Visible => (db, x) => db.TenantId == null
        || (db.ActorProviderId != null ? x.ProviderId == db.ActorProviderId : db.SeesCouncilRecords && x.LocalAuthorityId == db.TenantId);

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
public class Offer : ICouncilOwned, IVisibleTo<Offer>
{
    /// <summary>A provider sees its own offers; a council's staff the offers made to its requests.</summary>
    public static Expression<Func<CareMarketDb, Offer, bool>> Visible => (db, x) => db.TenantId == null
        || (db.ActorProviderId != null ? x.ProviderId == db.ActorProviderId : db.SeesCouncilRecords && x.LocalAuthorityId == db.TenantId);

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
