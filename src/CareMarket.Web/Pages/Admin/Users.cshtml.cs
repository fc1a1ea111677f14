using CareMarket.Admin;
using CareMarket.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Admin;

/// <summary>
/// The council's users: invite (a one-time link shown to the administrator to send), roles, disable and enable, a
/// new link, and provider users' links to their provider. Every rule is the use case's (<see cref="Users"/>).
/// </summary>
public class UsersModel(Users accounts, IConfiguration configuration) : PageModel
{
    public List<UserRow> Rows { get; private set; } = [];

    /// <summary>The link just made, to show once: whose, and the address.</summary>
    public (string Email, string Url)? NewLink { get; private set; }

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];
    [BindProperty] public string? CqcProviderId { get; set; }
    [BindProperty] public string? UserId { get; set; }
    [BindProperty] public bool Approver { get; set; }

    /// <summary>The form key of a user's row, which the error summary links to.</summary>
    public static string RowKey(string userId) => "user-" + userId;

    public async Task OnGetAsync(CancellationToken ct) => Rows = await accounts.ListAsync(ct: ct);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        var decision = await accounts.AddAsync(null, new NewUser(Email, Name, Roles, CqcProviderId), ct);
        if (decision is Decision.Created<UserLink> { Value: var made })
        {
            NewLink = (made.Email, LinkFor(made));
            Email = Name = CqcProviderId = null;
            Roles = [];
        }
        else ModelState.AddTo(decision, field => field is "" ? nameof(Email) : field);
        Rows = await accounts.ListAsync(ct: ct);
        return Page();
    }

    public Task<IActionResult> OnPostRolesAsync(CancellationToken ct) =>
        OnRowAsync(() => accounts.SetRolesAsync(UserId ?? "", Roles, ct), "Roles changed.", ct);

    public Task<IActionResult> OnPostDisableAsync(CancellationToken ct) =>
        OnRowAsync(() => accounts.DisableAsync(UserId ?? "", ct), "Account disabled: the user cannot sign in, and their sessions end.", ct);

    public Task<IActionResult> OnPostEnableAsync(CancellationToken ct) =>
        OnRowAsync(() => accounts.EnableAsync(UserId ?? "", ct), "Account enabled.", ct);

    public Task<IActionResult> OnPostProviderAsync(CancellationToken ct) =>
        OnRowAsync(() => accounts.AskForProviderAsync(UserId ?? "", CqcProviderId, ct), "Provider link asked for: it takes effect once confirmed.", ct);

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken ct) =>
        OnRowAsync(() => accounts.ConfirmProviderAsync(UserId ?? "", ct), "Provider link confirmed.", ct);

    public Task<IActionResult> OnPostApproverAsync(CancellationToken ct) =>
        OnRowAsync(() => accounts.SetApproverAsync(UserId ?? "", Approver, ct), Approver ? "The user now approves their provider's users." : "The user no longer approves their provider's users.", ct);

    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        var decision = await accounts.NewLinkAsync(UserId ?? "", ct);
        if (decision is Decision.Created<UserLink> { Value: var made }) NewLink = (made.Email, LinkFor(made));
        else AddRowErrors(decision);
        Rows = await accounts.ListAsync(ct: ct);
        return Page();
    }

    private async Task<IActionResult> OnRowAsync(Func<Task<Decision>> act, string done, CancellationToken ct)
    {
        var decision = await act();
        if (decision is Decision.NotFound) return NotFound();
        if (decision is Decision.Allowed)
        {
            TempData["Done"] = done;
            return RedirectToPage();
        }
        AddRowErrors(decision);
        Rows = await accounts.ListAsync(ct: ct);
        return Page();
    }

    private void AddRowErrors(Decision decision) => ModelState.AddTo(decision, _ => RowKey(UserId ?? ""));

    private string LinkFor(UserLink made) => AdminApi.LinkFor(configuration, Request, made);
}
