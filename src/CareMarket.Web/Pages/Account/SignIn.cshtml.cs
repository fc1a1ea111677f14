using System.ComponentModel.DataAnnotations;
using CareMarket.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Account;

public class SignInModel(SignInManager<AppUser> signIn, CareMarketDb db) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your email address")]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Enter your password")]
        public string? Password { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(Input.Email!.Trim(), Input.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            ModelState.AddModelError("Input.Email", "This account is locked after too many failed attempts. Try again in 15 minutes.");
            return Page();
        }
        // Identity refuses a disabled account before it checks the password: say "disabled" only to whoever knows it.
        if (result.IsNotAllowed && await signIn.UserManager.FindByEmailAsync(Input.Email.Trim()) is { } disabled
            && await signIn.UserManager.CheckPasswordAsync(disabled, Input.Password!))
        {
            ModelState.AddModelError("Input.Email", "This account has been disabled. Ask your council's CareMarket administrator.");
            return Page();
        }
        if (!result.Succeeded)
        {
            ModelState.AddModelError("Input.Email", "The email address or password is not right");
            return Page();
        }
        var user = await signIn.UserManager.FindByEmailAsync(Input.Email.Trim());
        db.Actor = new Actor(Input.Email.Trim(), user?.LocalAuthorityId, user?.ProviderId);
        db.Audit("SignedIn", "User", Input.Email.Trim());
        await db.SaveChangesAsync();
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
