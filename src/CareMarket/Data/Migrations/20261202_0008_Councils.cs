using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CareMarket.Data.Migrations;

/// <summary>
/// Councils from the reference list: their other CQC spellings, CASSR code, the dates a council began or ceased, and
/// whether it uses CareMarket (a tenant) or is known only as a neighbour or host of services. A council that already
/// has accounts (the demo's, or one set up by hand) is a tenant.
/// </summary>
[DbContext(typeof(CareMarketDb))]
[Migration("20261202000008_Councils")]
public sealed class Councils : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("OtherNames", "LocalAuthorities", maxLength: 500, nullable: false, defaultValue: "");
        m.AddColumn<string>("CassrCode", "LocalAuthorities", maxLength: 5, nullable: true);
        m.AddColumn<DateOnly>("BeganOn", "LocalAuthorities", nullable: true);
        m.AddColumn<DateOnly>("CeasedOn", "LocalAuthorities", nullable: true);
        m.AddColumn<bool>("IsTenant", "LocalAuthorities", nullable: false, defaultValue: false);
        var yes = m.IsPostgres() ? "TRUE" : "1";
        m.Sql($"""
            UPDATE "LocalAuthorities" SET "IsTenant" = {yes}
            WHERE "Id" IN (SELECT "LocalAuthorityId" FROM "AspNetUsers" WHERE "LocalAuthorityId" IS NOT NULL)
            """);
    }
}
