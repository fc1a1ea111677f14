using System.CommandLine;

namespace CareMarket.Cli;

/// <summary>caremarket: set up a council and its users, import CQC files, sync the CQC API, seed the demo borough, migrate the database.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args)
    {
        var root = new RootCommand("CareMarket: the care market management system's command line.")
        {
            Commands.Council(),
            Commands.Import(),
            Commands.Sync(),
            Commands.Seed(),
            Commands.Db(),
            Commands.User(),
        };
        root.Options.Add(Commands.DatabaseOption);
        return root.Parse(args).InvokeAsync();
    }
}
