using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CareMarket.Testing;

/// <summary>
/// The command line as a council runs it: the built program (the test project references CareMarket.Cli, so its
/// dll is beside the tests), its exit code and what it prints, with what a person would type on standard input.
/// </summary>
public static partial class CommandLine
{
    public static Task<(int Exit, string Output)> RunAsync(params string[] args) => RunAsync(null, null, args);

    public static async Task<(int Exit, string Output)> RunAsync(IReadOnlyDictionary<string, string>? environment, string? input,
        params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "CareMarket.Cli.dll");
        var start = new ProcessStartInfo("dotnet", [cli, .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            Environment = { ["NO_COLOR"] = "1", ["COLUMNS"] = "250" },
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>The output as one line: the console wraps long lines to its width.</summary>
    public static string Flat(string output) => Spaces().Replace(output, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
