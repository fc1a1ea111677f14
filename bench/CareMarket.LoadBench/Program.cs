using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CareMarket.Capacity;
using CareMarket.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CareMarket.LoadBench;

public static partial class Bench
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length > 0 && args[0] == "serve-bare") return await BareKestrel.RunAsync(int.Parse(args[1]));

        var o = Options.Parse(args);
        var repo = RepoRoot();
        string? pgDir = null;
        var cs = o.Postgres;
        if (cs is null)
        {
            pgDir = Path.Combine(Path.GetTempPath(), $"caremarket-loadbench-pg-{Environment.ProcessId}");
            cs = Shell(Path.Combine(repo, "scripts", "pg"), $"start {pgDir}").Trim().Split('\n')[^1];
        }
        var children = new List<Process>();
        try
        {
            // A database of its own on the server, made fresh each time.
            var dbName = "caremarket_loadbench";
            await using (var admin = new NpgsqlConnection(cs))
            {
                await admin.OpenAsync();
                await new NpgsqlCommand($"DROP DATABASE IF EXISTS {dbName} WITH (FORCE)", admin).ExecuteNonQueryAsync();
                await new NpgsqlCommand($"CREATE DATABASE {dbName}", admin).ExecuteNonQueryAsync();
            }
            cs = new NpgsqlConnectionStringBuilder(cs) { Database = dbName }.ConnectionString;
            var targets = await County.BuildAsync(cs, o.Services, o.Providers, o.Weeks);
            if (o.Phases.Contains("micro"))
            {
                await Micro.RunAsync(cs, targets, int.TryParse(Environment.GetEnvironmentVariable("MICRO_CALLS"), out var n) ? n : 1000);
                return 0;
            }

            var appDll = o.App ?? Path.Combine(repo, "src", "CareMarket.Web", "bin", "Release", "net10.0", "CareMarket.Web.dll");
            var (appPort, barePort) = (FreePort(), FreePort());
            var logDir = Directory.CreateTempSubdirectory("caremarket-loadbench-").FullName;
            var app = Start("dotnet", [appDll, "--urls", $"http://127.0.0.1:{appPort}"], Path.Combine(repo, "src", "CareMarket.Web"),
                new()
                {
                    // --app-pool: the app's connection pool size (Npgsql's default is 100; 2 cores run few backends well).
                    ["ConnectionStrings__CareMarket"] = o.AppPool is { } pool ? new NpgsqlConnectionStringBuilder(cs) { MaxPoolSize = pool }.ConnectionString : cs,
                    ["Demo__Seed"] = "false", ["ASPNETCORE_ENVIRONMENT"] = "Production",
                },
                Path.Combine(logDir, "app.log"));
            children.Add(app);
            var self = typeof(Bench).Assembly.Location;
            var bare = Start("dotnet", [self, "serve-bare", barePort.ToString()], repo, new(), Path.Combine(logDir, "bare.log"));
            children.Add(bare);
            var appBase = new Uri($"http://127.0.0.1:{appPort}");
            var bareBase = new Uri($"http://127.0.0.1:{barePort}");
            await WaitReadyAsync(new Uri(appBase, "/account/sign-in"), app);
            await WaitReadyAsync(new Uri(bareBase, "/ready"), bare);
            Console.WriteLine($"App pid {app.Id} on {appBase}, bare Kestrel pid {bare.Id} on {bareBase}; logs in {logDir}");

            using var putClient = Load.Client(o.Workers);
            using var bgClient = Load.Client(o.BackgroundWorkers);
            var cookies = new CookieContainer();
            using var pageClient = Load.Client(o.PageWorkers, cookies);
            await SignInAsync(pageClient, appBase);

            Func<Random, HttpRequestMessage> Put(Uri baseUri) => rng =>
            {
                var t = targets[rng.Next(targets.Count)];
                var request = new HttpRequestMessage(HttpMethod.Put, new Uri(baseUri, $"/api/v1/capacity/services/{t.ServiceId}"))
                {
                    Content = new ByteArrayContent(t.Bodies[rng.Next(t.Bodies.Length)]) { Headers = { { "Content-Type", "application/json" } } },
                };
                request.Headers.Add("X-Api-Key", t.ApiKey);
                return request;
            };
            var pageUri = new Uri(appBase, "/capacity");
            HttpRequestMessage Page(Random _) => new(HttpMethod.Get, pageUri);

            // Check once that every path answers as it should before measuring.
            using (var check = await putClient.SendAsync(Put(appBase)(new Random(1)))) Expect(check, HttpStatusCode.Created, "app PUT");
            using (var check = await putClient.SendAsync(Put(bareBase)(new Random(1)))) Expect(check, HttpStatusCode.NoContent, "bare PUT");
            using (var check = await pageClient.SendAsync(Page(new Random(1))))
            {
                Expect(check, HttpStatusCode.OK, "capacity page");
                var html = await check.Content.ReadAsStringAsync();
                Console.WriteLine($"/capacity: {html.Length:N0} characters of HTML");
            }

            var (warm, dur) = (TimeSpan.FromSeconds(o.Warmup), TimeSpan.FromSeconds(o.Duration));
            var results = new List<List<LoadResult>>();
            for (var run = 1; run <= o.Runs; run++)
            {
                await ResetAsync(cs);
                var r = new List<LoadResult>();
                if (o.Phases.Contains("bare"))
                    r.Add(Report(run, await Load.RunAsync("Bare Kestrel PUT (204 after reading the JSON)", putClient, Put(bareBase), o.Workers, warm, dur, bare.Id)));
                if (o.Phases.Contains("page"))
                {
                    using var cts = new CancellationTokenSource();
                    var background = Load.RunAsync($"CareMarket PUT, background at {o.BackgroundRate}/s", bgClient, Put(appBase), o.BackgroundWorkers,
                        warm, dur + TimeSpan.FromSeconds(2), app.Id, o.BackgroundRate, cts.Token);
                    r.Add(Report(run, await Load.RunAsync("/capacity page (signed-in broker) under PUT load", pageClient, Page, o.PageWorkers, warm, dur, app.Id)));
                    r.Add(Report(run, await background));
                }
                if (o.Phases.Contains("rate"))
                    r.Add(Report(run, await Load.RunAsync($"CareMarket PUT paced at {o.Rate:N0}/s ({o.Workers} workers)", putClient, Put(appBase), o.Workers, warm, dur, app.Id, o.Rate)));
                if (o.Phases.Contains("app"))
                    r.Add(Report(run, await Load.RunAsync("CareMarket PUT /api/v1/capacity/services/{id}", putClient, Put(appBase), o.Workers, warm, dur, app.Id)));
                results.Add(r);
            }

            var md = Markdown(o, results);
            Console.WriteLine();
            Console.WriteLine(md);
            if (o.Out is { } path) await File.WriteAllTextAsync(path, md);
            return 0;
        }
        finally
        {
            foreach (var p in children)
            {
                if (!p.HasExited) { p.Kill(entireProcessTree: true); await p.WaitForExitAsync(); }
            }
            if (pgDir is not null) Shell(Path.Combine(repo, "scripts", "pg"), $"stop {pgDir}");
        }
    }

    private static LoadResult Report(int run, LoadResult r)
    {
        Console.WriteLine($"run {run}: {r.Name,-55} {r.Rps,8:N0}/s p50 {r.P50,7:0.00} p95 {r.P95,7:0.00} p99 {r.P99,7:0.00} max {r.Max,7:0.0} ms  errors {r.Errors}  [{r.Statuses}]  CPU app {r.CpuApp:0.00} bench {r.CpuBench:0.00} machine {r.CpuMachine:0.00}");
        return r;
    }

    private static string Markdown(Options o, List<List<LoadResult>> runs)
    {
        var sb = new StringBuilder();
        var medians = Enumerable.Range(0, runs[0].Count).Select(i => LoadResult.Median(runs.Select(r => r[i]).ToList())).ToList();
        var bare = medians.FirstOrDefault(m => m.Name.StartsWith("Bare"));
        sb.AppendLine($"Median of {runs.Count} run(s); {o.Warmup} s warm-up then {o.Duration} s measured per figure; {o.Workers} concurrent PUT workers; " +
                      $"{o.PageWorkers} page workers with background PUTs at {o.BackgroundRate}/s ({o.BackgroundWorkers} workers); {o.Services} services, {o.Providers} providers, {o.Weeks} weeks of returns.");
        sb.AppendLine();
        sb.AppendLine("| Figure | Requests/s | ÷ bare | p50 ms | p95 ms | p99 ms | max ms | errors | CPU app | CPU machine |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in medians)
        {
            var ratio = bare is not null && m.Name.Contains("PUT /api") ? (m.Rps / bare.Rps).ToString("0.00") : "";
            sb.AppendLine($"| {m.Name} | {m.Rps:N0} | {ratio} | {m.P50:0.0} | {m.P95:0.0} | {m.P99:0.0} | {m.Max:0} | {m.Errors} | {m.CpuApp:0.00} | {m.CpuMachine:0.00} |");
        }
        sb.AppendLine();
        sb.AppendLine("Each run:");
        sb.AppendLine();
        for (var i = 0; i < runs.Count; i++)
            foreach (var r in runs[i])
                sb.AppendLine($"- run {i + 1}, {r.Name}: {r.Rps:N0}/s, p50 {r.P50:0.0}, p95 {r.P95:0.0}, p99 {r.P99:0.0} ms; {r.Statuses}");
        return sb.ToString();
    }

    /// <summary>Each run starts from the county as built: API returns from the previous run are removed.</summary>
    private static async Task ResetAsync(string cs)
    {
        await using var db = new CareMarketDb(Database.Options(cs)) { Actor = Actor.System };
        var removed = await db.CapacityReturns.Where(r => r.Source == CapacitySource.Api).ExecuteDeleteAsync();
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await new NpgsqlCommand("VACUUM ANALYZE", conn) { CommandTimeout = 600 }.ExecuteNonQueryAsync();
        if (removed > 0) Console.WriteLine($"Reset: removed {removed:N0} API returns, vacuumed");
    }

    private static async Task SignInAsync(HttpClient client, Uri appBase)
    {
        var form = await client.GetStringAsync(new Uri(appBase, "/account/sign-in"));
        var token = TokenRegex().Match(form).Groups[1].Value;
        using var post = await client.PostAsync(new Uri(appBase, "/account/sign-in"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = County.UserEmail, ["Input.Password"] = County.Password, ["__RequestVerificationToken"] = token,
        }));
        if (post.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in answered {(int)post.StatusCode}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();

    private static void Expect(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        if (response.StatusCode != status)
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().Result}");
    }

    private static async Task WaitReadyAsync(Uri uri, Process p)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 600; i++)
        {
            if (p.HasExited) throw new InvalidOperationException($"{uri} process exited with {p.ExitCode}");
            try
            {
                using var r = await client.GetAsync(uri);
                if (r.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{uri} did not answer");
    }

    private static Process Start(string file, string[] args, string cwd, Dictionary<string, string> env, string log)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        var p = Process.Start(psi)!;
        var writer = new StreamWriter(log) { AutoFlush = true };
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static string Shell(string file, string args)
    {
        var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true })!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {args} failed with {p.ExitCode}");
        return output;
    }

    private static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CareMarket.slnx"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}

public sealed record Options(string? Postgres, string? App, int Runs, int Duration, int Warmup, int Workers, int PageWorkers,
    int BackgroundWorkers, int BackgroundRate, int Services, int Providers, int Weeks, string? Out, string[] Phases, int? AppPool, int Rate)
{
    public static Options Parse(string[] args)
    {
        string? Get(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        int Int(string name, int d) => Get(name) is { } v ? int.Parse(v) : d;
        return new Options(Get("--postgres"), Get("--app"), Int("--runs", 3), Int("--duration", 20), Int("--warmup", 5),
            Int("--workers", 32), Int("--page-workers", 4), Int("--background-workers", 8), Int("--background-rate", 200),
            Int("--services", 900), Int("--providers", 150), Int("--weeks", 12), Get("--out"),
            (Get("--phases") ?? "bare,page,rate,app").Split(','), Get("--app-pool") is { } pool ? int.Parse(pool) : null,
            Int("--rate", 2000));
    }
}
