using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CareMarket.Data.Migrations;

/// <summary>Councils' suspensions and embargoes of services, kept as history: lifted, never deleted.</summary>
[DbContext(typeof(CareMarketDb))]
[Migration("20261124000006_ServiceRestrictions")]
public sealed class ServiceRestrictions : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("ServiceRestrictions", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            LocalAuthorityId = t.Column<int>(nullable: false),
            ServiceId = t.Column<int>(nullable: false),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            Reason = t.Column<string>(maxLength: 30, nullable: false),
            Details = t.Column<string>(maxLength: 500, nullable: true),
            StartsOn = t.Column<DateOnly>(nullable: false),
            ReviewOn = t.Column<DateOnly>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            CreatedBy = t.Column<string>(maxLength: 256, nullable: false),
            LiftedAt = t.Column<DateTime>(nullable: true),
            LiftedBy = t.Column<string>(maxLength: 256, nullable: true),
            LiftReason = t.Column<string>(maxLength: 500, nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ServiceRestrictions", x => x.Id);
            t.ForeignKey("FK_ServiceRestrictions_LocalAuthorities_LocalAuthorityId", x => x.LocalAuthorityId, "LocalAuthorities", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ServiceRestrictions_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ServiceRestrictions_LocalAuthorityId_ServiceId", "ServiceRestrictions", ["LocalAuthorityId", "ServiceId"]);
        m.CreateIndex("IX_ServiceRestrictions_ServiceId", "ServiceRestrictions", "ServiceId");
        // One restriction not yet lifted per council and service (the same filter syntax serves both engines).
        m.CreateIndex("IX_ServiceRestrictions_NotLifted", "ServiceRestrictions", ["LocalAuthorityId", "ServiceId"], unique: true,
            filter: "\"LiftedAt\" IS NULL");

        // The history is kept in the database itself: a restriction is lifted, never deleted.
        if (m.IsPostgres())
        {
            m.Sql("""
                CREATE FUNCTION history_kept() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION '% keeps its history: rows are never deleted', TG_TABLE_NAME; END $$;
                """);
            m.Sql("""CREATE TRIGGER "ServiceRestrictions_NoDelete" BEFORE DELETE ON "ServiceRestrictions" FOR EACH ROW EXECUTE FUNCTION history_kept();""");
        }
        else
        {
            m.Sql("""CREATE TRIGGER "ServiceRestrictions_NoDelete" BEFORE DELETE ON "ServiceRestrictions" BEGIN SELECT RAISE(ABORT, 'ServiceRestrictions keeps its history: rows are never deleted'); END;""");
        }
    }
}
