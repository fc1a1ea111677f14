using System.Text.Json;
using CareMarket.Register;
using CareMarket.Register.CqcApi;

namespace CareMarket.Tests.Register.CqcApi;

public class CqcApiMapperTests
{
    private static ApiLocation Read(string json) => JsonSerializer.Deserialize(json, CqcApiJson.Default.ApiLocation)!;

    private static MappedLocation MapFixture(string name) =>
        CqcApiMapper.Map(Read(File.ReadAllText(CqcStub.FixturePath(name))))!;

    [Fact]
    public void CareHome_CurrentRatingsAndHistoricRatings_BecomeRatingAndHistory()
    {
        var mapped = MapFixture("location-care-home.json");

        var rating = mapped.Location.Rating!;
        rating.PublishedOn.ShouldBe(new DateOnly(2023, 6, 14));
        rating.Overall.ShouldBe(RatingWord.Good);
        rating.Safe.ShouldBe(RatingWord.Good);
        rating.Effective.ShouldBe(RatingWord.Good);
        rating.Caring.ShouldBe(RatingWord.Good);
        rating.Responsive.ShouldBe(RatingWord.Good);
        rating.WellLed.ShouldBe(RatingWord.RequiresImprovement);
        var earlier = mapped.Location.History.ShouldHaveSingleItem();
        earlier.PublishedOn.ShouldBe(new DateOnly(2021, 3, 2));
        earlier.Overall.ShouldBe(RatingWord.RequiresImprovement);
        earlier.Safe.ShouldBe(RatingWord.RequiresImprovement);
        earlier.WellLed.ShouldBe(RatingWord.Inadequate);
        mapped.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Homecare_WithOnlyAssessmentRatings_TakesOverallAndAsgRatings_DatedByPublication()
    {
        var mapped = MapFixture("location-homecare.json");

        var rating = mapped.Location.Rating!;
        rating.PublishedOn.ShouldBe(new DateOnly(2024, 5, 2));
        rating.Overall.ShouldBe(RatingWord.Good);
        rating.Safe.ShouldBe(RatingWord.Good);
        rating.Effective.ShouldBe(RatingWord.RequiresImprovement);
        rating.Caring.ShouldBe(RatingWord.Good);
        rating.Responsive.ShouldBe(RatingWord.Outstanding);
        rating.WellLed.ShouldBe(RatingWord.Good);
        mapped.Location.History.ShouldBeEmpty();
    }

    [Fact]
    public void NeverRated_HasNoRatingAndNoHistory()
    {
        var mapped = MapFixture("location-never-rated.json");

        mapped.Location.Rating.ShouldBeNull();
        mapped.Location.History.ShouldBeNull();
        mapped.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void UnknownRatingWord_KeepsTheLocation_SkipsTheRating_AndWarns()
    {
        var mapped = MapFixture("location-odd-rating.json");

        mapped.Location.Name.ShouldBe("Elm Tree Shared Lives");
        mapped.Location.Rating.ShouldBeNull();
        mapped.Warnings.ShouldHaveSingleItem().ShouldContain("\"Excellent\"");
        mapped.Warnings[0].ShouldContain("1-4000000004");
    }

    [Fact]
    public void BothShapes_TheNewerPublicationIsCurrent_TheOlderIsHistory()
    {
        var mapped = CqcApiMapper.Map(Read("""
            {
              "locationId": "1-9", "providerId": "1-8", "name": "Both Shapes House",
              "currentRatings": { "overall": { "rating": "Requires improvement", "reportDate": "2022-01-05",
                "keyQuestionRatings": [ { "name": "Safe", "rating": "Inadequate" } ] }, "reportDate": "2022-01-05" },
              "assessment": [
                { "assessmentPlanPublishedDateTime": "2025-02-03T16:40:00Z",
                  "ratings": { "overall": [ { "rating": "Good", "status": "Published" } ],
                    "asgRatings": [ { "name": "Safe", "rating": "Good", "status": "Published" },
                                    { "name": "Well-led", "rating": "Requires Improvement", "status": "Published" },
                                    { "name": "Caring", "rating": "Outstanding", "status": "Draft" } ] } },
                { "assessmentPlanPublishedDateTime": "2025-09-01T08:00:00Z",
                  "ratings": { "overall": [ { "rating": "Outstanding", "status": "Draft" } ] } }
              ]
            }
            """))!;

        var rating = mapped.Location.Rating!;
        rating.PublishedOn.ShouldBe(new DateOnly(2025, 2, 3));
        rating.Overall.ShouldBe(RatingWord.Good);
        rating.Safe.ShouldBe(RatingWord.Good);
        rating.WellLed.ShouldBe(RatingWord.RequiresImprovement);
        rating.Caring.ShouldBeNull(); // draft: not published
        var earlier = mapped.Location.History.ShouldHaveSingleItem();
        earlier.PublishedOn.ShouldBe(new DateOnly(2022, 1, 5));
        earlier.Safe.ShouldBe(RatingWord.Inadequate);
    }

    [Fact]
    public void UnknownKeyQuestionWord_LeavesThatQuestionEmpty_AndWarns()
    {
        var mapped = CqcApiMapper.Map(Read("""
            { "locationId": "1-9", "providerId": "1-8", "name": "X",
              "currentRatings": { "overall": { "rating": "Good", "reportDate": "2022-01-05",
                "keyQuestionRatings": [ { "name": "Safe", "rating": "Splendid" }, { "name": "Caring", "rating": "Good" } ] } } }
            """))!;

        mapped.Location.Rating!.Overall.ShouldBe(RatingWord.Good);
        mapped.Location.Rating.Safe.ShouldBeNull();
        mapped.Location.Rating.Caring.ShouldBe(RatingWord.Good);
        mapped.Warnings.ShouldHaveSingleItem().ShouldContain("Splendid");
    }

    [Fact]
    public void CareHome_Details_AreMappedToOurWords()
    {
        var l = MapFixture("location-care-home.json").Location;

        l.LocationId.ShouldBe("1-1000210669");
        l.ProviderId.ShouldBe("1-101641521");
        l.ProviderName.ShouldBeNull(); // only /providers gives it
        l.Name.ShouldBe("Abbey Lodge Nursing Home");
        l.BrandId.ShouldBe("BD123");
        l.ServiceType.ShouldBe(ServiceType.CareHomeWithNursing);
        l.CqcServiceTypes.ShouldBe(["Nursing homes", "Residential homes"]);
        l.RegulatedActivities.ShouldBe(["Accommodation for persons who require nursing or personal care", "Treatment of disease, disorder or injury"]);
        l.Street.ShouldBe("12 Abbey Street, Darley Abbey");
        l.City.ShouldBe("Derby");
        l.Postcode.ShouldBe("DE22 1DX");
        l.Latitude.ShouldBe(52.939861);
        l.Longitude.ShouldBe(-1.486745);
        l.Phone.ShouldBe("01332 555101");
        l.Website.ShouldBe("www.abbeylodgecare.co.uk");
        l.LocalAuthority.ShouldBe("Derby");
        l.Region.ShouldBe("East Midlands");
        l.IsCareHome.ShouldBe(true);
        l.RegisteredBeds.ShouldBe(42);
        l.InspectionDirectorate.ShouldBe("Adult social care");
        l.PrimaryInspectionCategory.ShouldBe("Residential social care");
        l.RegisteredOn.ShouldBe(new DateOnly(2010, 10, 1));
        l.Dormant.ShouldBe(false);
        l.LastCheckedOn.ShouldBe(new DateOnly(2023, 5, 10));
    }

    [Fact]
    public void DashBrand_IsPassedOn_SoTheWriterClearsABrand()
    {
        // CQC writes "-" for "no brand"; the RegisterWriter reads "-" as "clear it" and null as "not said".
        var l = MapFixture("location-homecare.json").Location;
        l.BrandId.ShouldBe("-");
        l.BrandName.ShouldBe("-");
    }

    [Fact]
    public void Deregistered_IsFlagged_AndDoesNotClaimToBeActive()
    {
        var mapped = CqcApiMapper.Map(Read("""
            { "locationId": "1-9", "providerId": "1-8", "name": "Gone House", "registrationStatus": "Deregistered",
              "deregistrationDate": "2024-01-31", "dormancy": "N" }
            """))!;

        mapped.IsDeregistered.ShouldBeTrue();
        mapped.Location.Dormant.ShouldBeNull();
    }

    [Fact]
    public void MissingIds_AreNotALocation()
    {
        CqcApiMapper.Map(Read("""{ "locationId": "1-9", "name": "No provider" }""")).ShouldBeNull();
    }

    [Theory]
    [InlineData("Nursing homes|Residential homes|Homecare agencies", ServiceType.CareHomeWithNursing)]
    [InlineData("Residential homes|Homecare agencies", ServiceType.CareHomeWithoutNursing)]
    [InlineData("Homecare agencies|Supported living|Extra Care housing services", ServiceType.ExtraCareHousing)]
    [InlineData("Homecare agencies|Supported living", ServiceType.Homecare)]
    [InlineData("Supported living|Extra Care housing services", ServiceType.ExtraCareHousing)]
    [InlineData("Supported living", ServiceType.SupportedLiving)]
    [InlineData("Extra Care housing services", ServiceType.ExtraCareHousing)]
    [InlineData("Shared Lives", ServiceType.SharedLives)]
    [InlineData("Rehabilitation services", ServiceType.Other)]
    [InlineData("homecare AGENCIES", ServiceType.Homecare)]
    public void ServiceType_MostSpecificWins(string names, ServiceType expected)
    {
        var types = names.Split('|').Select(n => new ApiServiceType { Name = n });
        CqcApiMapper.ServiceTypeOf(types).ShouldBe(expected);
    }

    [Fact]
    public void ServiceType_FromDescription_OrCareHomeFlag_OrNothing()
    {
        CqcApiMapper.ServiceTypeOf([new ApiServiceType { Description = "Care home service with nursing" }])
            .ShouldBe(ServiceType.CareHomeWithNursing);
        CqcApiMapper.ServiceTypeOf([], careHome: true).ShouldBe(ServiceType.CareHomeWithoutNursing);
        CqcApiMapper.ServiceTypeOf(null).ShouldBeNull();
    }

    [Fact]
    public void Specialisms_AreFlags()
    {
        MapFixture("location-care-home.json").Location.Specialisms
            .ShouldBe(Specialism.OlderPeople | Specialism.Dementia | Specialism.PhysicalDisability);
        MapFixture("location-homecare.json").Location.Specialisms.ShouldBe(Specialism.OlderPeople
            | Specialism.YoungerAdults | Specialism.Dementia | Specialism.LearningDisability | Specialism.MentalHealth
            | Specialism.SensoryImpairment);
        CqcApiMapper.SpecialismsOf(["Substance misuse problems", "Eating disorders", "Autism", "Whole population", "Caring for children"])
            .ShouldBe(Specialism.SubstanceMisuse | Specialism.EatingDisorders | Specialism.Autism | Specialism.WholePopulation);
        CqcApiMapper.Map(Read("""{ "locationId": "1-9", "providerId": "1-8", "name": "X" }"""))!.Location.Specialisms.ShouldBeNull();
    }

    [Fact]
    public void PersonalData_IsNeverDeserialised_NorMapped()
    {
        // The models declare no place for people: contacts, nominated individuals, relationships.
        var modelTypes = typeof(ApiLocation).Assembly.GetTypes().Where(t => t.Namespace == typeof(ApiLocation).Namespace && t.Name.StartsWith("Api"));
        var properties = modelTypes.SelectMany(t => t.GetProperties()).Select(p => p.Name).ToList();
        properties.ShouldNotContain("Contacts");
        properties.ShouldNotContain("NominatedIndividual");
        properties.ShouldNotContain("Relationships");
        properties.ShouldNotContain(p => p.StartsWith("Person"));

        foreach (var name in new[] { "location-care-home.json", "location-homecare.json" })
        {
            var mapped = JsonSerializer.Serialize(MapFixture(name));
            mapped.ShouldNotContain("Quickbeam");
            mapped.ShouldNotContain("Philomena");
            mapped.ShouldNotContain("Bartholomew");
            mapped.ShouldNotContain("Featherstonehaugh");
            mapped.ShouldNotContain("Ignatius");
        }
    }

    [Fact]
    public void Provider_IsMappedWithoutContacts()
    {
        var api = JsonSerializer.Deserialize(File.ReadAllText(CqcStub.FixturePath("provider-abbey.json")), CqcApiJson.Default.ApiProvider)!;
        var provider = CqcApiMapper.Map(api)!;

        provider.ProviderId.ShouldBe("1-101641521");
        provider.Name.ShouldBe("Abbey Care Homes Limited");
        provider.BrandName.ShouldBe("BRAND Abbey Care Group");
        provider.LocationIds.ShouldBe(["1-1000210669", "1-3000000003"]);
        JsonSerializer.Serialize(provider).ShouldNotContain("Quickbeam");
    }
}
