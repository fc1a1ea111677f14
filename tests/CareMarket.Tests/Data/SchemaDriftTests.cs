using System.Data.Common;
using System.Text.RegularExpressions;
using CareMarket.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CareMarket.Tests.Data;

/// <summary>
/// The migrations are hand-written and there is no model snapshot, so nothing else notices when the EF model and the
/// migrated database part ways. Each engine is migrated from empty and its actual schema (tables, columns with their
/// declared types, lengths and nullability, primary keys, indexes with their columns, uniqueness and filters, and on
/// PostgreSQL the key-block sequences) is read from the database's own catalogue and compared with the EF model.
/// </summary>
public class SchemaDriftTests
{
    [Theory]
    [BothEngines]
    public async Task MigratedDatabase_HasTheSchemaOfTheModel(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var db = database.NewContext();

        var differences = SchemaDrift.Compare(SchemaDrift.OfModel(db), await SchemaDrift.ReadAsync(db));

        if (differences.Count > 0)
        {
            Assert.Fail($"The migrated {engine} database differs from the EF model in {differences.Count} place(s):\n  "
                + string.Join("\n  ", differences));
        }
    }

    /// <summary>The comparison can fail: a database changed behind the model's back is reported, every change at once.</summary>
    [Theory]
    [BothEngines]
    public async Task Comparison_ReportsEveryChangeMadeBehindTheModelsBack(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var db = database.NewContext();
        var model = SchemaDrift.OfModel(db);
        SchemaDrift.Compare(model, await SchemaDrift.ReadAsync(db)).ShouldBeEmpty();

        // An index lost, a filter lost, an index and a column and a table the model does not know.
        await db.Database.ExecuteSqlRawAsync("""DROP INDEX "IX_Services_Postcode" """);
        await db.Database.ExecuteSqlRawAsync("""DROP INDEX "IX_ServiceRestrictions_NotLifted" """);
        await db.Database.ExecuteSqlRawAsync("""CREATE UNIQUE INDEX "IX_ServiceRestrictions_NotLifted" ON "ServiceRestrictions" ("LocalAuthorityId", "ServiceId")""");
        await db.Database.ExecuteSqlRawAsync("""CREATE INDEX "IX_Services_City" ON "Services" ("City")""");
        await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Providers" ADD COLUMN "Stray" TEXT NULL""");
        await db.Database.ExecuteSqlRawAsync("""CREATE TABLE "Strays" ("Id" INTEGER NOT NULL PRIMARY KEY)""");
        if (engine == Engine.Postgres)
        {
            // A length, a type and a nullability changed, a key-block sequence stepping by one again, a stray sequence.
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Services" ALTER COLUMN "Name" TYPE character varying(301)""");
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Ratings" ALTER COLUMN "RecordedAt" TYPE timestamp without time zone""");
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Services" ALTER COLUMN "City" SET NOT NULL""");
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "AuditEntries" ALTER COLUMN "Id" SET INCREMENT BY 1""");
            await db.Database.ExecuteSqlRawAsync("""CREATE SEQUENCE "Strays_seq" """);
        }

        var differences = SchemaDrift.Compare(model, await SchemaDrift.ReadAsync(db));

        var expected = new List<string>
        {
            "Services: index IX_Services_Postcode (Postcode): the model has it, the database does not",
            "ServiceRestrictions: index IX_ServiceRestrictions_NotLifted: model says unique (LocalAuthorityId, ServiceId) where \"LiftedAt\" IS NULL, database has unique (LocalAuthorityId, ServiceId)",
            "Services: index IX_Services_City (City): the database has it, the model does not",
            "Providers.Stray: the database has this column, the model does not",
            "Strays: the database has this table, the model does not",
        };
        if (engine == Engine.Postgres)
        {
            expected.AddRange([
                "Services.Name: model says character varying(300), max length 300, not null; database has character varying(301), max length 301, not null",
                "Ratings.RecordedAt: model says timestamp with time zone, not null; database has timestamp without time zone, not null",
                "Services.City: model says character varying(100), max length 100, null; database has character varying(100), max length 100, not null",
                "sequence AuditEntries_Id_seq: model says increment 100, database has increment 1",
                "sequence Strays_seq: the database has it (no identity column's own), the model does not",
            ]);
        }
        differences.ShouldBe(expected, ignoreOrder: true);
    }
}

/// <summary>What a table looks like, from the model or from the database, in the words of the database.</summary>
internal sealed record TableShape(
    SortedDictionary<string, ColumnShape> Columns,
    string PrimaryKey,
    SortedDictionary<string, IndexShape> Indexes);

/// <param name="Type">The store type as declared: SQLite keeps the name the migration wrote; PostgreSQL's format_type.</param>
/// <param name="MaxLength">Null where the engine keeps no length (SQLite: every string is TEXT).</param>
internal sealed record ColumnShape(string Type, int? MaxLength, bool Nullable)
{
    public override string ToString() =>
        $"{Type}{(MaxLength is { } length ? $", max length {length}" : "")}, {(Nullable ? "null" : "not null")}";
}

internal sealed record IndexShape(string Columns, bool Unique, string? Filter)
{
    public override string ToString() => $"{(Unique ? "unique " : "")}({Columns}){(Filter is null ? "" : $" where {Filter}")}";
}

/// <param name="Sequences">Name and increment of the sequences the model declares (PostgreSQL's key blocks).</param>
/// <param name="OtherSequences">Database only: sequences that are no identity column's own and not the model's.</param>
internal sealed record SchemaShape(
    SortedDictionary<string, TableShape> Tables,
    SortedDictionary<string, long> Sequences,
    IReadOnlyList<string> OtherSequences);

internal static class SchemaDrift
{
    /// <summary>
    /// Tables in the database that are deliberately outside the model: EF's own migration history and the lock it
    /// takes while migrating SQLite (__EFMigrationsLock), and SQLite's internal tables (sqlite_sequence keeps
    /// AUTOINCREMENT's counters). Nothing of the app's own is kept outside the model.
    /// </summary>
    private static bool OutsideTheModel(string table) =>
        table is "__EFMigrationsHistory" or "__EFMigrationsLock" || table.StartsWith("sqlite_", StringComparison.Ordinal);

    /// <summary>The schema the EF model expects on this context's engine (the design-time model: it keeps index filters).</summary>
    public static SchemaShape OfModel(CareMarketDb db)
    {
        var model = db.GetService<IDesignTimeModel>().Model;
        var sqlite = !db.IsPostgres();
        var tables = new SortedDictionary<string, TableShape>(StringComparer.Ordinal);
        foreach (var table in model.GetRelationalModel().Tables)
        {
            if (table.IsExcludedFromMigrations) continue;
            var columns = new SortedDictionary<string, ColumnShape>(StringComparer.Ordinal);
            foreach (var column in table.Columns)
            {
                // SQLite declares every string TEXT and keeps no length: there is none in the database to compare
                // (the one set of migrations is checked for lengths on PostgreSQL).
                columns[column.Name] = new ColumnShape(column.StoreType, sqlite ? null : column.MaxLength, column.IsNullable);
            }
            var indexes = new SortedDictionary<string, IndexShape>(StringComparer.Ordinal);
            foreach (var index in table.Indexes)
            {
                indexes[index.Name] = new IndexShape(Names(index.Columns.Select(c => c.Name)), index.IsUnique, Filter(index.Filter));
            }
            // Alternate keys are unique constraints, which EF creates as unique indexes named after the constraint.
            foreach (var unique in table.UniqueConstraints.Where(u => !u.GetIsPrimaryKey()))
            {
                indexes[unique.Name] = new IndexShape(Names(unique.Columns.Select(c => c.Name)), true, null);
            }
            tables[table.Name] = new TableShape(columns, Names(table.PrimaryKey?.Columns.Select(c => c.Name) ?? []), indexes);
        }
        var sequences = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var sequence in model.GetSequences()) sequences[sequence.Name] = sequence.IncrementBy;
        return new SchemaShape(tables, sequences, []);
    }

    /// <summary>The schema the migrated database actually has, read from its own catalogue.</summary>
    public static async Task<SchemaShape> ReadAsync(CareMarketDb db)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            return db.IsPostgres() ? await ReadPostgresAsync(db.Database.GetDbConnection())
                : await ReadSqliteAsync(db.Database.GetDbConnection());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<SchemaShape> ReadSqliteAsync(DbConnection connection)
    {
        var tables = new SortedDictionary<string, TableShape>(StringComparer.Ordinal);
        var names = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'", [], r => r.GetString(0));
        foreach (var table in names.Where(t => !OutsideTheModel(t)))
        {
            var columns = new SortedDictionary<string, ColumnShape>(StringComparer.Ordinal);
            var key = new SortedDictionary<long, string>();
            // The declared type, as the migration wrote it (not its affinity), and NOT NULL; SQLite keeps no length.
            foreach (var (name, type, notNull, pk) in await QueryAsync(connection,
                         """SELECT name, type, "notnull", pk FROM pragma_table_info($table)""", [("$table", table)],
                         r => (r.GetString(0), r.GetString(1), r.GetInt64(2) != 0, r.GetInt64(3))))
            {
                columns[name] = new ColumnShape(type, null, !notNull);
                if (pk > 0) key[pk] = name;
            }

            var indexes = new SortedDictionary<string, IndexShape>(StringComparer.Ordinal);
            foreach (var (name, unique, origin) in await QueryAsync(connection,
                         """SELECT name, "unique", origin FROM pragma_index_list($table)""", [("$table", table)],
                         r => (r.GetString(0), r.GetInt64(1) != 0, r.GetString(2))))
            {
                if (origin == "pk") continue; // the primary key's own index: compared as the primary key
                var indexColumns = await QueryAsync(connection,
                    "SELECT name FROM pragma_index_info($index) ORDER BY seqno", [("$index", name)], r => r.GetString(0));
                // SQLite keeps a partial index's WHERE clause only in the statement that made it.
                var sql = (await QueryAsync(connection, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $index",
                    [("$index", name)], r => r.IsDBNull(0) ? null : r.GetString(0))).SingleOrDefault();
                var where = sql is null ? null : Regex.Match(sql, @"\)\s+WHERE\s+(.+?);?\s*$", RegexOptions.Singleline | RegexOptions.IgnoreCase);
                indexes[name] = new IndexShape(Names(indexColumns), unique, where is { Success: true } ? Filter(where.Groups[1].Value) : null);
            }
            tables[table] = new TableShape(columns, Names(key.Values), indexes);
        }
        return new SchemaShape(tables, new SortedDictionary<string, long>(StringComparer.Ordinal), []);
    }

    private static async Task<SchemaShape> ReadPostgresAsync(DbConnection connection)
    {
        var tables = new SortedDictionary<string, TableShape>(StringComparer.Ordinal);
        var names = await QueryAsync(connection,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
            [], r => r.GetString(0));
        foreach (var table in names.Where(t => !OutsideTheModel(t)))
        {
            tables[table] = new TableShape(new SortedDictionary<string, ColumnShape>(StringComparer.Ordinal), "",
                new SortedDictionary<string, IndexShape>(StringComparer.Ordinal));
        }

        // format_type spells the type as Npgsql's mapping does: character varying(200), numeric(9,2), timestamp with time zone.
        foreach (var (table, column, type, length, nullable) in await QueryAsync(connection, """
                     SELECT c.table_name, c.column_name, format_type(a.atttypid, a.atttypmod), c.character_maximum_length, c.is_nullable = 'YES'
                     FROM information_schema.columns c
                     JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
                     WHERE c.table_schema = 'public'
                     """, [], r => (r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? (int?)null : r.GetInt32(3), r.GetBoolean(4))))
        {
            if (tables.TryGetValue(table, out var shape)) shape.Columns[column] = new ColumnShape(type, length, nullable);
        }

        foreach (var (table, index, unique, primary, filter, columns) in await QueryAsync(connection, """
                     SELECT t.relname, i.relname, x.indisunique, x.indisprimary, pg_get_expr(x.indpred, x.indrelid),
                            ARRAY(SELECT a.attname FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                                  JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[]
                     FROM pg_index x
                     JOIN pg_class i ON i.oid = x.indexrelid
                     JOIN pg_class t ON t.oid = x.indrelid
                     JOIN pg_namespace n ON n.oid = t.relnamespace
                     WHERE n.nspname = 'public'
                     """, [], r => (r.GetString(0), r.GetString(1), r.GetBoolean(2), r.GetBoolean(3),
                         r.IsDBNull(4) ? null : r.GetString(4), r.GetFieldValue<string[]>(5))))
        {
            if (!tables.TryGetValue(table, out var shape)) continue;
            if (primary) tables[table] = shape with { PrimaryKey = Names(columns) };
            else shape.Indexes[index] = new IndexShape(Names(columns), unique, Filter(filter));
        }

        // Identity columns' own sequences are part of their column; any other sequence should be the model's.
        var sequences = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var others = new List<string>();
        foreach (var (name, increment, identity) in await QueryAsync(connection, """
                     SELECT s.sequencename, s.increment_by,
                            EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = format('%I.%I', s.schemaname, s.sequencename)::regclass AND d.deptype = 'i')
                     FROM pg_sequences s WHERE s.schemaname = 'public'
                     """, [], r => (r.GetString(0), r.GetInt64(1), r.GetBoolean(2))))
        {
            sequences[name] = increment;
            if (!identity) others.Add(name);
        }
        return new SchemaShape(tables, sequences, others);
    }

    /// <summary>Every difference between the model and the database, one readable line each.</summary>
    public static List<string> Compare(SchemaShape model, SchemaShape database)
    {
        var differences = new List<string>();
        foreach (var (name, expected) in model.Tables)
        {
            if (!database.Tables.TryGetValue(name, out var actual))
            {
                differences.Add($"{name}: the model has this table, the database does not");
                continue;
            }
            foreach (var (column, shape) in expected.Columns)
            {
                if (!actual.Columns.TryGetValue(column, out var has))
                    differences.Add($"{name}.{column}: the model has this column ({shape}), the database does not");
                else if (has != shape)
                    differences.Add($"{name}.{column}: model says {shape}; database has {has}");
            }
            foreach (var column in actual.Columns.Keys.Except(expected.Columns.Keys))
                differences.Add($"{name}.{column}: the database has this column, the model does not");

            if (expected.PrimaryKey != actual.PrimaryKey)
                differences.Add($"{name}: primary key: model says ({expected.PrimaryKey}), database has ({actual.PrimaryKey})");

            foreach (var (index, shape) in expected.Indexes)
            {
                if (!actual.Indexes.TryGetValue(index, out var has))
                    differences.Add($"{name}: index {index} {shape}: the model has it, the database does not");
                else if (has != shape)
                    differences.Add($"{name}: index {index}: model says {shape}, database has {has}");
            }
            foreach (var (index, shape) in actual.Indexes.Where(i => !expected.Indexes.ContainsKey(i.Key)))
                differences.Add($"{name}: index {index} {shape}: the database has it, the model does not");
        }
        foreach (var name in database.Tables.Keys.Except(model.Tables.Keys))
            differences.Add($"{name}: the database has this table, the model does not");

        foreach (var (sequence, increment) in model.Sequences)
        {
            if (!database.Sequences.TryGetValue(sequence, out var has))
                differences.Add($"sequence {sequence}: the model has it, the database does not");
            else if (has != increment)
                differences.Add($"sequence {sequence}: model says increment {increment}, database has increment {has}");
        }
        foreach (var sequence in database.OtherSequences.Where(s => !model.Sequences.ContainsKey(s)))
            differences.Add($"sequence {sequence}: the database has it (no identity column's own), the model does not");
        return differences;
    }

    private static string Names(IEnumerable<string> names) => string.Join(", ", names);

    /// <summary>
    /// A filter as text, without what the engine adds when it keeps one: PostgreSQL hands back <c>("LiftedAt" IS NULL)</c>
    /// for <c>"LiftedAt" IS NULL</c>. Only outer parentheses and runs of white space go; the expression itself must match.
    /// </summary>
    private static string? Filter(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) return null;
        var text = Regex.Replace(filter.Trim(), @"\s+", " ");
        while (text.StartsWith('(') && text.EndsWith(')') && Balanced(text[1..^1])) text = text[1..^1].Trim();
        return text;
    }

    private static bool Balanced(string text)
    {
        var depth = 0;
        foreach (var c in text)
        {
            depth += c switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth < 0) return false;
        }
        return depth == 0;
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql,
        (string Name, object Value)[] parameters, Func<DbDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }
}
