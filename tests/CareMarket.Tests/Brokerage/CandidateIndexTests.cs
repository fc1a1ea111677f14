using CareMarket.Capacity;
using CareMarket.Brokerage;
using CareMarket.Register;

namespace CareMarket.Tests.Brokerage;

public class CandidateIndexTests
{
    private static readonly ServiceType[] Types = Enum.GetValues<ServiceType>();
    private static readonly RatingWord?[] Ratings =
        [null, RatingWord.Outstanding, RatingWord.Good, RatingWord.Good, RatingWord.Good, RatingWord.RequiresImprovement,
         RatingWord.Inadequate, RatingWord.NotRated];

    // A dense patch (the Midlands, ~1.5° × 2°) so most needs find many candidates, with every awkward case mixed in:
    // no coordinates, no area, suspended, Inadequate, no capacity, hours short of the need.
    private static List<Candidate> Candidates(Random rng, int count)
    {
        var list = new List<Candidate>(count);
        for (var id = 1; id <= count; id++)
        {
            var hasPlace = rng.NextDouble() > 0.03;
            list.Add(new Candidate(
                ServiceId: id,
                ProviderId: rng.Next(1, count / 3),
                Name: $"Service {id}",
                Type: Types[rng.Next(Types.Length)],
                Specialisms: (Specialism)rng.Next(0, 4096),
                AreaId: rng.NextDouble() < 0.05 ? null : rng.Next(1, 15),
                Latitude: hasPlace ? 51.8 + rng.NextDouble() * 1.5 : null,
                Longitude: hasPlace ? -2.0 + rng.NextDouble() * 2.0 : null,
                Rating: Ratings[rng.Next(Ratings.Length)],
                AuditScore: rng.NextDouble() < 0.3 ? rng.Next(0, 101) : null,
                Suspended: rng.NextDouble() < 0.03,
                BedsAccepting: rng.NextDouble() < 0.5 ? 0 : rng.Next(1, 5),
                HoursAvailable: rng.NextDouble() < 0.3 ? 0m : rng.Next(1, 200),
                WeeklyPrice: rng.NextDouble() < 0.1 ? null : rng.Next(300, 2000),
                EarliestStart: rng.NextDouble() < 0.2 ? null : new DateOnly(2026, 12, 1).AddDays(rng.Next(0, 30))));
        }
        return list;
    }

    private static Need RandomNeed(Random rng)
    {
        var types = Types.OrderBy(_ => rng.Next()).Take(rng.Next(1, 4)).ToArray();
        var withPlace = rng.NextDouble() > 0.1;
        return new Need(
            AcceptableTypes: types,
            Specialisms: rng.NextDouble() < 0.4 ? Specialism.None : (Specialism)(1 << rng.Next(0, 12)),
            BedCategory: rng.NextDouble() < 0.5 ? BedCategory.DementiaResidential : null,
            HoursPerWeek: rng.NextDouble() < 0.3 ? null : rng.Next(5, 60),
            TimeBands: [],
            PreferredAreaId: rng.NextDouble() < 0.3 ? rng.Next(1, 15) : null,
            Latitude: withPlace ? 51.5 + rng.NextDouble() * 2.1 : null,
            Longitude: withPlace ? -2.3 + rng.NextDouble() * 2.6 : null,
            MaxDistanceKm: rng.NextDouble() < 0.15 ? null : 1 + rng.NextDouble() * 40,
            CurrentServiceId: rng.NextDouble() < 0.2 ? rng.Next(1, 3000) : null,
            WantedStart: rng.NextDouble() < 0.5 ? new DateOnly(2026, 12, 10) : null);
    }

    private static IEnumerable<string> Shape(IReadOnlyList<RankedCandidate> ranked) =>
        ranked.Select(r => $"{r.Position} #{r.Candidate.ServiceId} {r.Score} {r.Components} {r.DistanceKm} {r.Explanation}");

    [Fact]
    public void Ranks_exactly_as_ranking_every_candidate_for_many_random_needs()
    {
        var rng = new Random(20261124);
        var candidates = Candidates(rng, 3000);
        var index = new CandidateIndex(candidates);
        var shares = new FairnessShares(Enumerable.Range(1, 200).ToDictionary(p => p, p => p % 7));
        var nonEmpty = 0;
        for (var n = 0; n < 400; n++)
        {
            var need = RandomNeed(rng);
            var naive = Ranking.Rank(need, candidates, Weights.Example, shares);
            var indexed = index.Rank(need, Weights.Example, shares);
            Shape(indexed).ShouldBe(Shape(naive), $"need {n}: {need}");
            if (naive.Count > 0) nonEmpty++;
        }
        nonEmpty.ShouldBeGreaterThan(200); // the comparison is not vacuous
    }

    [Fact]
    public void Looks_at_far_fewer_candidates_than_the_register_for_a_local_need()
    {
        var rng = new Random(7);
        var candidates = Candidates(rng, 3000);
        var index = new CandidateIndex(candidates);
        var need = new Need([ServiceType.CareHomeWithoutNursing], Specialism.None, BedCategory.DementiaResidential, null, [],
            null, 52.5, -1.0, 10, null);
        var nearby = index.Nearby(need);
        nearby.Count.ShouldBeLessThan(candidates.Count / 20);
        nearby.Where(c => Eligibility.Check(need, c) is Decision.Allowed).Select(c => c.ServiceId)
            .ShouldBe(candidates.Where(c => Eligibility.Check(need, c) is Decision.Allowed).Select(c => c.ServiceId));
    }

    [Fact]
    public void Finds_candidates_across_a_cell_edge_at_the_limit()
    {
        // 0.25° cells: 52.4999 and 52.5001 are in different rows; 0.0898° of latitude is 9.99 km.
        var a = new Candidate(1, 1, "A", ServiceType.DayOpportunities, Specialism.None, null, 52.4999 - 0.0898, -1.0,
            RatingWord.Good, null, false, 0, 0m, 500m);
        var b = a with { ServiceId = 2, Latitude = 52.5001 + 0.0898 };
        var index = new CandidateIndex([a, b]);
        var need = new Need([ServiceType.DayOpportunities], Specialism.None, null, null, [], null, 52.5, -1.0, 10, null);
        index.Rank(need, Weights.Example, FairnessShares.None).Select(r => r.Candidate.ServiceId).ShouldBe([1, 2]);
    }
}
