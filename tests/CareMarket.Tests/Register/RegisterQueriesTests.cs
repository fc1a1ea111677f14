using CareMarket.Data;
using CareMarket.Demo;
using CareMarket.Register;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareMarket.Tests.Register;

/// <summary>The register's queries over the demo borough, on both engines.</summary>
public class RegisterQueriesTests
{
    internal static async Task<(TestDatabase Database, int Northbridge, int Eastholm)> DemoAsync(Engine engine)
    {
        var database = await TestDatabase.CreateAsync(engine);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped(_ => database.NewContext());
        services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<CareMarketDb>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CareMarketDb>();
        await DemoBorough.SeedAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
        var northbridge = await db.LocalAuthorities.Where(l => l.OnsCode == DemoBorough.HomeOnsCode).Select(l => l.Id).SingleAsync();
        var eastholm = await db.LocalAuthorities.Where(l => l.OnsCode == DemoBorough.NeighbourOnsCode).Select(l => l.Id).SingleAsync();
        return (database, northbridge, eastholm);
    }

    [Theory]
    [BothEngines]
    public async Task Filters_EachNarrowsTheRegister_AndTotalsAgree(Engine engine)
    {
        var (database, northbridge, _) = await DemoAsync(engine);
        await using var _ = database;
        await using var db = database.NewContext(new Actor("commissioner", northbridge));
        var register = new RegisterQueries(db);

        var ours = await register.ListAsync(new RegisterFilter { PageSize = 500 });
        var everywhere = await register.ListAsync(new RegisterFilter { Scope = RegisterScope.England, PageSize = 500 });
        var nursing = await register.ListAsync(new RegisterFilter { ServiceType = ServiceType.CareHomeWithNursing, PageSize = 500 });
        var dementiaGood = await register.ListAsync(new RegisterFilter { Specialism = Specialism.Dementia, Overall = RatingWord.Good, PageSize = 500 });
        var unrated = await register.ListAsync(new RegisterFilter { NotYetRated = true, PageSize = 500 });
        var unsafeServices = await register.ListAsync(new RegisterFilter { Safe = RatingWord.Inadequate, Scope = RegisterScope.England, PageSize = 500 });
        var big = await register.ListAsync(new RegisterFilter { MinBeds = 60, PageSize = 500 });
        var framework = await register.ListAsync(new RegisterFilter { Arrangement = ContractArrangement.Framework, PageSize = 500 });
        var noContract = await register.ListAsync(new RegisterFilter { NoContract = true, PageSize = 500 });

        ours.Total.ShouldBeGreaterThan(80);
        ours.Rows.ShouldAllBe(r => r.Council == "Northbridge" && r.Status == ServiceStatus.Active);
        everywhere.Total.ShouldBeGreaterThan(ours.Total);
        nursing.Rows.ShouldNotBeEmpty();
        nursing.Rows.ShouldAllBe(r => r.ServiceType == ServiceType.CareHomeWithNursing);
        dementiaGood.Rows.ShouldAllBe(r => r.Specialisms.HasFlag(Specialism.Dementia) && r.Overall == RatingWord.Good);
        unrated.Rows.ShouldNotBeEmpty();
        unrated.Rows.ShouldAllBe(r => r.Overall == null);
        unsafeServices.Rows.ShouldAllBe(r => r.Safe == RatingWord.Inadequate);
        big.Rows.ShouldAllBe(r => r.RegisteredBeds >= 60);
        framework.Rows.ShouldNotBeEmpty();
        framework.Rows.ShouldAllBe(r => r.Arrangement == ContractArrangement.Framework);
        noContract.Rows.ShouldAllBe(r => r.Arrangement == null);
        (framework.Total + noContract.Total).ShouldBeLessThanOrEqualTo(ours.Total);
    }

    [Theory]
    [BothEngines]
    public async Task Search_FindsByNamePostcodeAndCqcId_AndPagesAreStable(Engine engine)
    {
        var (database, northbridge, _) = await DemoAsync(engine);
        await using var _ = database;
        await using var db = database.NewContext(new Actor("commissioner", northbridge));
        var register = new RegisterQueries(db);
        var some = await db.Services.Where(s => s.HostLocalAuthorityId == northbridge && s.CqcLocationId != null && s.Status == ServiceStatus.Active)
            .OrderBy(s => s.Id).FirstAsync();

        (await register.ListAsync(new RegisterFilter { Search = some.Name.ToUpperInvariant() })).Rows.ShouldContain(r => r.Id == some.Id);
        (await register.ListAsync(new RegisterFilter { Search = some.Postcode!.Replace(" ", "").ToLowerInvariant() })).Rows.ShouldContain(r => r.Id == some.Id);
        (await register.ListAsync(new RegisterFilter { Search = some.CqcLocationId })).Rows.ShouldHaveSingleItem().Id.ShouldBe(some.Id);

        var page1 = await register.ListAsync(new RegisterFilter { PageSize = 20, Page = 1, Sort = RegisterSort.Rating });
        var page2 = await register.ListAsync(new RegisterFilter { PageSize = 20, Page = 2, Sort = RegisterSort.Rating });
        page1.Rows.Select(r => r.Id).Intersect(page2.Rows.Select(r => r.Id)).ShouldBeEmpty();
        page1.Rows.First().Overall.ShouldBe(RatingWord.Inadequate);
    }

    [Theory]
    [BothEngines]
    public async Task Councils_SeeOnlyTheirOwnContracts_AndProvidersOnlyTheirOwnServices(Engine engine)
    {
        var (database, northbridge, eastholm) = await DemoAsync(engine);
        await using var _ = database;
        await using var system = database.NewContext();
        var eastholmContract = await system.Contracts.FirstAsync(c => c.LocalAuthorityId == eastholm);
        var hawthorn = await system.Providers.Where(p => p.Name == "Hawthorn Care Group").Select(p => p.Id).SingleAsync();

        await using var nb = database.NewContext(new Actor("nb", northbridge));
        var seenByNorthbridge = await new RegisterQueries(nb).GetServiceAsync(eastholmContract.ServiceId);
        seenByNorthbridge!.Contracts.ShouldBeEmpty();
        (await nb.Contracts.AnyAsync(c => c.LocalAuthorityId == eastholm)).ShouldBeFalse();

        await using var eh = database.NewContext(new Actor("eh", eastholm));
        (await new RegisterQueries(eh).GetServiceAsync(eastholmContract.ServiceId))!.Contracts.ShouldHaveSingleItem();

        await using var providerDb = database.NewContext(new Actor("provider", northbridge, hawthorn));
        var providerRegister = new RegisterQueries(providerDb);
        var own = await providerRegister.ListAsync(new RegisterFilter { Scope = RegisterScope.England, PageSize = 500 });
        own.Rows.ShouldNotBeEmpty();
        own.Rows.ShouldAllBe(r => r.ProviderId == hawthorn);
        var other = await system.Services.FirstAsync(s => s.ProviderId != hawthorn);
        (await providerRegister.GetServiceAsync(other.Id)).ShouldBeNull();
        (await providerRegister.GetProviderAsync(other.ProviderId)).ShouldBeNull();
    }

    [Theory]
    [BothEngines]
    public async Task Contracts_Save_AuditsBeforeAndAfter_AndRefusesAStaleVersion(Engine engine)
    {
        var (database, northbridge, eastholm) = await DemoAsync(engine);
        await using var _ = database;
        await using var db = database.NewContext(new Actor("commissioner@northbridge.example", northbridge));
        var contract = await db.Contracts.AsNoTracking().FirstAsync();
        var contracts = new Contracts(db);

        var first = await contracts.SaveAsync(new ContractChange(contract.ServiceId, ContractArrangement.BlockContract, "NEW-REF", null,
            contract.StartsOn, null, contract.Id, contract.Version));
        db.ChangeTracker.Clear();
        var stale = await contracts.SaveAsync(new ContractChange(contract.ServiceId, ContractArrangement.SpotPurchase, "OLD", null,
            contract.StartsOn, null, contract.Id, contract.Version));

        first.ShouldBeOfType<Decision.Allowed>();
        stale.ShouldBeOfType<Decision.Conflict>();
        var saved = await db.Contracts.AsNoTracking().SingleAsync(c => c.Id == contract.Id);
        saved.Reference.ShouldBe("NEW-REF");
        saved.Version.ShouldBe(contract.Version + 1);
        var audit = await db.AuditEntries.Where(a => a.EntityType == "Contract" && a.EntityKey == contract.Id.ToString()).SingleAsync();
        audit.UserName.ShouldBe("commissioner@northbridge.example");
        audit.LocalAuthorityId.ShouldBe(northbridge);
        audit.Before!.ShouldContain(contract.Reference!);
        audit.After!.ShouldContain("NEW-REF");

        // Another council's contract cannot be reached at all.
        var theirs = await database.NewContext().Contracts.FirstAsync(c => c.LocalAuthorityId == eastholm);
        (await contracts.SaveAsync(new ContractChange(theirs.ServiceId, ContractArrangement.SpotPurchase, null, null, theirs.StartsOn, null, theirs.Id, theirs.Version)))
            .ShouldBeOfType<Decision.NotFound>();
    }
}
