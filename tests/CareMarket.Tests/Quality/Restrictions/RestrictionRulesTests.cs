using CareMarket.Brokerage;
using CareMarket.Quality.Restrictions;
using CareMarket.Tests.Brokerage;

namespace CareMarket.Tests.Quality.Restrictions;

/// <summary>When a suspension or embargo is in force, what a valid one is, and what brokerage makes of one.</summary>
public class RestrictionRulesTests
{
    private static readonly DateTime Noon = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Noon);

    private static ServiceRestriction Suspension(DateOnly? from = null, DateOnly? review = null, DateTime? liftedAt = null) => new()
    {
        LocalAuthorityId = 1, ServiceId = 7, Kind = RestrictionKind.Suspension, Reason = RestrictionReason.Safeguarding,
        StartsOn = from ?? Today, ReviewOn = review, CreatedBy = "quality", LiftedAt = liftedAt, LiftedBy = liftedAt is null ? null : "quality",
    };

    [Fact]
    public void In_force_from_the_start_of_its_start_date()
    {
        ServiceRestrictions.IsActive(Suspension(from: Today), Noon).ShouldBeTrue();
        ServiceRestrictions.IsActive(Suspension(from: Today), Today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)).ShouldBeTrue();
        ServiceRestrictions.IsActive(Suspension(from: Today.AddDays(-200)), Noon).ShouldBeTrue();
    }

    [Fact]
    public void Not_in_force_before_its_start_date() =>
        ServiceRestrictions.IsActive(Suspension(from: Today.AddDays(1)), Noon).ShouldBeFalse();

    [Fact]
    public void Lifting_ends_it_from_the_moment_it_is_lifted_not_before()
    {
        var lifted = Suspension(from: Today.AddDays(-30), liftedAt: Noon);
        ServiceRestrictions.IsActive(lifted, Noon.AddMinutes(-1)).ShouldBeTrue();
        ServiceRestrictions.IsActive(lifted, Noon).ShouldBeFalse();
        ServiceRestrictions.IsActive(lifted, Noon.AddDays(3)).ShouldBeFalse();
    }

    [Fact]
    public void A_review_date_that_has_passed_does_not_lift_it_but_makes_the_review_due()
    {
        var overdue = Suspension(from: Today.AddDays(-60), review: Today.AddDays(-1));
        ServiceRestrictions.IsActive(overdue, Noon).ShouldBeTrue();
        ServiceRestrictions.ReviewDue(overdue, Noon).ShouldBeTrue();
        ServiceRestrictions.ReviewDue(Suspension(review: Today.AddDays(10)), Noon).ShouldBeFalse();
        ServiceRestrictions.ReviewDue(Suspension(from: Today.AddDays(-60), review: Today.AddDays(-1), liftedAt: Noon.AddHours(-1)), Noon).ShouldBeFalse();
    }

    [Fact]
    public void A_good_restriction_passes_the_checks() =>
        ServiceRestrictions.Check(new NewRestriction(RestrictionKind.Embargo, RestrictionReason.CqcEnforcement, null, Today, Today.AddDays(28))).ShouldBeEmpty();

    [Fact]
    public void Check_names_each_field_that_is_wrong()
    {
        var errors = ServiceRestrictions.Check(new NewRestriction((RestrictionKind)9, RestrictionReason.Other, "  ", Today, Today.AddDays(-1)));
        errors.Select(e => e.Field).ShouldBe(["Kind", "Details", "ReviewOn"]);
        errors.Single(e => e.Field == "Details").Message.ShouldBe("Describe the reason");
        errors.Single(e => e.Field == "ReviewOn").Message.ShouldBe("The review date must be on or after the start date");
        ServiceRestrictions.Check(new NewRestriction(RestrictionKind.Suspension, (RestrictionReason)42, new string('x', 501), Today, null))
            .Select(e => e.Field).ShouldBe(["Reason", "Details"]);
    }

    [Fact]
    public void Lifting_needs_a_reason_of_reasonable_length()
    {
        ServiceRestrictions.CheckLift(null).ShouldHaveSingleItem().Message.ShouldBe("Enter why the restriction is lifted");
        ServiceRestrictions.CheckLift(" ").ShouldHaveSingleItem();
        ServiceRestrictions.CheckLift(new string('x', 501)).ShouldHaveSingleItem().Message.ShouldContain("500 characters");
        ServiceRestrictions.CheckLift("Risk panel of 20 November agreed the action plan is complete").ShouldBeEmpty();
    }

    [Fact]
    public void A_suspended_home_is_listed_as_not_eligible_with_the_reason_even_when_it_would_rank_first()
    {
        // The suspended home is the best on every count: Outstanding, nearest, beds free.
        var best = EligibilityTests.Home(id: 1, rating: CareMarket.Register.RatingWord.Outstanding, suspended: true);
        var other = EligibilityTests.Home(id: 2, rating: CareMarket.Register.RatingWord.RequiresImprovement, lat: EligibilityTests.Lat + 0.05);
        var screening = Eligibility.Screen(EligibilityTests.HomeNeed(), [best, other]);

        screening.Eligible.Select(c => c.ServiceId).ShouldBe([2]);
        var excluded = screening.Ineligible.ShouldHaveSingleItem();
        excluded.Candidate.ServiceId.ShouldBe(1);
        excluded.Reason.Reason.ShouldBe("Suspended or embargoed: the council is not placing new people here");
        Ranking.Rank(EligibilityTests.HomeNeed(), [best, other], Weights.Example, FairnessShares.None).Select(r => r.Candidate.ServiceId).ShouldBe([2]);
    }

    [Fact]
    public void An_offer_made_before_the_suspension_no_longer_counts() =>
        (Eligibility.CheckOffer(EligibilityTests.HomeNeed(), EligibilityTests.Home(beds: 0, suspended: true)) as Decision.Refused)!.Field.ShouldBe("Suspended");

    [Fact]
    public void The_refusal_says_what_and_since_when() =>
        ServiceRestrictions.Refusal("Oak Tree Nursing Home", RestrictionKind.Embargo, new DateOnly(2026, 11, 3))
            .ShouldBe("Oak Tree Nursing Home is under an embargo from 3 November 2026: the council is not placing new people there");
}
