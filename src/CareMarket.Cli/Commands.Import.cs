using System.CommandLine;

namespace CareMarket.Cli;

public static partial class Commands
{
    public static Command Import() => new("import", "Import CQC files into the register.");
}
