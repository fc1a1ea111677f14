using CareMarket.Brokerage;
using CareMarket.Capacity;
using CareMarket.Register;

namespace CareMarket.Tests.Brokerage;

public class EligibilityTests
{
    // Person's area centroid: central Northampton-ish.
    internal const double Lat = 52.2400, Lon = -0.9000;

    internal static Need HomeNeed(double? maxKm = 10) => new(
        [ServiceType.CareHomeWithoutNursing, ServiceType.CareHomeWithNursing], Specialism.Dementia, BedCategory.DementiaResidential,
        null, [], PreferredAreaId: 1, Lat, Lon, maxKm, CurrentServiceId: null);

    internal static Need HomecareNeed() => new(
        [ServiceType.Homecare], Specialism.None, null, 14m, [TimeBand.Morning, TimeBand.Bed], PreferredAreaId: 7, Lat, Lon, 15, null);

    internal static Candidate Home(int id = 1, int provider = 10, int? area = 1, double? lat = Lat, double? lon = Lon,
        RatingWord? rating = RatingWord.Good, int? audit = null, int beds = 2, decimal? price = 900m, bool suspended = false) =>
        new(id, provider, $"Home {id}", ServiceType.CareHomeWithoutNursing, Specialism.Dementia | Specialism.OlderPeople,
            area, lat, lon, rating, audit, suspended, beds, 0m, price);

    private static string? Field(Decision d) => (d as Decision.Refused)?.Field;

    [Fact]
    public void A_good_local_home_with_a_bed_is_eligible() =>
        Eligibility.Check(HomeNeed(), Home()).ShouldBeAssignableTo<Decision.Allowed>();

    [Fact]
    public void Wrong_service_type_is_refused_naming_what_is_needed()
    {
        var d = Eligibility.Check(HomeNeed(), Home() with { Type = ServiceType.Homecare });
        Field(d).ShouldBe("ServiceType");
        ((Decision.Refused)d).Reason.ShouldContain("care home without nursing or care home with nursing needed");
    }

    [Fact]
    public void Every_specialism_is_needed_and_the_missing_ones_are_named()
    {
        var need = HomeNeed() with { Specialisms = Specialism.Dementia | Specialism.MentalHealth | Specialism.Autism };
        var d = (Decision.Refused)Eligibility.Check(need, Home());
        d.Field.ShouldBe("Specialisms");
        d.Reason.ShouldBe("Does not offer care for: autism, mental health");
    }

    [Fact]
    public void Suspended_or_embargoed_is_refused() =>
        Field(Eligibility.Check(HomeNeed(), Home(suspended: true))).ShouldBe("Suspended");

    [Theory]
    [InlineData(RatingWord.Inadequate, "Rating")]
    [InlineData(RatingWord.RequiresImprovement, null)]
    [InlineData(RatingWord.InsufficientEvidence, null)]
    [InlineData(null, null)]
    public void Only_Inadequate_is_refused_on_rating(RatingWord? rating, string? field) =>
        Field(Eligibility.Check(HomeNeed(), Home(rating: rating))).ShouldBe(field);

    [Fact]
    public void No_bed_accepting_admissions_is_refused()
    {
        var d = (Decision.Refused)Eligibility.Check(HomeNeed(), Home(beds: 0));
        d.Field.ShouldBe("Capacity");
        d.Reason.ShouldBe("No dementia residential beds accepting admissions now");
    }

    [Fact]
    public void Outside_the_area_but_within_the_limit_is_eligible()
    {
        // About 5.6 km north of the centroid.
        Eligibility.Check(HomeNeed(), Home(area: 2, lat: Lat + 0.05)).ShouldBe(Decision.Ok);
    }

    [Fact]
    public void Outside_the_area_and_beyond_the_limit_is_refused_with_the_distance()
    {
        var d = (Decision.Refused)Eligibility.Check(HomeNeed(), Home(area: 2, lat: Lat + 0.2));
        d.Field.ShouldBe("Distance");
        d.Reason.ShouldBe("22.2 km away, beyond the 10 km limit");
    }

    [Fact]
    public void A_service_with_no_coordinates_is_eligible_only_by_area()
    {
        Eligibility.Check(HomeNeed(), Home(area: 1, lat: null, lon: null)).ShouldBe(Decision.Ok);
        Field(Eligibility.Check(HomeNeed(), Home(area: 2, lat: null, lon: null))).ShouldBe("Distance");
        Field(Eligibility.Check(HomeNeed(maxKm: null), Home(area: 2))).ShouldBe("Area");
    }

    [Fact]
    public void A_need_with_no_area_and_no_limit_has_no_place_test() =>
        Eligibility.Check(HomeNeed() with { PreferredAreaId = null, MaxDistanceKm = null }, Home(area: 99, lat: 55, lon: -3)).ShouldBe(Decision.Ok);

    [Fact]
    public void The_first_failing_rule_is_given_type_before_capacity()
    {
        Field(Eligibility.Check(HomeNeed(), Home(beds: 0, suspended: true, rating: RatingWord.Inadequate))).ShouldBe("Suspended");
    }

    private static Candidate Agency(decimal hours, int? area = 3) =>
        new(5, 50, "Agency", ServiceType.Homecare, Specialism.None, area, 53.0, -1.5, RatingWord.Good, null, false, 0, hours, 22m);

    [Fact]
    public void Homecare_needs_at_least_the_weekly_hours_in_the_patch_and_bands()
    {
        Eligibility.Check(HomecareNeed(), Agency(14m)).ShouldBe(Decision.Ok);
        var d = (Decision.Refused)Eligibility.Check(HomecareNeed(), Agency(10.5m));
        d.Field.ShouldBe("Capacity");
        d.Reason.ShouldBe("Only 10.5 hours a week available of the 14 needed");
        Field(Eligibility.Check(HomecareNeed(), Agency(0m))).ShouldBe("Capacity");
    }

    [Fact]
    public void Homecare_goes_to_the_person_so_its_office_location_does_not_matter_when_a_patch_is_named() =>
        Eligibility.Check(HomecareNeed(), Agency(20m, area: 3)).ShouldBe(Decision.Ok);

    [Fact]
    public void Usable_hours_need_every_band_covered_in_the_patch()
    {
        HoursLine L(int area, TimeBand band, decimal hours) => new() { AreaId = area, TimeBand = band, HoursAvailable = hours };
        var lines = new[] { L(7, TimeBand.Morning, 20), L(7, TimeBand.Lunch, 5), L(8, TimeBand.Bed, 10) };
        Eligibility.UsableHours(lines, 7, [TimeBand.Morning, TimeBand.Bed]).ShouldBe(0m);
        Eligibility.UsableHours(lines, 7, [TimeBand.Morning, TimeBand.Lunch]).ShouldBe(25m);
        Eligibility.UsableHours(lines, null, [TimeBand.Morning, TimeBand.Bed]).ShouldBe(30m);
        Eligibility.UsableHours(lines, 7, []).ShouldBe(25m);
        Eligibility.UsableHours([], 7, [TimeBand.Morning]).ShouldBe(0m);
    }

    [Fact]
    public void Services_with_no_capacity_returns_have_no_capacity_test()
    {
        var need = HomeNeed() with { AcceptableTypes = [ServiceType.DayOpportunities], BedCategory = null, Specialisms = Specialism.None };
        Eligibility.Check(need, Home(beds: 0) with { Type = ServiceType.DayOpportunities }).ShouldBe(Decision.Ok);
    }

    [Fact]
    public void An_offer_skips_the_capacity_test_but_not_the_others()
    {
        Eligibility.CheckOffer(HomeNeed(), Home(beds: 0)).ShouldBe(Decision.Ok);
        Field(Eligibility.CheckOffer(HomeNeed(), Home(beds: 0, suspended: true))).ShouldBe("Suspended");
    }

    [Fact]
    public void Screen_with_no_candidates_is_empty()
    {
        var s = Eligibility.Screen(HomeNeed(), []);
        s.Eligible.ShouldBeEmpty();
        s.Ineligible.ShouldBeEmpty();
    }

    [Fact]
    public void Screen_gives_every_ineligible_candidate_its_reason()
    {
        var s = Eligibility.Screen(HomeNeed(), [Home(1, beds: 0), Home(2, rating: RatingWord.Inadequate), Home(3, suspended: true)]);
        s.Eligible.ShouldBeEmpty();
        s.Ineligible.Select(i => (i.Candidate.ServiceId, i.Reason.Field)).ShouldBe([(1, "Capacity"), (2, "Rating"), (3, "Suspended")]);
    }

    [Fact]
    public void Haversine_is_about_111_km_per_degree_of_latitude()
    {
        Eligibility.Haversine(52, -1, 53, -1).ShouldBe(111.19, 0.01);
        Eligibility.Haversine(51.5074, -0.1278, 53.4808, -2.2426).ShouldBe(262, 1); // London to Manchester
        Eligibility.Haversine(52, -1, 52, -1).ShouldBe(0);
    }
}

/// <summary>The rules brokerage's server holds send, offer and award to, and how out-of-date capacity is shown and ranked.</summary>
public class PlacingRulesTests
{
    private static readonly Need Need = EligibilityTests.HomeNeed();

    [Fact]
    public void Inadequate_is_refused_when_the_council_does_not_place_there()
    {
        var d = Eligibility.CheckToPlace(Need, EligibilityTests.Home(rating: RatingWord.Inadequate), InadequatePlacement.Refused).ShouldBeOfType<Decision.Refused>();
        d.Field.ShouldBe("Rating");
    }

    [Fact]
    public void Inadequate_with_the_councils_leave_needs_a_reason_in_its_own_field()
    {
        var home = EligibilityTests.Home(rating: RatingWord.Inadequate);
        var d = Eligibility.CheckToPlace(Need, home, new InadequatePlacement(true, " ")).ShouldBeOfType<Decision.Refused>();
        d.Field.ShouldBe(InadequatePlacement.Field);
        d.Reason.ShouldBe("Home 1 is rated Inadequate by CQC: say why the person should be placed there");
        Eligibility.CheckToPlace(Need, home, new InadequatePlacement(true, "Near her husband")).ShouldBeAssignableTo<Decision.Allowed>();
    }

    [Fact]
    public void A_reason_is_recorded_only_for_an_Inadequate_service_and_only_when_accepted()
    {
        new InadequatePlacement(true, "  Near her husband ").ReasonFor(RatingWord.Inadequate).ShouldBe("Near her husband");
        new InadequatePlacement(true, "Near her husband").ReasonFor(RatingWord.Good).ShouldBeNull();
        new InadequatePlacement(false, "Near her husband").ReasonFor(RatingWord.Inadequate).ShouldBeNull();
    }

    [Fact]
    public void The_councils_leave_does_not_lift_any_other_rule()
    {
        var far = EligibilityTests.Home(rating: RatingWord.Inadequate, area: 2, lat: EligibilityTests.Lat + 0.3);
        Eligibility.CheckToPlace(Need, far, new InadequatePlacement(true, "Near her husband")).ShouldBeOfType<Decision.Refused>().Field.ShouldBe("Distance");
    }

    [Fact]
    public void Sending_is_not_refused_for_capacity_because_returns_lag() =>
        Eligibility.CheckToPlace(Need, EligibilityTests.Home(beds: 0), InadequatePlacement.Refused).ShouldBeAssignableTo<Decision.Allowed>();

    [Fact]
    public void A_nursing_bed_needs_a_care_home_with_nursing()
    {
        var need = Need with { BedCategory = BedCategory.Nursing, Specialisms = Specialism.None };
        var d = Eligibility.Check(need, EligibilityTests.Home()).ShouldBeOfType<Decision.Refused>();
        d.Field.ShouldBe("BedCategory");
        d.Reason.ShouldBe("Care home without nursing cannot take a person who needs a nursing bed");
        Eligibility.Check(need, EligibilityTests.Home() with { Type = ServiceType.CareHomeWithNursing }).ShouldBeAssignableTo<Decision.Allowed>();
    }

    [Fact]
    public void A_stale_return_is_not_refused_for_capacity_and_says_how_old_it_is()
    {
        var stale = EligibilityTests.Home(beds: 0) with { Capacity = Freshness.Stale, LastReturnDays = 12 };
        Eligibility.Check(Need, stale).ShouldBeAssignableTo<Decision.Allowed>();
        Eligibility.CapacityNotKnown(stale).ShouldBe("capacity not known (last return 12 days ago)");
        Eligibility.CapacityNotKnown(stale with { LastReturnDays = 1 }).ShouldBe("capacity not known (last return 1 day ago)");
        Eligibility.CapacityNotKnown(stale with { Capacity = Freshness.NeverReported, LastReturnDays = null }).ShouldBe("capacity not known (no capacity return)");
        Eligibility.CapacityNotKnown(EligibilityTests.Home()).ShouldBeNull();
    }

    [Fact]
    public void A_fresh_return_with_no_room_is_still_refused() =>
        Eligibility.Check(Need, EligibilityTests.Home(beds: 0)).ShouldBeOfType<Decision.Refused>().Field.ShouldBe("Capacity");

    [Fact]
    public void A_dormant_service_has_no_room_now_whatever_its_return_says()
    {
        var d = Eligibility.Check(Need, EligibilityTests.Home(beds: 3) with { Dormant = true }).ShouldBeOfType<Decision.Refused>();
        d.Field.ShouldBe("Capacity");
        d.Reason.ShouldStartWith("Dormant");
    }

    [Fact]
    public void Stale_services_rank_below_every_fresh_one_whatever_their_score()
    {
        var fresh = EligibilityTests.Home(1, provider: 10, rating: RatingWord.RequiresImprovement, price: 1100m);
        var stale = EligibilityTests.Home(2, provider: 11, rating: RatingWord.Outstanding, price: 800m) with { Capacity = Freshness.Stale, LastReturnDays = 9 };
        var ranked = Ranking.Rank(Need, [stale, fresh], Weights.Example, FairnessShares.None);
        ranked.Select(r => r.Candidate.ServiceId).ShouldBe([1, 2]);
        ranked[1].Score.ShouldBeGreaterThan(ranked[0].Score);
        ranked[1].Reasons[0].ShouldBe("capacity not known (last return 9 days ago)");
        ranked[0].Reasons.ShouldNotContain(r => r.StartsWith("capacity not known"));
    }

    [Fact]
    public void Offers_are_not_split_by_staleness_since_the_offer_is_the_providers_word()
    {
        var fresh = EligibilityTests.Home(1, provider: 10, rating: RatingWord.RequiresImprovement);
        var stale = EligibilityTests.Home(2, provider: 11, rating: RatingWord.Outstanding) with { Capacity = Freshness.Stale, LastReturnDays = 9 };
        var offers = new List<OfferTerms> { new(100, 1, 900m, TestClock.Today), new(200, 2, 900m, TestClock.Today) };
        Ranking.RankOffers(Need, [fresh, stale], offers, Weights.Example, FairnessShares.None).Select(r => r.Offer!.OfferId).ShouldBe([200, 100]);
    }
}
