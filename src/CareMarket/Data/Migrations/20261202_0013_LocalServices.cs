using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CareMarket.Data.Migrations;

/// <summary>
/// Services and providers CQC does not register, kept by the council that added them. SQLite cannot add a foreign
/// key to an existing table, so there the column goes without its constraint (the code never writes another council).
/// </summary>
[DbContext(typeof(CareMarketDb))]
[Migration("20261202000013_LocalServices")]
public sealed class LocalServicesColumns : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<int>("KeptByLocalAuthorityId", "Services", nullable: true);
        m.AddColumn<int>("KeptByLocalAuthorityId", "Providers", nullable: true);
        m.CreateIndex("IX_Services_KeptByLocalAuthorityId", "Services", "KeptByLocalAuthorityId");
        m.CreateIndex("IX_Providers_KeptByLocalAuthorityId", "Providers", "KeptByLocalAuthorityId");
        if (!m.IsPostgres()) return;
        m.AddForeignKey("FK_Services_LocalAuthorities_KeptByLocalAuthorityId", "Services", "KeptByLocalAuthorityId",
            "LocalAuthorities", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        m.AddForeignKey("FK_Providers_LocalAuthorities_KeptByLocalAuthorityId", "Providers", "KeptByLocalAuthorityId",
            "LocalAuthorities", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
    }
}
