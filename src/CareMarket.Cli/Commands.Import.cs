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
        ImportFile("cqc-locations", CqcFileKind.ActiveLocations, "the monthly active locations file (\"care directory with filters\", .ods or .csv)"),
        ImportFile("cqc-ratings", CqcFileKind.LatestRatings, "the monthly latest ratings file (.ods, sheet Locations)"),
        ImportFile("cqc-directory", CqcFileKind.CareDirectory, "the weekly care directory (.csv)"),
        ImportFile("cqc-deactivated", CqcFileKind.DeactivatedLocations, "the monthly deactivated locations file (.ods)"),
    };

    private static Command ImportFile(string name, CqcFileKind kind, string what)
    {
        var file = new Argument<FileInfo>("FILE") { Description = $"Path to {what}." };
        var allSectors = new Option<bool>("--all-sectors") { Description = "Also import locations outside adult social care (GPs, dentists, hospitals)." };
        var command = new Command(name, $"Import {what}.") { file, allSectors };
        command.SetAction((parse, ct) => RunAsync(parse, async sp =>
        {
            var path = parse.GetValue(file)!.FullName;
            var importer = new CqcFileImporter(sp.GetRequiredService<CareMarketDb>(), new CqcImportOptions { AllSectors = parse.GetValue(allSectors) });
            try
            {
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
                        run = await importer.ImportAsync(kind, path, progress, ct);
                        task.Value = task.MaxValue;
                    });
                PrintRun(run);
                return 0;
            }
            catch (ImportFileException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]Not imported:[/] {e.Message}");
                AnsiConsole.MarkupLine("Nothing was written to the register.");
                return 2;
            }
        }));
        return command;
    }
}
