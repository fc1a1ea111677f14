using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CareMarket.Data.Migrations;

/// <summary>
/// Users managed by the council: a provider user's link to its provider waits for confirmation (requested, then
/// confirmed by whom and when), provider approvers, and disabled accounts.
/// </summary>
[DbContext(typeof(CareMarketDb))]
[Migration("20261202000009_Users")]
public sealed class Users : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<int>("RequestedProviderId", "AspNetUsers", nullable: true);
        m.AddColumn<DateTime>("ProviderRequestedAt", "AspNetUsers", nullable: true);
        m.AddColumn<string>("ProviderRequestedBy", "AspNetUsers", maxLength: 256, nullable: true);
        m.AddColumn<DateTime>("ProviderConfirmedAt", "AspNetUsers", nullable: true);
        m.AddColumn<string>("ProviderConfirmedBy", "AspNetUsers", maxLength: 256, nullable: true);
        m.AddColumn<bool>("IsProviderApprover", "AspNetUsers", nullable: false, defaultValue: false);
        m.AddColumn<DateTime>("DisabledAt", "AspNetUsers", nullable: true);
    }
}
