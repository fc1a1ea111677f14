using CareMarket.Admin;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CareMarket.Data.Migrations;

/// <summary>A council's brokerage ranking weights, defaulting to a quality-led 55/15/15/5/5/5.</summary>
[DbContext(typeof(CareMarketDb))]
[Migration("20261124000004_RankingWeights")]
public sealed class RankingWeights : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        foreach (var (column, value) in new[] { ("WeightQuality", 55), ("WeightDistance", 15), ("WeightPrice", 15), ("WeightContinuity", 5), ("WeightFairness", 5), ("WeightStart", 5) })
        {
            m.AddColumn<int>(column, "CouncilSettings", nullable: false, defaultValue: value);
        }
    }
}
