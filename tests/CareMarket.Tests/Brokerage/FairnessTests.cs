using CareMarket.Brokerage;

namespace CareMarket.Tests.Brokerage;

public class FairnessTests
{
    private static readonly DateOnly From = new(2026, 1, 1), To = new(2026, 3, 31);
    private static Award A(int provider, decimal? hours = null, int day = 10) => new(provider, new DateOnly(2026, 2, day), hours);

    [Fact]
    public void One_provider_with_every_award_is_10000_and_highly_concentrated()
    {
        var r = Fairness.Measure([A(1), A(1), A(1)], From, To);
        r.ByAwards.ShouldBe(new Concentration(10_000, ConcentrationBand.High, "Highly concentrated: awards go mostly to very few providers"));
        r.Providers.Single().AwardShare.ShouldBe(1);
    }

    [Theory]
    [InlineData(4, 2500, ConcentrationBand.Moderate)]
    [InlineData(5, 2000, ConcentrationBand.Moderate)]
    [InlineData(10, 1000, ConcentrationBand.Unconcentrated)]
    public void Equal_shares_give_10000_over_the_number_of_providers(int providers, int index, ConcentrationBand band)
    {
        var r = Fairness.Measure(Enumerable.Range(1, providers).Select(p => A(p)), From, To);
        r.ByAwards!.Index.ShouldBe(index);
        r.ByAwards.Band.ShouldBe(band);
    }

    [Theory]
    [InlineData(1499, ConcentrationBand.Unconcentrated)]
    [InlineData(1500, ConcentrationBand.Moderate)]
    [InlineData(2500, ConcentrationBand.Moderate)]
    [InlineData(2501, ConcentrationBand.High)]
    public void Bands_at_their_edges(int index, ConcentrationBand band) => Fairness.Band(index).Band.ShouldBe(band);

    [Fact]
    public void Shares_of_awards_and_of_hours()
    {
        var r = Fairness.Measure([A(1, 10), A(1, 20), A(2, 30), A(3)], From, To);
        r.Awards.ShouldBe(4);
        r.Hours.ShouldBe(60m);
        r.Providers.Select(p => (p.ProviderId, p.Awards, p.AwardShare, p.Hours, p.HoursShare))
            .ShouldBe([(1, 2, 0.5, 30m, (double?)0.5), (2, 1, 0.25, 30m, 0.5), (3, 1, 0.25, 0m, 0.0)]);
        r.ByAwards!.Index.ShouldBe(3750); // 50² + 25² + 25²
        r.ByHours!.Index.ShouldBe(5000);  // 50² + 50²
    }

    [Fact]
    public void Only_awards_in_the_period_count_both_ends_included()
    {
        Award[] awards = [new(1, From, 5), new(2, To, 5), new(3, From.AddDays(-1), 5), new(4, To.AddDays(1), 5)];
        Fairness.Measure(awards, From, To).Providers.Select(p => p.ProviderId).ShouldBe([1, 2], ignoreOrder: true);
    }

    [Fact]
    public void An_empty_period_has_no_shares_and_no_measure()
    {
        var r = Fairness.Measure([A(1)], new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31));
        r.Awards.ShouldBe(0);
        r.Providers.ShouldBeEmpty();
        r.ByAwards.ShouldBeNull();
        r.ByHours.ShouldBeNull();
    }

    [Fact]
    public void Care_home_awards_alone_have_no_hours_measure()
    {
        var r = Fairness.Measure([A(1), A(2)], From, To);
        r.ByAwards!.Index.ShouldBe(5000);
        r.ByHours.ShouldBeNull();
        r.Providers.ShouldAllBe(p => p.HoursShare == null);
    }

    [Fact]
    public void Recent_shares_feed_the_ranking_fairness_part()
    {
        var shares = Fairness.Shares([A(1), A(1), A(1), A(1), A(2), new(3, new DateOnly(2025, 6, 1), null)], From, To);
        shares.AwardsOf(1).ShouldBe(4);
        shares.Score(1).ShouldBe(0);
        shares.Score(2).ShouldBe(0.75);
        shares.Score(3).ShouldBe(1); // its award is outside the period
    }
}
