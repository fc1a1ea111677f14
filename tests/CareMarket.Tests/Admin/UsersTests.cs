using CareMarket.Admin;
using CareMarket.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareMarket.Tests.Admin;

/// <summary>The council's users through the use case, as the command line, an administrator, an approver and nobody act.</summary>
public class UsersTests
{
    private const string GoodPassword = "allotment teapot marmalade";

    /// <summary>The use case as an actor would call it, over the test database (Identity as the apps make it).</summary>
    private sealed class As : IAsyncDisposable
    {
        private readonly ServiceProvider services;
        private readonly AsyncServiceScope scope;

        public As(TestDatabase database, Actor actor)
        {
            var collection = new ServiceCollection();
            collection.AddLogging();
            collection.AddSingleton<TimeProvider>(database.Clock);
            collection.AddScoped(_ => database.NewContext(actor));
            collection.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<CareMarketDb>().AddCareMarketAccounts();
            services = collection.BuildServiceProvider();
            scope = services.CreateAsyncScope();
        }

        public Users Users => scope.ServiceProvider.GetRequiredService<Users>();
        public CareMarketDb Db => scope.ServiceProvider.GetRequiredService<CareMarketDb>();

        public async ValueTask DisposeAsync()
        {
            await scope.DisposeAsync();
            await services.DisposeAsync();
        }
    }

    private static async Task<(Council Council, UserLink Admin)> CouncilWithAdministratorAsync(TestDatabase database, string email = "admin@testshire.gov.uk")
    {
        Council council;
        await using (var data = database.Data())
        {
            await Roles.EnsureAsync(data.Db);
            council = await data.CouncilAsync();
        }
        await using var cli = new As(database, Actor.SystemAs("cli:test"));
        var made = (await cli.Users.AddAsync(council.Id, new NewUser(email, "Ada Admin", [Roles.Administrator])))
            .ShouldBeOfType<Decision.Created<UserLink>>().Value;
        return (council, made);
    }

    private static Actor AdminOf(Council council, string email = "admin@testshire.gov.uk") => new(email, council.Id);

    [Theory]
    [BothEngines]
    public async Task The_command_line_adds_the_first_administrator_whose_link_sets_the_password_once_and_audits_no_secret(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (council, admin) = await CouncilWithAdministratorAsync(database);
        admin.Token.ShouldNotBeNullOrEmpty();

        await using (var anonymous = new As(database, Actor.Anonymous))
        {
            (await anonymous.Users.LinkWorksAsync(admin.UserId, admin.Token)).ShouldBeTrue();
            (await anonymous.Users.LinkWorksAsync(admin.UserId, admin.Token + "x")).ShouldBeFalse();
            // A weak password is refused and leaves the link working.
            (await anonymous.Users.SetPasswordAsync(admin.UserId, admin.Token, "qwertyuiop123")).ShouldBeOfType<Decision.Invalid>()
                .Errors.ShouldHaveSingleItem().Message.ShouldContain("commonly used");
            (await anonymous.Users.SetPasswordAsync(admin.UserId, admin.Token, GoodPassword)).ShouldBe(Decision.Ok);
        }
        await using (var again = new As(database, Actor.Anonymous))
        {
            (await again.Users.SetPasswordAsync(admin.UserId, admin.Token, "another fine passphrase")).ShouldBeOfType<Decision.Refused>().Field.ShouldBe("Token");
        }

        await using var system = database.NewContext();
        var user = await system.Users.SingleAsync(u => u.Id == admin.UserId);
        user.LocalAuthorityId.ShouldBe(council.Id);
        user.EmailConfirmed.ShouldBeTrue();
        new PasswordHasher<AppUser>().VerifyHashedPassword(user, user.PasswordHash!, GoodPassword).ShouldNotBe(PasswordVerificationResult.Failed);
        (await system.UserTokens.CountAsync(t => t.UserId == admin.UserId)).ShouldBe(0);

        // Every change is in the audit log, the password's own change as the user; no secret is.
        var audit = await system.AuditEntries.Where(a => a.EntityType == nameof(AppUser) || a.EntityType.StartsWith("Identity")).ToListAsync();
        audit.ShouldContain(a => a.UserName == "cli:test" && a.Action == "Added" && a.EntityType == nameof(AppUser));
        audit.ShouldContain(a => a.UserName == "admin@testshire.gov.uk" && a.EntityType == nameof(AppUser) && a.LocalAuthorityId == council.Id);
        audit.ShouldContain(a => a.EntityType.StartsWith("IdentityUserToken"));
        foreach (var a in audit)
        {
            var text = a.Before + a.After;
            text.ShouldNotContain(user.PasswordHash!);
            text.ShouldNotContain(user.SecurityStamp!);
            text.ShouldNotContain(admin.Token!);
        }
        audit.ShouldContain(a => (a.After ?? "").Contains("\"PasswordHash\":\"(hidden)\""));
    }

    [Theory]
    [BothEngines]
    public async Task A_link_expires_and_a_newer_link_replaces_the_older(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (council, admin) = await CouncilWithAdministratorAsync(database);
        UserLink second;
        await using (var cli = new As(database, Actor.SystemAs("cli:test")))
        {
            second = (await cli.Users.NewLinkAsync(admin.UserId)).ShouldBeOfType<Decision.Created<UserLink>>().Value;
        }
        await using (var anonymous = new As(database, Actor.Anonymous))
        {
            (await anonymous.Users.LinkWorksAsync(admin.UserId, admin.Token)).ShouldBeFalse();
            (await anonymous.Users.LinkWorksAsync(admin.UserId, second.Token)).ShouldBeTrue();
        }
        database.Clock.Advance(PasswordLinks.Lifetime + TimeSpan.FromMinutes(1));
        await using (var later = new As(database, Actor.Anonymous))
        {
            (await later.Users.SetPasswordAsync(admin.UserId, second.Token, GoodPassword)).ShouldBeOfType<Decision.Refused>().Field.ShouldBe("Token");
        }
        _ = council;
    }

    [Theory]
    [BothEngines]
    public async Task Adding_refuses_an_existing_email_a_bad_role_mix_and_an_unknown_provider_and_writes_nothing(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (council, _) = await CouncilWithAdministratorAsync(database);
        await using var admin = new As(database, AdminOf(council));
        var before = await admin.Db.Users.CountAsync();

        (await admin.Users.AddAsync(null, new NewUser("ADMIN@testshire.gov.uk", null, [Roles.Broker]))).ShouldBeOfType<Decision.Invalid>()
            .Errors.ShouldContain(e => e.Field == "Email" && e.Message.Contains("already"));
        (await admin.Users.AddAsync(null, new NewUser("b@testshire.gov.uk", null, [Roles.Provider, Roles.Broker]))).ShouldBeOfType<Decision.Invalid>()
            .Errors.ShouldContain(e => e.Field == "Roles");
        (await admin.Users.AddAsync(null, new NewUser("p@care.example", null, [Roles.Provider], "1-000000000"))).ShouldBeOfType<Decision.Invalid>()
            .Errors.ShouldContain(e => e.Field == "CqcProviderId" && e.Message.Contains("1-000000000"));
        (await admin.Users.AddAsync(null, new NewUser("c@testshire.gov.uk", null, [Roles.Broker], Password: "c@testshire"))).ShouldBeOfType<Decision.Invalid>()
            .Errors.ShouldContain(e => e.Field == "Password");
        (await admin.Users.AddAsync(null, new NewUser("w@testshire.gov.uk", null, [Roles.Broker], Password: "passwordpassword"))).ShouldBeOfType<Decision.Invalid>();

        (await admin.Db.Users.CountAsync()).ShouldBe(before);
    }

    [Theory]
    [BothEngines]
    public async Task An_administrator_changes_roles_and_disables_but_the_council_keeps_one_administrator(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (council, first) = await CouncilWithAdministratorAsync(database);

        await using (var admin = new As(database, AdminOf(council)))
        {
            // Alone, the administrator can neither drop the role nor be disabled, by themselves or anyone.
            (await admin.Users.SetRolesAsync(first.UserId, [Roles.Broker])).ShouldBeOfType<Decision.Conflict>().Reason.ShouldContain("last administrator");
            (await admin.Users.DisableAsync(first.UserId)).ShouldBeOfType<Decision.Conflict>();

            var broker = (await admin.Users.AddAsync(null, new NewUser("broker@testshire.gov.uk", "Bea Broker", [Roles.Broker])))
                .ShouldBeOfType<Decision.Created<UserLink>>().Value;
            (await admin.Users.SetRolesAsync(broker.UserId, [Roles.Broker, Roles.Administrator])).ShouldBe(Decision.Ok);
            (await admin.Users.DisableAsync(first.UserId)).ShouldBe(Decision.Ok);
            // Now the broker is the last administrator who can sign in.
            (await admin.Users.SetRolesAsync(broker.UserId, [Roles.Broker])).ShouldBeOfType<Decision.Conflict>();
            (await admin.Users.EnableAsync(first.UserId)).ShouldBe(Decision.Ok);
            (await admin.Users.SetRolesAsync(broker.UserId, [Roles.Broker, Roles.Commissioner])).ShouldBe(Decision.Ok);
        }

        await using var system = new As(database, Actor.System);
        var rows = await system.Users.ListAsync(council.Id);
        rows.Select(r => r.Email).ShouldBe(["admin@testshire.gov.uk", "broker@testshire.gov.uk"], ignoreOrder: true);
        rows.Single(r => r.Email == "broker@testshire.gov.uk").Roles.ShouldBe([Roles.Broker, Roles.Commissioner]);
        rows.Single(r => r.Email == "admin@testshire.gov.uk").IsDisabled.ShouldBeFalse();
        var stampBefore = (await system.Db.Users.AsNoTracking().SingleAsync(u => u.Id == first.UserId)).SecurityStamp;
        await using (var admin = new As(database, new Actor("broker@testshire.gov.uk", council.Id)))
        {
            (await admin.Users.SetRolesAsync(first.UserId, [Roles.Administrator, Roles.Broker])).ShouldBe(Decision.Ok);
        }
        await using (var admin = new As(database, AdminOf(council)))
        {
            // Disabling gives a new security stamp: every session of the account ends at its next check.
            (await admin.Users.SetRolesAsync(rows.Single(r => r.Email == "broker@testshire.gov.uk").Id, [Roles.Broker, Roles.Administrator])).ShouldBe(Decision.Ok);
            (await admin.Users.DisableAsync(first.UserId)).ShouldBe(Decision.Ok);
        }
        var disabled = await system.Db.Users.AsNoTracking().SingleAsync(u => u.Id == first.UserId);
        disabled.DisabledAt.ShouldNotBeNull();
        disabled.SecurityStamp.ShouldNotBe(stampBefore);
    }

    [Theory]
    [BothEngines]
    public async Task Another_councils_administrator_neither_sees_nor_changes_this_councils_users(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (council, admin) = await CouncilWithAdministratorAsync(database);
        Council other;
        await using (var data = database.Data()) other = await data.CouncilAsync();

        await using var stranger = new As(database, new Actor("admin@elsewhere.gov.uk", other.Id));
        (await stranger.Users.ListAsync(council.Id)).ShouldBeEmpty();
        (await stranger.Users.ListAsync()).ShouldBeEmpty();
        (await stranger.Users.SetRolesAsync(admin.UserId, [Roles.Broker])).ShouldBeOfType<Decision.NotFound>();
        (await stranger.Users.DisableAsync(admin.UserId)).ShouldBeOfType<Decision.NotFound>();
        (await stranger.Users.NewLinkAsync(admin.UserId)).ShouldBeOfType<Decision.NotFound>();
        (await stranger.Users.AddAsync(council.Id, new NewUser("x@testshire.gov.uk", null, [Roles.Administrator]))).ShouldBeOfType<Decision.Forbidden>();
        // Nor does a provider user or a partner of the council itself.
        await using var partner = new As(database, new Actor("partner@icb.example", council.Id, IsPartner: true));
        (await partner.Users.ListAsync()).ShouldBeEmpty();
        (await partner.Users.DisableAsync(admin.UserId)).ShouldBeOfType<Decision.NotFound>();
    }

    [Theory]
    [BothEngines]
    public async Task A_provider_link_waits_until_the_administrator_confirms_it(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (council, _) = await CouncilWithAdministratorAsync(database);
        CareMarket.Register.Provider provider;
        await using (var data = database.Data()) provider = await data.ProviderAsync(cqcProviderId: "1-101641521");

        await using var admin = new As(database, AdminOf(council));
        var made = (await admin.Users.AddAsync(null, new NewUser("manager@care.example", "Mo Manager", [Roles.Provider], " 1-101641521 ")))
            .ShouldBeOfType<Decision.Created<UserLink>>().Value;
        var waiting = (await admin.Users.ListAsync()).Single(r => r.Id == made.UserId);
        waiting.Link.ShouldBe(ProviderLink.Waiting);
        waiting.CqcProviderId.ShouldBe("1-101641521");
        var user = await admin.Db.Users.AsNoTracking().SingleAsync(u => u.Id == made.UserId);
        user.ProviderId.ShouldBeNull(); // the claim comes from this: nothing of the provider's is seen yet
        user.RequestedProviderId.ShouldBe(provider.Id);
        user.ProviderRequestedBy.ShouldBe("admin@testshire.gov.uk");
        (await admin.Users.SetApproverAsync(made.UserId, true)).ShouldBeOfType<Decision.Conflict>();

        (await admin.Users.ConfirmProviderAsync(made.UserId)).ShouldBe(Decision.Ok);
        (await admin.Users.ConfirmProviderAsync(made.UserId)).ShouldBeOfType<Decision.Conflict>();
        var confirmed = await admin.Db.Users.AsNoTracking().SingleAsync(u => u.Id == made.UserId);
        confirmed.ProviderId.ShouldBe(provider.Id);
        confirmed.RequestedProviderId.ShouldBeNull();
        confirmed.ProviderConfirmedBy.ShouldBe("admin@testshire.gov.uk");
        confirmed.ProviderConfirmedAt.ShouldBe(database.Clock.GetUtcNow().UtcDateTime);

        // Leaving the provider role ends the link.
        (await admin.Users.SetRolesAsync(made.UserId, [Roles.Partner])).ShouldBe(Decision.Ok);
        (await admin.Db.Users.AsNoTracking().SingleAsync(u => u.Id == made.UserId)).ProviderId.ShouldBeNull();
    }

    [Theory]
    [BothEngines]
    public async Task The_providers_approver_confirms_a_link_to_their_provider_and_an_approver_of_another_provider_cannot(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (council, _) = await CouncilWithAdministratorAsync(database);
        CareMarket.Register.Provider ours, theirs;
        AppUser approver, otherApprover;
        await using (var data = database.Data())
        {
            ours = await data.ProviderAsync();
            theirs = await data.ProviderAsync();
            approver = await data.UserAsync(council, Roles.Provider, ours, "approver@ours.example");
            otherApprover = await data.UserAsync(council, Roles.Provider, theirs, "approver@theirs.example");
            foreach (var a in new[] { approver, otherApprover })
            {
                data.Db.Attach(a);
                a.IsProviderApprover = true;
            }
            await data.Db.SaveChangesAsync();
        }
        string newcomer;
        await using (var admin = new As(database, AdminOf(council)))
        {
            newcomer = ((await admin.Users.AddAsync(null, new NewUser("new@ours.example", null, [Roles.Provider], ours.CqcProviderId)))
                .ShouldBeOfType<Decision.Created<UserLink>>()).Value.UserId;
        }

        await using (var other = new As(database, new Actor("approver@theirs.example", council.Id, theirs.Id)))
        {
            (await other.Users.WaitingForMyProviderAsync()).ShouldBeEmpty();
            (await other.Users.ConfirmProviderAsync(newcomer)).ShouldBeOfType<Decision.Forbidden>();
        }
        // A provider user of the same provider who is not an approver cannot either.
        await using (var data = database.Data())
        {
            data.Db.Attach(approver);
            approver.IsProviderApprover = false;
            await data.Db.SaveChangesAsync();
        }
        await using (var notYet = new As(database, new Actor("approver@ours.example", council.Id, ours.Id)))
        {
            (await notYet.Users.ConfirmProviderAsync(newcomer)).ShouldBeOfType<Decision.Forbidden>();
        }
        await using (var data = database.Data())
        {
            data.Db.Attach(approver);
            approver.IsProviderApprover = true;
            await data.Db.SaveChangesAsync();
        }
        await using (var ok = new As(database, new Actor("approver@ours.example", council.Id, ours.Id)))
        {
            (await ok.Users.WaitingForMyProviderAsync()).ShouldHaveSingleItem().Id.ShouldBe(newcomer);
            (await ok.Users.ConfirmProviderAsync(newcomer)).ShouldBe(Decision.Ok);
        }
        await using var system = database.NewContext();
        var linked = await system.Users.SingleAsync(u => u.Id == newcomer);
        linked.ProviderId.ShouldBe(ours.Id);
        linked.ProviderConfirmedBy.ShouldBe("approver@ours.example");
        (await system.AuditEntries.AnyAsync(a => a.UserName == "approver@ours.example" && a.EntityType == nameof(AppUser) && a.EntityKey == newcomer)).ShouldBeTrue();
    }
}
