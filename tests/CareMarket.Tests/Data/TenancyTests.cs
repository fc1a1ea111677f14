using CareMarket.Brokerage;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Tests.Data;

/// <summary>
/// Tenancy is a convention and fails closed: every table says its kind, a context without an actor sees no council's
/// records and writes nothing, and a council's staff cannot write another council's rows, by save or by bulk write.
/// </summary>
public class TenancyTests
{
    [Fact]
    public void Every_table_says_which_kind_it_is()
    {
        using var db = new CareMarketDb(Database.Options("Data Source=:memory:")) { Actor = Actor.System };
        var unclassified = db.Model.GetEntityTypes().Where(e => !e.IsOwned() && Tenancy.KindOf(e) == "unclassified")
            .Select(e => e.ClrType.Name).ToList();
        unclassified.ShouldBeEmpty("each entity implements IReferenceData, ICouncilOwned, ICouncilSetting or ISharedByGrant");
    }

    [Fact]
    public void Every_council_owned_table_has_the_named_tenancy_filter()
    {
        using var db = new CareMarketDb(Database.Options("Data Source=:memory:")) { Actor = Actor.System };
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.ClrType.IsAssignableTo(typeof(ICouncilOwned))))
        {
            entity.GetDeclaredQueryFilters().Select(f => f.Key).ShouldContain(Tenancy.Filter, entity.ClrType.Name);
        }
    }

    [Fact]
    public void No_query_lifts_every_filter_unnamed()
    {
        // A query that must see past tenancy names the filter it lifts: IgnoreQueryFilters([Tenancy.Filter]).
        var root = TestDatabase.RepoRoot();
        var offenders = new[] { "src", "bench" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => x.line.Contains(".IgnoreQueryFilters()", StringComparison.Ordinal))
            .Select(x => $"{Path.GetRelativePath(root, x.f)}:{x.i + 1}")
            .ToList();
        offenders.ShouldBeEmpty();
    }

    [Theory]
    [BothEngines]
    public async Task A_context_made_without_an_actor_sees_no_council_and_writes_nothing(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (north, _) = await TwoCouncilsAsync(database);

        // A context made the way a forgetful page or endpoint would: no actor given, none from a request.
        await using var forgetful = new CareMarketDb(Database.Options(database.ConnectionString));
        forgetful.Actor.ShouldBe(Actor.Nobody);
        (await forgetful.People.CountAsync()).ShouldBe(0);
        (await forgetful.CareRequests.CountAsync()).ShouldBe(0);
        (await forgetful.Contracts.CountAsync()).ShouldBe(0);
        (await forgetful.SourcingTargets.CountAsync()).ShouldBe(0);
        (await forgetful.ApiKeys.CountAsync()).ShouldBe(0);
        // Reference data (the register) is everyone's.
        (await forgetful.Services.CountAsync()).ShouldBe(1);

        forgetful.People.Add(new Person { LocalAuthorityId = north, Reference = "P-9" });
        await Should.ThrowAsync<InvalidOperationException>(() => forgetful.SaveChangesAsync());

        // The system, asked for by name, sees both councils.
        await using var system = database.NewContext(Actor.System);
        (await system.People.CountAsync()).ShouldBe(2);
    }

    [Theory]
    [BothEngines]
    public async Task A_councils_staff_see_and_write_only_their_own_councils_rows(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (north, east) = await TwoCouncilsAsync(database);

        await using var broker = database.NewContext(new Actor("broker@north.example", north));
        (await broker.People.Select(p => p.Reference).ToListAsync()).ShouldBe(["N-1"]);
        (await broker.CareRequests.CountAsync()).ShouldBe(1);

        broker.People.Add(new Person { LocalAuthorityId = east, Reference = "E-2" });
        await Should.ThrowAsync<InvalidOperationException>(() => broker.SaveChangesAsync());

        await using var system = database.NewContext(Actor.System);
        (await system.People.CountAsync(p => p.LocalAuthorityId == east)).ShouldBe(1);
    }

    [Theory]
    [BothEngines]
    public async Task One_councils_bulk_import_cannot_write_another_councils_rows(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (north, east) = await TwoCouncilsAsync(database);

        await using (var db = database.NewContext(new Actor("importer@north.example", north)))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var ids = await BulkInsert.AllocateIdsAsync<Person>(db, 2);
            Person[] rows =
            [
                new() { Id = ids[0], LocalAuthorityId = north, Reference = "N-bulk" },
                new() { Id = ids[1], LocalAuthorityId = east, Reference = "E-bulk" },
            ];
            var refused = await Should.ThrowAsync<InvalidOperationException>(() => BulkInsert.WriteAsync(db, rows));
            refused.Message.ShouldContain("another council");
        }

        await using var system = database.NewContext(Actor.System);
        (await system.People.CountAsync(p => p.Reference.EndsWith("-bulk"))).ShouldBe(0);

        // The same import of its own rows is written.
        await using (var db = database.NewContext(new Actor("importer@north.example", north)))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var ids = await BulkInsert.AllocateIdsAsync<Person>(db, 1);
            await BulkInsert.WriteAsync(db, [new Person { Id = ids[0], LocalAuthorityId = north, Reference = "N-bulk" }]);
            await transaction.CommitAsync();
        }
        (await system.People.CountAsync(p => p.Reference == "N-bulk")).ShouldBe(1);
    }

    /// <summary>Two councils, each with a person, a request, a contract, a target and an API key; one service.</summary>
    private static async Task<(int North, int East)> TwoCouncilsAsync(TestDatabase database)
    {
        await using var db = database.NewContext(Actor.System);
        var north = new LocalAuthority { OnsCode = "E06000901", Name = "Northshire", Region = "North East" };
        var east = new LocalAuthority { OnsCode = "E06000902", Name = "Eastshire", Region = "East of England" };
        var provider = new Provider { Name = "Hawthorn Care" };
        var service = new Service { Name = "Hawthorn House", Provider = provider, ServiceType = ServiceType.CareHomeWithoutNursing };
        db.AddRange(north, east, provider, service);
        await db.SaveChangesAsync();
        foreach (var (council, code) in new[] { (north.Id, "N"), (east.Id, "E") })
        {
            var person = new Person { LocalAuthorityId = council, Reference = $"{code}-1" };
            db.People.Add(person);
            await db.SaveChangesAsync();
            db.CareRequests.Add(new CareRequest
            {
                LocalAuthorityId = council, PersonId = person.Id, ServiceType = ServiceType.CareHomeWithoutNursing,
                WantedStart = new DateOnly(2026, 12, 1), CreatedBy = "system",
            });
            db.Contracts.Add(new Contract { LocalAuthorityId = council, ServiceId = service.Id, StartsOn = new DateOnly(2026, 4, 1) });
            db.SourcingTargets.Add(new SourcingTarget { LocalAuthorityId = council, ServiceType = ServiceType.Homecare, Priority = Priority.Routine, WorkingDays = 2 });
            db.ApiKeys.Add(new ApiKey { LocalAuthorityId = council, Name = $"{code} key", Prefix = code, Hash = $"{code}-hash", ProviderId = provider.Id });
        }
        await db.SaveChangesAsync();
        return (north.Id, east.Id);
    }
}
