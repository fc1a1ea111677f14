using System.Diagnostics;
using System.Text.Json;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Web.Pages.Capacity;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.LoadBench;

/// <summary>
/// In-process, one at a time: the API key lookup and CapacityReports.ReportAsync as the endpoint runs them, to see
/// the cost per call without HTTP, and whether each call still JIT-compiles new code (a query cache miss would).
/// </summary>
public static class Micro
{
    public static async Task RunAsync(string cs, List<Target> targets, int calls)
    {
        var compiles = 0;
        var options = new DbContextOptionsBuilder<CareMarketDb>(Database.Options(cs))
            .LogTo(_ => Interlocked.Increment(ref compiles), [Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.QueryCompilationStarting]).Options;
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
        var rng = new Random(5);
        var provider = new Dictionary<int, int>();
        await using (var db = new CareMarketDb(options) { Actor = Actor.System })
            foreach (var s in await db.Services.Select(s => new { s.Id, s.ProviderId }).ToListAsync()) provider[s.Id] = s.ProviderId;
        int council;
        await using (var db = new CareMarketDb(options) { Actor = Actor.System }) council = await db.LocalAuthorities.Where(l => l.OnsCode == County.OnsCode).Select(l => l.Id).SingleAsync();
        for (var round = 0; round < (int.TryParse(Environment.GetEnvironmentVariable("MICRO_OVERVIEWS"), out var o) ? o : 4); round++)
        {
            var a = Stopwatch.GetTimestamp();
            var logged = Environment.GetEnvironmentVariable("MICRO_SQL") == "1" && round == 3
                ? new DbContextOptionsBuilder<CareMarketDb>(options).LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]).Options
                : options;
            await using var db = new CareMarketDb(logged) { Actor = new Actor(County.UserEmail, council) };
            var picture = await new CapacityOverview(db).ForCouncilAsync();
            Console.WriteLine($"overview round {round}: ForCouncilAsync {Stopwatch.GetElapsedTime(a).TotalMilliseconds:0.0} ms, {picture.Services.Count} services");
        }
        for (var round = 0; round < 3; round++)
        {
            var (keyTicks, reportTicks) = (0L, 0L);
            var jit0 = System.Runtime.JitInfo.GetCompiledMethodCount();
            var gc0 = GC.CollectionCount(0);
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var bytes0 = GC.GetTotalAllocatedBytes();
            long reportCpuTicks = 0, lookupBytes = 0, keyBytes = 0, reportBytes = 0, ctxBytes = 0;
            for (var i = 0; i < calls; i++)
            {
                var t = targets[rng.Next(targets.Count)];
                var body = JsonSerializer.Deserialize<CapacityApi.ReportRequest>(t.Bodies[0], json)!;
                var a = Stopwatch.GetTimestamp();
                var ab = GC.GetTotalAllocatedBytes(true);
                var hash = Web.Security.ApiKeys.Hash(t.ApiKey);
                await using (var kdb = new CareMarketDb(options) { Actor = Actor.System })
                    _ = await kdb.ApiKeys.IgnoreQueryFilters([Tenancy.Filter]).AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null);
                var b = Stopwatch.GetTimestamp();
                var cpuB = Process.GetCurrentProcess().TotalProcessorTime;
                var bb = GC.GetTotalAllocatedBytes(true);
                keyBytes += bb - ab;
                await using var db = new CareMarketDb(options) { Actor = new Actor("api-key:bench", null, provider[t.ServiceId]) };
                _ = db.Model;
                ctxBytes += GC.GetTotalAllocatedBytes(true) - bb;
                if (Environment.GetEnvironmentVariable("MICRO_LOOKUP") == "1")
                {
                    var l0 = GC.GetTotalAllocatedBytes(true);
                    var areaIds = (body.Hours ?? []).Select(h => h.AreaId).Distinct().ToList();
                    var serviceId = t.ServiceId;
                    _ = await new CapacityReports(db).Visible().AsNoTracking()
                        .Where(s => s.Id == serviceId && s.Status == CareMarket.Register.ServiceStatus.Active)
                        .Select(s => new { s.Id, s.IsCareHome, s.ServiceType, Patches = areaIds.Count == 0 ? 0 : db.Areas.Count(a => areaIds.Contains(a.Id) && a.Kind == CareMarket.Register.AreaKind.HomecarePatch) })
                        .FirstOrDefaultAsync();
                    lookupBytes += GC.GetTotalAllocatedBytes(true) - l0;
                    bb = GC.GetTotalAllocatedBytes(true);
                }
                var decision = await new CapacityReports(db).ReportAsync(new CapacityReport
                {
                    ServiceId = t.ServiceId, AcceptingAdmissions = body.AcceptingAdmissions, Beds = body.Beds ?? [], Hours = body.Hours ?? [],
                    PeopleSupported = body.PeopleSupported, HoursDeliveredPerWeek = body.HoursDeliveredPerWeek, CareStaff = body.CareStaff,
                }, CapacitySource.Api);
                if (decision != Decision.Ok) throw new InvalidOperationException(decision.ToString());
                var c = Stopwatch.GetTimestamp();
                reportBytes += GC.GetTotalAllocatedBytes(true) - bb;
                reportCpuTicks += (Process.GetCurrentProcess().TotalProcessorTime - cpuB).Ticks;
                keyTicks += b - a;
                reportTicks += c - b;
            }
            double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency / calls;
            Console.WriteLine($"micro round {round}: key lookup {Ms(keyTicks):0.000} ms, ReportAsync {Ms(reportTicks):0.000} ms per call; " +
                              $"{System.Runtime.JitInfo.GetCompiledMethodCount() - jit0} methods JIT-compiled, {compiles} EF query compilations so far, {GC.CollectionCount(0) - gc0} gen0 GCs in {calls} calls; " +
                              $"CPU of this process {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / calls:0.000} ms per call " +
                              $"(ReportAsync {TimeSpan.FromTicks(reportCpuTicks).TotalMilliseconds / calls:0.000} ms), {(GC.GetTotalAllocatedBytes() - bytes0) / calls / 1024.0:0.0} KB allocated per call (key lookup {keyBytes / calls / 1024.0:0.0} KB, context {ctxBytes / calls / 1024.0:0.0} KB, ReportAsync {reportBytes / calls / 1024.0:0.0} KB, lookup alone {lookupBytes / calls / 1024.0:0.0} KB)");
        }
    }
}
