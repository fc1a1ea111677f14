using System.CommandLine;
using CareMarket.Cli;

// caremarket: import CQC files, sync the CQC API, seed the demo borough, migrate the database.
var root = new RootCommand("CareMarket: the care market management system's command line.")
{
    Commands.Import(),
    Commands.Sync(),
    Commands.Seed(),
    Commands.Db(),
};
root.Options.Add(Commands.DatabaseOption);
return await root.Parse(args).InvokeAsync();
