using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Quality.Restrictions;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Brokerage;

/// <summary>The services that can meet a request, ranked with the council's weights, and those that cannot, with why.</summary>
public sealed record MatchResult(CareRequest Request, Need Need, IReadOnlyList<RankedCandidate> Ranked, IReadOnlyList<Ineligible> Ineligible,
    FairnessShares Shares);

/// <summary>
/// Matching: turns a care request and the register into <see cref="Need"/> and <see cref="Candidate"/>s, then applies
/// the rules (<see cref="Eligibility"/>, <see cref="Ranking"/>). Candidates are the active services of the council and
/// its neighbours; capacity is each service's latest return, less what awards have taken since; a service the
/// council has suspended or embargoed today is a candidate that is not eligible, and says so.
/// <para>
/// Every candidate is screened, not only those an index would find: a broker is shown every service that cannot meet
/// the need and why, and the query already narrows by type and place (the council and its neighbours: a few hundred
/// services). A spatial index (CandidateIndex) was measured and removed for want of a caller (bench/README.md).
/// </para>
/// </summary>
public sealed class Matching(CareMarketDb db)
{
    /// <summary>A request's offers with their service and provider, ranked by the same rules as the matches.</summary>
    public sealed record RankedOffer(Offer Offer, string Service, string Provider, int? Position, double? Score, IReadOnlyList<string> Reasons);

    public async Task<(MatchResult? Match, List<RankedOffer> Offers)> WithOffersAsync(int requestId, Weights weights, CancellationToken ct = default)
    {
        var match = await ForRequestAsync(requestId, weights, ct);
        var offers = await db.Offers.AsNoTracking().Where(o => o.CareRequestId == requestId).ToListAsync(ct);
        var serviceIds = offers.Select(o => o.ServiceId).ToList();
        var names = await db.Services.Where(s => serviceIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Name, Provider = s.Provider!.Name }).ToDictionaryAsync(s => s.Id, ct);
        var candidates = match is null ? [] : match.Ranked.Select(r => r.Candidate).Concat(match.Ineligible.Select(i => i.Candidate)).ToList();
        var ranked = match is null ? [] : Ranking.RankOffers(match.Need, candidates,
            offers.Where(o => o.Status == OfferStatus.Submitted).Select(o => new OfferTerms(o.Id, o.ServiceId, o.WeeklyPrice, o.StartDate)).ToList(),
            weights, FairnessShares.None);
        var rows = offers.Select(o =>
        {
            var r = ranked.FirstOrDefault(x => x.Offer?.OfferId == o.Id);
            var n = names.GetValueOrDefault(o.ServiceId);
            // An offer left out of the ranking says why (its service was suspended since it offered, say).
            var why = r?.Reasons ?? (match is not null && o.Status == OfferStatus.Submitted && candidates.FirstOrDefault(c => c.ServiceId == o.ServiceId) is { } c
                && Eligibility.CheckOffer(match.Need, c) is Decision.Refused no ? [$"Not ranked: {no.Reason}"] : []);
            return new RankedOffer(o, n?.Name ?? $"Service {o.ServiceId}", n?.Provider ?? "", r?.Position, r is null ? null : Math.Round(r.Score, 1), why);
        }).OrderBy(o => o.Position ?? int.MaxValue).ThenBy(o => o.Offer.Id).ToList();
        return (match, rows);
    }

    public async Task<MatchResult?> ForRequestAsync(int requestId, Weights weights, CancellationToken ct = default)
    {
        var request = await db.CareRequests.AsNoTracking().Include(r => r.Person).FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null || db.TenantId is not { } council) return null;
        var need = (await NeedsAsync([request], council, ct))[request.Id];
        var pool = await PoolAsync(council, need.AcceptableTypes, ct);

        var screening = Eligibility.Screen(need, pool.CandidatesFor(need));
        var from = db.Today.AddYears(-1);
        var awards = await db.Placements.Where(p => p.StartsOn >= from)
            .Join(db.Services, p => p.ServiceId, s => s.Id, (p, s) => s.ProviderId)
            .GroupBy(p => p).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var shares = new FairnessShares(awards);
        var ranked = Ranking.Rank(need, screening.Eligible, weights, shares);
        return new MatchResult(request, need, ranked, screening.Ineligible, shares);
    }

    /// <summary>
    /// For the queue: how many services could meet each request now (eligible, with the capacity), read in one pass
    /// over the register and the latest returns rather than a full match per request.
    /// </summary>
    public async Task<Dictionary<int, int>> CouldMeetNowAsync(IReadOnlyCollection<int> requestIds, CancellationToken ct = default)
    {
        if (requestIds.Count == 0 || db.TenantId is not { } council) return [];
        var requests = await db.CareRequests.AsNoTracking().Where(r => requestIds.Contains(r.Id)).ToListAsync(ct);
        var needs = await NeedsAsync(requests, council, ct);
        var pool = await PoolAsync(council, needs.Values.SelectMany(n => n.AcceptableTypes).Distinct().ToArray(), ct);
        return needs.ToDictionary(n => n.Key, n => Eligibility.Screen(n.Value, pool.CandidatesFor(n.Value)).Eligible.Count);
    }

    /// <summary>A service that might meet a need: its register entry, latest return, the ledger since, and any suspension.</summary>
    private sealed record PoolService(int Id, int ProviderId, string Name, ServiceType ServiceType, Specialism Specialisms, int? AreaId,
        double? Latitude, double? Longitude, RatingWord? Rating, CapacityReturn? Latest, bool Suspended);

    /// <summary>The active services of some types in the council and its neighbours, with what they can take now.</summary>
    private sealed record Pool(IReadOnlyList<PoolService> Services, ILookup<int, Vacancy> Ledger)
    {
        /// <summary>Each service as a candidate for this need: the capacity of the kind it asks for, less what awards have taken.</summary>
        public List<Candidate> CandidatesFor(Need need) => Services.Where(s => need.AcceptableTypes.Contains(s.ServiceType)).Select(s =>
        {
            var r = s.Latest;
            var beds = 0;
            var hours = 0m;
            if (r is not null && need.BedCategory is { } category)
            {
                var line = r.Beds.FirstOrDefault(b => b.Category == category);
                beds = line is null ? 0 : CapacityRules.AcceptingVacancies(r.AcceptingAdmissions, line);
            }
            if (r is not null && need.BedCategory is null)
                hours = Eligibility.UsableHours(r.Hours, need.PreferredAreaId, need.TimeBands);
            // What awards have taken since this return (the ledger is only current if it started from this return).
            var kind = Vacancies.KindOf(need.BedCategory);
            if (r is not null && Ledger[s.Id].FirstOrDefault(v => v.Kind == kind && v.FromReturnId == r.Id) is { } left)
            {
                if (need.BedCategory is null) hours = Math.Min(hours, (decimal)left.Available);
                else beds = Math.Min(beds, (int)left.Available);
            }
            return new Candidate(s.Id, s.ProviderId, s.Name, s.ServiceType, s.Specialisms, s.AreaId, s.Latitude, s.Longitude,
                s.Rating, AuditScore: null, s.Suspended, beds, hours, WeeklyPrice: null, r?.EarliestStart);
        }).ToList();
    }

    private async Task<Pool> PoolAsync(int council, ServiceType[] types, CancellationToken ct)
    {
        var neighbours = await db.Neighbours.Where(n => n.LocalAuthorityId == council).Select(n => n.NeighbourId).ToListAsync(ct);
        var services = await db.Services.AsNoTracking()
            .Where(s => s.Status == ServiceStatus.Active && types.Contains(s.ServiceType)
                        && (s.HostLocalAuthorityId == council || neighbours.Contains(s.HostLocalAuthorityId!.Value)))
            .Select(s => new
            {
                s.Id, s.ProviderId, s.Name, s.ServiceType, s.Specialisms, s.AreaId, s.Latitude, s.Longitude,
                Rating = s.CurrentRating == null ? (RatingWord?)null : s.CurrentRating.Overall,
            })
            .ToListAsync(ct);
        var ids = services.Select(s => s.Id).ToList();
        var latest = (await db.CapacityReturns.AsNoTracking().AsSplitQuery().Include(r => r.Beds).Include(r => r.Hours)
                .Where(r => ids.Contains(r.ServiceId) && r.ReportedAt == db.CapacityReturns.Where(o => o.ServiceId == r.ServiceId).Max(o => o.ReportedAt))
                .ToListAsync(ct))
            .GroupBy(r => r.ServiceId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Id)!);
        var ledger = (await db.Vacancies.AsNoTracking().Where(v => ids.Contains(v.ServiceId)).ToListAsync(ct)).ToLookup(v => v.ServiceId);
        // The council's own suspensions and embargoes; another council's are its own business.
        var restricted = await ServiceRestrictions.InForceAsync(db, council, ids, ct);
        return new Pool(services.Select(s => new PoolService(s.Id, s.ProviderId, s.Name, s.ServiceType, s.Specialisms, s.AreaId,
            s.Latitude, s.Longitude, s.Rating, latest.GetValueOrDefault(s.Id), restricted.ContainsKey(s.Id))).ToList(), ledger);
    }

    /// <summary>
    /// The needs as the rules read them. The person's place is the centroid of the services in their area (CareMarket
    /// keeps no address); for homecare, the homecare patch that covers their postcode district.
    /// </summary>
    private async Task<Dictionary<int, Need>> NeedsAsync(IReadOnlyCollection<CareRequest> requests, int council, CancellationToken ct)
    {
        var patches = await db.Areas.AsNoTracking().Where(a => a.LocalAuthorityId == council && a.Kind == AreaKind.HomecarePatch).ToListAsync(ct);
        var areaIds = requests.Select(r => r.PreferredAreaId).OfType<int>().Distinct().ToList();
        var centres = await db.Services.Where(s => s.AreaId != null && areaIds.Contains(s.AreaId.Value) && s.Latitude != null)
            .GroupBy(s => s.AreaId).Select(g => new { Area = g.Key!.Value, Lat = g.Average(s => s.Latitude), Lon = g.Average(s => s.Longitude) })
            .ToDictionaryAsync(c => c.Area, ct);
        var people = requests.Select(r => r.PersonId).Distinct().ToList();
        // Continuity: the service each person is placed with now, other than by the request itself.
        var placed = (await db.Placements.Where(p => people.Contains(p.PersonId) && p.EndsOn == null)
                .Select(p => new { p.PersonId, p.ServiceId, p.StartsOn, p.CareRequestId }).ToListAsync(ct))
            .ToLookup(p => p.PersonId);
        return requests.ToDictionary(r => r.Id, r =>
        {
            var types = new[] { r.ServiceType }.Concat(r.AlsoAcceptable.Split('|', StringSplitOptions.RemoveEmptyEntries)
                .Select(t => Enum.TryParse<ServiceType>(t, out var x) ? x : r.ServiceType)).Distinct().ToArray();
            var bands = r.TimeBands.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<TimeBand>).ToArray();
            var place = r.PreferredAreaId;
            if (r.BedCategory is null)
                place = patches.FirstOrDefault(p => r.PostcodeDistrict is { } d && p.PostcodeDistricts.Split(' ').Contains(d, StringComparer.OrdinalIgnoreCase))?.Id ?? place;
            var centre = r.PreferredAreaId is { } area ? centres.GetValueOrDefault(area) : null;
            var current = placed[r.PersonId].Where(p => p.CareRequestId != r.Id).OrderByDescending(p => p.StartsOn).Select(p => (int?)p.ServiceId).FirstOrDefault();
            return new Need(types, r.Specialisms, r.BedCategory, r.HoursPerWeek, bands, place, centre?.Lat, centre?.Lon, r.MaxDistanceKm, current, r.WantedStart);
        });
    }
}
