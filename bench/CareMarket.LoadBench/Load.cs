using System.Diagnostics;
using System.Net;

namespace CareMarket.LoadBench;

public sealed record LoadResult(string Name, int Workers, double Seconds, long Requests, long Errors, double Rps,
    double P50, double P95, double P99, double Max, string Statuses, double CpuApp, double CpuBench, double CpuMachine)
{
    public static LoadResult Median(IReadOnlyList<LoadResult> runs)
    {
        double M(Func<LoadResult, double> f) { var v = runs.Select(f).Order().ToList(); return v[v.Count / 2]; }
        var first = runs[0];
        return new LoadResult(first.Name, first.Workers, M(r => r.Seconds), (long)M(r => r.Requests), (long)M(r => r.Errors), M(r => r.Rps),
            M(r => r.P50), M(r => r.P95), M(r => r.P99), M(r => r.Max), string.Join(" / ", runs.Select(r => r.Statuses)),
            M(r => r.CpuApp), M(r => r.CpuBench), M(r => r.CpuMachine));
    }
}

/// <summary>
/// A closed-loop load generator: N workers, each sending one request, reading the whole answer, then the next.
/// Only requests that start and end inside the measured window count; the warm-up before it is not measured.
/// With a rate, each worker paces itself to rate/N requests a second (used for background load).
/// </summary>
public static class Load
{
    public static HttpClient Client(int connections, CookieContainer? cookies = null) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        AllowAutoRedirect = false, UseCookies = cookies is not null, CookieContainer = cookies ?? new CookieContainer(),
        AutomaticDecompression = DecompressionMethods.None,
    }) { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<LoadResult> RunAsync(string name, HttpClient client, Func<Random, HttpRequestMessage> make,
        int workers, TimeSpan warmup, TimeSpan duration, int? appPid, double? rate = null, CancellationToken stop = default)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var samples = new List<double>[workers];
        var errors = new long[workers];
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, long>();
        Cpu? cpuFrom = null;
        var cpuTask = Task.Run(async () =>
        {
            await Task.Delay(warmup, stop);
            cpuFrom = Cpu.Read(appPid);
        }, stop);
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var rng = new Random(w * 7919 + 17);
            var mine = samples[w] = new List<double>(100_000);
            var interval = rate is { } r ? Stopwatch.Frequency * workers / r : 0;
            var next = (double)Stopwatch.GetTimestamp() + rng.NextDouble() * interval;
            while (Stopwatch.GetTimestamp() < measureTo && !stop.IsCancellationRequested)
            {
                // Paced: a request is timed from when it was due, not when it went, so a server that falls behind is
                // charged for the wait it caused (no coordinated omission).
                var due = long.MaxValue;
                if (interval > 0)
                {
                    var wait = (next - Stopwatch.GetTimestamp()) / Stopwatch.Frequency;
                    if (wait > 0) await Task.Delay(TimeSpan.FromSeconds(wait));
                    due = (long)next;
                    next = Math.Max(next + interval, Stopwatch.GetTimestamp() - interval);
                }
                using var request = make(rng);
                var t0 = Math.Min(Stopwatch.GetTimestamp(), due);
                int status;
                try
                {
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    status = (int)response.StatusCode;
                }
                catch (Exception) when (!stop.IsCancellationRequested)
                {
                    status = 0;
                }
                var t1 = Stopwatch.GetTimestamp();
                if (t0 < measureFrom || t1 > measureTo) continue;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status is < 200 or >= 300) errors[w]++;
                else mine.Add((t1 - t0) * 1000.0 / Stopwatch.Frequency);
            }
        })).ToList();
        await Task.WhenAll(tasks);
        var cpuTo = Cpu.Read(appPid);
        await cpuTask;
        var all = samples.SelectMany(s => s).ToArray();
        Array.Sort(all);
        double P(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        var seconds = duration.TotalSeconds;
        var (cpuApp, cpuBench, cpuMachine) = cpuFrom is { } f ? cpuTo.Since(f) : (0, 0, 0);
        return new LoadResult(name, workers, seconds, all.Length, errors.Sum(), all.Length / seconds, P(0.50), P(0.95), P(0.99),
            all.Length == 0 ? double.NaN : all[^1],
            string.Join(" ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")), cpuApp, cpuBench, cpuMachine);
    }
}

/// <summary>CPU used, from /proc: the app process, this process, and the whole machine (busy jiffies).</summary>
public sealed record Cpu(long At, double App, double Bench, double MachineBusy)
{
    public static Cpu Read(int? appPid)
    {
        double app = 0;
        if (appPid is { } pid)
        {
            try { app = Process.GetProcessById(pid).TotalProcessorTime.TotalSeconds; } catch (ArgumentException) { }
        }
        double busy = 0;
        if (File.Exists("/proc/stat"))
        {
            var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(double.Parse).ToArray();
            busy = (f.Sum() - f[3] - f[4]) / 100.0; // minus idle and iowait; USER_HZ = 100
        }
        return new Cpu(Stopwatch.GetTimestamp(), app, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, busy);
    }

    /// <summary>Cores used on average since an earlier reading: app, bench, whole machine.</summary>
    public (double, double, double) Since(Cpu from)
    {
        var seconds = (double)(At - from.At) / Stopwatch.Frequency;
        return ((App - from.App) / seconds, (Bench - from.Bench) / seconds, (MachineBusy - from.MachineBusy) / seconds);
    }
}
