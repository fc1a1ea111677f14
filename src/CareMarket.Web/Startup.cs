using CareMarket.Data;
using CareMarket.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web;

/// <summary>Start-up: migrate the database, make the roles, and create the demo borough on first run.</summary>
public static class Startup
{
    public static async Task PrepareDatabaseAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ActorHolder>().Actor = Actor.System;
        var db = scope.ServiceProvider.GetRequiredService<CareMarketDb>();
        await db.Database.MigrateAsync();
        await Roles.EnsureAsync(db);

        // Demo:Seed (environment Demo__Seed=false turns it off): the demo borough on first run, only ever in an empty
        // database. A database with a real council or real services never receives it, and says why at start-up.
        var seed = app.Configuration.GetValue("Demo:Seed", true);
        var refusal = seed ? await DemoBorough.RefusalAsync(db) : null;
        var firstRun = seed && refusal is null && !await DemoBorough.IsSeededAsync(db);
        if (seed && refusal is not null)
        {
            app.Logger.LogInformation("The demo borough was not created: {Reason}. Set Demo__Seed=false to stop trying.", refusal);
        }
        if (firstRun)
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await DemoBorough.SeedAsync(db, users);
        }
        if (seed && await DemoBorough.IsSeededAsync(db))
        {
            app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app, firstRun));
        }
    }

    private static void PrintWelcome(WebApplication app, bool firstRun)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        Console.WriteLine();
        Console.WriteLine(firstRun
            ? "CareMarket: created the demo borough (Northbridge), a fictional council, in this empty database."
            : "CareMarket: demo borough (Northbridge), a fictional council.");
        Console.WriteLine("The demo is only ever created in an empty database; to turn it off, set Demo__Seed=false.");
        Console.WriteLine($"Open {addresses?.FirstOrDefault() ?? "http://localhost:5000"} and sign in with one of these demo accounts");
        Console.WriteLine($"(password for all: {DemoBorough.Password}):");
        foreach (var a in DemoBorough.Accounts())
        {
            Console.WriteLine($"  {a.Email,-36} {Data.Roles.Describe(a.Role)}, {a.Council}{(a.Provider is null ? "" : $" ({a.Provider})")}");
        }
        Console.WriteLine();
    }
}
