using CareMarket.Admin;
using CareMarket.Data;
using CareMarket.Demo;

namespace CareMarket.Tests.Admin;

/// <summary>The password rule (NCSC: length over complexity, a list of common passwords), tested directly.</summary>
public class PasswordsTests
{
    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("allotment teapot marmalade")] // three random words, no digits, capitals or symbols
    [InlineData("twelvechars!")] // exactly the minimum
    public void A_long_uncommon_password_is_accepted_without_digits_capitals_or_symbols(string password) =>
        Passwords.Problems(password, "jo.bloggs@oldham.gov.uk").ShouldBeEmpty();

    [Fact]
    public void A_passphrase_of_well_over_64_characters_is_accepted()
    {
        var passphrase = "the quick brown fox jumps over the lazy dog near the old mill on a windy afternoon in march";
        passphrase.Length.ShouldBeGreaterThan(64);
        Passwords.Problems(passphrase, "jo@oldham.gov.uk").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("short pass")]
    [InlineData("elevenchars")]
    public void A_password_under_12_characters_is_refused(string? password) =>
        Passwords.Problems(password, "jo@oldham.gov.uk").ShouldNotBeEmpty();

    [Fact]
    public void A_password_beyond_the_bound_is_refused() =>
        Passwords.Problems(new string('x', Passwords.MaximumLength) + "y", "jo@oldham.gov.uk").ShouldHaveSingleItem().ShouldContain("256");

    [Theory]
    [InlineData("qwertyuiop123")]
    [InlineData("PasswordPassword")] // whatever the case
    [InlineData("1qaz2wsx3edc")]
    public void A_common_password_from_the_shipped_list_is_refused(string password) =>
        Passwords.Problems(password, "jo@oldham.gov.uk").ShouldHaveSingleItem().ShouldContain("most commonly used");

    [Fact]
    public void The_shipped_list_is_loaded_and_holds_only_passwords_long_enough_to_matter() =>
        Passwords.CommonCount.ShouldBe(43_940);

    [Theory]
    [InlineData("jo.bloggs@oldham.gov.uk", "jo.bloggs-secret-2026")]
    [InlineData("jo.bloggs@oldham.gov.uk", "MY JO.BLOGGS PASSWORD")]
    [InlineData("admin@oldham.gov.uk", "admin@oldham.gov.uk")]
    public void A_password_equal_to_or_holding_the_emails_name_is_refused(string email, string password) =>
        Passwords.Problems(password, email).ShouldHaveSingleItem().ShouldContain("email address");

    [Fact]
    public void A_very_short_email_name_is_not_looked_for_inside_passwords() =>
        Passwords.Problems("a jolly long passphrase", "jo@oldham.gov.uk").ShouldBeEmpty();

    [Fact]
    public void Identitys_composition_rules_are_all_off_and_the_length_is_ours()
    {
        var options = new Microsoft.AspNetCore.Identity.PasswordOptions();
        Passwords.Configure(options);
        options.RequiredLength.ShouldBe(12);
        options.RequireDigit.ShouldBeFalse();
        options.RequireLowercase.ShouldBeFalse();
        options.RequireUppercase.ShouldBeFalse();
        options.RequireNonAlphanumeric.ShouldBeFalse();
        options.RequiredUniqueChars.ShouldBe(1);
    }

    [Fact]
    public void The_demo_password_passes_the_policy() =>
        Passwords.Problems(DemoBorough.Password, "commissioner@northbridge.example").ShouldBeEmpty();
}

/// <summary>The small rules of users: roles as typed, role sets, e-mail addresses, the last administrator.</summary>
public class UserRulesTests
{
    [Theory]
    [InlineData("administrator", "Administrator")]
    [InlineData("Quality officer", "QualityOfficer")]
    [InlineData("quality-officer", "QualityOfficer")]
    [InlineData("social_worker", "SocialWorker")]
    [InlineData("provider", "Provider")]
    [InlineData("Provider user", "Provider")]
    [InlineData("BROKER", "Broker")]
    [InlineData("boss", null)]
    [InlineData("", null)]
    public void A_role_is_read_as_a_person_types_it(string text, string? role) => UserRules.ParseRole(text).ShouldBe(role);

    [Fact]
    public void Role_sets_need_one_known_role_and_a_provider_or_partner_role_stands_alone()
    {
        UserRules.RolesProblem([Roles.Broker, Roles.Commissioner]).ShouldBeNull();
        UserRules.RolesProblem([Roles.Provider]).ShouldBeNull();
        UserRules.RolesProblem([]).ShouldNotBeNull();
        UserRules.RolesProblem(["Boss"]).ShouldNotBeNull().ShouldContain("Boss");
        UserRules.RolesProblem([Roles.Provider, Roles.Broker]).ShouldNotBeNull();
        UserRules.RolesProblem([Roles.Partner, Roles.Administrator]).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("jo.bloggs@oldham.gov.uk", true)]
    [InlineData("Jo Bloggs <jo@oldham.gov.uk>", false)]
    [InlineData("jo@localhost", false)]
    [InlineData("not an address", false)]
    [InlineData("", false)]
    public void An_email_address_must_be_one(string email, bool good) => (UserRules.EmailProblem(email) is null).ShouldBe(good);

    [Theory]
    [InlineData(true, false, 0, true)] // the only administrator loses the role or is disabled
    [InlineData(true, false, 1, false)] // another administrator remains
    [InlineData(true, true, 0, false)] // stays an administrator
    [InlineData(false, false, 0, false)] // was not one
    public void The_last_administrator_cannot_be_taken_away(bool isAdmin, bool staysAdmin, int others, bool refused) =>
        UserRules.LeavesNoAdministrator(isAdmin, staysAdmin, others).ShouldBe(refused);
}
