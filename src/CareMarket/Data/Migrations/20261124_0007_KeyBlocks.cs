using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CareMarket.Data.Migrations;

/// <summary>
/// PostgreSQL: the identity sequences of the audit log and capacity returns step by a block of keys, which the app
/// takes at a time (see <see cref="KeyBlocks"/>). The next value is past every key already used. SQLite: nothing.
/// </summary>
/// <remarks>
/// Literal values, as KeyBlocks.Tables and KeyBlocks.Size were when this was written: a migration must do the same
/// thing for ever, whatever the code says later. A new block size or table is a new migration (the schema drift test
/// compares the model's sequences with the database's).
/// </remarks>
[DbContext(typeof(CareMarketDb))]
[Migration("20261124000007_KeyBlocks")]
public sealed class KeyBlockSequences : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        if (!m.IsPostgres()) return;
        m.Sql("""ALTER TABLE "AuditEntries" ALTER COLUMN "Id" SET INCREMENT BY 100;""");
        m.Sql("""ALTER TABLE "CapacityReturns" ALTER COLUMN "Id" SET INCREMENT BY 100;""");
        m.Sql("""ALTER TABLE "BedLines" ALTER COLUMN "Id" SET INCREMENT BY 100;""");
        m.Sql("""ALTER TABLE "HoursLines" ALTER COLUMN "Id" SET INCREMENT BY 100;""");
    }
}
