using System.Diagnostics;
using CareMarket.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CareMarket.Testing;

/// <summary>
/// A fresh, migrated database for one test: a SQLite file, or a PostgreSQL database cloned from a migrated
/// template on the throwaway server scripts/test starts (CAREMARKET_TEST_POSTGRES). Run alone, without
/// scripts/test, the first PostgreSQL test starts a server itself with scripts/pg. Each database has its own fake
/// <see cref="Clock"/> at <see cref="TestClock.Start"/>: the contexts it makes (and the web app on it) read that time.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static bool templateReady;
    private static string? serverConnection;
    private readonly string? sqliteFile;
    private readonly string? postgresName;

    public Engine Engine { get; }
    public string ConnectionString { get; }

    /// <summary>This database's time: every context it makes reads it, unless given another clock. Advance it to let time pass.</summary>
    public FakeTimeProvider Clock { get; } = TestClock.New();

    private TestDatabase(Engine engine, string connectionString, string? sqliteFile, string? postgresName)
    {
        Engine = engine;
        ConnectionString = connectionString;
        this.sqliteFile = sqliteFile;
        this.postgresName = postgresName;
    }

    /// <param name="migrated">False for an empty database, to migrate step by step (a test of a migration on old rows).</param>
    public static async Task<TestDatabase> CreateAsync(Engine engine, bool migrated = true)
    {
        if (engine == Engine.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"caremarket-test-{Guid.NewGuid():N}.db");
            var cs = $"Data Source={file};Pooling=False";
            await using var db = new CareMarketDb(Database.Options(cs));
            if (migrated) await db.Database.MigrateAsync();
            return new TestDatabase(engine, cs, file, null);
        }

        var server = ServerConnection();
        if (!migrated)
        {
            var empty = $"t_{Guid.NewGuid():N}";
            await ExecAsync(server, $"CREATE DATABASE {empty}");
            return new TestDatabase(engine, WithDatabase(server, empty), null, empty);
        }
        await TemplateLock.WaitAsync();
        try
        {
            if (!templateReady)
            {
                await ExecAsync(server, "DROP DATABASE IF EXISTS caremarket_template WITH (FORCE)");
                await ExecAsync(server, "CREATE DATABASE caremarket_template");
                await using (var db = new CareMarketDb(Database.Options(WithDatabase(server, "caremarket_template"))))
                {
                    await db.Database.MigrateAsync();
                }
                NpgsqlConnection.ClearAllPools();
                templateReady = true;
            }
            var name = $"t_{Guid.NewGuid():N}";
            await ExecAsync(server, $"CREATE DATABASE {name} TEMPLATE caremarket_template");
            return new TestDatabase(engine, WithDatabase(server, name), null, name);
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    /// <summary>
    /// A fresh database holding a copy of <paramref name="template"/>'s rows (SQLite: <c>VACUUM INTO</c>; PostgreSQL:
    /// <c>CREATE DATABASE … TEMPLATE</c>), so that many tests can start from one expensive database built once.
    /// Nobody may be connected to a PostgreSQL template: the caller clears the pools after filling it.
    /// </summary>
    public static async Task<TestDatabase> CopyOfAsync(TestDatabase template)
    {
        if (template.Engine == Engine.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"caremarket-test-{Guid.NewGuid():N}.db");
            await using (var conn = new Microsoft.Data.Sqlite.SqliteConnection(template.ConnectionString))
            {
                await conn.OpenAsync();
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = "VACUUM INTO $file";
                cmd.Parameters.AddWithValue("$file", file);
                await cmd.ExecuteNonQueryAsync();
            }
            return new TestDatabase(Engine.Sqlite, $"Data Source={file};Pooling=False", file, null);
        }
        var name = $"t_{Guid.NewGuid():N}";
        // CREATE DATABASE copies a template only while nobody else is connected to it, so copies are made one at a time.
        await TemplateLock.WaitAsync();
        try
        {
            await ExecAsync(ServerConnection(), $"CREATE DATABASE {name} TEMPLATE {template.postgresName}");
        }
        finally
        {
            TemplateLock.Release();
        }
        return new TestDatabase(Engine.Postgres, WithDatabase(ServerConnection(), name), null, name);
    }

    /// <summary>A context acting for <paramref name="actor"/> (default: the system, which sees every council), on this database's clock unless given another.</summary>
    public CareMarketDb NewContext(Actor? actor = null, TimeProvider? clock = null) =>
        new(Database.Options(ConnectionString)) { Actor = actor ?? Actor.System, Clock = clock ?? Clock };

    /// <summary>Test data for this database: a builder on a new context as the system (dispose it when done).</summary>
    public TestData Data() => new(NewContext(), ownsContext: true);

    public async ValueTask DisposeAsync()
    {
        if (sqliteFile is not null)
        {
            foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            {
                try { File.Delete(f); } catch (IOException) { }
            }
        }
        if (postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecAsync(ServerConnection(), $"DROP DATABASE IF EXISTS {postgresName} WITH (FORCE)");
        }
    }

    private static string WithDatabase(string server, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

    private static async Task ExecAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static readonly Lock StartLock = new();

    /// <summary>The PostgreSQL server: the one scripts/test started, else one started here for this test run.</summary>
    public static string ServerConnection()
    {
        lock (StartLock)
        {
            if (serverConnection is not null) return serverConnection;
            var configured = Environment.GetEnvironmentVariable("CAREMARKET_TEST_POSTGRES");
            if (!string.IsNullOrWhiteSpace(configured)) return serverConnection = configured;

            var root = RepoRoot();
            var folder = Path.Combine(Path.GetTempPath(), $"caremarket-pg-{Environment.ProcessId}");
            var start = Process.Start(new ProcessStartInfo(Path.Combine(root, "scripts", "pg"), ["start", folder])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            var output = start.StandardOutput.ReadToEnd().Trim();
            var errors = start.StandardError.ReadToEnd();
            start.WaitForExit();
            if (start.ExitCode != 0) throw new InvalidOperationException($"scripts/pg start failed: {errors}");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                Process.Start(Path.Combine(root, "scripts", "pg"), ["stop", folder])?.WaitForExit();
            return serverConnection = output;
        }
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CareMarket.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (CareMarket.slnx).");
    }
}
