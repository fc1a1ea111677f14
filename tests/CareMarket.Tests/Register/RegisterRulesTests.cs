using CareMarket.Register;

namespace CareMarket.Tests.Register;

public class RegisterRulesTests
{
    [Theory]
    [InlineData("Good", RatingWord.Good)]
    [InlineData("Requires improvement", RatingWord.RequiresImprovement)]
    [InlineData("Requires Improvement", RatingWord.RequiresImprovement)]
    [InlineData("  inadequate ", RatingWord.Inadequate)]
    [InlineData("Not rated", RatingWord.NotRated)]
    [InlineData("Not applicable", RatingWord.NotApplicable)]
    [InlineData("Insufficient evidence to rate", RatingWord.InsufficientEvidence)]
    public void RatingWords_TryParse_NormalisesSpelling(string text, RatingWord expected)
    {
        RatingWords.TryParse(text, out var rating).ShouldBeTrue();
        rating.ShouldBe(expected);
    }

    [Theory]
    [InlineData("Excellent")]
    [InlineData("")]
    [InlineData(null)]
    public void RatingWords_TryParse_RefusesWordsCqcDoesNotUse(string? text) =>
        RatingWords.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void RatingWords_Display_ReadsAsCqcWritesIt()
    {
        RatingWords.Display(RatingWord.RequiresImprovement).ShouldBe("Requires improvement");
        RatingWords.Display((RatingWord?)null).ShouldBe("Not yet rated");
    }

    [Fact]
    public void RatingHistory_Merge_KeepsKeyQuestionsTheSourceDoesNotGive()
    {
        var held = new Rating { Overall = RatingWord.Good, Safe = RatingWord.RequiresImprovement, Caring = RatingWord.Good, Source = "file" };

        var changed = RatingHistory.Merge(held, new CqcRating { PublishedOn = new DateOnly(2025, 1, 1), Overall = RatingWord.Good });

        changed.ShouldBeFalse();
        held.Safe.ShouldBe(RatingWord.RequiresImprovement);
        held.Caring.ShouldBe(RatingWord.Good);
    }

    [Fact]
    public void RatingHistory_Merge_TakesNewValuesAndSaysSo()
    {
        var held = new Rating { Overall = RatingWord.Good, Source = "file" };

        var changed = RatingHistory.Merge(held, new CqcRating
        {
            PublishedOn = new DateOnly(2025, 1, 1), Overall = RatingWord.Good, Safe = RatingWord.Inadequate, Inherited = true,
        });

        changed.ShouldBeTrue();
        held.Safe.ShouldBe(RatingWord.Inadequate);
        held.Inherited.ShouldBeTrue();
    }

    [Fact]
    public void RatingHistory_Current_IsTheLatestPublished()
    {
        var ratings = new[]
        {
            new Rating { Id = 1, PublishedOn = new DateOnly(2023, 5, 1), Overall = RatingWord.Inadequate, Source = "x" },
            new Rating { Id = 2, PublishedOn = new DateOnly(2025, 2, 1), Overall = RatingWord.Good, Source = "x" },
            new Rating { Id = 3, PublishedOn = new DateOnly(2024, 7, 1), Overall = RatingWord.RequiresImprovement, Source = "x" },
        };
        RatingHistory.Current(ratings, ServiceType.Homecare)!.Id.ShouldBe(2);
        RatingHistory.Current(Array.Empty<Rating>(), ServiceType.Homecare).ShouldBeNull();
    }

    [Theory]
    [InlineData("SW1A 1AA", "SW1A")]
    [InlineData("nb4 3cd", "NB4")]
    [InlineData("M11AE", "M1")]
    [InlineData("B3", "B3")]
    public void Postcodes_District_IsTheOutwardCode(string postcode, string district) =>
        Postcodes.District(postcode).ShouldBe(district);

    [Fact]
    public void Contracts_Check_RefusesAnEndBeforeTheStart()
    {
        var decision = Contracts.Check(new ContractChange(1, ContractArrangement.Framework, null, null,
            new DateOnly(2026, 4, 1), new DateOnly(2026, 3, 31), null, null));
        decision.ShouldBeOfType<Decision.Refused>().Field.ShouldBe("EndsOn");
    }

    [Fact]
    public void Contracts_Check_AllowsAnOpenEndedContract() =>
        Contracts.Check(new ContractChange(1, ContractArrangement.SpotPurchase, "REF-1", null, new DateOnly(2026, 4, 1), null, null, null))
            .ShouldBeAssignableTo<Decision.Allowed>();

    [Fact]
    public void Words_ListSpecialisms_InPlainWords() =>
        RegisterWords.List(Specialism.Dementia | Specialism.OlderPeople).ShouldBe("Dementia, Older people");
}
