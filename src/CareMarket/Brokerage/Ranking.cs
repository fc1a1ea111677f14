using System.Globalization;
using CareMarket.Register;
using static System.FormattableString;

namespace CareMarket.Brokerage;

/// <summary>
/// How much each part of the score counts, as whole numbers the council sets (for example 55/15/15/5/5/5).
/// They are shares of their sum, so 60/40 and 3/2 rank alike. Quality should outweigh price: price-only auctions
/// buy the cheapest, not the best.
/// </summary>
/// <param name="Start">Offers and services that can start later than wanted lose this part.</param>
public sealed record Weights(int Quality, int Distance, int Price, int Continuity, int Fairness, int Start)
{
    /// <summary>A quality-led starting point for a council to adjust.</summary>
    public static readonly Weights Example = new(55, 15, 15, 5, 5, 5);

    public int Total => Quality + Distance + Price + Continuity + Fairness + Start;

    /// <summary>Each weight a whole number from 0 to 100, and at least one above 0 (else nothing can be ranked).</summary>
    public static Decision Check(Weights weights)
    {
        (string Name, int Value)[] all =
        [
            (nameof(Quality), weights.Quality), (nameof(Distance), weights.Distance), (nameof(Price), weights.Price),
            (nameof(Continuity), weights.Continuity), (nameof(Fairness), weights.Fairness), (nameof(Start), weights.Start),
        ];
        foreach (var (name, value) in all)
        {
            if (value is < 0 or > 100) return new Decision.Refused(name, $"The {name.ToLowerInvariant()} weight must be a whole number from 0 to 100");
        }
        return weights.Total == 0
            ? new Decision.Refused("Weights", "At least one weight must be more than 0, or nothing can be ranked")
            : Decision.Ok;
    }
}

/// <summary>
/// Recent awards per provider, for the fairness part of the score (see <see cref="Fairness.Shares"/>).
/// </summary>
public sealed record FairnessShares(IReadOnlyDictionary<int, int> AwardsByProvider)
{
    public static readonly FairnessShares None = new(new Dictionary<int, int>());

    public int Total => AwardsByProvider.Values.Sum();
    public int Largest => AwardsByProvider.Count == 0 ? 0 : AwardsByProvider.Values.Max();
    public int AwardsOf(int providerId) => AwardsByProvider.GetValueOrDefault(providerId);

    /// <summary>
    /// 1 − the provider's share relative to the largest share: the provider with the most recent awards scores 0,
    /// one with none scores 1. With no recent awards at all, everyone scores 1.
    /// </summary>
    public double Score(int providerId) => Largest == 0 ? 1.0 : 1.0 - (double)AwardsOf(providerId) / Largest;
}

/// <summary>A provider's offer for a request: its weekly price and start date replace the service's usual ones.</summary>
public sealed record OfferTerms(int OfferId, int ServiceId, decimal WeeklyPrice, DateOnly StartDate);

/// <summary>Each part of a score, either as a 0–1 component or as the points it earned.</summary>
public sealed record ScoreParts(double Quality, double Distance, double Price, double Continuity, double Fairness, double Start)
{
    public double Sum => Quality + Distance + Price + Continuity + Fairness + Start;
}

/// <summary>
/// One eligible candidate (or offer) in rank order, with its score out of 100, the parts that made it, and why, in
/// plain words.
/// </summary>
public sealed record RankedCandidate(
    int Position,
    Candidate Candidate,
    OfferTerms? Offer,
    double Score,
    ScoreParts Components,
    ScoreParts Points,
    double? DistanceKm,
    IReadOnlyList<string> Reasons)
{
    public string Explanation => string.Join("; ", Reasons);
}

/// <summary>
/// Ranks eligible services, or offers, for a need by the council's weights. Each part is scored 0–1:
/// <list type="bullet">
/// <item>quality: CQC overall rating (Outstanding 1, Good 0.75, Requires improvement 0.35, not yet rated or
/// insufficient evidence 0.5), and when the council has its own audit, the average of that and audit/100: half each,
/// because the council's visit is recent and local while CQC's is independent;</item>
/// <item>distance: 1 at 0 km falling linearly to 0 at the need's distance limit (20 km when it has none); 0.5 when
/// the distance is unknown, so a gap in the register neither wins nor loses;</item>
/// <item>price: cheapest among those ranked 1, dearest 0, linear between; all the same price 1; no price 0.5;</item>
/// <item>continuity: 1 for the service the person already uses;</item>
/// <item>fairness: 1 − the provider's recent awards relative to the provider with most (<see cref="FairnessShares.Score"/>);</item>
/// <item>start: 1 when it can start by the wanted date (or none is wanted), losing 1/14 a calendar day late, 0 at
/// 14 days or more late; 0.5 when the start date is unknown.</item>
/// </list>
/// Score = Σ part × weight ÷ total weight × 100. Ties (equal to 2 decimal places) go to the better CQC rating, then
/// the nearer, then the lower service id (then offer id), so the same inputs always give the same order.
/// Services whose capacity is not known (a stale return, or none: <see cref="Candidate.CapacityKnown"/>) come after
/// every service with fresh figures, whatever their score: a broker rings round those with room first. Offers are not
/// split so: an offer is the provider's own word that it has the room.
/// </summary>
public static class Ranking
{
    public const double DefaultDistanceLimitKm = 20.0;
    public const int StartDaysToZero = 14;

    /// <summary>Ranks the candidates that pass <see cref="Eligibility.Check(Need, Candidate)"/>; the rest are left out.</summary>
    /// <exception cref="ArgumentException">Weights that <see cref="Weights.Check"/> refuses: check them when saved.</exception>
    public static IReadOnlyList<RankedCandidate> Rank(Need need, IReadOnlyList<Candidate> candidates, Weights weights, FairnessShares shares)
    {
        var eligible = candidates.Where(c => Eligibility.Check(need, c) is Decision.Allowed).Select(c => (c, (OfferTerms?)null)).ToList();
        return Score(need, eligible, weights, shares, freshFirst: true);
    }

    /// <summary>
    /// Ranks offers: each offer's price and start date replace its service's usual price and earliest start, so
    /// offers compete on price among themselves. Offers from services that are not candidates, or no longer pass
    /// <see cref="Eligibility.CheckOffer"/> (suspended since, rated Inadequate since…), are left out.
    /// </summary>
    public static IReadOnlyList<RankedCandidate> RankOffers(
        Need need, IReadOnlyList<Candidate> candidates, IReadOnlyList<OfferTerms> offers, Weights weights, FairnessShares shares)
    {
        var byService = candidates.GroupBy(c => c.ServiceId).ToDictionary(g => g.Key, g => g.First());
        var offered = new List<(Candidate, OfferTerms?)>();
        foreach (var offer in offers)
        {
            if (!byService.TryGetValue(offer.ServiceId, out var c)) continue;
            var asOffered = c with { WeeklyPrice = offer.WeeklyPrice, EarliestStart = offer.StartDate };
            if (Eligibility.CheckOffer(need, asOffered) is Decision.Allowed) offered.Add((asOffered, offer));
        }
        return Score(need, offered, weights, shares, freshFirst: false);
    }

    /// <summary>CQC rating as a 0–1 quality part, before any audit is blended in.</summary>
    public static double RatingScore(RatingWord? rating) => rating switch
    {
        RatingWord.Outstanding => 1.0,
        RatingWord.Good => 0.75,
        RatingWord.RequiresImprovement => 0.35,
        RatingWord.Inadequate => 0.0,
        _ => 0.5,
    };

    /// <summary>Quality part: the CQC score, averaged half and half with audit/100 when the council has audited.</summary>
    public static double QualityScore(RatingWord? rating, int? auditScore) =>
        auditScore is { } audit ? (RatingScore(rating) + Math.Clamp(audit, 0, 100) / 100.0) / 2.0 : RatingScore(rating);

    private static IReadOnlyList<RankedCandidate> Score(Need need, List<(Candidate C, OfferTerms? O)> items, Weights weights, FairnessShares shares, bool freshFirst)
    {
        if (Weights.Check(weights) is Decision.Refused refused)
            throw new ArgumentException(refused.Reason, nameof(weights));
        var prices = items.Select(i => i.C.WeeklyPrice).OfType<decimal>().ToList();
        var cheapest = prices.Count > 0 ? prices.Min() : 0m;
        var dearest = prices.Count > 0 ? prices.Max() : 0m;
        var limit = need.MaxDistanceKm is > 0 ? need.MaxDistanceKm.Value : DefaultDistanceLimitKm;
        double total = weights.Total;

        var scored = new List<(RankedCandidate R, double Sort)>();
        foreach (var (c, offer) in items)
        {
            var km = Eligibility.DistanceKm(need, c);
            var parts = new ScoreParts(
                Quality: QualityScore(c.Rating, c.AuditScore),
                Distance: km is { } d ? Math.Max(0.0, 1.0 - d / limit) : 0.5,
                Price: c.WeeklyPrice is { } p ? (dearest == cheapest ? 1.0 : (double)((dearest - p) / (dearest - cheapest))) : 0.5,
                Continuity: need.CurrentServiceId == c.ServiceId ? 1.0 : 0.0,
                Fairness: shares.Score(c.ProviderId),
                Start: StartScore(need.WantedStart, c.EarliestStart));
            var points = new ScoreParts(
                parts.Quality * weights.Quality / total * 100,
                parts.Distance * weights.Distance / total * 100,
                parts.Price * weights.Price / total * 100,
                parts.Continuity * weights.Continuity / total * 100,
                parts.Fairness * weights.Fairness / total * 100,
                parts.Start * weights.Start / total * 100);
            var score = Math.Round(points.Sum, 2);
            var reasons = Explain(need, c, offer, km, limit, cheapest, dearest, prices.Count, shares, parts, points, weights);
            if (freshFirst && Eligibility.CapacityNotKnown(c) is { } unknown) reasons.Insert(0, unknown);
            scored.Add((new RankedCandidate(0, c, offer, score, parts, points, km, reasons), score));
        }

        return scored
            .OrderByDescending(s => !freshFirst || s.R.Candidate.CapacityKnown)
            .ThenByDescending(s => s.Sort)
            .ThenByDescending(s => RatingScore(s.R.Candidate.Rating))
            .ThenBy(s => s.R.DistanceKm ?? double.MaxValue)
            .ThenBy(s => s.R.Candidate.ServiceId)
            .ThenBy(s => s.R.Offer?.OfferId ?? 0)
            .Select((s, i) => s.R with { Position = i + 1 })
            .ToList();
    }

    /// <summary>Start part: 1 by the wanted date, losing 1/14 a day late; 0.5 unknown; 1 when no date is wanted.</summary>
    public static double StartScore(DateOnly? wanted, DateOnly? start)
    {
        if (wanted is not { } w) return 1.0;
        if (start is not { } s) return 0.5;
        var late = s.DayNumber - w.DayNumber;
        return late <= 0 ? 1.0 : Math.Max(0.0, 1.0 - (double)late / StartDaysToZero);
    }

    private static List<string> Explain(Need need, Candidate c, OfferTerms? offer, double? km, double limit,
        decimal cheapest, decimal dearest, int priced, FairnessShares shares, ScoreParts parts, ScoreParts points, Weights w)
    {
        var reasons = new List<string>();
        double total = w.Total;
        void Add(int weight, string what, double part, double earned)
        {
            if (weight == 0) return;
            reasons.Add(Invariant($"{what}: {part:0.00} × {weight / total * 100:0.#}% = {earned:0.0} points"));
        }

        var rating = c.Rating is null ? "Not yet rated" : RatingWords.Display(c.Rating.Value);
        Add(w.Quality, c.AuditScore is { } audit ? $"{rating} (CQC) and audit {audit}/100" : $"{rating} (CQC)", parts.Quality, points.Quality);
        Add(w.Distance, km is { } d ? Invariant($"{d:0.0} km (0 points at {limit:0.#} km)") : "distance unknown (no location in the register)",
            parts.Distance, points.Distance);
        var price = c.WeeklyPrice is not { } p ? "no price known"
            : (offer is null ? "" : "offered at ") + Money(p) + " a week"
              + (priced > 1 && dearest != cheapest ? $" (cheapest {Money(cheapest)}, dearest {Money(dearest)})" : "");
        Add(w.Price, price, parts.Price, points.Price);
        Add(w.Continuity, need.CurrentServiceId == c.ServiceId ? "the service the person already uses" : "not the person's current service",
            parts.Continuity, points.Continuity);
        var awards = shares.AwardsOf(c.ProviderId);
        Add(w.Fairness, awards == 0
                ? "provider has no recent awards"
                : $"provider has {awards} of {shares.Total} recent awards (most for one provider: {shares.Largest})",
            parts.Fairness, points.Fairness);
        Add(w.Start, StartWords(need.WantedStart, c.EarliestStart), parts.Start, points.Start);
        reasons.Add(Invariant($"score {points.Sum:0.0} out of 100"));
        return reasons;
    }

    private static string StartWords(DateOnly? wanted, DateOnly? start)
    {
        if (wanted is null) return "no start date wanted";
        if (start is not { } s) return "start date not known";
        var late = s.DayNumber - wanted.Value.DayNumber;
        return late <= 0
            ? $"can start {Date(s)}, by the wanted {Date(wanted.Value)}"
            : $"can start {Date(s)}, {late} day{(late == 1 ? "" : "s")} after the wanted {Date(wanted.Value)}";
    }

    private static string Date(DateOnly d) => d.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
    private static string Money(decimal m) => "£" + m.ToString(m == decimal.Truncate(m) ? "#,0" : "#,0.00", CultureInfo.InvariantCulture);
}
