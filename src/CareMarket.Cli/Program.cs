using System.CommandLine;

namespace CareMarket.Cli;

/// <summary>caremarket: import CQC files, sync the CQC API, seed the demo borough, migrate the database, manage users.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args)
    {
        var root = new RootCommand("CareMarket: the care market management system's command line.")
        {
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
