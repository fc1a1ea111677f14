using CareMarket.Register;
using CareMarket.Register.CqcApi;
using CareMarket.Register.CqcFiles;

namespace CareMarket.Tests.Register;

/// <summary>The pure rules behind CQC data as CQC publishes it: the current rating, every service type, council names.</summary>
public class CqcRegisterRulesTests
{
    private static Rating R(int id, int year, int month, int day, RatingWord word, ServiceTypes types = ServiceTypes.None, string group = "") =>
        new() { Id = id, PublishedOn = new DateOnly(year, month, day), Overall = word, ServiceTypes = types, AssessmentServiceGroup = group, Source = "x" };

    [Fact]
    public void Current_IsTheLatestPublished_OfEitherShape()
    {
        // A historic inspection rating recorded after (higher id) an assessment published later still loses to it.
        var assessment = R(1, 2024, 9, 17, RatingWord.Good, ServiceTypes.CareHomeWithoutNursing | ServiceTypes.CareHomeWithNursing, "Care Homes");
        var historic = R(2, 2020, 12, 18, RatingWord.RequiresImprovement);

        RatingHistory.Current([historic, assessment], ServiceType.CareHomeWithoutNursing).ShouldBeSameAs(assessment);
        RatingHistory.Current([historic], ServiceType.CareHomeWithoutNursing).ShouldBeSameAs(historic);
    }

    [Fact]
    public void Current_OnTheSameDay_IsTheGroupOfTheMainType_ThenTheLatestRecorded()
    {
        var homecare = R(5, 2024, 9, 17, RatingWord.RequiresImprovement, ServiceTypes.Homecare, "Homecare");
        var homes = R(4, 2024, 9, 17, RatingWord.Good, ServiceTypes.CareHomeWithoutNursing | ServiceTypes.CareHomeWithNursing, "Care Homes");

        RatingHistory.Current([homecare, homes], ServiceType.CareHomeWithoutNursing).ShouldBeSameAs(homes);
        RatingHistory.Current([homecare, homes], ServiceType.Homecare).ShouldBeSameAs(homecare);
        RatingHistory.Current([homecare, homes], ServiceType.SharedLives).ShouldBeSameAs(homecare); // neither: the later id
    }

    [Fact]
    public void Merge_KeepsWhatTheIncomingRatingDoesNotSay_AndTakesScoresAndPlan()
    {
        var held = R(1, 2024, 9, 17, RatingWord.Good, ServiceTypes.Homecare, "Homecare");
        held.SafeScore = 60m;

        RatingHistory.Merge(held, new CqcRating
        {
            PublishedOn = held.PublishedOn, ServiceGroup = "Homecare", Overall = RatingWord.Good, WellLed = RatingWord.Good,
            WellLedScore = 70m, AssessmentPlanId = "p1",
        }).ShouldBeTrue();

        (held.SafeScore, held.WellLedScore, held.WellLed, held.AssessmentPlanId, held.ServiceTypes)
            .ShouldBe((60m, 70m, RatingWord.Good, "p1", ServiceTypes.Homecare));
        RatingHistory.Merge(held, new CqcRating { PublishedOn = held.PublishedOn, ServiceGroup = "Homecare", Overall = RatingWord.Good })
            .ShouldBeFalse();
    }

    [Theory]
    [InlineData("Homecare agencies|Supported living", ServiceTypes.Homecare | ServiceTypes.SupportedLiving)]
    [InlineData("Domiciliary care service|Supported living service", ServiceTypes.Homecare | ServiceTypes.SupportedLiving)]
    [InlineData("Care home service with nursing|Care home service without nursing", ServiceTypes.CareHomeWithNursing | ServiceTypes.CareHomeWithoutNursing)]
    [InlineData("Nursing homes|Rehabilitation services", ServiceTypes.CareHomeWithNursing)]
    [InlineData("Hospice services", ServiceTypes.None)]
    public void ServiceTypesOf_KeepsEveryTypeInEitherVocabulary(string words, ServiceTypes expected) =>
        CqcMappings.ServiceTypesOf(words.Split('|')).ShouldBe(expected);

    [Fact]
    public void MainServiceType_AndTheSet_AgreeOnOneMapping()
    {
        var words = new[] { "Homecare agencies", "Supported living" };
        CqcMappings.MainServiceType(words).ShouldBe(ServiceType.Homecare);
        CqcMappings.MainOf(CqcMappings.ServiceTypesOf(words)).ShouldBe(ServiceType.Homecare);
        CqcMappings.MainOf(ServiceTypes.None).ShouldBe(ServiceType.Other);
    }

    [Theory]
    [InlineData("Care Homes", ServiceTypes.CareHomeWithNursing | ServiceTypes.CareHomeWithoutNursing)]
    [InlineData("Homecare", ServiceTypes.Homecare)]
    [InlineData("Supported living", ServiceTypes.SupportedLiving)]
    [InlineData("Shared Lives", ServiceTypes.SharedLives)]
    public void AssessmentServiceGroups_CoverTheirTypes(string group, ServiceTypes expected) =>
        CqcMappings.AssessmentServiceGroupTypes(group).ShouldBe(expected);

    [Fact]
    public void AssessmentServiceGroup_Unknown_IsNull() =>
        CqcMappings.AssessmentServiceGroupTypes("Hospices for adults").ShouldBeNull();

    [Fact]
    public void ServiceTypeSet_NamesMatchTheTypes_AndTheMainTypeAlwaysCounts()
    {
        foreach (var t in Enum.GetValues<ServiceType>())
        {
            ServiceTypeSet.Of(t).ToString().ShouldBe(t.ToString());
        }
        ServiceTypeSet.Types(ServiceTypeSet.Counted(ServiceType.Homecare, ServiceTypes.SupportedLiving))
            .ShouldBe([ServiceType.Homecare, ServiceType.SupportedLiving]);
        ServiceTypeSet.Types(ServiceTypeSet.Counted(ServiceType.Homecare, ServiceTypes.None)).ShouldBe([ServiceType.Homecare]);
    }

    [Fact]
    public void CountByType_CountsAMultiTypeAgencyUnderEachOfItsTypes()
    {
        var counts = RegisterOverview.CountByType(
        [
            new RegisterOverview.TypeGroup(ServiceType.Homecare, ServiceTypes.Homecare | ServiceTypes.SupportedLiving, 3, 0),
            new RegisterOverview.TypeGroup(ServiceType.SupportedLiving, ServiceTypes.SupportedLiving, 2, 0),
            new RegisterOverview.TypeGroup(ServiceType.CareHomeWithNursing, ServiceTypes.None, 1, 40), // written before the set
        ]);

        counts.ShouldBe(
        [
            new TypeCount(ServiceType.CareHomeWithNursing, 1, 40),
            new TypeCount(ServiceType.Homecare, 3, 0),
            new TypeCount(ServiceType.SupportedLiving, 5, 0),
        ]);
    }

    [Theory]
    [InlineData("Oldham Council", "Oldham")]
    [InlineData("Oldham Metropolitan Borough Council", "Oldham")]
    [InlineData("Derby City Council", "Derby")]
    [InlineData("Oldham", null)]
    public void Undressed_DropsTheWordsPeopleAdd(string name, string? expected) =>
        LocalAuthorityNames.Undressed(name).ShouldBe(expected);

    [Fact]
    public void Closest_OffersTheNamesCqcUses_BestFirst()
    {
        string[] known = ["Oldham", "Bolton", "Derby", "Derbyshire", "Rochdale", "County Durham"];

        LocalAuthorityNames.Closest("Oldham Council", known).ShouldBe(["Oldham"]);
        LocalAuthorityNames.Closest("Derby City Council", known).ShouldBe(["Derby", "Derbyshire"]);
        LocalAuthorityNames.Closest("Oldam", known).ShouldBe(["Oldham"]);
        LocalAuthorityNames.Closest("Durham", known).ShouldBe(["County Durham"]);
        LocalAuthorityNames.Closest("Westminster", known).ShouldBeEmpty();
        LocalAuthorityNames.Distance("kitten", "sitting").ShouldBe(3);
    }
}
