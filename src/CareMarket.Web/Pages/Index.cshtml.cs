using CareMarket.Register;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages;

public class IndexModel(RegisterOverview overview, CareMarket.Capacity.CapacityOverview capacity) : PageModel
{
    public Overview Figures { get; private set; } = null!;
    public CareMarket.Capacity.CapacityPicture Capacity { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // Provider users and partners start at the services they may see.
        if (User.IsInRole(Data.Roles.Provider)) return Redirect("/register");
        Figures = await overview.ForCouncilAsync(ct);
        Capacity = await capacity.ForCouncilAsync(trendWeeks: 1, ct: ct);
        return Page();
    }

    public static string Percent(double? share) => share is { } s ? $"{s * 100:0}%" : "–";
}
