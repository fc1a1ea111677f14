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

    /// <summary>A request's matches and its offers, ranked on the same facts (the same candidates, the same recent awards).</summary>
    public async Task<(MatchResult? Match, List<RankedOffer> Offers)> WithOffersAsync(int requestId, Weights weights, CancellationToken ct = default)
    {
        var match = await ForRequestAsync(requestId, weights, ct);
        var offers = await db.Offers.AsNoTracking().Where(o => o.CareRequestId == requestId).ToListAsync(ct);
        var candidates = match is null ? [] : match.Ranked.Select(r => r.Candidate).Concat(match.Ineligible.Select(i => i.Candidate)).ToList();
        return (match, await OfferRowsAsync(match?.Need, candidates, offers, weights, match?.Shares ?? FairnessShares.None, ct));
    }

    /// <summary>
    /// A request's offers ranked as <see cref="WithOffersAsync"/> ranks them, reading only the services that offered
    /// (no full match): what the award checks to know the top offer.
    /// </summary>
    public async Task<List<RankedOffer>> OffersAsync(int requestId, Weights weights, CancellationToken ct = default)
    {
        var request = await db.CareRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null || db.TenantId is not { } council) return [];
        var offers = await db.Offers.AsNoTracking().Where(o => o.CareRequestId == requestId).ToListAsync(ct);
        var need = (await NeedsAsync([request], council, ct))[request.Id];
        var pool = await PoolAsync(council, [need], offers.Select(o => o.ServiceId).Distinct().ToList(), ct);
        return await OfferRowsAsync(need, pool.CandidatesFor(need), offers, weights, await SharesAsync(ct), ct);
    }

    /// <summary>
    /// A request's need and the given services as candidates for it, whatever their type and wherever they are: what
    /// send, offer and award check on the server (<see cref="Eligibility.CheckToPlace"/>). A service that is not
    /// active in the register is not in the answer.
    /// </summary>
    public async Task<(Need Need, List<Candidate> Candidates)> ForPlacingAsync(CareRequest request, IReadOnlyCollection<int> serviceIds, CancellationToken ct = default)
    {
        var council = request.LocalAuthorityId;
        var need = (await NeedsAsync([request], council, ct))[request.Id];
        var pool = await PoolAsync(council, [need], serviceIds, ct, anywhere: true);
        return (need, pool.CandidatesFor(need, anyType: true));
    }

    private async Task<List<RankedOffer>> OfferRowsAsync(Need? need, List<Candidate> candidates, List<Offer> offers, Weights weights,
        FairnessShares shares, CancellationToken ct)
    {
        var serviceIds = offers.Select(o => o.ServiceId).ToList();
        var names = await db.Services.Where(s => serviceIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Name, Provider = s.Provider!.Name }).ToDictionaryAsync(s => s.Id, ct);
        var ranked = need is null ? [] : Ranking.RankOffers(need, candidates,
            offers.Where(o => o.Status == OfferStatus.Submitted).Select(o => new OfferTerms(o.Id, o.ServiceId, o.WeeklyPrice, o.StartDate)).ToList(),
            weights, shares);
        return offers.Select(o =>
        {
            var r = ranked.FirstOrDefault(x => x.Offer?.OfferId == o.Id);
            var n = names.GetValueOrDefault(o.ServiceId);
            // An offer left out of the ranking says why (its service was suspended since it offered, say).
            var why = r?.Reasons ?? (need is not null && o.Status == OfferStatus.Submitted && candidates.FirstOrDefault(c => c.ServiceId == o.ServiceId) is { } c
                && Eligibility.CheckOffer(need, c) is Decision.Refused no ? [$"Not ranked: {no.Reason}"] : []);
            return new RankedOffer(o, n?.Name ?? $"Service {o.ServiceId}", n?.Provider ?? "", r?.Position, r is null ? null : Math.Round(r.Score, 1), why);
        }).OrderBy(o => o.Position ?? int.MaxValue).ThenBy(o => o.Offer.Id).ToList();
    }

    public async Task<MatchResult?> ForRequestAsync(int requestId, Weights weights, CancellationToken ct = default)
    {
        var request = await db.CareRequests.AsNoTracking().Include(r => r.Person).FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null || db.TenantId is not { } council) return null;
        var need = (await NeedsAsync([request], council, ct))[request.Id];
        var pool = await PoolAsync(council, [need], null, ct);

        var screening = Eligibility.Screen(need, pool.CandidatesFor(need));
        var shares = await SharesAsync(ct);
        var ranked = Ranking.Rank(need, screening.Eligible, weights, shares);
        return new MatchResult(request, need, ranked, screening.Ineligible, shares);
    }

    /// <summary>
    /// For the queue: how many services could meet each request now (eligible, with the capacity on a return that is
    /// not out of date), read in one pass
    /// over the register and the latest returns rather than a full match per request.
    /// </summary>
    public async Task<Dictionary<int, int>> CouldMeetNowAsync(IReadOnlyCollection<int> requestIds, CancellationToken ct = default)
    {
        if (requestIds.Count == 0 || db.TenantId is not { } council) return [];
        var requests = await db.CareRequests.AsNoTracking().Where(r => requestIds.Contains(r.Id)).ToListAsync(ct);
        var needs = await NeedsAsync(requests, council, ct);
        var pool = await PoolAsync(council, needs.Values, null, ct);
        // Room now: eligible on figures that are fresh. A service whose return is out of date may or may not have room.
        return needs.ToDictionary(n => n.Key, n => Eligibility.Screen(n.Value, pool.CandidatesFor(n.Value)).Eligible.Count(c => c.CapacityKnown));
    }

    /// <summary>A service's latest capacity return, read narrowly: only the bed lines, hours lines and ledger kinds the needs ask about.</summary>
    private sealed record LatestReturn(long Id, DateTime ReportedAt, bool? AcceptingAdmissions, DateOnly? EarliestStart,
        IReadOnlyList<BedLine> Beds, IReadOnlyList<HoursLine> Hours, IReadOnlyDictionary<string, double> Ledger);

    /// <summary>A service that might meet a need: its register entry, latest return (with what awards have taken since), and any suspension.</summary>
    private sealed record PoolService(int Id, int ProviderId, string Name, ServiceType ServiceType, Specialism Specialisms, int? AreaId,
        double? Latitude, double? Longitude, RatingWord? Rating, LatestReturn? Latest, bool Suspended, bool Dormant);

    /// <summary>The active services of some types in the council and its neighbours, with what they can take now.</summary>
    private sealed record Pool(IReadOnlyList<PoolService> Services, DateTime Now, int StaleAfterDays)
    {
        /// <summary>
        /// Each service as a candidate for this need: the capacity of the kind it asks for, less what awards have
        /// taken, and how fresh that is. <paramref name="anyType"/>: every service read, not only those of the types
        /// the need accepts (for send, offer and award, which say why a service of another type cannot take it).
        /// </summary>
        public List<Candidate> CandidatesFor(Need need, bool anyType = false) => Services.Where(s => anyType || need.AcceptableTypes.Contains(s.ServiceType)).Select(s =>
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
            if (r is not null && r.Ledger.TryGetValue(Vacancies.KindOf(need.BedCategory), out var left))
            {
                if (need.BedCategory is null) hours = Math.Min(hours, (decimal)left);
                else beds = Math.Min(beds, (int)left);
            }
            // Types that make no capacity returns have nothing to be out of date.
            var reports = Eligibility.IsBedBased(s.ServiceType) || Eligibility.IsHoursBased(s.ServiceType);
            var freshness = reports ? CapacityRules.FreshnessOf(r?.ReportedAt, Now, StaleAfterDays) : Freshness.Fresh;
            int? days = r is null ? null : (int)Math.Floor((Now - r.ReportedAt).TotalDays);
            return new Candidate(s.Id, s.ProviderId, s.Name, s.ServiceType, s.Specialisms, s.AreaId, s.Latitude, s.Longitude,
                s.Rating, AuditScore: null, s.Suspended, beds, hours, WeeklyPrice: null, r?.EarliestStart, freshness, days, s.Dormant);
        }).ToList();
    }

    /// <summary>
    /// The pool for some needs in two queries: the services with their latest return's key, then those returns with
    /// only the lines the needs can use (their bed categories; their patches and times of day) and the ledger rows
    /// started from them. Nothing is read per candidate. <paramref name="only"/> narrows it to some services (the
    /// ones that offered).
    /// </summary>
    /// <param name="anywhere">Read the <paramref name="only"/> services whatever their type and wherever they are (for the server's checks).</param>
    private async Task<Pool> PoolAsync(int council, IReadOnlyCollection<Need> needs, IReadOnlyCollection<int>? only, CancellationToken ct, bool anywhere = false)
    {
        var types = needs.SelectMany(n => n.AcceptableTypes).Distinct().ToArray();
        var neighbours = db.Neighbours.Where(n => n.LocalAuthorityId == council).Select(n => n.NeighbourId);
        var pool = db.Services.AsNoTracking().Where(s => s.Status == ServiceStatus.Active);
        if (!anywhere)
        {
            pool = pool.Where(s => types.Contains(s.ServiceType)
                && (s.HostLocalAuthorityId == council || neighbours.Contains(s.HostLocalAuthorityId!.Value)));
        }
        if (only is not null) pool = pool.Where(s => only.Contains(s.Id));
        var services = await pool
            .Select(s => new
            {
                s.Id, s.ProviderId, s.Name, s.ServiceType, s.Specialisms, s.AreaId, s.Latitude, s.Longitude, s.Dormant,
                Rating = s.CurrentRating == null ? (RatingWord?)null : s.CurrentRating.Overall,
            })
            .ToListAsync(ct);
        var staleAfter = staleAfterRead ??= await new CapacityReports(db).StaleAfterDaysAsync(ct);
        if (services.Count == 0) return new Pool([], db.Now, staleAfter);

        // The latest return of each: the last reported, and of two at the same moment the last written.
        var latestIds = pool.Select(s => db.CapacityReturns.Where(r => r.ServiceId == s.Id)
            .OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id).Select(r => (long?)r.Id).FirstOrDefault());
        var categories = needs.Select(n => n.BedCategory).OfType<BedCategory>().Distinct().ToArray();
        var wantHours = needs.Any(n => n.BedCategory is null);
        // A need with no patch counts every patch's hours; a need with no time bands, every band.
        var patches = needs.Any(n => n.BedCategory is null && n.PreferredAreaId is null) ? null
            : needs.Where(n => n.BedCategory is null).Select(n => n.PreferredAreaId!.Value).Distinct().ToArray();
        var bands = needs.Any(n => n.BedCategory is null && n.TimeBands.Length == 0) ? null
            : needs.Where(n => n.BedCategory is null).SelectMany(n => n.TimeBands).Distinct().ToArray();
        var allPatches = patches is null;
        var allBands = bands is null;
        patches ??= [];
        bands ??= [];
        var kinds = needs.Select(n => Vacancies.KindOf(n.BedCategory)).Distinct().ToArray();
        var returns = (await db.CapacityReturns.AsNoTracking().Where(r => latestIds.Contains(r.Id))
                .Select(r => new
                {
                    r.Id, r.ServiceId, r.ReportedAt, r.AcceptingAdmissions, r.EarliestStart,
                    Beds = r.Beds.Where(b => categories.Contains(b.Category)).Select(b => new { b.Category, b.VacantAccepting }).ToList(),
                    Hours = r.Hours.Where(h => wantHours && (allPatches || patches.Contains(h.AreaId)) && (allBands || bands.Contains(h.TimeBand)))
                        .Select(h => new { h.AreaId, h.TimeBand, h.HoursAvailable }).ToList(),
                    Ledger = db.Vacancies.Where(v => v.ServiceId == r.ServiceId && v.FromReturnId == r.Id && kinds.Contains(v.Kind))
                        .Select(v => new { v.Kind, v.Available }).ToList(),
                })
                .ToListAsync(ct))
            .ToDictionary(r => r.ServiceId, r => new LatestReturn(r.Id, r.ReportedAt, r.AcceptingAdmissions, r.EarliestStart,
                r.Beds.Select(b => new BedLine { Category = b.Category, VacantAccepting = b.VacantAccepting }).ToList(),
                r.Hours.Select(h => new HoursLine { AreaId = h.AreaId, TimeBand = h.TimeBand, HoursAvailable = h.HoursAvailable }).ToList(),
                r.Ledger.ToDictionary(v => v.Kind, v => v.Available)));
        // The council's own suspensions and embargoes; another council's are its own business.
        var restricted = await ServiceRestrictions.InForceAsync(db, council, services.Select(s => s.Id).ToList(), ct);
        return new Pool(services.Select(s => new PoolService(s.Id, s.ProviderId, s.Name, s.ServiceType, s.Specialisms, s.AreaId,
            s.Latitude, s.Longitude, s.Rating, returns.GetValueOrDefault(s.Id), restricted.ContainsKey(s.Id), s.Dormant)).ToList(), db.Now, staleAfter);
    }

    /// <summary>
    /// The needs as the rules read them. The person's place is the centroid of the services in their area (CareMarket
    /// keeps no address); for homecare, the homecare patch that covers their postcode district.
    /// </summary>
    private async Task<Dictionary<int, Need>> NeedsAsync(IReadOnlyCollection<CareRequest> requests, int council, CancellationToken ct)
    {
        var patches = await PatchesAsync(council, ct);
        var centres = await CentresAsync(requests.Select(r => r.PreferredAreaId).OfType<int>(), ct);
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
            var centre = r.PreferredAreaId is { } area && centres.TryGetValue(area, out var c) ? c : ((double? Lat, double? Lon)?)null;
            var current = placed[r.PersonId].Where(p => p.CareRequestId != r.Id).OrderByDescending(p => p.StartsOn).Select(p => (int?)p.ServiceId).FirstOrDefault();
            return new Need(types, r.Specialisms, r.BedCategory, r.HoursPerWeek, bands, place, centre?.Lat, centre?.Lon, r.MaxDistanceKm, current, r.WantedStart);
        });
    }

    // What does not change while one request (or one award) is handled: read once per Matching, which is made per
    // request. The council's homecare patches, the centres of its areas, the recent awards by provider.
    private List<Area>? patchesRead;
    private readonly Dictionary<int, (double? Lat, double? Lon)> centresRead = [];
    private readonly HashSet<int> centresLacking = [];
    private FairnessShares? sharesRead;
    private int? staleAfterRead;

    private async Task<List<Area>> PatchesAsync(int council, CancellationToken ct) =>
        patchesRead ??= await db.Areas.AsNoTracking().Where(a => a.LocalAuthorityId == council && a.Kind == AreaKind.HomecarePatch).ToListAsync(ct);

    /// <summary>The centroid of the services in each area (an area with none has no centre, and is not in the answer).</summary>
    private async Task<Dictionary<int, (double? Lat, double? Lon)>> CentresAsync(IEnumerable<int> areas, CancellationToken ct)
    {
        var wanted = areas.Distinct().ToList();
        var missing = wanted.Where(a => !centresRead.ContainsKey(a) && !centresLacking.Contains(a)).ToList();
        if (missing.Count > 0)
        {
            var read = await db.Services.Where(s => s.AreaId != null && missing.Contains(s.AreaId.Value) && s.Latitude != null)
                .GroupBy(s => s.AreaId).Select(g => new { Area = g.Key!.Value, Lat = g.Average(s => s.Latitude), Lon = g.Average(s => s.Longitude) })
                .ToListAsync(ct);
            foreach (var c in read) centresRead[c.Area] = (c.Lat, c.Lon);
            centresLacking.UnionWith(missing.Where(a => !centresRead.ContainsKey(a)));
        }
        return wanted.Where(centresRead.ContainsKey).ToDictionary(a => a, a => centresRead[a]);
    }

    /// <summary>Awards in the last year by provider: the fairness part of the score, for matches and offers alike.</summary>
    private async Task<FairnessShares> SharesAsync(CancellationToken ct)
    {
        if (sharesRead is not null) return sharesRead;
        var from = db.Today.AddYears(-1);
        var awards = await db.Placements.Where(p => p.StartsOn >= from)
            .Join(db.Services, p => p.ServiceId, s => s.Id, (p, s) => s.ProviderId)
            .GroupBy(p => p).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return sharesRead = new FairnessShares(awards);
    }
}
