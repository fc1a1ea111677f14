using CareMarket.Admin;
using CareMarket.Placements;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CareMarket.Data.Migrations;

/// <summary>
/// The sourcing clock: each request's status history (append-only; holds pause the clock), the interim arrangement's
/// start date, and the council's sourcing targets (working days by service type and priority, the usual target, and
/// the share to source in time by service type).
/// </summary>
[DbContext(typeof(CareMarketDb))]
[Migration("20261124000005_SourcingClock")]
public sealed class SourcingClock : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<DateOnly>("InterimSince", "CareRequests", nullable: true);
        m.AddColumn<int>("OtherwiseWorkingDays", "CouncilSettings", nullable: true);

        m.CreateTable("RequestStatusChanges", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            LocalAuthorityId = t.Column<int>(nullable: false),
            CareRequestId = t.Column<int>(nullable: false),
            From = t.Column<string>(maxLength: 20, nullable: true),
            To = t.Column<string>(maxLength: 20, nullable: false),
            At = t.Column<DateTime>(nullable: false),
            By = t.Column<string>(maxLength: 256, nullable: false),
            HoldReason = t.Column<string>(maxLength: 40, nullable: true),
            CancelReason = t.Column<string>(maxLength: 40, nullable: true),
            Details = t.Column<string>(maxLength: 200, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_RequestStatusChanges", x => x.Id);
            t.ForeignKey("FK_RequestStatusChanges_CareRequests_CareRequestId", x => x.CareRequestId, "CareRequests", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_RequestStatusChanges_LocalAuthorities_LocalAuthorityId", x => x.LocalAuthorityId, "LocalAuthorities", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_RequestStatusChanges_CareRequestId_At", "RequestStatusChanges", ["CareRequestId", "At"]);
        m.CreateIndex("IX_RequestStatusChanges_LocalAuthorityId", "RequestStatusChanges", "LocalAuthorityId");

        // A request's history is append-only in the database too, as the audit log is.
        if (m.IsPostgres())
        {
            m.Sql("""
                CREATE FUNCTION request_history_append_only() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'a request''s status history is append-only'; END $$;
                """);
            m.Sql("""CREATE TRIGGER "RequestStatusChanges_AppendOnly" BEFORE UPDATE OR DELETE ON "RequestStatusChanges" FOR EACH ROW EXECUTE FUNCTION request_history_append_only();""");
        }
        else
        {
            m.Sql("""CREATE TRIGGER "RequestStatusChanges_NoUpdate" BEFORE UPDATE ON "RequestStatusChanges" BEGIN SELECT RAISE(ABORT, 'a request''s status history is append-only'); END;""");
            m.Sql("""CREATE TRIGGER "RequestStatusChanges_NoDelete" BEFORE DELETE ON "RequestStatusChanges" BEGIN SELECT RAISE(ABORT, 'a request''s status history is append-only'); END;""");
        }

        // Requests made before this migration get the history their rows tell: made, sent (first invitation), sourced (the placement).
        m.Sql("""
            INSERT INTO "RequestStatusChanges" ("LocalAuthorityId", "CareRequestId", "From", "To", "At", "By")
            SELECT r."LocalAuthorityId", r."Id", NULL, 'Open', r."CreatedAt", r."CreatedBy" FROM "CareRequests" r;
            """);
        m.Sql("""
            INSERT INTO "RequestStatusChanges" ("LocalAuthorityId", "CareRequestId", "From", "To", "At", "By")
            SELECT r."LocalAuthorityId", r."Id", 'Open', 'SentToProviders', (SELECT MIN(i."SentAt") FROM "Invitations" i WHERE i."CareRequestId" = r."Id"), r."CreatedBy"
            FROM "CareRequests" r WHERE EXISTS (SELECT 1 FROM "Invitations" i WHERE i."CareRequestId" = r."Id");
            """);
        m.Sql("""
            INSERT INTO "RequestStatusChanges" ("LocalAuthorityId", "CareRequestId", "From", "To", "At", "By")
            SELECT r."LocalAuthorityId", r."Id", 'SentToProviders', 'Sourced', r."SourcedAt", p."CreatedBy"
            FROM "CareRequests" r JOIN "Placements" p ON p."CareRequestId" = r."Id"
            WHERE r."Status" = 'Sourced' AND r."SourcedAt" IS NOT NULL;
            """);

        m.CreateTable("SourcingTargets", t => new
        {
            LocalAuthorityId = t.Column<int>(nullable: false),
            ServiceType = t.Column<string>(maxLength: 40, nullable: false),
            Priority = t.Column<string>(maxLength: 20, nullable: false),
            WorkingDays = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SourcingTargets", x => new { x.LocalAuthorityId, x.ServiceType, x.Priority });
            t.ForeignKey("FK_SourcingTargets_LocalAuthorities_LocalAuthorityId", x => x.LocalAuthorityId, "LocalAuthorities", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("WithinTimescaleTargets", t => new
        {
            LocalAuthorityId = t.Column<int>(nullable: false),
            ServiceType = t.Column<string>(maxLength: 40, nullable: false),
            Percent = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_WithinTimescaleTargets", x => new { x.LocalAuthorityId, x.ServiceType });
            t.ForeignKey("FK_WithinTimescaleTargets_LocalAuthorities_LocalAuthorityId", x => x.LocalAuthorityId, "LocalAuthorities", "Id", onDelete: ReferentialAction.Cascade);
        });
    }
}
