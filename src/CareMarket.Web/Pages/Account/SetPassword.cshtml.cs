using CareMarket.Admin;
using CareMarket.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Account;

/// <summary>Sets a password from the one-time link of an invitation or a reset (nobody is signed in).</summary>
public class SetPasswordModel(Users accounts) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }

    /// <summary>False when the link has expired, been used, or was never one: the page says so instead of the form.</summary>
    public bool LinkWorks { get; private set; }

    public async Task OnGetAsync() => LinkWorks = await accounts.LinkWorksAsync(UserId, Token);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        LinkWorks = await accounts.LinkWorksAsync(UserId, Token);
        if (!LinkWorks) return Page();
        if (ModelState.IsValid && Password != ConfirmPassword)
        {
            ModelState.AddModelError(nameof(ConfirmPassword), "Enter the same password twice");
            return Page();
        }
        var decision = await accounts.SetPasswordAsync(UserId, Token, Password, ct);
        if (decision is Decision.Allowed)
        {
            TempData["Done"] = "Your password is set. Sign in with your email address and the new password.";
            return RedirectToPage("/Account/SignIn");
        }
        if (decision is Decision.Refused { Field: "Token" }) LinkWorks = false;
        ModelState.AddTo(decision, field => field == "Token" ? "" : nameof(Password));
        return Page();
    }
}
