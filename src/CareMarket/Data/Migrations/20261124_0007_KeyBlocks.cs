using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CareMarket.Data.Migrations;

/// <summary>
/// PostgreSQL: the identity sequences of the audit log and capacity returns step by a block of keys, which the app
/// takes at a time (see <see cref="KeyBlocks"/>). The next value is past every key already used. SQLite: nothing.
/// </summary>
[DbContext(typeof(CareMarketDb))]
[Migration("20261124000007_KeyBlocks")]
public sealed class KeyBlockSequences : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        if (!m.IsPostgres()) return;
        foreach (var table in KeyBlocks.Tables)
        {
            m.Sql($"""ALTER TABLE "{table}" ALTER COLUMN "Id" SET INCREMENT BY {KeyBlocks.Size};""");
        }
    }
}
