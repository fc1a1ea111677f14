using CareMarket.Register;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Register;

public class ProviderModel(RegisterQueries register) : PageModel
{
    public ProviderDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await register.GetProviderAsync(id, ct) is not { } detail) return NotFound();
        Detail = detail;
        return Page();
    }
}
