using CareMarket.Brokerage;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Brokerage;

/// <summary>The council's queue of care requests not yet sourced, oldest first, each against its sourcing target.</summary>
public class IndexModel(CareRequests requests) : PageModel
{
    public List<QueueRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await requests.QueueAsync(ct: ct);
}
