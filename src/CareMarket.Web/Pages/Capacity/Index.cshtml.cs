using CareMarket.Capacity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Capacity;

public class IndexModel(CapacityOverview overview) : PageModel
{
    public CapacityPicture Picture { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Picture = await overview.ForCouncilAsync(ct: ct);

    public static string Percent(double? share) => share is { } s ? $"{s * 100:0.0}%" : "–";

    public static string Export(string table, string format) => $"/api/v1/capacity/overview/export?table={table}&format={format}";
}
