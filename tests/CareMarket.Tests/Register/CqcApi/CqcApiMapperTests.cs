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
    public void Homecare_WithOnlyAssessmentRatings_TakesItsAssessmentServiceGroupRating_DatedByPublication()
    {
        var mapped = MapFixture("location-homecare.json");

        var rating = mapped.Location.Rating!;
        rating.PublishedOn.ShouldBe(new DateOnly(2024, 5, 2)); // "2024-05-02 09:15:27", the plan's publication
        rating.AssessedOn.ShouldBe(new DateOnly(2024, 3, 12));
        rating.ServiceGroup.ShouldBe("Homecare");
        rating.ServiceTypes.ShouldBe(ServiceTypes.Homecare);
        rating.Overall.ShouldBe(RatingWord.Good);
        rating.Safe.ShouldBe(RatingWord.Good);
        rating.Effective.ShouldBe(RatingWord.RequiresImprovement);
        rating.Caring.ShouldBe(RatingWord.Good);
        rating.Responsive.ShouldBe(RatingWord.Outstanding);
        rating.WellLed.ShouldBe(RatingWord.Good);
        (rating.SafeScore, rating.EffectiveScore, rating.CaringScore, rating.ResponsiveScore, rating.WellLedScore)
            .ShouldBe((72m, 56m, 75m, 88m, 69m));
        rating.AssessmentPlanId.ShouldBe("b5f2c1de-7a31-4c55-8f4e-3d2a9e0c6b01");
        rating.AssessmentPlanTitle.ShouldBe("Assessment plan published 02 May 2024");
        rating.AssessmentPlanStatus.ShouldBe("Published");
        mapped.Location.History.ShouldBeEmpty();
        mapped.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void BothShapesOnOneService_TheSingleAssessmentRatingOf2024IsCurrent_NotTheHistoricOneOf2020()
    {
        // Assessed Good in July 2024, published September 2024; CQC's historicRatings still hold Good of December 2020,
        // and there is no currentRatings at all.
        var mapped = MapFixture("location-assessed-care-home.json");

        var current = mapped.Location.Rating!;
        current.PublishedOn.ShouldBe(new DateOnly(2024, 9, 17));
        current.ServiceGroup.ShouldBe("Care Homes"); // the group of its main type, over the homecare agency's
        current.ServiceTypes.ShouldBe(ServiceTypes.CareHomeWithNursing | ServiceTypes.CareHomeWithoutNursing);
        current.Overall.ShouldBe(RatingWord.Good);
        current.AssessedOn.ShouldBe(new DateOnly(2024, 7, 9));
        (current.Safe, current.Effective, current.Caring, current.Responsive, current.WellLed).ShouldBe(
            (RatingWord.Good, RatingWord.Good, RatingWord.Good, RatingWord.Good, RatingWord.Good));
        // A number, a number written as text, and none for a key question not assessed this time.
        (current.SafeScore, current.EffectiveScore, current.CaringScore, current.WellLedScore).ShouldBe((66m, 70m, (decimal?)null, 68.75m));

        mapped.Location.History!.Select(r => (r.PublishedOn, r.ServiceGroup, r.Overall)).ShouldBe(
        [
            (new DateOnly(2024, 9, 17), "Homecare", RatingWord.RequiresImprovement),
            (new DateOnly(2020, 12, 18), "", RatingWord.Good),
        ]);
        var homecare = mapped.Location.History![0];
        homecare.ServiceTypes.ShouldBe(ServiceTypes.Homecare);
        homecare.SafeScore.ShouldBe(53m);
        mapped.Location.History[1].Safe.ShouldBe(RatingWord.RequiresImprovement);
        mapped.Location.ServiceType.ShouldBe(ServiceType.CareHomeWithoutNursing);
        mapped.Warnings.ShouldBeEmpty();
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
    public void BothShapes_TheNewerPublicationIsCurrent_WhicheverShape_AndDraftsAreNotPublished()
    {
        var mapped = CqcApiMapper.Map(Read("""
            {
              "locationId": "1-9", "providerId": "1-8", "name": "Both Shapes House", "careHome": "Y",
              "gacServiceTypes": [ { "name": "Nursing homes", "description": "Care home service with nursing" } ],
              "currentRatings": { "overall": { "rating": "Requires improvement", "reportDate": "2025-06-05",
                "keyQuestionRatings": [ { "name": "Safe", "rating": "Inadequate" } ] }, "reportDate": "2025-06-05" },
              "assessment": [
                { "assessmentPlanId": "p1", "title": "Assessment plan published 03 February 2025", "assessmentPlanStatus": "Published",
                  "assessmentPlanPublishedDateTime": "2025-02-03 16:40:00",
                  "ratings": { "overall": [],
                    "asgRatings": [ { "assessmentDate": "2024-12-01", "name": "Care Homes", "rating": "Good", "status": "Current",
                      "keyQuestionRatings": [ { "name": "Safe", "rating": "Good", "percentageScore": 63, "status": "Assessed" },
                                              { "name": "Well-led", "rating": "Requires Improvement", "percentageScore": 56, "status": "Assessed" } ] } ] } },
                { "assessmentPlanId": "p2", "assessmentPlanPublishedDateTime": "2025-09-01 08:00:00",
                  "ratings": { "overall": [], "asgRatings": [ { "name": "Care Homes", "rating": "Outstanding", "status": "Draft" } ] } }
              ]
            }
            """))!;

        // The inspection rating of June 2025 is newer than the assessment published in February: it is current.
        var rating = mapped.Location.Rating!;
        rating.PublishedOn.ShouldBe(new DateOnly(2025, 6, 5));
        rating.ServiceGroup.ShouldBe("");
        rating.Overall.ShouldBe(RatingWord.RequiresImprovement);
        var earlier = mapped.Location.History.ShouldHaveSingleItem(); // the draft is not published
        earlier.PublishedOn.ShouldBe(new DateOnly(2025, 2, 3));
        earlier.ServiceGroup.ShouldBe("Care Homes");
        earlier.Safe.ShouldBe(RatingWord.Good);
        earlier.WellLed.ShouldBe(RatingWord.RequiresImprovement);
        earlier.WellLedScore.ShouldBe(56m);
        mapped.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void AssessmentOddities_AreWarned_NeverGuessed()
    {
        var mapped = CqcApiMapper.Map(Read("""
            { "locationId": "1-9", "providerId": "1-8", "name": "Odd House",
              "assessment": [ { "assessmentPlanId": "p1", "assessmentPlanPublishedDateTime": "2025-02-03 16:40:00",
                "ratings": { "overall": [], "asgRatings": [
                  { "name": "Hospices for adults", "rating": "Good", "status": "Current",
                    "keyQuestionRatings": [ { "name": "Safe", "rating": "Good", "percentageScore": "about seventy", "status": "Assessed" } ] },
                  { "name": "Homecare", "rating": "Good", "status": "Moderated" } ] } },
                { "assessmentPlanId": "p2", "assessmentPlanPublishedDateTime": "",
                  "ratings": { "overall": [], "asgRatings": [ { "name": "Homecare", "rating": "Good", "status": "Current" } ] } } ]
            }
            """))!;

        var kept = mapped.Location.Rating.ShouldNotBeNull();
        kept.ServiceGroup.ShouldBe("Hospices for adults");
        kept.ServiceTypes.ShouldBe(ServiceTypes.None);
        kept.Safe.ShouldBe(RatingWord.Good);
        kept.SafeScore.ShouldBeNull();
        mapped.Location.History.ShouldBeEmpty();
        mapped.Warnings.Count.ShouldBe(4);
        mapped.Warnings.ShouldContain(w => w.Contains("\"Hospices for adults\" is not one CareMarket knows"));
        mapped.Warnings.ShouldContain(w => w.Contains("about seventy"));
        mapped.Warnings.ShouldContain(w => w.Contains("\"Moderated\""));
        mapped.Warnings.ShouldContain(w => w.Contains("p2") && w.Contains("no publication date"));
    }

    [Fact]
    public void Deregistered_WithASuccessor_IsAChangeOfProvider_WithoutOne_AClosure()
    {
        var taken = CqcApiMapper.Map(Read("""
            { "locationId": "1-9", "providerId": "1-8", "name": "Gone House", "registrationStatus": "Deregistered",
              "deregistrationDate": "2025-03-31", "numberOfBeds": 30,
              "relationships": [ { "relatedLocationId": "1-7", "relatedLocationName": "Old Gone House", "type": "HSCA Predecessor", "reason": "Location Move" },
                                 { "relatedLocationId": "1-10", "relatedLocationName": "New House", "type": "HSCA successor", "reason": "Location Changed Provider" } ] }
            """))!;
        var closed = CqcApiMapper.Map(Read("""
            { "locationId": "1-11", "providerId": "1-8", "name": "Shut House", "registrationStatus": "Deregistered", "deregistrationDate": "2025-04-30" }
            """))!;

        taken.IsDeregistered.ShouldBeTrue();
        taken.Successor.ShouldBe(new CqcRelationship("1-10", "Location Changed Provider"));
        taken.Predecessors.ShouldBe([new CqcRelationship("1-7", "Location Move")]);
        taken.Exit.ShouldBe(new CqcExit("1-9", new DateOnly(2025, 3, 31), 30, "Gone House", "1-8", SuccessorLocationId: "1-10",
            Reason: "Location Changed Provider"));
        taken.Exit!.Kind.ShouldBe(ExitKind.ChangedProvider);
        closed.Exit!.Kind.ShouldBe(ExitKind.Closed);
        closed.Exit.EndedOn.ShouldBe(new DateOnly(2025, 4, 30));
        closed.Exit.Reason.ShouldBe("Deregistered");
    }

    [Fact]
    public void Deregistered_WithoutADate_RecordsNoExit_AndSaysSo()
    {
        var mapped = CqcApiMapper.Map(Read("""{ "locationId": "1-9", "providerId": "1-8", "name": "X", "registrationStatus": "Deregistered" }"""))!;
        mapped.Exit.ShouldBeNull();
        mapped.Warnings.ShouldHaveSingleItem().ShouldContain("deregistrationDate");
    }

    [Fact]
    public void Dormant_IsFlagged()
    {
        MapFixture("location-dormant.json").Location.Dormant.ShouldBe(true);
        MapFixture("location-supported-living.json").Location.Dormant.ShouldBe(false);
    }

    [Fact]
    public void EveryServiceType_IsKept_AsCqcWroteIt()
    {
        var l = MapFixture("location-homecare.json").Location;
        l.CqcServiceTypes.ShouldBe(["Homecare agencies", "Supported living"]);
        l.ServiceType.ShouldBe(ServiceType.Homecare); // the main type brokerage uses
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
        // The models declare no place for people: contacts, nominated individuals.
        var modelTypes = typeof(ApiLocation).Assembly.GetTypes().Where(t => t.Namespace == typeof(ApiLocation).Namespace && t.Name.StartsWith("Api"));
        var properties = modelTypes.SelectMany(t => t.GetProperties()).Select(p => p.Name).ToList();
        properties.ShouldNotContain("Contacts");
        properties.ShouldNotContain("NominatedIndividual");
        // relationships[] names locations only; not even their names are read.
        typeof(ApiRelationship).GetProperties().Select(p => p.Name).ShouldBe(["RelatedLocationId", "Type", "Reason"], ignoreOrder: true);
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
