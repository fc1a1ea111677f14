using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Tests.Register;

/// <summary>The register's queries over a few services built for each test, on both engines.</summary>
public class RegisterQueriesTests
{
    /// <summary>The whole demo borough (for the tests about the demo, tests/CareMarket.Tests/Demo): see <see cref="DemoDatabase"/>.</summary>
    internal static Task<(TestDatabase Database, int Northbridge, int Eastholm)> DemoAsync(Engine engine) => DemoDatabase.CreateAsync(engine);

    /// <summary>
    /// Northbridge, with four active services and one that has closed, and its neighbour Eastholm with one:
    /// a 60-bed nursing home for dementia rated Good (framework contract), a care home for dementia rated Good (spot),
    /// homecare not yet rated (framework, its patch the lot), a 70-bed care home rated Requires improvement but
    /// Inadequate for Safe (no contract), and in Eastholm a home Inadequate for Safe under an Eastholm block contract.
    /// </summary>
    private static async Task<(Council Northbridge, Council Eastholm)> RegisterAsync(TestDatabase database)
    {
        await using var data = database.Data();
        var northbridge = await data.CouncilAsync("Northbridge");
        var eastholm = await data.CouncilAsync("Eastholm", districts: "EQ1 EQ2");
        await data.NeighboursAsync(northbridge, eastholm);
        var nursing = await data.ServiceAsync(northbridge, ServiceType.CareHomeWithNursing, beds: 60, specialisms: Specialism.OlderPeople | Specialism.Dementia);
        var residential = await data.ServiceAsync(northbridge, beds: 30, specialisms: Specialism.OlderPeople | Specialism.Dementia);
        var homecare = await data.ServiceAsync(northbridge, ServiceType.Homecare, rating: null);
        var unsafeHome = await data.ServiceAsync(northbridge, beds: 70, specialisms: Specialism.OlderPeople, rating: null);
        await data.RatingAsync(unsafeHome, RatingWord.RequiresImprovement, safe: RatingWord.Inadequate);
        await data.ServiceAsync(northbridge, with: s => s.Status = ServiceStatus.Exited);
        var theirs = await data.ServiceAsync(eastholm, rating: null);
        await data.RatingAsync(theirs, RatingWord.RequiresImprovement, safe: RatingWord.Inadequate);
        await data.ContractAsync(northbridge, nursing, ContractArrangement.Framework);
        await data.ContractAsync(northbridge, residential, ContractArrangement.SpotPurchase, reference: "NB-SPOT-1");
        await data.ContractAsync(northbridge, homecare, ContractArrangement.Framework, lot: northbridge.Patch);
        await data.ContractAsync(eastholm, theirs, ContractArrangement.BlockContract, reference: "EH-BLK-1");
        return (northbridge, eastholm);
    }

    [Theory]
    [BothEngines]
    public async Task Filters_EachNarrowsTheRegister_AndTotalsAgree(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (council, _) = await RegisterAsync(database);
        var northbridge = council.Id;
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

        ours.Total.ShouldBe(4); // the demo-sized "more than 80" becomes the exact count: the closed service is left out
        ours.Rows.ShouldAllBe(r => r.Council == "Northbridge" && r.Status == ServiceStatus.Active);
        everywhere.Total.ShouldBeGreaterThan(ours.Total);
        nursing.Rows.ShouldNotBeEmpty();
        nursing.Rows.ShouldAllBe(r => r.ServiceType == ServiceType.CareHomeWithNursing);
        dementiaGood.Rows.Count.ShouldBe(2);
        dementiaGood.Rows.ShouldAllBe(r => r.Specialisms.HasFlag(Specialism.Dementia) && r.Overall == RatingWord.Good);
        unrated.Rows.ShouldNotBeEmpty();
        unrated.Rows.ShouldAllBe(r => r.Overall == null);
        unsafeServices.Rows.Count.ShouldBe(2);
        unsafeServices.Rows.ShouldAllBe(r => r.Safe == RatingWord.Inadequate);
        big.Rows.Count.ShouldBe(2);
        big.Rows.ShouldAllBe(r => r.RegisteredBeds >= 60);
        framework.Rows.ShouldNotBeEmpty();
        framework.Rows.ShouldAllBe(r => r.Arrangement == ContractArrangement.Framework);
        noContract.Rows.ShouldNotBeEmpty();
        noContract.Rows.ShouldAllBe(r => r.Arrangement == null);
        (framework.Total + noContract.Total).ShouldBeLessThanOrEqualTo(ours.Total);
    }

    [Theory]
    [BothEngines]
    public async Task Search_FindsByNamePostcodeAndCqcId_AndPagesAreStable(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (council, _) = await RegisterAsync(database);
        var northbridge = council.Id;
        await using (var data = database.Data())
        {
            // Three more rated Good: pages of two cut through services of the same rating.
            for (var i = 0; i < 3; i++) await data.ServiceAsync(council);
            await data.ServiceAsync(council, rating: RatingWord.Inadequate);
        }
        await using var db = database.NewContext(new Actor("commissioner", northbridge));
        var register = new RegisterQueries(db);
        var some = await db.Services.Where(s => s.HostLocalAuthorityId == northbridge && s.CqcLocationId != null && s.Status == ServiceStatus.Active)
            .OrderBy(s => s.Id).FirstAsync();

        (await register.ListAsync(new RegisterFilter { Search = some.Name.ToUpperInvariant() })).Rows.ShouldContain(r => r.Id == some.Id);
        (await register.ListAsync(new RegisterFilter { Search = some.Postcode!.Replace(" ", "").ToLowerInvariant() })).Rows.ShouldContain(r => r.Id == some.Id);
        (await register.ListAsync(new RegisterFilter { Search = some.CqcLocationId })).Rows.ShouldHaveSingleItem().Id.ShouldBe(some.Id);

        // Pages of two over eight services (the demo's pages of twenty over a hundred).
        var page1 = await register.ListAsync(new RegisterFilter { PageSize = 2, Page = 1, Sort = RegisterSort.Rating });
        var page2 = await register.ListAsync(new RegisterFilter { PageSize = 2, Page = 2, Sort = RegisterSort.Rating });
        var page3 = await register.ListAsync(new RegisterFilter { PageSize = 2, Page = 3, Sort = RegisterSort.Rating });
        page2.Rows.Count.ShouldBe(2);
        page1.Rows.Select(r => r.Id).Intersect(page2.Rows.Select(r => r.Id)).ShouldBeEmpty();
        page2.Rows.Select(r => r.Id).Intersect(page3.Rows.Select(r => r.Id)).ShouldBeEmpty();
        page1.Rows.First().Overall.ShouldBe(RatingWord.Inadequate);
    }

    [Theory]
    [BothEngines]
    public async Task Councils_SeeOnlyTheirOwnContracts_AndProvidersOnlyTheirOwnServices(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (council, neighbour) = await RegisterAsync(database);
        var (northbridge, eastholm) = (council.Id, neighbour.Id);
        await using (var data = database.Data())
        {
            // A group with services on both sides of the border.
            var group = await data.ProviderAsync("Hawthorn Care Group");
            await data.ServiceAsync(council, provider: group);
            await data.ServiceAsync(neighbour, ServiceType.Homecare, provider: group);
        }
        await using var system = database.NewContext();
        var eastholmContract = await system.Contracts.FirstAsync(c => c.LocalAuthorityId == eastholm);
        var hawthorn = await system.Providers.Where(p => p.Name == "Hawthorn Care Group").Select(p => p.Id).SingleAsync();

        await using var nb = database.NewContext(new Actor("nb", northbridge));
        var seenByNorthbridge = await new RegisterQueries(nb).GetServiceAsync(eastholmContract.ServiceId);
        seenByNorthbridge!.Contracts.ShouldBeEmpty();
        (await nb.Contracts.AnyAsync(c => c.LocalAuthorityId == eastholm)).ShouldBeFalse();
        (await nb.Contracts.AnyAsync()).ShouldBeTrue();

        await using var eh = database.NewContext(new Actor("eh", eastholm));
        (await new RegisterQueries(eh).GetServiceAsync(eastholmContract.ServiceId))!.Contracts.ShouldHaveSingleItem();

        await using var providerDb = database.NewContext(new Actor("provider", northbridge, hawthorn));
        var providerRegister = new RegisterQueries(providerDb);
        var own = await providerRegister.ListAsync(new RegisterFilter { Scope = RegisterScope.England, PageSize = 500 });
        own.Rows.ShouldNotBeEmpty();
        own.Rows.Count.ShouldBe(2);
        own.Rows.ShouldAllBe(r => r.ProviderId == hawthorn);
        var other = await system.Services.FirstAsync(s => s.ProviderId != hawthorn);
        (await providerRegister.GetServiceAsync(other.Id)).ShouldBeNull();
        (await providerRegister.GetProviderAsync(other.ProviderId)).ShouldBeNull();
    }

    [Theory]
    [BothEngines]
    public async Task Contracts_Save_AuditsBeforeAndAfter_AndRefusesAStaleVersion(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (council, neighbour) = await RegisterAsync(database);
        var (northbridge, eastholm) = (council.Id, neighbour.Id);
        await using var db = database.NewContext(new Actor("commissioner@northbridge.example", northbridge));
        var contract = await db.Contracts.AsNoTracking().FirstAsync();
        var contracts = new Contracts(db);

        var first = await contracts.SaveAsync(new ContractChange(contract.ServiceId, ContractArrangement.BlockContract, "NEW-REF", null,
            contract.StartsOn, null, contract.Id, contract.Version));
        db.ChangeTracker.Clear();
        var stale = await contracts.SaveAsync(new ContractChange(contract.ServiceId, ContractArrangement.SpotPurchase, "OLD", null,
            contract.StartsOn, null, contract.Id, contract.Version));

        first.ShouldBeAssignableTo<Decision.Allowed>();
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
