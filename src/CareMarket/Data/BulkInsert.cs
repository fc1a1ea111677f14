using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CareMarket.Data;

/// <summary>
/// Writes new rows of one entity type with the engine's bulk path, inside the context's open transaction:
/// PostgreSQL binary COPY, SQLite one prepared INSERT reused per row. Columns, their names and value conversions
/// (enums as strings, dates, nullables) come from the EF model, so every mapped property is written as EF would
/// write it; a property the writer cannot read (shadow, complex) is refused rather than skipped. Keys are written
/// as given: allocate them first with <see cref="AllocateIdsAsync{T}"/>. The rows are not tracked by the context.
/// </summary>
public static class BulkInsert
{
    /// <summary>
    /// Reserves <paramref name="count"/> new keys of T's integer identity key: PostgreSQL takes them from the
    /// column's sequence (identity BY DEFAULT, so explicit keys are accepted); SQLite continues after the largest key
    /// used (AUTOINCREMENT's sqlite_sequence included), which holds because the caller's transaction writes them.
    /// </summary>
    public static async Task<int[]> AllocateIdsAsync<T>(CareMarketDb db, int count, CancellationToken ct = default) where T : class
    {
        if (count == 0) return [];
        var table = Table<T>(db);
        var key = table.KeyColumn;
        var connection = Connection(db, out var transaction);
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        var ids = new int[count];
        if (db.IsPostgres())
        {
            cmd.CommandText = $"SELECT nextval(pg_get_serial_sequence('{table.QuotedName.Replace("'", "''", StringComparison.Ordinal)}', '{key.Replace("'", "''", StringComparison.Ordinal)}')) FROM generate_series(1, {count.ToString(CultureInfo.InvariantCulture)})";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            var i = 0;
            while (await reader.ReadAsync(ct)) ids[i++] = checked((int)reader.GetInt64(0));
            if (i != count) throw new InvalidOperationException($"Allocated {i} of {count} keys for {table.QuotedName}.");
        }
        else
        {
            cmd.CommandText = $"""
                SELECT max(coalesce((SELECT max({Quote(key)}) FROM {table.QuotedName}), 0),
                           coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{table.Name.Replace("'", "''", StringComparison.Ordinal)}'), 0))
                """;
            var last = Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            for (var i = 0; i < count; i++) ids[i] = checked(last + 1 + i);
        }
        return ids;
    }

    /// <summary>Inserts the rows, every mapped column, in the context's open transaction.</summary>
    public static async Task WriteAsync<T>(CareMarketDb db, IReadOnlyCollection<T> rows, CancellationToken ct = default) where T : class
    {
        if (rows.Count == 0) return;
        var table = Table<T>(db);
        EnsureActorMayWrite(db, rows);
        var connection = Connection(db, out var transaction);
        var columns = table.Columns;
        var names = string.Join(", ", columns.Select(c => Quote(c.Name)));
        if (connection is NpgsqlConnection npgsql)
        {
            await using var importer = await npgsql.BeginBinaryImportAsync(
                $"COPY {table.QuotedName} ({names}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                importer.StartRow();
                foreach (var c in columns) Write(importer, c.ProviderValue(row), c.DataTypeName);
            }
            await importer.CompleteAsync(ct);
        }
        else if (connection is SqliteConnection)
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = transaction;
            cmd.CommandText = $"INSERT INTO {table.QuotedName} ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
            var parameters = new DbParameter[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i] = columns[i].Mapping.CreateParameter(cmd, "$p" + i.ToString(CultureInfo.InvariantCulture), null, columns[i].Nullable);
                cmd.Parameters.Add(parameters[i]);
            }
            await cmd.PrepareAsync(ct);
            foreach (var row in rows)
            {
                for (var i = 0; i < columns.Count; i++) parameters[i].Value = columns[i].ProviderValue(row) ?? DBNull.Value;
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }
        else
        {
            throw new NotSupportedException($"No bulk insert for {connection.GetType().Name}.");
        }
    }

    /// <summary>
    /// Query filters and the save's checks do not see a bulk write, so it checks the actor itself: nobody writes
    /// nothing, and a council's import writes only its own council's rows (the council comes from the actor).
    /// </summary>
    private static void EnsureActorMayWrite<T>(CareMarketDb db, IReadOnlyCollection<T> rows) where T : class
    {
        if (ReferenceEquals(db.Actor, Actor.Nobody))
            throw new InvalidOperationException("A context made without an actor writes nothing: system work asks for Actor.System by name.");
        if (!typeof(T).IsAssignableTo(typeof(ICouncilOwned)) || db.TenantId is not { } council) return;
        var property = typeof(T).GetProperty("LocalAuthorityId")
            ?? throw new InvalidOperationException($"{typeof(T).Name} is council-owned but has no LocalAuthorityId.");
        foreach (var row in rows)
        {
            if (property.GetValue(row) is int owner && owner == council) continue;
            throw new InvalidOperationException(
                $"{typeof(T).Name}: {db.Actor.Name} acts for council {council} and cannot write another council's rows (nothing was written).");
        }
    }

    // Synchronous writes: they only fill Npgsql's buffer (flushed when full); an await per value costs more than the
    // copy itself.
    private static void Write(NpgsqlBinaryImporter importer, object? value, string dataTypeName)
    {
        switch (value)
        {
            case null: importer.WriteNull(); break;
            case string s: importer.Write(s, dataTypeName); break;
            case int i: importer.Write(i, dataTypeName); break;
            case long l: importer.Write(l, dataTypeName); break;
            case short h: importer.Write(h, dataTypeName); break;
            case bool b: importer.Write(b, dataTypeName); break;
            case double d: importer.Write(d, dataTypeName); break;
            case float f: importer.Write(f, dataTypeName); break;
            case decimal m: importer.Write(m, dataTypeName); break;
            case DateTime t: importer.Write(t, dataTypeName); break;
            case DateOnly d: importer.Write(d, dataTypeName); break;
            case TimeOnly t: importer.Write(t, dataTypeName); break;
            case DateTimeOffset t: importer.Write(t, dataTypeName); break;
            case Guid g: importer.Write(g, dataTypeName); break;
            case byte[] a: importer.Write(a, dataTypeName); break;
            default: importer.Write(value, dataTypeName); break;
        }
    }

    private static DbConnection Connection(CareMarketDb db, out DbTransaction transaction)
    {
        transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the caller's transaction; none is open on this context.");
        return db.Database.GetDbConnection();
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record Column(string Name, IProperty Property, RelationalTypeMapping Mapping, bool Nullable, string DataTypeName)
    {
        private readonly Func<object, object?> get = Getter(Property);

        public object? ProviderValue(object entity)
        {
            var value = get(entity);
            if (value is null) return null;
            if (Mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
            // An enum without a configured conversion is stored as its number, as EF stores it.
            if (value is Enum e) value = Convert.ChangeType(e, Enum.GetUnderlyingType(e.GetType()), CultureInfo.InvariantCulture);
            return value;
        }

        private static Func<object, object?> Getter(IProperty property)
        {
            var info = property.PropertyInfo
                ?? throw new NotSupportedException($"{property.DeclaringType.DisplayName()}.{property.Name} is not a CLR property; bulk insert cannot read it.");
            var entity = System.Linq.Expressions.Expression.Parameter(typeof(object), "entity");
            var body = System.Linq.Expressions.Expression.Convert(
                System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Convert(entity, info.DeclaringType!), info),
                typeof(object));
            return System.Linq.Expressions.Expression.Lambda<Func<object, object?>>(body, entity).Compile();
        }
    }

    private sealed record TableInfo(string Name, string QuotedName, string KeyColumn, IReadOnlyList<Column> Columns);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(IModel, Type), TableInfo> Tables = new();

    private static TableInfo Table<T>(CareMarketDb db) => Tables.GetOrAdd((db.Model, typeof(T)), static k =>
    {
        var (model, type) = k;
        var entity = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        var name = entity.GetTableName() ?? throw new NotSupportedException($"{type.Name} is not mapped to a table.");
        var store = StoreObjectIdentifier.Table(name, entity.GetSchema());
        if (entity.GetComplexProperties().Any() || entity.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
            || entity.BaseType is not null || entity.GetDirectlyDerivedTypes().Any())
        {
            throw new NotSupportedException($"{type.Name} has owned, complex or inherited parts; bulk insert writes plain tables only.");
        }
        var columns = new List<Column>();
        foreach (var p in entity.GetProperties())
        {
            var column = p.GetColumnName(store)
                ?? throw new NotSupportedException($"{type.Name}.{p.Name} has no column in {name}.");
            if (p.IsShadowProperty()) throw new NotSupportedException($"{type.Name}.{p.Name} is a shadow property; bulk insert cannot read it.");
            var mapping = p.GetRelationalTypeMapping();
            columns.Add(new Column(column, p, mapping, p.IsColumnNullable(store), mapping.StoreTypeNameBase));
        }
        var key = entity.FindPrimaryKey() is { Properties: [var k1] } && k1.ClrType == typeof(int)
            ? k1.GetColumnName(store)!
            : throw new NotSupportedException($"{type.Name} has no single integer key.");
        var quoted = (entity.GetSchema() is { } schema ? Quote(schema) + "." : "") + Quote(name);
        return new TableInfo(name, quoted, key, columns);
    });
}
