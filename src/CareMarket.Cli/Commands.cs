using System.CommandLine;
using CareMarket.Admin;
using CareMarket.Councils;
using CareMarket.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CareMarket.Cli;

/// <summary>The commands, one partial file each. This file holds what they share: the database and its services.</summary>
public static partial class Commands
{
    public static readonly Option<string?> DatabaseOption = new("--database")
    {
        Description = "Connection string: \"Data Source=FILE\" for SQLite, else PostgreSQL. Default: ConnectionStrings__CareMarket, else the SQLite file in CAREMARKET_DATA (or data/).",
        Recursive = true,
    };

    /// <summary>The services a command needs, over the chosen database, acting as the command line ("system").</summary>
    public static ServiceProvider Services(ParseResult parse)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var connectionString = Database.ConnectionString(parse.GetValue(DatabaseOption) ?? configuration.GetConnectionString("CareMarket"));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<CareMarketDb>(o => o.UseCareMarket(connectionString));
        services.AddScoped(sp => new CareMarketDb(sp.GetRequiredService<DbContextOptions<CareMarketDb>>())
        {
            Actor = Actor.SystemAs($"cli:{Environment.UserName}"), Clock = sp.GetRequiredService<TimeProvider>(),
        });
        services.AddCouncils();
        // The web app's password policy and one-time links (AddCareMarketAccounts), so a link printed here works there.
        services.AddIdentityCore<AppUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CareMarketDb>()
            .AddCareMarketAccounts();
        return services.BuildServiceProvider();
    }

    /// <summary>Runs a command body with the database migrated, and turns expected failures into one clear line.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, Task<int>> body)
    {
        await using var services = Services(parse);
        await using var scope = services.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<CareMarketDb>();
            await db.Database.MigrateAsync();
            await Roles.EnsureAsync(db, ct: default);
            return await body(scope.ServiceProvider);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException
                                      or CareMarket.Register.CqcApi.CqcApiException or DbUpdateException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Error:[/] {e.Message}");
            return 1;
        }
    }
}
