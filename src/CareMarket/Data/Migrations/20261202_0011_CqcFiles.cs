using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CareMarket.Data.Migrations;

/// <summary>
/// CQC files as CQC publishes them: an import records how many rows of other sectors (GPs, dentists, hospitals) it
/// read and skipped. Imports before this one did not count them: 0.
/// </summary>
[DbContext(typeof(CareMarketDb))]
[Migration("20261202000011_CqcFiles")]
public sealed class CqcFiles : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<int>("OtherSectors", "ImportRuns", nullable: false, defaultValue: 0);
    }
}
