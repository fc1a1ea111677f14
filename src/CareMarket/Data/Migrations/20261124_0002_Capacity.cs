using CareMarket.Admin;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CareMarket.Data.Migrations;

/// <summary>Capacity returns (care home beds, homecare hours, staffing) and councils' settings.</summary>
[DbContext(typeof(CareMarketDb))]
[Migration("20261124000002_Capacity")]
public sealed class Capacity : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("CouncilSettings", t => new
        {
            LocalAuthorityId = t.Column<int>(nullable: false),
            CapacityStaleAfterDays = t.Column<int>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CouncilSettings", x => x.LocalAuthorityId);
            t.ForeignKey("FK_CouncilSettings_LocalAuthorities_LocalAuthorityId", x => x.LocalAuthorityId, "LocalAuthorities", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("CapacityReturns", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            ServiceId = t.Column<int>(nullable: false),
            ReportedAt = t.Column<DateTime>(nullable: false),
            ReportedBy = t.Column<string>(maxLength: 256, nullable: false),
            Source = t.Column<string>(maxLength: 20, nullable: false),
            AcceptingAdmissions = t.Column<bool>(nullable: true),
            NotAcceptingReason = t.Column<string>(maxLength: 500, nullable: true),
            PeopleSupported = t.Column<int>(nullable: true),
            HoursDeliveredPerWeek = t.Column<decimal>(precision: 9, scale: 2, nullable: true),
            HoursAvailablePerWeek = t.Column<decimal>(precision: 9, scale: 2, nullable: true),
            EarliestStart = t.Column<DateOnly>(nullable: true),
            Nurses = t.Column<int>(nullable: true),
            CareStaff = t.Column<int>(nullable: true),
            OtherStaff = t.Column<int>(nullable: true),
            AgencyStaff = t.Column<int>(nullable: true),
            BankStaff = t.Column<int>(nullable: true),
            StaffAbsent = t.Column<int>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CapacityReturns", x => x.Id);
            t.ForeignKey("FK_CapacityReturns_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_CapacityReturns_ServiceId_ReportedAt", "CapacityReturns", ["ServiceId", "ReportedAt"]);

        m.CreateTable("BedLines", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            CapacityReturnId = t.Column<long>(nullable: false),
            Category = t.Column<string>(maxLength: 30, nullable: false),
            MaxCapacity = t.Column<int>(nullable: false),
            Occupied = t.Column<int>(nullable: false),
            VacantReserved = t.Column<int>(nullable: false),
            VacantAccepting = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_BedLines", x => x.Id);
            t.ForeignKey("FK_BedLines_CapacityReturns_CapacityReturnId", x => x.CapacityReturnId, "CapacityReturns", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_BedLines_CapacityReturnId_Category", "BedLines", ["CapacityReturnId", "Category"], unique: true);

        m.CreateTable("HoursLines", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            CapacityReturnId = t.Column<long>(nullable: false),
            AreaId = t.Column<int>(nullable: false),
            TimeBand = t.Column<string>(maxLength: 10, nullable: false),
            HoursAvailable = t.Column<decimal>(precision: 9, scale: 2, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_HoursLines", x => x.Id);
            t.ForeignKey("FK_HoursLines_CapacityReturns_CapacityReturnId", x => x.CapacityReturnId, "CapacityReturns", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_HoursLines_Areas_AreaId", x => x.AreaId, "Areas", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_HoursLines_CapacityReturnId_AreaId_TimeBand", "HoursLines", ["CapacityReturnId", "AreaId", "TimeBand"], unique: true);
        m.CreateIndex("IX_HoursLines_AreaId", "HoursLines", "AreaId");
    }
}
