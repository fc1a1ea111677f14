using System.CommandLine;
using CareMarket.Data;
using CareMarket.Files;
using CareMarket.Register;
using CareMarket.Register.CqcFiles;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CareMarket.Cli;

public static partial class Commands
{
    public static Command Import() => new("import", "Import CQC files into the register. A file with a problem is refused whole, naming the row and column.")
    {
        ImportFile("cqc", null, "any CQC file CareMarket reads, its kind told by its header"),
        ImportFile("cqc-locations", CqcFileKind.ActiveLocations, "the monthly active locations file (\"care directory with filters\", .ods or .csv)"),
        ImportFile("cqc-ratings", CqcFileKind.LatestRatings, "the monthly latest ratings file (.ods, sheet Locations, or saved as .csv)"),
        ImportFile("cqc-directory", CqcFileKind.CareDirectory, "the weekly care directory (.csv)"),
        ImportFile("cqc-deactivated", CqcFileKind.DeactivatedLocations, "the monthly deactivated locations file (.ods)"),
        ImportFile("cqc-market", CqcFileKind.MarketExport, "CQC's adult social care market export (.csv, one row per location)"),
    };

    private static Command ImportFile(string name, CqcFileKind? kind, string what)
    {
        var file = new Argument<FileInfo>("FILE") { Description = $"Path to {what}." };
        var allSectors = new Option<bool>("--all-sectors") { Description = "Also import locations outside adult social care (GPs, dentists, hospitals)." };
        var dates = new Option<string?>("--dates")
        {
            Description = "The order of the file's dates, when they all read both ways (05/06/2024): day-first or month-first. " +
                "Without it the order is worked out from the dates, and a file that cannot tell is refused.",
        };
        dates.AcceptOnlyFromAmong("day-first", "month-first");
        var command = new Command(name, $"Import {what}.") { file, allSectors, dates };
        command.SetAction((parse, ct) => RunAsync(parse, async sp =>
        {
            var path = parse.GetValue(file)!.FullName;
            DateOrder? order = DateOrders.TryParseOption(parse.GetValue(dates), out var o) ? o : null;
            var importer = new CqcFileImporter(sp.GetRequiredService<CareMarketDb>(),
                new CqcImportOptions { AllSectors = parse.GetValue(allSectors), Dates = order });
            try
            {
                var fileKind = kind ?? CqcFileImporter.Recognise(path);
                ImportRun run = null!;
                await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask(Path.GetFileName(path));
                        var progress = new Progress<ImportProgress>(p =>
                        {
                            task.MaxValue = Math.Max(1, p.TotalBytes);
                            task.Value = p.BytesRead;
                            task.Description = $"{Path.GetFileName(path)}: {p.RowsRead:N0} rows";
                        });
                        run = await importer.ImportAsync(fileKind, path, progress, ct);
                        task.Value = task.MaxValue;
                    });
                PrintRun(run);
                if (run.OtherSectors > 0)
                {
                    AnsiConsole.MarkupLineInterpolated(
                        $"{run.OtherSectors:N0} {(run.OtherSectors == 1 ? "row" : "rows")} of other sectors (GPs, dentists, hospitals) {(run.OtherSectors == 1 ? "was" : "were")} read and skipped.");
                }
                return 0;
            }
            catch (ImportFileException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]Not imported:[/] {e.Message}");
                if (e.AsksDateOrder)
                {
                    AnsiConsole.MarkupLine("Say which with [bold]--dates day-first[/] (29/05/2026) or [bold]--dates month-first[/] (05/29/2026).");
                }
                AnsiConsole.MarkupLine("Nothing was written to the register.");
                return 2;
            }
        }));
        return command;
    }
}
