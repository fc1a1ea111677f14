using System.CommandLine;
using CareMarket.Admin;
using CareMarket.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CareMarket.Cli;

public static partial class Commands
{
    /// <summary>Where the web app is, for the links printed: --base-url, else CareMarket__BaseUrl, else this.</summary>
    public const string DefaultBaseUrl = "http://localhost:5000";

    public static Command User()
    {
        var baseUrl = new Option<string?>("--base-url")
        {
            Description = $"The web app's address, for the link printed (default: CareMarket__BaseUrl, else {DefaultBaseUrl}).",
        };

        var email = new Argument<string>("EMAIL") { Description = "The user's email address (they sign in with it)." };
        var council = new Option<string>("--council") { Description = "The council's ONS code, such as E08000004 (Oldham).", Required = true };
        var role = new Option<string[]>("--role")
        {
            Description = "A role: administrator, commissioner, broker, quality-officer, social-worker, provider, partner (repeat for more).",
            Required = true,
        };
        var name = new Option<string?>("--name") { Description = "The user's name as others see it (default: the email address)." };
        var cqcProvider = new Option<string?>("--cqc-provider-id")
        {
            Description = "For a provider user: the provider's CQC provider id (such as 1-101641521). It takes effect once an administrator or the provider's approver confirms it.",
        };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from standard input instead of printing a link (never give it on the command line).",
        };
        var add = new Command("add", "Add a user to a council and print a one-time link to set their password.")
        {
            email, council, role, name, cqcProvider, passwordStdin, baseUrl,
        };
        add.SetAction((parse, ct) => RunAsync(parse, async sp =>
        {
            if (await CouncilAsync(sp, parse.GetValue(council)!, ct) is not { } councilId) return 2;
            var roles = new List<string>();
            foreach (var text in parse.GetValue(role) ?? [])
            {
                if (UserRules.ParseRole(text) is not { } parsed)
                {
                    Fail($"There is no role \"{text}\": choose from {string.Join(", ", Roles.All.Select(Roles.Describe))}.");
                    return 2;
                }
                roles.Add(parsed);
            }
            string? password = null;
            if (parse.GetValue(passwordStdin))
            {
                password = ReadPassword();
                if (password.Length == 0)
                {
                    Fail("--password-stdin read no password: pipe it in, such as: caremarket user add … --password-stdin < file");
                    return 2;
                }
            }
            var decision = await sp.GetRequiredService<Users>()
                .AddAsync(councilId, new NewUser(parse.GetValue(email), parse.GetValue(name), roles, parse.GetValue(cqcProvider), password), ct);
            if (decision is not Decision.Created<UserLink> { Value: var made }) return Refused(decision);
            AnsiConsole.MarkupLineInterpolated($"Added {made.Email} ({string.Join(", ", roles.Select(Roles.Describe))}).");
            if (parse.GetValue(cqcProvider) is { Length: > 0 } asked)
                AnsiConsole.MarkupLineInterpolated($"Their link to provider {asked} waits for an administrator (or the provider's approver) to confirm it.");
            PrintLink(sp, parse, baseUrl, made);
            return 0;
        }));

        var listCouncil = new Option<string>("--council") { Description = "The council's ONS code, such as E08000004.", Required = true };
        var list = new Command("list", "List a council's users.") { listCouncil };
        list.SetAction((parse, ct) => RunAsync(parse, async sp =>
        {
            if (await CouncilAsync(sp, parse.GetValue(listCouncil)!, ct) is not { } councilId) return 2;
            var rows = await sp.GetRequiredService<Users>().ListAsync(councilId, ct);
            var table = new Table().AddColumns("Email", "Name", "Roles", "Status", "Provider");
            foreach (var u in rows)
            {
                table.AddRow(Markup.Escape(u.Email), Markup.Escape(u.Name), string.Join(", ", u.Roles.Select(Roles.Describe)),
                    u.IsDisabled ? "disabled" : u.HasPassword ? "active" : "invited",
                    u.Link switch
                    {
                        ProviderLink.Waiting => Markup.Escape($"{u.Provider} ({u.CqcProviderId}), waiting for confirmation"),
                        ProviderLink.Confirmed => Markup.Escape($"{u.Provider} ({u.CqcProviderId}){(u.IsApprover ? ", approver" : "")}"),
                        _ => "",
                    });
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"{rows.Count} users.");
            return 0;
        }));

        var disableEmail = new Argument<string>("EMAIL") { Description = "The user's email address." };
        var disable = new Command("disable", "Disable a user: they cannot sign in, and their sessions end.") { disableEmail };
        disable.SetAction((parse, ct) => OnUserAsync(parse, disableEmail, (users, id) => users.DisableAsync(id, ct), "Disabled"));

        var enableEmail = new Argument<string>("EMAIL") { Description = "The user's email address." };
        var enable = new Command("enable", "Enable a disabled user again.") { enableEmail };
        enable.SetAction((parse, ct) => OnUserAsync(parse, enableEmail, (users, id) => users.EnableAsync(id, ct), "Enabled"));

        var resetEmail = new Argument<string>("EMAIL") { Description = "The user's email address." };
        var reset = new Command("reset", "Print a new one-time link for a user to set their password.") { resetEmail, baseUrl };
        reset.SetAction((parse, ct) => RunAsync(parse, async sp =>
        {
            var users = sp.GetRequiredService<Users>();
            if (await users.FindByEmailAsync(parse.GetValue(resetEmail)!) is not { } user) return NoUser(parse.GetValue(resetEmail)!);
            var decision = await users.NewLinkAsync(user.Id, ct);
            if (decision is not Decision.Created<UserLink> { Value: var made }) return Refused(decision);
            PrintLink(sp, parse, baseUrl, made);
            return 0;
        }));

        return new Command("user", "Users of a council: add the first administrator, list, disable, enable, send a new link.")
        {
            add, list, disable, enable, reset,
        };
    }

    private static Task<int> OnUserAsync(ParseResult parse, Argument<string> email, Func<Users, string, Task<Decision>> act, string done) =>
        RunAsync(parse, async sp =>
        {
            var users = sp.GetRequiredService<Users>();
            var address = parse.GetValue(email)!;
            if (await users.FindByEmailAsync(address) is not { } user) return NoUser(address);
            var decision = await act(users, user.Id);
            if (decision is not Decision.Allowed) return Refused(decision);
            AnsiConsole.MarkupLineInterpolated($"{done} {user.Email}.");
            return 0;
        });

    /// <summary>The council with this ONS code, or null having said there is none.</summary>
    private static async Task<int?> CouncilAsync(IServiceProvider sp, string onsCode, CancellationToken ct)
    {
        var code = onsCode.Trim().ToUpperInvariant();
        var id = await sp.GetRequiredService<CareMarketDb>().LocalAuthorities.Where(l => l.OnsCode == code).Select(l => (int?)l.Id).FirstOrDefaultAsync(ct);
        if (id is null) Fail($"There is no council with the ONS code {code} in this database: create it first (caremarket council add {code}).");
        return id;
    }

    private static void PrintLink(IServiceProvider sp, ParseResult parse, Option<string?> baseUrl, UserLink made)
    {
        if (made.Token is null)
        {
            AnsiConsole.MarkupLine("The password was set from standard input: they can sign in now.");
            return;
        }
        var root = parse.GetValue(baseUrl) ?? sp.GetRequiredService<IConfiguration>()["CareMarket:BaseUrl"] ?? DefaultBaseUrl;
        AnsiConsole.MarkupLineInterpolated($"Send {made.Email} this link to set their password (it works once, for {(int)PasswordLinks.Lifetime.TotalDays} days):");
        // Plain, on a line of its own, so it can be copied whole.
        Console.WriteLine(PasswordLinks.Url(root, made.UserId, made.Token));
    }

    /// <summary>The password piped in: standard input up to its end, without the final line break.</summary>
    private static string ReadPassword() => Console.In.ReadToEnd().TrimEnd('\r', '\n');

    private static int NoUser(string email)
    {
        Fail($"There is no user with the email address {email.Trim()}.");
        return 2;
    }

    private static int Refused(Decision decision)
    {
        Fail(decision switch
        {
            Decision.Invalid i => string.Join(" ", i.Errors.Select(e => e.Message.TrimEnd('.') + ".")),
            Decision.Refused r => r.Reason,
            Decision.Conflict c => c.Reason,
            Decision.Forbidden f => f.Reason,
            Decision.NotFound => "There is no such user.",
            _ => "Refused.",
        });
        return 2;
    }

    private static void Fail(string message) => AnsiConsole.MarkupLineInterpolated($"[red]Error:[/] {message}");
}
