using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CareMarket.Data;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Tests;

/// <summary>
/// Users end to end: the link <c>caremarket user add</c> prints sets the password on the page, then the user signs
/// in; the users page refuses whoever is not an administrator on the server; a disabled user's session ends; a
/// provider user's provider claim waits for the confirmed link. Each test on its own app without the demo.
/// </summary>
public partial class UsersWebTests
{
    private const string NewPassword = "allotment teapot marmalade";

    private static Task<(int Exit, string Output)> CliAsync(string database, params string[] args) =>
        CommandLine.RunAsync(["--database", database, .. args]);

    private static async Task<string> TokenOnAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        return TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException($"No antiforgery token on {url}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^(http://localhost:5000/account/set-password\?\S+)$", RegexOptions.Multiline)]
    private static partial Regex LinkPattern();

    [Theory]
    [BothEngines]
    public async Task The_link_user_add_prints_sets_the_password_once_and_the_administrator_signs_in(Engine engine)
    {
        await using var app = await CareMarketApp.StartAsync(engine, demo: false);
        Council council;
        await using (var data = app.Data()) council = await data.CouncilAsync(onsCode: "E08000004", name: "Oldham");

        var (refusedExit, refused) = await CliAsync(app.ConnectionString, "user", "add", "ada@oldham.gov.uk", "--council", "E08000099", "--role", "administrator");
        refusedExit.ShouldBe(2, refused);
        refused.ShouldContain("There is no council with the ONS code E08000099");
        var (badRoleExit, badRole) = await CliAsync(app.ConnectionString, "user", "add", "ada@oldham.gov.uk", "--council", "E08000004", "--role", "boss");
        badRoleExit.ShouldBe(2, badRole);
        badRole.ShouldContain("There is no role \"boss\"");

        var (exit, output) = await CliAsync(app.ConnectionString, "user", "add", "ada@oldham.gov.uk", "--council", "E08000004", "--role", "administrator", "--name", "Ada Lovelace");
        exit.ShouldBe(0, output);
        var (againExit, again) = await CliAsync(app.ConnectionString, "user", "add", "ada@oldham.gov.uk", "--council", "E08000004", "--role", "administrator");
        againExit.ShouldBe(2, again);
        again.ShouldContain("There is already a user with the email address ada@oldham.gov.uk");
        var printed = LinkPattern().Match(output);
        printed.Success.ShouldBeTrue(output);
        var link = new Uri(printed.Groups[1].Value);

        var client = app.Client();
        var page = await client.GetStringAsync(link.PathAndQuery);
        page.ShouldContain("Set your password");
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        async Task<HttpResponseMessage> PostAsync(string password) => await client.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenOnAsync(client, link.PathAndQuery),
            ["user"] = query["user"]!, ["Token"] = query["token"]!, ["Password"] = password, ["ConfirmPassword"] = password,
        }));

        var common = await PostAsync("qwertyuiop123");
        common.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await common.Content.ReadAsStringAsync()).ShouldContain("govuk-error-summary");
        var set = await PostAsync(NewPassword);
        set.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        set.Headers.Location!.OriginalString.ShouldBe("/account/sign-in");
        (await client.GetStringAsync(link.PathAndQuery)).ShouldContain("This link does not work");

        var signIn = await CareMarketApp.SignInAsync(client, "ada@oldham.gov.uk", NewPassword);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var users = await client.GetStringAsync("/admin/users");
        users.ShouldContain("Ada Lovelace");
        await using var db = app.Db();
        (await db.Users.SingleAsync(u => u.Email == "ada@oldham.gov.uk")).LocalAuthorityId.ShouldBe(council.Id);
    }

    [Theory]
    [BothEngines]
    public async Task Only_an_administrator_reaches_the_users_page_and_api_on_the_server(Engine engine)
    {
        await using var app = await CareMarketApp.StartAsync(engine, demo: false);
        await using (var data = app.Data())
        {
            var council = await data.CouncilAsync();
            await data.UserAsync(council, Roles.Broker, email: "broker@testshire.gov.uk");
            await data.UserAsync(council, Roles.Administrator, email: "admin@testshire.gov.uk");
        }
        var broker = await app.SignedInAsync("broker@testshire.gov.uk");
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await CareMarketApp.AntiforgeryTokenAsync(broker),
            ["Email"] = "sneaky@testshire.gov.uk", ["Roles"] = Roles.Administrator,
        };
        var posted = await broker.PostAsync("/admin/users?handler=Invite", new FormUrlEncodedContent(form));
        (posted.StatusCode == HttpStatusCode.Forbidden
            || (posted.StatusCode == HttpStatusCode.Redirect && posted.Headers.Location!.AbsolutePath == "/account/access-denied")).ShouldBeTrue($"{posted.StatusCode}");
        (await broker.PostAsJsonAsync("/api/v1/admin/users", new { email = "sneaky@testshire.gov.uk", roles = new[] { "administrator" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var admin = await app.SignedInAsync("admin@testshire.gov.uk");
        form["__RequestVerificationToken"] = await CareMarketApp.AntiforgeryTokenAsync(admin);
        form["Email"] = "newbroker@testshire.gov.uk";
        form["Roles"] = Roles.Broker;
        var invited = await admin.PostAsync("/admin/users?handler=Invite", new FormUrlEncodedContent(form));
        invited.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await invited.Content.ReadAsStringAsync()).ShouldContain("/account/set-password?user=");
        var api = await admin.PostAsJsonAsync("/api/v1/admin/users", new { email = "analyst@testshire.gov.uk", roles = new[] { "commissioner" } });
        api.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.Content.ReadAsStringAsync()).ShouldContain("/account/set-password?user=");

        await using var db = app.Db();
        (await db.Users.AnyAsync(u => u.Email == "sneaky@testshire.gov.uk")).ShouldBeFalse();
        (await db.Users.CountAsync(u => u.Email == "newbroker@testshire.gov.uk" || u.Email == "analyst@testshire.gov.uk")).ShouldBe(2);
    }

    [Theory]
    [BothEngines]
    public async Task A_disabled_users_session_ends_and_they_cannot_sign_in_again(Engine engine)
    {
        await using var app = await CareMarketApp.StartAsync(engine, demo: false);
        string brokerId;
        await using (var data = app.Data())
        {
            var council = await data.CouncilAsync();
            brokerId = (await data.UserAsync(council, Roles.Broker, email: "broker@testshire.gov.uk")).Id;
            await data.UserAsync(council, Roles.Administrator, email: "admin@testshire.gov.uk");
        }
        var broker = await app.SignedInAsync("broker@testshire.gov.uk");
        (await broker.GetAsync("/register")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await app.SignedInAsync("admin@testshire.gov.uk");
        var disabled = await admin.PostAsync("/admin/users?handler=Disable", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenOnAsync(admin, "/admin/users"), ["UserId"] = brokerId,
        }));
        disabled.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The session lasts until its security stamp is next checked (a minute), then ends.
        app.Advance(TimeSpan.FromMinutes(2));
        var after = await broker.GetAsync("/register");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.AbsolutePath.ShouldBe("/account/sign-in");

        var again = await CareMarketApp.SignInAsync(app.Client(), "broker@testshire.gov.uk", TestData.Password);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).ShouldContain("This account has been disabled");
        var wrong = await CareMarketApp.SignInAsync(app.Client(), "broker@testshire.gov.uk", "not the password at all");
        (await wrong.Content.ReadAsStringAsync()).ShouldNotContain("disabled");
    }

    private sealed record Me(string Name, int? LocalAuthorityId, int? ProviderId, string[] Roles);

    [Theory]
    [BothEngines]
    public async Task A_provider_user_acts_for_no_provider_until_the_link_is_confirmed(Engine engine)
    {
        await using var app = await CareMarketApp.StartAsync(engine, demo: false);
        string userId;
        int providerId;
        await using (var data = app.Data())
        {
            var council = await data.CouncilAsync();
            var provider = await data.ProviderAsync(cqcProviderId: "1-101641521");
            providerId = provider.Id;
            await data.ServiceAsync(council, provider: provider);
            await data.ServiceAsync(council);
            var user = await data.UserAsync(council, Roles.Provider, provider, "manager@care.example");
            userId = user.Id;
            // Asked for, not confirmed: as an invitation with a CQC provider id leaves it.
            data.Db.Attach(user);
            user.ProviderId = null;
            user.RequestedProviderId = provider.Id;
            await data.Db.SaveChangesAsync();
            await data.UserAsync(council, Roles.Administrator, email: "admin@testshire.gov.uk");
        }
        var manager = await app.SignedInAsync("manager@care.example");
        var waiting = (await manager.GetFromJsonAsync<Me>("/api/v1/me", ApiTests.Json))!;
        waiting.ProviderId.ShouldBe(Actor.NoCouncil);
        var seen = await manager.GetStringAsync("/api/v1/register/services?pageSize=50");
        seen.ShouldContain("\"total\":0");

        var admin = await app.SignedInAsync("admin@testshire.gov.uk");
        (await admin.PostAsJsonAsync("/api/v1/provider-users/confirm", new { userId })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        app.Advance(TimeSpan.FromMinutes(2)); // the session's claims are made again at its next check
        var confirmed = (await manager.GetFromJsonAsync<Me>("/api/v1/me", ApiTests.Json))!;
        confirmed.ProviderId.ShouldBe(providerId);
        (await manager.GetStringAsync("/api/v1/register/services?pageSize=50")).ShouldContain("\"total\":1");
    }

    [Theory]
    [BothEngines]
    public async Task The_providers_approver_confirms_on_their_page_and_another_providers_approver_cannot(Engine engine)
    {
        await using var app = await CareMarketApp.StartAsync(engine, demo: false);
        string newcomer;
        await using (var data = app.Data())
        {
            var council = await data.CouncilAsync();
            var ours = await data.ProviderAsync();
            var theirs = await data.ProviderAsync();
            foreach (var (provider, email) in new[] { (ours, "approver@ours.example"), (theirs, "approver@theirs.example") })
            {
                var made = await data.UserAsync(council, Roles.Provider, provider, email);
                data.Db.Attach(made);
                made.IsProviderApprover = true;
            }
            var asking = await data.UserAsync(council, Roles.Provider, ours, "new@ours.example");
            newcomer = asking.Id;
            data.Db.Attach(asking);
            asking.ProviderId = null;
            asking.RequestedProviderId = ours.Id;
            await data.Db.SaveChangesAsync();
        }
        async Task<HttpResponseMessage> ConfirmAsync(HttpClient client) =>
            await client.PostAsync("/provider-users?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await TokenOnAsync(client, "/provider-users"), ["UserId"] = newcomer,
            }));

        var other = await app.SignedInAsync("approver@theirs.example");
        (await other.GetStringAsync("/provider-users")).ShouldNotContain("new@ours.example");
        (await ConfirmAsync(other)).StatusCode.ShouldBe(HttpStatusCode.OK); // the page, with the refusal
        await using (var db = app.Db()) (await db.Users.SingleAsync(u => u.Id == newcomer)).ProviderId.ShouldBeNull();

        var approver = await app.SignedInAsync("approver@ours.example");
        (await approver.GetStringAsync("/register")).ShouldContain("People to confirm");
        (await approver.GetStringAsync("/provider-users")).ShouldContain("new@ours.example");
        (await ConfirmAsync(approver)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using (var db = app.Db()) (await db.Users.SingleAsync(u => u.Id == newcomer)).ProviderConfirmedBy.ShouldBe("approver@ours.example");
    }
}
