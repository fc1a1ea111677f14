using CareMarket.Admin;
using CareMarket.Capacity;
using CareMarket.Data;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Tests.Data;

public class SettingsTests
{
    /// <summary>Northbridge and Eastholm, each with nothing but its areas.</summary>
    internal static async Task<(int Northbridge, int Eastholm)> CouncilsAsync(TestDatabase database)
    {
        await using var data = database.Data();
        return ((await data.CouncilAsync("Northbridge")).Id, (await data.CouncilAsync("Eastholm")).Id);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(7, true)]
    [InlineData(90, true)]
    [InlineData(91, false)]
    public void StaleAfterDays_IsBetweenOneAndNinety(int days, bool valid) =>
        Settings.Check(new CouncilSettings { CapacityStaleAfterDays = days }).Any().ShouldBe(!valid);

    [Theory]
    [BothEngines]
    public async Task Save_ChangesTheThreshold_RefusesAStaleVersion_AndTheOverviewUsesIt(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        int northbridge, eastholm;
        await using (var data = database.Data())
        {
            var council = await data.CouncilAsync("Northbridge");
            (northbridge, eastholm) = (council.Id, (await data.CouncilAsync("Eastholm")).Id);
            // Reported today, three weeks ago (stale after 7 days, not after 60), and never.
            await data.BedsAsync(await data.ServiceAsync(council), accepting: 2);
            await data.BedsAsync(await data.ServiceAsync(council), accepting: 1, reportedAt: data.Now.AddDays(-21));
            await data.ServiceAsync(council);
        }
        await using var db = database.NewContext(new Actor("admin@northbridge.example", northbridge));
        var settings = new Settings(db);
        var before = await new CapacityOverview(db).ForCouncilAsync();
        var version = (await settings.ForCouncilAsync()).Version;

        (await settings.SaveAsync(new CouncilSettings { CapacityStaleAfterDays = 60, Version = version })).ShouldBeAssignableTo<Decision.Allowed>();
        (await settings.SaveAsync(new CouncilSettings { CapacityStaleAfterDays = 3, Version = version })).ShouldBeOfType<Decision.Conflict>();

        (await settings.ForCouncilAsync()).CapacityStaleAfterDays.ShouldBe(60);
        var after = await new CapacityOverview(db).ForCouncilAsync();
        after.StaleAfterDays.ShouldBe(60);
        after.NotReporting.Count().ShouldBeLessThan(before.NotReporting.Count());
        await using var other = database.NewContext(new Actor("admin@eastholm.example", eastholm));
        (await new Settings(other).ForCouncilAsync()).CapacityStaleAfterDays.ShouldBe(7);
        (await db.AuditEntries.CountAsync(a => a.EntityType == "CouncilSettings")).ShouldBe(1);
    }
}

public class RankingWeightSettingsTests
{
    [Fact]
    public void Weights_AllZero_OrOutOfRange_AreRefused_ByField()
    {
        Settings.Check(new CouncilSettings { WeightQuality = 0, WeightDistance = 0, WeightPrice = 0, WeightContinuity = 0, WeightFairness = 0, WeightStart = 0 })
            .ShouldHaveSingleItem().Field.ShouldBe("Weights");
        Settings.Check(new CouncilSettings { WeightPrice = 101 }).ShouldHaveSingleItem().Field.ShouldBe("WeightPrice");
        Settings.Check(new CouncilSettings { WeightQuality = 60, WeightPrice = 40, WeightDistance = 0, WeightContinuity = 0, WeightFairness = 0, WeightStart = 0 })
            .ShouldBeEmpty();
    }

    [Theory]
    [BothEngines]
    public async Task Weights_Saved_AreTheOnesMatchingUses(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (northbridge, _) = await SettingsTests.CouncilsAsync(database);
        await using var db = database.NewContext(new Actor("admin@northbridge.example", northbridge));
        var settings = new Settings(db);
        (await settings.WeightsAsync()).ShouldBe(CareMarket.Brokerage.Weights.Example);

        (await settings.SaveAsync(new CouncilSettings
        {
            Version = (await settings.ForCouncilAsync()).Version, CapacityStaleAfterDays = 7, WeightQuality = 60, WeightPrice = 40, WeightDistance = 0, WeightContinuity = 0, WeightFairness = 0, WeightStart = 0,
        })).ShouldBeAssignableTo<Decision.Allowed>();

        (await settings.WeightsAsync()).ShouldBe(new CareMarket.Brokerage.Weights(60, 0, 40, 0, 0, 0));
    }
}

public class SourcingTargetSettingsTests
{
    [Theory]
    [BothEngines]
    public async Task Targets_AreTheExample_UntilSaved_ThenTheCouncils_AndSavingMovesTheSettingsVersion(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var (northbridge, eastholm) = await SettingsTests.CouncilsAsync(database);
        await using var db = database.NewContext(new Actor("admin@eastholm.example", eastholm));
        var settings = new Settings(db);
        (await settings.TimescalesAsync()).ShouldBeSameAs(CareMarket.Brokerage.TimescaleSettings.Example);

        // Saved with no own targets at all: the usual target applies to everything, not the example.
        (await settings.SaveTimescalesAsync(new([], 4, []), expectedVersion: 0)).ShouldBeAssignableTo<Decision.Allowed>();
        var saved = await settings.TimescalesAsync();
        saved.TargetFor(CareMarket.Register.ServiceType.Homecare, CareMarket.Brokerage.Priority.Routine).ShouldBe(4);
        saved.PercentWithinFor(CareMarket.Register.ServiceType.SupportedLiving).ShouldBeNull();

        // The settings' version moved: a weights change from the old read is refused, and so is a targets change.
        (await settings.SaveAsync(new CouncilSettings { Version = 0 })).ShouldBeOfType<Decision.Conflict>();
        (await settings.SaveTimescalesAsync(new([], 5, []), expectedVersion: 0)).ShouldBeOfType<Decision.Conflict>();
        var version = (await settings.ForCouncilAsync()).Version;
        (await settings.SaveTimescalesAsync(new([new(CareMarket.Register.ServiceType.Homecare, CareMarket.Brokerage.Priority.Routine, 3)], 5,
            [new(CareMarket.Register.ServiceType.Homecare, 90)]), version)).ShouldBeAssignableTo<Decision.Allowed>();
        (await settings.ForCouncilAsync()).Version.ShouldBe(version + 1);
        (await settings.TimescalesAsync()).TargetFor(CareMarket.Register.ServiceType.Homecare, CareMarket.Brokerage.Priority.Routine).ShouldBe(3);
        (await settings.SaveTimescalesAsync(new([], 0, []), version + 1)).ShouldBeOfType<Decision.Invalid>();

        // Another council's targets are its own.
        await using var other = database.NewContext(new Actor("admin@northbridge.example", northbridge));
        (await new Settings(other).TimescalesAsync()).OtherwiseWorkingDays.ShouldBe(10);
        (await new Settings(other).TimescalesAsync()).TargetFor(CareMarket.Register.ServiceType.Homecare, CareMarket.Brokerage.Priority.Routine).ShouldBe(2);
    }
}
