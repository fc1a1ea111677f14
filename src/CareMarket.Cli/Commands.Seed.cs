using System.CommandLine;
using CareMarket.Data;
using CareMarket.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CareMarket.Cli;

public static partial class Commands
{
    public static Command Seed()
    {
        var demo = new Command("demo", "Create the demo borough (Northbridge) with its demo accounts, unless it is there already. Only in an empty database: refused when a real council or real services are there.");
        demo.SetAction((parse, ct) => RunAsync(parse, async sp =>
        {
            var db = sp.GetRequiredService<CareMarketDb>();
            var existed = await DemoBorough.IsSeededAsync(db, ct);
            var accounts = await DemoBorough.SeedAsync(db, sp.GetRequiredService<UserManager<AppUser>>(), ct);
            AnsiConsole.MarkupLine(existed ? "The demo borough was already there." : "Created the demo borough (Northbridge) in an empty database: it is fictional, and is only ever created where there is no real council.");
            var table = new Table().AddColumns("Email", "Role", "Council");
            foreach (var a in accounts) table.AddRow(a.Email, Roles.Describe(a.Role), a.Council);
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"Password for every demo account: [bold]{DemoBorough.Password}[/]");
            return 0;
        }));
        return new Command("seed", "Fill the database with data.") { demo };
    }
}
