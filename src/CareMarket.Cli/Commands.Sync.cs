using System.CommandLine;
using CareMarket.Register;
using CareMarket.Register.CqcApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CareMarket.Cli;

public static partial class Commands
{
    public static Command Sync()
    {
        var localAuthority = new Option<string?>("--local-authority")
        {
            Description = "Full sync of one council's adult social care locations (CQC's spelling, e.g. \"Derby\"; a name CQC does not use is refused with the closest ones). Without it: changes since the last sync.",
        };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Change sync from this time (UTC) instead of the end of the last sync." };
        var cqc = new Command("cqc", "Keep the register current from the CQC public API. Needs Cqc__ApiKey and Cqc__PartnerCode (environment).")
        {
            localAuthority, since,
        };
        cqc.SetAction((parse, ct) => RunAsync(parse, async sp =>
        {
            var options = CqcApiOptions.FromConfiguration(sp.GetRequiredService<IConfiguration>())
                ?? throw new InvalidOperationException("Set Cqc__ApiKey and Cqc__PartnerCode to use the CQC API.");
            using var http = new HttpClient();
            var sync = new CqcSync(sp.GetRequiredService<CareMarket.Data.CareMarketDb>(), new CqcApiClient(http, options));
            ImportRun run = null!;
            await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("CQC API");
                    var progress = new Progress<CqcSyncProgress>(p =>
                    {
                        task.Description = $"{p.Phase} {p.Done}{(p.Total is { } t ? $"/{t}" : "")}";
                        if (p.Total is > 0) { task.MaxValue = p.Total.Value; task.Value = p.Done; }
                    });
                    run = parse.GetValue(localAuthority) is { } la
                        ? await sync.FullSyncAsync(la, progress, ct)
                        : await sync.ChangesSinceAsync(parse.GetValue(since), progress, ct);
                    task.Value = task.MaxValue;
                });
            PrintRun(run);
            foreach (var w in sync.Warnings.Take(20)) AnsiConsole.MarkupLineInterpolated($"[yellow]Warning:[/] {w}");
            return 0;
        }));
        return new Command("sync", "Synchronise with outside systems.") { cqc };
    }

    public static void PrintRun(ImportRun run) =>
        AnsiConsole.MarkupLineInterpolated(
            $"[green]{run.Kind}[/] {run.Source}: {run.Rows} rows read, {run.Added} added, {run.Updated} updated, {run.Unchanged} unchanged ({(run.FinishedAt - run.StartedAt).TotalSeconds:0.0} s).");
}
