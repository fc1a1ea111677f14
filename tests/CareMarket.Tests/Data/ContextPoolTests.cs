using CareMarket.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CareMarket.Tests.Data;

/// <summary>The web app rents contexts from EF Core's pool: one must never carry a request's actor into the next.</summary>
public class ContextPoolTests
{
    [Fact]
    public async Task A_context_back_from_the_pool_forgets_who_used_it()
    {
        var file = Path.Combine(Path.GetTempPath(), $"caremarket-pool-{Guid.NewGuid():N}.db");
        var factory = new PooledDbContextFactory<CareMarketDb>(Database.Options($"Data Source={file}"), poolSize: 1);
        var request = new ActorHolder { Actor = new Actor("provider@hawthorn.example", 1, ProviderId: 7) };

        var clock = TestClock.New();
        CareMarketDb first;
        await using (first = factory.CreateDbContext().ForRequest(request, clock))
        {
            first.Now.ShouldBe(TestClock.Now);
            first.Actor.ProviderId.ShouldBe(7);
            first.TenantId.ShouldBe(1);
            first.AuditEachRow = false;
            first.Actor = new Actor("someone else", 2);
        }

        await using var second = factory.CreateDbContext();
        second.ShouldBeSameAs(first);
        second.Actor.ShouldBe(Actor.Nobody); // fails closed: no actor, no council's records
        second.AuditEachRow.ShouldBeTrue();
        second.Clock.ShouldBe(TimeProvider.System);
        // A new request sees its own actor, not the one set by hand on the last renter.
        second.ForRequest(new ActorHolder { Actor = new Actor("broker@northbridge.example", 1) }, clock)
            .Actor.Name.ShouldBe("broker@northbridge.example");
        File.Delete(file);
    }
}

/// <summary>PostgreSQL connections: a pool sized to the machine unless the connection string sizes it.</summary>
public class ConnectionPoolTests
{
    private static Npgsql.NpgsqlConnectionStringBuilder Used(string connectionString)
    {
        using var db = new CareMarketDb(Database.Options(connectionString));
        return new Npgsql.NpgsqlConnectionStringBuilder(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetConnectionString(db.Database));
    }

    [Fact]
    public void The_pool_is_four_a_core_and_at_least_eight_unless_the_connection_string_says()
    {
        Used("Host=127.0.0.1;Username=postgres").MaxPoolSize.ShouldBe(Math.Max(8, 4 * Environment.ProcessorCount));
        Used("Host=127.0.0.1;Username=postgres;Maximum Pool Size=3").MaxPoolSize.ShouldBe(3);
        Used("Host=127.0.0.1;Username=postgres;maximum pool size=40").MaxPoolSize.ShouldBe(40);
        Used("Host=127.0.0.1;Username=postgres").MaxAutoPrepare.ShouldBe(50);
    }
}
