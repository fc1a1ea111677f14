using CareMarket.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CareMarket.Data.Migrations;

/// <summary>Sign-in, councils and their areas, the register of providers and services, ratings, audit.</summary>
[DbContext(typeof(CareMarketDb))]
[Migration("20261124000001_Foundation")]
public sealed class Foundation : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        // Identity (schema version 1, as IdentityDbContext maps it by default).
        m.CreateTable("AspNetRoles", t => new
        {
            Id = t.Column<string>(nullable: false),
            Name = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedName = t.Column<string>(maxLength: 256, nullable: true),
            ConcurrencyStamp = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_AspNetRoles", x => x.Id));

        m.CreateTable("AspNetUsers", t => new
        {
            Id = t.Column<string>(nullable: false),
            DisplayName = t.Column<string>(maxLength: 200, nullable: false),
            LocalAuthorityId = t.Column<int>(nullable: false),
            ProviderId = t.Column<int>(nullable: true),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedUserName = t.Column<string>(maxLength: 256, nullable: true),
            Email = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedEmail = t.Column<string>(maxLength: 256, nullable: true),
            EmailConfirmed = t.Column<bool>(nullable: false),
            PasswordHash = t.Column<string>(nullable: true),
            SecurityStamp = t.Column<string>(nullable: true),
            ConcurrencyStamp = t.Column<string>(nullable: true),
            PhoneNumber = t.Column<string>(nullable: true),
            PhoneNumberConfirmed = t.Column<bool>(nullable: false),
            TwoFactorEnabled = t.Column<bool>(nullable: false),
            LockoutEnd = t.Column<DateTimeOffset>(nullable: true),
            LockoutEnabled = t.Column<bool>(nullable: false),
            AccessFailedCount = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_AspNetUsers", x => x.Id));

        m.CreateTable("AspNetRoleClaims", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            RoleId = t.Column<string>(nullable: false),
            ClaimType = t.Column<string>(nullable: true),
            ClaimValue = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
            t.ForeignKey("FK_AspNetRoleClaims_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("AspNetUserClaims", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            UserId = t.Column<string>(nullable: false),
            ClaimType = t.Column<string>(nullable: true),
            ClaimValue = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
            t.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("AspNetUserLogins", t => new
        {
            LoginProvider = t.Column<string>(maxLength: 128, nullable: false),
            ProviderKey = t.Column<string>(maxLength: 128, nullable: false),
            ProviderDisplayName = t.Column<string>(nullable: true),
            UserId = t.Column<string>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
            t.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("AspNetUserRoles", t => new
        {
            UserId = t.Column<string>(nullable: false),
            RoleId = t.Column<string>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
            t.ForeignKey("FK_AspNetUserRoles_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_AspNetUserRoles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("AspNetUserTokens", t => new
        {
            UserId = t.Column<string>(nullable: false),
            LoginProvider = t.Column<string>(maxLength: 128, nullable: false),
            Name = t.Column<string>(maxLength: 128, nullable: false),
            Value = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
            t.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateIndex("IX_AspNetRoleClaims_RoleId", "AspNetRoleClaims", "RoleId");
        m.CreateIndex("RoleNameIndex", "AspNetRoles", "NormalizedName", unique: true);
        m.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");
        m.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");
        m.CreateIndex("IX_AspNetUserRoles_RoleId", "AspNetUserRoles", "RoleId");
        m.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        m.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
        m.CreateIndex("IX_AspNetUsers_LocalAuthorityId", "AspNetUsers", "LocalAuthorityId");

        // Councils, their neighbours and areas.
        m.CreateTable("LocalAuthorities", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            OnsCode = t.Column<string>(maxLength: 9, nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            Region = t.Column<string>(maxLength: 100, nullable: false),
            CqcName = t.Column<string>(maxLength: 200, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_LocalAuthorities", x => x.Id));
        m.CreateIndex("IX_LocalAuthorities_OnsCode", "LocalAuthorities", "OnsCode", unique: true);

        m.CreateTable("Neighbours", t => new
        {
            LocalAuthorityId = t.Column<int>(nullable: false),
            NeighbourId = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Neighbours", x => new { x.LocalAuthorityId, x.NeighbourId });
            t.ForeignKey("FK_Neighbours_LocalAuthorities_LocalAuthorityId", x => x.LocalAuthorityId, "LocalAuthorities", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Neighbours_LocalAuthorities_NeighbourId", x => x.NeighbourId, "LocalAuthorities", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Neighbours_NeighbourId", "Neighbours", "NeighbourId");

        m.CreateTable("Areas", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            LocalAuthorityId = t.Column<int>(nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            PostcodeDistricts = t.Column<string>(maxLength: 500, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Areas", x => x.Id);
            t.ForeignKey("FK_Areas_LocalAuthorities_LocalAuthorityId", x => x.LocalAuthorityId, "LocalAuthorities", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Areas_LocalAuthorityId_Name", "Areas", ["LocalAuthorityId", "Name"], unique: true);

        // The register: national CQC reference data.
        m.CreateTable("Providers", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            CqcProviderId = t.Column<string>(maxLength: 20, nullable: true),
            Name = t.Column<string>(maxLength: 300, nullable: false),
            BrandId = t.Column<string>(maxLength: 20, nullable: true),
            BrandName = t.Column<string>(maxLength: 300, nullable: true),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Providers", x => x.Id));
        m.CreateIndex("IX_Providers_CqcProviderId", "Providers", "CqcProviderId", unique: true);

        var sqlite = !m.IsPostgres();
        m.CreateTable("Services", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            CqcLocationId = t.Column<string>(maxLength: 20, nullable: true),
            ProviderId = t.Column<int>(nullable: false),
            Name = t.Column<string>(maxLength: 300, nullable: false),
            AlsoKnownAs = t.Column<string>(maxLength: 300, nullable: true),
            ServiceType = t.Column<string>(maxLength: 40, nullable: false),
            CqcServiceTypes = t.Column<string>(maxLength: 1000, nullable: false),
            RegulatedActivities = t.Column<string>(maxLength: 1000, nullable: false),
            Specialisms = t.Column<int>(nullable: false),
            Street = t.Column<string>(maxLength: 300, nullable: true),
            City = t.Column<string>(maxLength: 100, nullable: true),
            Postcode = t.Column<string>(maxLength: 10, nullable: true),
            Latitude = t.Column<double>(nullable: true),
            Longitude = t.Column<double>(nullable: true),
            Phone = t.Column<string>(maxLength: 40, nullable: true),
            Website = t.Column<string>(maxLength: 300, nullable: true),
            HostLocalAuthorityId = t.Column<int>(nullable: true),
            CqcLocalAuthority = t.Column<string>(maxLength: 200, nullable: true),
            Region = t.Column<string>(maxLength: 100, nullable: true),
            AreaId = t.Column<int>(nullable: true),
            IsCareHome = t.Column<bool>(nullable: false),
            RegisteredBeds = t.Column<int>(nullable: true),
            InspectionDirectorate = t.Column<string>(maxLength: 100, nullable: true),
            PrimaryInspectionCategory = t.Column<string>(maxLength: 200, nullable: true),
            RegisteredOn = t.Column<DateOnly>(nullable: true),
            Dormant = t.Column<bool>(nullable: false),
            LastCheckedOn = t.Column<DateOnly>(nullable: true),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            CurrentRatingId = t.Column<int>(nullable: true),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Services", x => x.Id);
            t.ForeignKey("FK_Services_Providers_ProviderId", x => x.ProviderId, "Providers", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Services_LocalAuthorities_HostLocalAuthorityId", x => x.HostLocalAuthorityId, "LocalAuthorities", "Id");
            t.ForeignKey("FK_Services_Areas_AreaId", x => x.AreaId, "Areas", "Id");
            // Services and Ratings refer to each other. SQLite accepts a reference to a table not yet made and
            // cannot add one later; PostgreSQL is the other way round (added after Ratings, below).
            if (sqlite) t.ForeignKey("FK_Services_Ratings_CurrentRatingId", x => x.CurrentRatingId, "Ratings", "Id", onDelete: ReferentialAction.Restrict);
        });

        m.CreateTable("Ratings", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            ServiceId = t.Column<int>(nullable: false),
            PublishedOn = t.Column<DateOnly>(nullable: false),
            Overall = t.Column<string>(maxLength: 30, nullable: false),
            Safe = t.Column<string>(maxLength: 30, nullable: true),
            Effective = t.Column<string>(maxLength: 30, nullable: true),
            Caring = t.Column<string>(maxLength: 30, nullable: true),
            Responsive = t.Column<string>(maxLength: 30, nullable: true),
            WellLed = t.Column<string>(maxLength: 30, nullable: true),
            Inherited = t.Column<bool>(nullable: false),
            Source = t.Column<string>(maxLength: 40, nullable: false),
            RecordedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Ratings", x => x.Id);
            t.ForeignKey("FK_Ratings_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Cascade);
        });
        if (!sqlite)
        {
            m.AddForeignKey("FK_Services_Ratings_CurrentRatingId", "Services", "CurrentRatingId", "Ratings",
                principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        }
        m.CreateIndex("IX_Ratings_ServiceId_PublishedOn", "Ratings", ["ServiceId", "PublishedOn"], unique: true);
        m.CreateIndex("IX_Services_AreaId", "Services", "AreaId");
        m.CreateIndex("IX_Services_CqcLocationId", "Services", "CqcLocationId", unique: true);
        m.CreateIndex("IX_Services_CurrentRatingId", "Services", "CurrentRatingId");
        m.CreateIndex("IX_Services_HostLocalAuthorityId", "Services", "HostLocalAuthorityId");
        m.CreateIndex("IX_Services_Name", "Services", "Name");
        m.CreateIndex("IX_Services_Postcode", "Services", "Postcode");
        m.CreateIndex("IX_Services_ProviderId", "Services", "ProviderId");

        m.CreateTable("ServiceExits", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            ServiceId = t.Column<int>(nullable: false),
            EndedOn = t.Column<DateOnly>(nullable: false),
            BedsAtExit = t.Column<int>(nullable: true),
            Source = t.Column<string>(maxLength: 40, nullable: false),
            RecordedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ServiceExits", x => x.Id);
            t.ForeignKey("FK_ServiceExits_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ServiceExits_ServiceId_EndedOn", "ServiceExits", ["ServiceId", "EndedOn"], unique: true);

        // Council-owned.
        m.CreateTable("Contracts", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            LocalAuthorityId = t.Column<int>(nullable: false),
            ServiceId = t.Column<int>(nullable: false),
            Arrangement = t.Column<string>(maxLength: 30, nullable: false),
            Reference = t.Column<string>(maxLength: 100, nullable: true),
            LotAreaId = t.Column<int>(nullable: true),
            StartsOn = t.Column<DateOnly>(nullable: false),
            EndsOn = t.Column<DateOnly>(nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Contracts", x => x.Id);
            t.ForeignKey("FK_Contracts_LocalAuthorities_LocalAuthorityId", x => x.LocalAuthorityId, "LocalAuthorities", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Contracts_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Contracts_LocalAuthorityId_ServiceId", "Contracts", ["LocalAuthorityId", "ServiceId"]);
        m.CreateIndex("IX_Contracts_ServiceId", "Contracts", "ServiceId");

        m.CreateTable("ApiKeys", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            LocalAuthorityId = t.Column<int>(nullable: false),
            ProviderId = t.Column<int>(nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            Prefix = t.Column<string>(maxLength: 12, nullable: false),
            Hash = t.Column<string>(maxLength: 64, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            RevokedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ApiKeys", x => x.Id);
            t.ForeignKey("FK_ApiKeys_Providers_ProviderId", x => x.ProviderId, "Providers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ApiKeys_Hash", "ApiKeys", "Hash", unique: true);
        m.CreateIndex("IX_ApiKeys_ProviderId", "ApiKeys", "ProviderId");

        m.CreateTable("ImportRuns", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            Kind = t.Column<string>(maxLength: 40, nullable: false),
            Source = t.Column<string>(maxLength: 500, nullable: false),
            Sha256 = t.Column<string>(maxLength: 64, nullable: true),
            StartedAt = t.Column<DateTime>(nullable: false),
            FinishedAt = t.Column<DateTime>(nullable: false),
            Rows = t.Column<int>(nullable: false),
            Added = t.Column<int>(nullable: false),
            Updated = t.Column<int>(nullable: false),
            Unchanged = t.Column<int>(nullable: false),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_ImportRuns", x => x.Id));

        m.CreateTable("AuditEntries", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            At = t.Column<DateTime>(nullable: false),
            UserName = t.Column<string>(maxLength: 256, nullable: false),
            LocalAuthorityId = t.Column<int>(nullable: true),
            Action = t.Column<string>(maxLength: 40, nullable: false),
            EntityType = t.Column<string>(maxLength: 100, nullable: false),
            EntityKey = t.Column<string>(maxLength: 100, nullable: false),
            Before = t.Column<string>(nullable: true),
            After = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_AuditEntries", x => x.Id));
        m.CreateIndex("IX_AuditEntries_At", "AuditEntries", "At");
        m.CreateIndex("IX_AuditEntries_EntityType_EntityKey", "AuditEntries", ["EntityType", "EntityKey"]);

        // The audit log is append-only in the database itself, not only in the application.
        if (sqlite)
        {
            m.Sql("""CREATE TRIGGER "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;""");
            m.Sql("""CREATE TRIGGER "AuditEntries_NoDelete" BEFORE DELETE ON "AuditEntries" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;""");
        }
        else
        {
            m.Sql("""
                CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
                """);
            m.Sql("""CREATE TRIGGER "AuditEntries_AppendOnly" BEFORE UPDATE OR DELETE ON "AuditEntries" FOR EACH ROW EXECUTE FUNCTION audit_append_only();""");
        }
    }
}
