using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CareMarket.Data.Migrations;

/// <summary>
/// CQC data as CQC publishes it: every service type a location has (flags), single assessment framework ratings (one
/// per assessment service group, with the plan and the key question scores), and exits that say whether the service
/// closed or changed provider.
/// </summary>
/// <remarks>
/// Literal values, as <c>ServiceTypes</c> was when this was written (bit n for the n-th ServiceType): a migration must
/// do the same thing for ever, whatever the code says later.
/// </remarks>
[DbContext(typeof(CareMarketDb))]
[Migration("20261202000010_CqcRegister")]
public sealed class CqcRegister : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<int>("ServiceTypes", "Services", nullable: false, defaultValue: 0);
        // Services already held count under their main type until the next import tells every type.
        m.Sql("""
            UPDATE "Services" SET "ServiceTypes" = CASE "ServiceType"
                WHEN 'CareHomeWithoutNursing' THEN 1 WHEN 'CareHomeWithNursing' THEN 2 WHEN 'Homecare' THEN 4
                WHEN 'SupportedLiving' THEN 8 WHEN 'ExtraCareHousing' THEN 16 WHEN 'DayOpportunities' THEN 32
                WHEN 'RespiteAndShortBreaks' THEN 64 WHEN 'Reablement' THEN 128 WHEN 'SharedLives' THEN 256
                WHEN 'Advocacy' THEN 512 WHEN 'Other' THEN 1024 ELSE 0 END;
            """);

        m.AddColumn<string>("AssessmentServiceGroup", "Ratings", maxLength: 100, nullable: false, defaultValue: "");
        m.AddColumn<int>("ServiceTypes", "Ratings", nullable: false, defaultValue: 0);
        m.AddColumn<DateOnly>("AssessedOn", "Ratings", nullable: true);
        m.AddColumn<string>("AssessmentPlanId", "Ratings", maxLength: 60, nullable: true);
        m.AddColumn<string>("AssessmentPlanTitle", "Ratings", maxLength: 300, nullable: true);
        m.AddColumn<string>("AssessmentPlanStatus", "Ratings", maxLength: 40, nullable: true);
        foreach (var score in new[] { "SafeScore", "EffectiveScore", "CaringScore", "ResponsiveScore", "WellLedScore" })
        {
            m.AddColumn<decimal>(score, "Ratings", precision: 5, scale: 2, nullable: true);
        }
        m.DropIndex("IX_Ratings_ServiceId_PublishedOn", "Ratings");
        m.CreateIndex("IX_Ratings_ServiceId_PublishedOn_AssessmentServiceGroup", "Ratings",
            ["ServiceId", "PublishedOn", "AssessmentServiceGroup"], unique: true);

        m.AddColumn<string>("Kind", "ServiceExits", maxLength: 20, nullable: false, defaultValue: "Closed");
        m.AddColumn<string>("Reason", "ServiceExits", maxLength: 200, nullable: true);
        m.AddColumn<string>("SuccessorCqcLocationId", "ServiceExits", maxLength: 20, nullable: true);
    }
}
