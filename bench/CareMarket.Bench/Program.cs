using System.Diagnostics;
using System.Globalization;
using CareMarket.Bench;
using CareMarket.Data;
using CareMarket.Register.CqcFiles;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// Benchmark: importing a national-scale active locations CSV through CqcFileImporter, beside a raw bulk insert of the
// same rows on the same engine. Each measurement runs in a fresh child process on a fresh, migrated database, so its
// peak working set is its own.
//
//   dotnet run -c Release --project bench/CareMarket.Bench -- [--rows 57000] [--runs 3] [--engines sqlite,postgres]
//       [--postgres "Host=…;Username=…;Database=postgres"]
//
// Child (internal): --child MODE ENGINE CSV CONNECTION   MODE = raw | import | reimport

if (args.Length > 0 && args[0] == "--child") return await Child(args[1], args[2], args[3], args[4]);

var options = ParseOptions(args);
var rows = int.Parse(options.GetValueOrDefault("rows", "57000"), CultureInfo.InvariantCulture);
var runs = int.Parse(options.GetValueOrDefault("runs", "3"), CultureInfo.InvariantCulture);
var engines = options.GetValueOrDefault("engines", "sqlite,postgres").Split(',', StringSplitOptions.RemoveEmptyEntries);
var postgres = options.GetValueOrDefault("postgres") ?? Environment.GetEnvironmentVariable("CAREMARKET_BENCH_POSTGRES");

var folder = Path.Combine(Path.GetTempPath(), "caremarket-bench");
Directory.CreateDirectory(folder);
var csv = Path.Combine(folder, $"active-locations-{rows}.csv");
if (!File.Exists(csv))
{
    Console.Error.WriteLine($"Writing {rows:N0} rows to {csv}…");
    Generator.Write(csv, rows);
}
Console.Error.WriteLine($"{csv}: {new FileInfo(csv).Length / 1e6:F1} MB, {Generator.Header.Length} columns");

var results = new List<(string Engine, string Mode, double Seconds, double PeakMb)>();
foreach (var engine in engines)
{
    if (engine == "postgres" && string.IsNullOrWhiteSpace(postgres))
    {
        Console.Error.WriteLine("Skipping PostgreSQL: give --postgres CONNECTION (scripts/pg start DIR prints one).");
        continue;
    }
    for (var run = 1; run <= runs; run++)
    {
        foreach (var mode in new[] { "raw", "import", "reimport" })
        {
            var (seconds, peak) = RunChild(mode, engine, csv, engine == "postgres" ? postgres! : "-");
            Console.Error.WriteLine($"  {engine,-8} {mode,-8} run {run}: {seconds,7:F2} s  {rows / seconds,9:N0} rows/s  peak {peak,5:F0} MB");
            results.Add((engine, mode, seconds, peak));
        }
    }
}

Console.WriteLine();
Console.WriteLine($"{rows:N0} rows, {Generator.Header.Length} columns, {new FileInfo(csv).Length / 1e6:F1} MB; medians of {runs} runs");
Console.WriteLine();
Console.WriteLine("| Engine | Path | Seconds | Rows/s | Import ÷ raw speed | Peak working set |");
Console.WriteLine("|---|---|---:|---:|---:|---:|");
foreach (var engine in results.Select(r => r.Engine).Distinct())
{
    double Median(string mode, Func<(string, string, double Seconds, double PeakMb), double> f)
    {
        var xs = results.Where(r => r.Engine == engine && r.Mode == mode).Select(f).Order().ToList();
        return xs[xs.Count / 2];
    }
    var raw = Median("raw", r => r.Seconds);
    foreach (var mode in new[] { "raw", "import", "reimport" })
    {
        var s = Median(mode, r => r.Seconds);
        var label = mode switch { "raw" => "raw bulk insert", "import" => "CqcFileImporter, empty register", _ => "CqcFileImporter, same file again" };
        Console.WriteLine($"| {engine} | {label} | {s:F2} | {rows / s:N0} | {(mode == "raw" ? "1" : (raw / s).ToString("F2", CultureInfo.InvariantCulture))} | {Median(mode, r => r.PeakMb):F0} MB |");
    }
}
return 0;

static (double Seconds, double PeakMb) RunChild(string mode, string engine, string csv, string connection)
{
    var self = Environment.ProcessPath!;
    var info = new ProcessStartInfo(self) { RedirectStandardOutput = true };
    if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(typeof(Generator).Assembly.Location);
    foreach (var a in new[] { "--child", mode, engine, csv, connection }) info.ArgumentList.Add(a);
    using var child = Process.Start(info)!;
    var output = child.StandardOutput.ReadToEnd();
    child.WaitForExit();
    if (child.ExitCode != 0) throw new InvalidOperationException($"{mode} on {engine} failed: {output}");
    var parts = output.Trim().Split('\n').Last().Split(' ');
    return (double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture));
}

static async Task<int> Child(string mode, string engine, string csv, string server)
{
    string connection;
    string? database = null;
    string? sqliteFile = null;
    if (engine == "postgres")
    {
        database = $"bench_{Guid.NewGuid():N}";
        await Exec(server, $"CREATE DATABASE {database}");
        connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }
    else
    {
        sqliteFile = Path.Combine(Path.GetTempPath(), $"caremarket-bench-{Guid.NewGuid():N}.db");
        connection = $"Data Source={sqliteFile};Pooling=False";
    }
    try
    {
        await using (var db = new CareMarketDb(Database.Options(connection)) { Actor = Actor.System })
        {
            await db.Database.MigrateAsync();
        }
        if (mode == "reimport")
        {
            await using var db = new CareMarketDb(Database.Options(connection)) { Actor = Actor.System };
            await new CqcFileImporter(db).ImportAsync(CqcFileKind.ActiveLocations, csv);
        }
        GC.Collect();
        if (Environment.GetEnvironmentVariable("BENCH_DIAG") is not null)
        {
            Console.Error.WriteLine($"before: heap {GC.GetTotalMemory(false) / 1e6:F0} MB, ws {Environment.WorkingSet / 1e6:F0} MB");
        }
        var clock = Stopwatch.StartNew();
        int rows;
        if (mode == "raw")
        {
            rows = RawInsert.Run(csv, connection, engine == "postgres");
        }
        else
        {
            await using var db = new CareMarketDb(Database.Options(connection)) { Actor = Actor.SystemAs("bench") };
            var diag = Environment.GetEnvironmentVariable("BENCH_DIAG") is not null;
            var progress = new SyncProgress(p =>
            {
                if (diag && p.RowsRead % 5000 == 0) Console.Error.WriteLine(FormattableString.Invariant(
                    $"{p.RowsRead} rows, {p.BytesRead / 1e6:F1}/{p.TotalBytes / 1e6:F1} MB, heap {GC.GetTotalMemory(false) / 1e6:F0} MB, ws {Environment.WorkingSet / 1e6:F0} MB, {clock.Elapsed.TotalSeconds:F1} s"));
            });
            var batch = int.TryParse(Environment.GetEnvironmentVariable("BENCH_BATCH"), out var b) ? b : 1000;
            var run = await new CqcFileImporter(db, new CqcImportOptions { BatchSize = batch }).ImportAsync(CqcFileKind.ActiveLocations, csv, progress);
            rows = run.Rows;
            if (mode == "import" && run.Added != rows) throw new InvalidOperationException($"added {run.Added} of {rows}");
            if (mode == "reimport" && (run.Added, run.Updated) != (0, 0)) throw new InvalidOperationException($"re-import changed {run.Added}+{run.Updated}");
        }
        clock.Stop();
        using var me = Process.GetCurrentProcess();
        me.Refresh();
        Console.WriteLine(FormattableString.Invariant($"RESULT {clock.Elapsed.TotalSeconds:F3} {me.PeakWorkingSet64 / 1048576.0:F1} {rows}"));
        return 0;
    }
    finally
    {
        if (database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await Exec(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
        if (sqliteFile is not null)
        {
            foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" }) File.Delete(f);
        }
    }
}

static async Task Exec(string connection, string sql)
{
    await using var conn = new NpgsqlConnection(connection);
    await conn.OpenAsync();
    await using var cmd = new NpgsqlCommand(sql, conn);
    await cmd.ExecuteNonQueryAsync();
}

static Dictionary<string, string> ParseOptions(string[] args)
{
    var d = new Dictionary<string, string>();
    for (var i = 0; i + 1 < args.Length; i += 2) d[args[i].TrimStart('-')] = args[i + 1];
    return d;
}
