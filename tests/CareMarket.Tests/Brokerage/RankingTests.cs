using CareMarket.Brokerage;
using CareMarket.Register;
using static CareMarket.Tests.Brokerage.EligibilityTests;

namespace CareMarket.Tests.Brokerage;

public class RankingTests
{
    private static readonly Weights QualityLed = new(60, 15, 15, 5, 5, 0);
    private static FairnessShares Shares(params (int Provider, int Awards)[] awards) =>
        new(awards.ToDictionary(a => a.Provider, a => a.Awards));

    [Fact]
    public void Scores_are_the_weighted_sum_of_the_parts_and_explained()
    {
        var a = Home(1, provider: 10, audit: 85, price: 800m);                                        // at the centroid
        var b = Home(2, provider: 20, rating: RatingWord.Outstanding, lat: Lat + 0.05, price: 1000m); // 5.56 km
        var ranked = Ranking.Rank(HomeNeed(maxKm: 10), [b, a], QualityLed, Shares((20, 2)));

        ranked.Select(r => r.Candidate.ServiceId).ShouldBe([1, 2]);
        var first = ranked[0];
        first.Position.ShouldBe(1);
        first.Components.ShouldBe(new ScoreParts(0.8, 1, 1, 0, 1, 1));
        first.Points.Quality.ShouldBe(48, 1e-9);
        first.Score.ShouldBe(83); // 48 + 15 + 15 + 0 + 5
        first.Reasons.ShouldBe([
            "Good (CQC) and audit 85/100: 0.80 × 60% = 48.0 points",
            "0.0 km (0 points at 10 km): 1.00 × 15% = 15.0 points",
            "£800 a week (cheapest £800, dearest £1,000): 1.00 × 15% = 15.0 points",
            "not the person's current service: 0.00 × 5% = 0.0 points",
            "provider has no recent awards: 1.00 × 5% = 5.0 points",
            "score 83.0 out of 100",
        ]);

        var second = ranked[1];
        second.DistanceKm!.Value.ShouldBe(5.56, 0.01);
        second.Components.Distance.ShouldBe(1 - second.DistanceKm.Value / 10, 1e-9);
        second.Components.Price.ShouldBe(0);
        second.Components.Fairness.ShouldBe(0);
        second.Score.ShouldBe(60 + 15 * (1 - second.DistanceKm.Value / 10), 0.01);
        second.Explanation.ShouldContain("provider has 2 of 2 recent awards (most for one provider: 2): 0.00 × 5% = 0.0 points");
        second.Explanation.ShouldContain("Outstanding (CQC): 1.00 × 60% = 60.0 points");
    }

    [Theory]
    [InlineData(RatingWord.Outstanding, null, 1.0)]
    [InlineData(RatingWord.Good, null, 0.75)]
    [InlineData(RatingWord.RequiresImprovement, null, 0.35)]
    [InlineData(null, null, 0.5)]
    [InlineData(RatingWord.InsufficientEvidence, null, 0.5)]
    [InlineData(RatingWord.Good, 85, 0.8)]
    [InlineData(RatingWord.RequiresImprovement, 95, 0.65)]
    [InlineData(null, 40, 0.45)]
    public void Quality_blends_CQC_and_the_council_audit_half_and_half(RatingWord? rating, int? audit, double expected) =>
        Ranking.QualityScore(rating, audit).ShouldBe(expected, 1e-9);

    [Fact]
    public void Price_runs_from_cheapest_1_to_dearest_0_and_unknown_is_half()
    {
        var price = new Weights(0, 0, 1, 0, 0, 0);
        var ranked = Ranking.Rank(HomeNeed(), [Home(1, price: 1000m), Home(2, price: 900m), Home(3, price: 800m), Home(4, price: null)], price, FairnessShares.None);
        ranked.Select(r => (r.Candidate.ServiceId, r.Components.Price)).ShouldBe([(3, 1.0), (2, 0.5), (4, 0.5), (1, 0.0)]);
        ranked.Single(r => r.Candidate.ServiceId == 4).Explanation.ShouldStartWith("no price known: 0.50 × 100% = 50.0 points");
    }

    [Fact]
    public void The_same_price_for_all_scores_1()
    {
        var ranked = Ranking.Rank(HomeNeed(), [Home(1), Home(2)], QualityLed, FairnessShares.None);
        ranked.ShouldAllBe(r => r.Components.Price == 1.0);
    }

    [Fact]
    public void Distance_falls_to_0_at_20_km_when_the_need_has_no_limit_and_unknown_is_half()
    {
        var need = HomeNeed(maxKm: null); // area 1 only
        var ranked = Ranking.Rank(need, [Home(1, lat: Lat + 0.05), Home(2, lat: null, lon: null), Home(3, lat: Lat + 0.2)], QualityLed, FairnessShares.None);
        ranked.Single(r => r.Candidate.ServiceId == 1).Components.Distance.ShouldBe(1 - 5.5597 / 20, 0.001);
        ranked.Single(r => r.Candidate.ServiceId == 2).Components.Distance.ShouldBe(0.5);
        ranked.Single(r => r.Candidate.ServiceId == 3).Components.Distance.ShouldBe(0); // 22 km, in the area
    }

    [Fact]
    public void Continuity_favours_the_service_the_person_already_uses()
    {
        var need = HomeNeed() with { CurrentServiceId = 2 };
        var ranked = Ranking.Rank(need, [Home(1), Home(2)], QualityLed, FairnessShares.None);
        ranked[0].Candidate.ServiceId.ShouldBe(2);
        ranked[0].Components.Continuity.ShouldBe(1);
        ranked[0].Points.Continuity.ShouldBe(5, 1e-9);
        ranked[0].Explanation.ShouldContain("the service the person already uses");
    }

    [Fact]
    public void Fairness_lifts_providers_with_few_recent_awards()
    {
        var shares = Shares((10, 8), (20, 2));
        shares.Score(10).ShouldBe(0);
        shares.Score(20).ShouldBe(0.75);
        shares.Score(30).ShouldBe(1);
        FairnessShares.None.Score(10).ShouldBe(1);
        var ranked = Ranking.Rank(HomeNeed(), [Home(1, provider: 10), Home(2, provider: 20), Home(3, provider: 30)], QualityLed, shares);
        ranked.Select(r => r.Candidate.ServiceId).ShouldBe([3, 2, 1]);
    }

    [Fact]
    public void No_candidates_rank_to_an_empty_list() =>
        Ranking.Rank(HomeNeed(), [], QualityLed, FairnessShares.None).ShouldBeEmpty();

    [Fact]
    public void All_ineligible_rank_to_an_empty_list_and_screening_says_why()
    {
        Candidate[] all = [Home(1, beds: 0), Home(2, rating: RatingWord.Inadequate)];
        Ranking.Rank(HomeNeed(), all, QualityLed, FairnessShares.None).ShouldBeEmpty();
        Eligibility.Screen(HomeNeed(), all).Ineligible.Select(i => i.Reason.Reason)
            .ShouldBe(["No dementia residential beds accepting admissions now", "Rated Inadequate by CQC"]);
    }

    [Fact]
    public void Ties_go_to_the_better_rating_then_the_nearer_then_the_lower_service_id()
    {
        var priceOnly = new Weights(0, 0, 1, 0, 0, 0); // everyone scores 100
        Candidate[] all =
        [
            Home(5, rating: RatingWord.Good, lat: Lat + 0.01),
            Home(4, rating: RatingWord.Good, lat: Lat + 0.01),
            Home(3, rating: RatingWord.Good),
            Home(2, rating: RatingWord.RequiresImprovement),
            Home(1, rating: null),
            Home(6, rating: RatingWord.Outstanding, lat: Lat + 0.05),
        ];
        var ranked = Ranking.Rank(HomeNeed(), all, priceOnly, FairnessShares.None);
        ranked.ShouldAllBe(r => r.Score == 100);
        ranked.Select(r => r.Candidate.ServiceId).ShouldBe([6, 3, 4, 5, 1, 2]);
        ranked.Select(r => r.Position).ShouldBe([1, 2, 3, 4, 5, 6]);
        Ranking.Rank(HomeNeed(), all.Reverse().ToList(), priceOnly, FairnessShares.None).Select(r => r.Candidate.ServiceId).ShouldBe([6, 3, 4, 5, 1, 2]);
    }

    [Fact]
    public void Weights_are_shares_of_their_sum()
    {
        Candidate[] all = [Home(1, audit: 90, price: 950m), Home(2, rating: RatingWord.Outstanding, price: 800m, lat: Lat + 0.03)];
        var big = Ranking.Rank(HomeNeed(), all, new Weights(60, 40, 0, 0, 0, 0), FairnessShares.None);
        var small = Ranking.Rank(HomeNeed(), all, new Weights(3, 2, 0, 0, 0, 0), FairnessShares.None);
        small.Select(r => (r.Candidate.ServiceId, r.Score)).ShouldBe(big.Select(r => (r.Candidate.ServiceId, r.Score)));
    }

    [Fact]
    public void Zero_weights_are_refused()
    {
        var zero = new Weights(0, 0, 0, 0, 0, 0);
        var d = Weights.Check(zero).ShouldBeOfType<Decision.Refused>();
        d.Field.ShouldBe("Weights");
        Should.Throw<ArgumentException>(() => Ranking.Rank(HomeNeed(), [Home()], zero, FairnessShares.None));
    }

    [Fact]
    public void Weights_must_be_whole_numbers_from_0_to_100()
    {
        Weights.Check(Weights.Example).ShouldBe(Decision.Ok);
        Weights.Check(QualityLed with { Price = -1 }).ShouldBe(new Decision.Refused("Price", "The price weight must be a whole number from 0 to 100"));
        Weights.Check(QualityLed with { Quality = 101 }).ShouldBeOfType<Decision.Refused>().Field.ShouldBe("Quality");
    }

    [Fact]
    public void Weights_of_zero_leave_their_part_out_of_the_explanation()
    {
        var ranked = Ranking.Rank(HomeNeed(), [Home()], new Weights(1, 0, 0, 0, 0, 0), FairnessShares.None);
        ranked[0].Reasons.ShouldBe(["Good (CQC): 0.75 × 100% = 75.0 points", "score 75.0 out of 100"]);
    }

    [Theory]
    [InlineData(null, "2026-03-20", 1.0)]
    [InlineData("2026-03-02", null, 0.5)]
    [InlineData("2026-03-02", "2026-02-20", 1.0)]
    [InlineData("2026-03-02", "2026-03-02", 1.0)]
    [InlineData("2026-03-02", "2026-03-09", 0.5)]
    [InlineData("2026-03-02", "2026-03-16", 0.0)]
    [InlineData("2026-03-02", "2026-04-30", 0.0)]
    public void Starting_later_than_wanted_loses_a_fourteenth_a_day(string? wanted, string? start, double expected) =>
        Ranking.StartScore(wanted is null ? null : DateOnly.Parse(wanted), start is null ? null : DateOnly.Parse(start)).ShouldBe(expected, 1e-9);

    [Fact]
    public void Offers_rank_on_their_own_price_and_start_date()
    {
        var need = HomeNeed() with { WantedStart = new DateOnly(2026, 3, 2) };
        Candidate[] candidates = [Home(1, price: 700m, beds: 0), Home(2, price: 700m), Home(3, suspended: true), Home(4)];
        OfferTerms[] offers =
        [
            new(11, 1, 900m, new DateOnly(2026, 3, 2)),  // no bed in the last return, but the offer says it can
            new(12, 2, 850m, new DateOnly(2026, 3, 9)),  // cheaper but a week late
            new(13, 3, 600m, new DateOnly(2026, 3, 1)),  // suspended: left out
            new(14, 99, 500m, new DateOnly(2026, 3, 1)), // not a candidate: left out
        ];
        var weights = new Weights(50, 0, 25, 0, 0, 25);
        var ranked = Ranking.RankOffers(need, candidates, offers, weights, FairnessShares.None);

        // The week-late offer still wins on price here: lateness costs it half the start part, not the offer.
        ranked.Select(r => r.Offer!.OfferId).ShouldBe([12, 11]);
        ranked[0].Candidate.WeeklyPrice.ShouldBe(850m);
        ranked[0].Components.Price.ShouldBe(1);
        ranked[0].Components.Start.ShouldBe(0.5);
        ranked[0].Score.ShouldBe(37.5 + 25 + 12.5);
        ranked[1].Components.Price.ShouldBe(0);
        ranked[1].Components.Start.ShouldBe(1);
        ranked[1].Score.ShouldBe(37.5 + 0 + 25);
        ranked[0].Explanation.ShouldContain("offered at £850 a week (cheapest £850, dearest £900)");
        ranked[0].Explanation.ShouldContain("can start 9 Mar 2026, 7 days after the wanted 2 Mar 2026: 0.50 × 25% = 12.5 points");
        ranked[1].Explanation.ShouldContain("can start 2 Mar 2026, by the wanted 2 Mar 2026");

        // Three weeks late: the start part is gone, the two are level at 62.5, and the tie goes to the lower service id.
        var later = Ranking.RankOffers(need, candidates, [offers[0], offers[1] with { StartDate = new DateOnly(2026, 3, 23) }], weights, FairnessShares.None);
        later.Select(r => r.Score).ShouldBe([62.5, 62.5]);
        later.Select(r => r.Offer!.OfferId).ShouldBe([11, 12]);
    }

    [Fact]
    public void No_offers_rank_to_an_empty_list() =>
        Ranking.RankOffers(HomeNeed(), [Home()], [], Weights.Example, FairnessShares.None).ShouldBeEmpty();
}
