using CareMarket.Admin;
using CareMarket.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.ProviderUsers;

/// <summary>
/// A provider's approver confirms the people asking to act for the provider (as Capacity Tracker's approvers do).
/// Whoever else opens it sees nobody waiting: the use case lists and confirms only for an approver.
/// </summary>
public class IndexModel(Users accounts) : PageModel
{
    public List<UserRow> Waiting { get; private set; } = [];
    [BindProperty] public string? UserId { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Waiting = await accounts.WaitingForMyProviderAsync(ct);

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        var decision = await accounts.ConfirmProviderAsync(UserId ?? "", ct);
        if (decision is Decision.NotFound) return NotFound();
        if (decision is Decision.Allowed)
        {
            TempData["Done"] = "Confirmed: they now act for your provider.";
            return RedirectToPage();
        }
        ModelState.AddTo(decision, _ => "waiting-table");
        Waiting = await accounts.WaitingForMyProviderAsync(ct);
        return Page();
    }
}
