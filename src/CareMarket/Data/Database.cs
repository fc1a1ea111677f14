using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CareMarket.Data;

public enum Engine { Sqlite, Postgres }

/// <summary>Chooses the engine from the connection string and configures EF Core for it.</summary>
public static class Database
{
    /// <summary>
    /// The configured connection string, or a SQLite file in the data folder: CAREMARKET_DATA, else a data/ folder
    /// beside the app. Run from a source checkout, "the app" is the checkout, so the web app and the command line
    /// share one database (repo/data) instead of one each in their bin folders.
    /// </summary>
    public static string ConnectionString(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var folder = DataFolder();
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "caremarket.db")}";
    }

    public static string DataFolder()
    {
        var configured = Environment.GetEnvironmentVariable("CAREMARKET_DATA");
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CareMarket.slnx"))) return Path.Combine(dir.FullName, "data");
        }
        return Path.Combine(AppContext.BaseDirectory, "data");
    }

    /// <summary>A SQLite connection string names a file ("Data Source=FILE"); anything else is PostgreSQL.</summary>
    public static Engine EngineOf(string connectionString) =>
        connectionString.TrimStart().StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
        || connectionString.TrimStart().StartsWith("Filename=", StringComparison.OrdinalIgnoreCase)
            ? Engine.Sqlite
            : Engine.Postgres;

    public static DbContextOptionsBuilder UseCareMarket(this DbContextOptionsBuilder options, string connectionString)
    {
        if (EngineOf(connectionString) == Engine.Sqlite)
        {
            options.UseSqlite(connectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
        }
        else
        {
            // Statements the app runs again and again (a capacity return, the register page) are prepared once per
            // connection, unless the connection string says otherwise.
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 50;
            // A connection for every request in flight (Npgsql allows 100) is more PostgreSQL backends than a small
            // server runs well: 32 providers' systems at once on 2 cores queued in the scheduler, not in the pool.
            // Unless the connection string says otherwise, 4 a core and at least 8 (bench/README.md, --app-pool).
            if (!System.Text.RegularExpressions.Regex.IsMatch(connectionString, @"Max(imum)?\s*Pool\s*Size", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
                builder.MaxPoolSize = Math.Max(8, 4 * Environment.ProcessorCount);
            options.UseNpgsql(builder.ConnectionString);
        }
        // Migrations are hand-written (EF's design package is not available here), so there is no model snapshot
        // to compare with; a test migrates both engines from empty and queries every table instead.
        return options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    public static DbContextOptions<CareMarketDb> Options(string connectionString) =>
        ((DbContextOptionsBuilder<CareMarketDb>)new DbContextOptionsBuilder<CareMarketDb>().UseCareMarket(connectionString)).Options;

    public static bool IsPostgres(this CareMarketDb db) => db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";
}
