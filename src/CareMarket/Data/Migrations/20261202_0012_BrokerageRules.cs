using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CareMarket.Data.Migrations;

/// <summary>
/// Brokerage rules the server enforces: the council's setting to place with services rated Inadequate (with a
/// reason), the reason kept with the invitation and the placement, and what an award took from the service's
/// capacity (the return, the kind, how much, what was left), so the award's audit record names it.
/// </summary>
[DbContext(typeof(CareMarketDb))]
[Migration("20261202000012_BrokerageRules")]
public sealed class BrokerageRules : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<bool>("PlaceWithInadequateWithReason", "CouncilSettings", nullable: false, defaultValue: false);
        m.AddColumn<string>("InadequateReason", "Invitations", maxLength: 500, nullable: true);
        m.AddColumn<string>("InadequateReason", "Placements", maxLength: 500, nullable: true);
        m.AddColumn<long>("TakenFromReturnId", "Placements", nullable: true);
        m.AddColumn<string>("TakenKind", "Placements", maxLength: 30, nullable: true);
        m.AddColumn<double>("TakenAmount", "Placements", nullable: true);
        m.AddColumn<double>("LeftAfter", "Placements", nullable: true);
    }
}
