using CareMarket.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Account;

public class SignOutModel(SignInManager<AppUser> signIn) : PageModel
{
    public async Task<IActionResult> OnGetAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }
}
