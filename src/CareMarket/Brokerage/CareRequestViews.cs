using System.Text.Json.Serialization;
using CareMarket.Admin;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Brokerage;

/// <summary>An offer on a request, ranked by the council's weights, with the reasons for its place.</summary>
public sealed record OfferRow(int Id, int ServiceId, string Service, string Provider, decimal WeeklyPrice, DateOnly StartDate,
    string? Description, OfferStatus Status, DateTime SubmittedAt, int? Position, double? Score, IReadOnlyList<string> Reasons);

/// <summary>One care request as a broker reads it, on its page and through the API.</summary>
/// <param name="Match">The services that could meet it and those that cannot (the page shows them; the API has /matches).</param>
/// <param name="Clock">Working days run against the council's target; paused while on hold (no due time then).</param>
/// <param name="History">Every change of status, oldest first, with who made it and why.</param>
public sealed record RequestDetail(CareRequest Request, string PersonReference, string? PreferredArea, IReadOnlyList<int> InvitedServiceIds,
    IReadOnlyList<OfferRow> Offers, RequestClock Clock, IReadOnlyList<StatusChangeRow> History, [property: JsonIgnore] MatchResult? Match);

/// <summary>What a provider is told of a request it was sent: the requirement, never the person.</summary>
public sealed record InvitationRow(int RequestId, int ServiceId, string Service, ServiceType ServiceType, Specialism Specialisms,
    BedCategory? BedCategory, decimal? HoursPerWeek, string TimeBands, string? PostcodeDistrict, DateOnly WantedStart, Priority Priority,
    DateTime? OffersCloseAt, decimal? OfferedPrice)
{
    public bool Offered => OfferedPrice is not null;
}

/// <summary>A report's period: from the first of a month to a day, at most three years.</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The 12 months to today (this month and the eleven before it), unless the user chose other dates.</summary>
    public static ReportPeriod? Of(DateOnly today, DateOnly? from = null, DateOnly? to = null)
    {
        var (start, end) = (from ?? new DateOnly(today.Year, today.Month, 1).AddMonths(-11), to ?? today);
        return end < start || end.DayNumber - start.DayNumber > 3 * 366 ? null : new ReportPeriod(start, end);
    }
}

/// <summary>The read models brokerage's pages and API share: one request's detail, one provider's invitations.</summary>
public sealed class CareRequestViews(CareMarketDb db, CareRequests requests, Matching matching, Settings settings)
{
    /// <summary>A request with its person's reference, where it was sent, its offers ranked, its clock and history; null if not the actor's council's.</summary>
    public async Task<RequestDetail?> DetailAsync(int id, CancellationToken ct = default)
    {
        if (!db.SeesCouncilRecords) return null;
        var request = await db.CareRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null || await requests.StoryAsync(id, ct) is not { } story) return null;
        var person = await db.People.Where(p => p.Id == request.PersonId).Select(p => p.Reference).FirstAsync(ct);
        var preferred = await db.Areas.Where(a => a.Id == request.PreferredAreaId).Select(a => a.Name).FirstOrDefaultAsync(ct);
        var invited = await db.Invitations.Where(i => i.CareRequestId == id).Select(i => i.ServiceId).ToListAsync(ct);
        var (match, ranked) = await matching.WithOffersAsync(id, await settings.WeightsAsync(ct), ct);
        var offers = ranked.Select(o => new OfferRow(o.Offer.Id, o.Offer.ServiceId, o.Service, o.Provider, o.Offer.WeeklyPrice, o.Offer.StartDate,
            o.Offer.Description, o.Offer.Status, o.Offer.SubmittedAt, o.Position, o.Score, o.Reasons)).ToList();
        return new RequestDetail(request, person, preferred, invited, offers, story.Clock, story.History, match);
    }

    /// <summary>
    /// The provider's requests still open for offers (sent to one of its services, closing later), soonest to close
    /// first, with the price it offered if it has.
    /// </summary>
    public async Task<List<InvitationRow>> InvitationsAsync(CancellationToken ct = default)
    {
        if (db.ActorProviderId is not { } provider) return [];
        var now = db.Now;
        return await db.Invitations.AsNoTracking().Where(i => i.ProviderId == provider)
            .Join(db.CareRequests.Where(r => r.Status == RequestStatus.SentToProviders && (r.OffersCloseAt == null || r.OffersCloseAt > now)),
                i => i.CareRequestId, r => r.Id, (i, r) => new { i, r })
            .OrderBy(x => x.r.OffersCloseAt).ThenBy(x => x.r.Id)
            .Select(x => new InvitationRow(x.r.Id, x.i.ServiceId, db.Services.Where(s => s.Id == x.i.ServiceId).Select(s => s.Name).First(), x.r.ServiceType,
                x.r.Specialisms, x.r.BedCategory, x.r.HoursPerWeek, x.r.TimeBands, x.r.PostcodeDistrict, x.r.WantedStart, x.r.Priority, x.r.OffersCloseAt,
                db.Offers.Where(o => o.CareRequestId == x.r.Id && o.ServiceId == x.i.ServiceId).Select(o => (decimal?)o.WeeklyPrice).FirstOrDefault()))
            .ToListAsync(ct);
    }
}
