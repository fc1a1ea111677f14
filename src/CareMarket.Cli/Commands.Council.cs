using System.CommandLine;
using CareMarket.Councils;
using CareMarket.Register;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CareMarket.Cli;

public static partial class Commands
{
    public static Command Council()
    {
        var code = new Argument<string>("ONS-CODE") { Description = "The council's ONS code, such as E08000004 (Oldham)." };
        var add = new Command("add", "Set up a council that uses CareMarket, from the list of England's councils. Services already in the register for its local authority are attached to it.")
        {
            code,
        };
        add.SetAction((parse, ct) => RunAsync(parse, async sp =>
        {
            var decision = await sp.GetRequiredService<CouncilSetup>().AddTenantAsync(parse.GetValue(code), ct);
            if (decision is not Decision.Created<CouncilAdded> { Value: var added }) return Refused(decision);
            if (added.AlreadyTenant) AnsiConsole.MarkupLineInterpolated($"{added.Name} ({added.OnsCode}) was already set up.");
            else AnsiConsole.MarkupLineInterpolated($"[green]Set up {added.Name}[/] ({added.OnsCode}) as a council using CareMarket.");
            AnsiConsole.MarkupLineInterpolated($"{added.ServicesAttached:N0} services in the register attached to {added.Name}.");
            return 0;
        }));

        var neighboursOf = new Argument<string>("ONS-CODE") { Description = "The council's ONS code." };
        var addNeighbours = new Option<string[]>("--add")
        {
            Description = "ONS codes of neighbouring councils to add (both directions), e.g. --add E08000001 E08000005.",
            AllowMultipleArgumentsPerToken = true,
        };
        var neighbours = new Command("neighbours", "List a council's neighbours, or add neighbours from the list of England's councils.")
        {
            neighboursOf, addNeighbours,
        };
        neighbours.SetAction((parse, ct) => RunAsync(parse, async sp =>
        {
            var setup = sp.GetRequiredService<CouncilSetup>();
            if (await CouncilAsync(setup, parse.GetValue(neighboursOf), ct) is not { } council) return 1;
            if (parse.GetValue(addNeighbours) is { Length: > 0 } codes)
            {
                var decision = await setup.AddNeighboursAsync(council.Id, codes, ct);
                if (decision is not Decision.Created<NeighboursAdded> { Value: var added }) return Refused(decision);
                if (added.Added.Count > 0) AnsiConsole.MarkupLineInterpolated($"[green]Added {added.Added.Count} neighbours[/] of {council.Name}: {string.Join(", ", added.Added)}.");
                if (added.AlreadyNeighbours.Count > 0) AnsiConsole.MarkupLineInterpolated($"Already neighbours: {string.Join(", ", added.AlreadyNeighbours)}.");
                AnsiConsole.MarkupLineInterpolated($"{added.ServicesAttached:N0} services in the register attached to them.");
            }
            var view = (await setup.ViewAsync(council.Id, ct))!;
            var table = new Table().AddColumns("ONS code", "Neighbour", "Region", "Active services");
            foreach (var n in view.Neighbours) table.AddRow(n.OnsCode, Markup.Escape(n.Name), n.Region, n.Services.ToString("N0"));
            AnsiConsole.Write(table);
            return 0;
        }));

        var areasOf = new Argument<string>("ONS-CODE") { Description = "The council's ONS code." };
        var file = new Argument<FileInfo?>("FILE")
        {
            Description = "A CSV of area,kind,district: one row per postcode district; kind is locality or patch (homecare patch). Without it: list the areas.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var areas = new Command("areas", "List a council's localities and homecare patches, or import them from a CSV of area,kind,district. A file with a problem is refused whole, naming the row and column.")
        {
            areasOf, file,
        };
        areas.SetAction((parse, ct) => RunAsync(parse, async sp =>
        {
            var setup = sp.GetRequiredService<CouncilSetup>();
            if (await CouncilAsync(setup, parse.GetValue(areasOf), ct) is not { } council) return 1;
            if (parse.GetValue(file) is { } csv)
            {
                Decision decision;
                await using (var stream = csv.OpenRead())
                {
                    decision = await setup.ImportAreasAsync(council.Id, stream, csv.Name, ct);
                }
                if (decision is Decision.Refused { Field: "File" } refused)
                {
                    AnsiConsole.MarkupLineInterpolated($"[red]Not imported:[/] {refused.Reason}");
                    AnsiConsole.MarkupLine("Nothing was written.");
                    return 2;
                }
                if (decision is not Decision.Created<AreasImported> { Value: var imported }) return Refused(decision);
                AnsiConsole.MarkupLineInterpolated(
                    $"[green]Areas of {council.Name}[/]: {imported.Added} added, {imported.Changed} changed, {imported.Unchanged} unchanged; {imported.ServicesPlaced:N0} services placed in a new locality.");
                if (imported.LeftAsTheyAre.Count > 0)
                    AnsiConsole.MarkupLineInterpolated($"Not in the file, left as they are: {string.Join(", ", imported.LeftAsTheyAre)}.");
            }
            var view = (await setup.ViewAsync(council.Id, ct))!;
            var table = new Table().AddColumns("Area", "Kind", "Postcode districts", "Active services");
            foreach (var a in view.Areas)
            {
                table.AddRow(Markup.Escape(a.Name), AreaRules.Describe(a.Kind), string.Join(" ", a.Districts), a.Kind == AreaKind.Locality ? a.Services.ToString("N0") : "");
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"{view.Services:N0} active services in {council.Name}, {view.ServicesWithoutArea:N0} in no locality.");
            return 0;
        }));

        return new Command("council", "Set up a council: the council itself, its neighbours, its localities and homecare patches.")
        {
            add, neighbours, areas,
        };
    }

    /// <summary>The council set up in this database with this code; otherwise says why not (and what was meant) and returns null.</summary>
    private static async Task<LocalAuthority?> CouncilAsync(CouncilSetup setup, string? code, CancellationToken ct)
    {
        if (CouncilSetup.Unknown(code, "OnsCode") is { } unknown)
        {
            Refused(unknown);
            return null;
        }
        var council = await setup.TenantAsync(code!, ct);
        if (council is null)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Error:[/] {CouncilCatalogue.Find(code)!.Name} ({code!.Trim().ToUpperInvariant()}) is not set up in this database; run: caremarket council add {code.Trim().ToUpperInvariant()}");
        }
        return council;
    }

    private static int Refused(Decision decision)
    {
        var reasons = decision switch
        {
            Decision.Refused r => [r.Reason],
            Decision.Invalid i => i.Errors.Select(e => e.Message).ToArray(),
            Decision.Forbidden f => [f.Reason],
            Decision.Conflict c => [c.Reason],
            _ => new[] { "Not found" },
        };
        foreach (var reason in reasons) AnsiConsole.MarkupLineInterpolated($"[red]Error:[/] {reason}");
        return 1;
    }
}
