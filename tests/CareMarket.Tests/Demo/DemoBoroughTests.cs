using CareMarket.Data;
using CareMarket.Demo;
using CareMarket.Register;
using CareMarket.Tests.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Tests.Demo;

public class DemoBoroughTests
{
    [Fact]
    public async Task Demo_IsABelievableBorough_WithRatingsLikeEnglands()
    {
        var (database, northbridge, _) = await RegisterQueriesTests.DemoAsync(Engine.Sqlite);
        await using var _ = database;
        await using var db = database.NewContext();

        var services = await db.Services.Include(s => s.CurrentRating).ToListAsync();
        services.Count.ShouldBeInRange(110, 130);
        (await db.Providers.CountAsync()).ShouldBe(90);
        Enum.GetValues<ServiceType>().Where(t => t != ServiceType.Other)
            .ShouldAllBe(t => services.Any(s => s.ServiceType == t));
        (await db.Areas.CountAsync(a => a.LocalAuthorityId == northbridge && a.Kind == AreaKind.HomecarePatch)).ShouldBe(3);
        (await db.Neighbours.CountAsync(n => n.LocalAuthorityId == northbridge)).ShouldBe(4);

        double GoodShare(IEnumerable<Service> group)
        {
            var rated = group.Where(s => s.CurrentRating is not null).ToList();
            return (double)rated.Count(s => s.CurrentRating!.Overall == RatingWord.Good) / rated.Count;
        }
        GoodShare(services.Where(s => s.IsCareHome)).ShouldBeInRange(0.65, 0.85);
        GoodShare(services.Where(s => s.ServiceType == ServiceType.Homecare)).ShouldBeInRange(0.45, 0.75);
        services.ShouldContain(s => s.CurrentRating != null && s.CurrentRating.Overall == RatingWord.Inadequate);
        services.ShouldContain(s => s.CqcLocationId != null && s.CurrentRating == null);
        (await db.Ratings.GroupBy(r => r.ServiceId).CountAsync(g => g.Count() > 1)).ShouldBeGreaterThan(20);
        services.Where(s => s.RegisteredOn is not null && s.CurrentRating is not null)
            .ShouldAllBe(s => s.RegisteredOn < s.CurrentRating!.PublishedOn);
        (await db.Users.CountAsync()).ShouldBe(DemoBorough.Accounts().Count);
    }

    [Fact]
    public async Task Demo_IsDeterministic_AndSeedsOnce()
    {
        var (a, _, _) = await RegisterQueriesTests.DemoAsync(Engine.Sqlite);
        var (b, _, _) = await RegisterQueriesTests.DemoAsync(Engine.Sqlite);
        await using var _a = a;
        await using var _b = b;
        static async Task<List<string>> Names(TestDatabase d)
        {
            await using var db = d.NewContext();
            return await db.Services.OrderBy(s => s.Id).Select(s => s.Name + "|" + s.Postcode + "|" + s.RegisteredBeds).ToListAsync();
        }
        (await Names(a)).ShouldBe(await Names(b));
    }
}
