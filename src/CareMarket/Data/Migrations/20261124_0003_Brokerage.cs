using CareMarket.Placements;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CareMarket.Data.Migrations;

/// <summary>Brokerage: people (pseudonymous), care requests, invitations, offers, placements, and the vacancy ledger.</summary>
[DbContext(typeof(CareMarketDb))]
[Migration("20261124000003_Brokerage")]
public sealed class Brokerage : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("People", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            LocalAuthorityId = t.Column<int>(nullable: false),
            Reference = t.Column<string>(maxLength: 50, nullable: false),
            AgeBand = t.Column<string>(maxLength: 20, nullable: false),
            PrimarySupportReason = t.Column<string>(maxLength: 40, nullable: false),
            HomeAreaId = t.Column<int>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_People", x => x.Id);
            t.ForeignKey("FK_People_LocalAuthorities_LocalAuthorityId", x => x.LocalAuthorityId, "LocalAuthorities", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_People_Areas_HomeAreaId", x => x.HomeAreaId, "Areas", "Id");
        });
        m.CreateIndex("IX_People_LocalAuthorityId_Reference", "People", ["LocalAuthorityId", "Reference"], unique: true);
        m.CreateIndex("IX_People_HomeAreaId", "People", "HomeAreaId");

        m.CreateTable("CareRequests", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            LocalAuthorityId = t.Column<int>(nullable: false),
            PersonId = t.Column<int>(nullable: false),
            ServiceType = t.Column<string>(maxLength: 40, nullable: false),
            AlsoAcceptable = t.Column<string>(maxLength: 300, nullable: false),
            Specialisms = t.Column<int>(nullable: false),
            BedCategory = t.Column<string>(maxLength: 30, nullable: true),
            HoursPerWeek = t.Column<decimal>(precision: 9, scale: 2, nullable: true),
            TimeBands = t.Column<string>(maxLength: 100, nullable: false),
            PreferredAreaId = t.Column<int>(nullable: true),
            PostcodeDistrict = t.Column<string>(maxLength: 5, nullable: true),
            MaxDistanceKm = t.Column<double>(nullable: true),
            WantedStart = t.Column<DateOnly>(nullable: false),
            Priority = t.Column<string>(maxLength: 20, nullable: false),
            Preferences = t.Column<string>(maxLength: 500, nullable: true),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            Interim = t.Column<string>(maxLength: 30, nullable: false),
            WaitedForCapacity = t.Column<bool>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            CreatedBy = t.Column<string>(maxLength: 256, nullable: false),
            OffersCloseAt = t.Column<DateTime>(nullable: true),
            SourcedAt = t.Column<DateTime>(nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CareRequests", x => x.Id);
            t.ForeignKey("FK_CareRequests_LocalAuthorities_LocalAuthorityId", x => x.LocalAuthorityId, "LocalAuthorities", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_CareRequests_People_PersonId", x => x.PersonId, "People", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_CareRequests_LocalAuthorityId_Status", "CareRequests", ["LocalAuthorityId", "Status"]);
        m.CreateIndex("IX_CareRequests_PersonId", "CareRequests", "PersonId");

        m.CreateTable("Invitations", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            LocalAuthorityId = t.Column<int>(nullable: false),
            CareRequestId = t.Column<int>(nullable: false),
            ServiceId = t.Column<int>(nullable: false),
            ProviderId = t.Column<int>(nullable: false),
            SentAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Invitations", x => x.Id);
            t.ForeignKey("FK_Invitations_CareRequests_CareRequestId", x => x.CareRequestId, "CareRequests", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Invitations_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Invitations_CareRequestId_ServiceId", "Invitations", ["CareRequestId", "ServiceId"], unique: true);
        m.CreateIndex("IX_Invitations_ProviderId", "Invitations", "ProviderId");
        m.CreateIndex("IX_Invitations_LocalAuthorityId", "Invitations", "LocalAuthorityId");
        m.CreateIndex("IX_Invitations_ServiceId", "Invitations", "ServiceId");

        m.CreateTable("Offers", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            LocalAuthorityId = t.Column<int>(nullable: false),
            CareRequestId = t.Column<int>(nullable: false),
            ServiceId = t.Column<int>(nullable: false),
            ProviderId = t.Column<int>(nullable: false),
            WeeklyPrice = t.Column<decimal>(precision: 9, scale: 2, nullable: false),
            StartDate = t.Column<DateOnly>(nullable: false),
            Description = t.Column<string>(maxLength: 1000, nullable: true),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            SubmittedAt = t.Column<DateTime>(nullable: false),
            SubmittedBy = t.Column<string>(maxLength: 256, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Offers", x => x.Id);
            t.ForeignKey("FK_Offers_CareRequests_CareRequestId", x => x.CareRequestId, "CareRequests", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Offers_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Offers_CareRequestId_ServiceId", "Offers", ["CareRequestId", "ServiceId"], unique: true);
        m.CreateIndex("IX_Offers_ProviderId", "Offers", "ProviderId");
        m.CreateIndex("IX_Offers_LocalAuthorityId", "Offers", "LocalAuthorityId");
        m.CreateIndex("IX_Offers_ServiceId", "Offers", "ServiceId");

        m.CreateTable("Placements", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            LocalAuthorityId = t.Column<int>(nullable: false),
            PersonId = t.Column<int>(nullable: false),
            ServiceId = t.Column<int>(nullable: false),
            CareRequestId = t.Column<int>(nullable: true),
            OfferId = t.Column<int>(nullable: true),
            StartsOn = t.Column<DateOnly>(nullable: false),
            EndsOn = t.Column<DateOnly>(nullable: true),
            BedCategory = t.Column<string>(maxLength: 30, nullable: true),
            HoursPerWeek = t.Column<decimal>(precision: 9, scale: 2, nullable: true),
            WeeklyCost = t.Column<decimal>(precision: 9, scale: 2, nullable: false),
            ChoiceReason = t.Column<string>(maxLength: 500, nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            CreatedBy = t.Column<string>(maxLength: 256, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Placements", x => x.Id);
            t.ForeignKey("FK_Placements_LocalAuthorities_LocalAuthorityId", x => x.LocalAuthorityId, "LocalAuthorities", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Placements_People_PersonId", x => x.PersonId, "People", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Placements_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Placements_LocalAuthorityId_ServiceId", "Placements", ["LocalAuthorityId", "ServiceId"]);
        m.CreateIndex("IX_Placements_CareRequestId", "Placements", "CareRequestId", unique: true);
        m.CreateIndex("IX_Placements_PersonId", "Placements", "PersonId");
        m.CreateIndex("IX_Placements_ServiceId", "Placements", "ServiceId");

        m.CreateTable("Vacancies", t => new
        {
            ServiceId = t.Column<int>(nullable: false),
            Kind = t.Column<string>(maxLength: 30, nullable: false),
            Available = t.Column<double>(nullable: false),
            FromReturnId = t.Column<long>(nullable: true),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Vacancies", x => new { x.ServiceId, x.Kind });
            t.ForeignKey("FK_Vacancies_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Cascade);
        });
    }
}
