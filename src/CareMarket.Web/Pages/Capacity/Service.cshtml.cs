using CareMarket.Capacity;
using CareMarket.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Pages.Capacity;

public class ServiceModel(CapacityReports reports, CareMarketDb db) : PageModel
{
    public CareMarket.Register.Service Service { get; private set; } = null!;
    public List<CapacityReturn> History { get; private set; } = [];
    public Dictionary<int, string> Patches { get; private set; } = [];
    public int StaleAfterDays { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await reports.HistoryAsync(id, 26, ct) is not { } history) return NotFound();
        History = history;
        Service = await db.Services.AsNoTracking().Include(s => s.Provider).FirstAsync(s => s.Id == id, ct);
        Patches = await db.Areas.AsNoTracking().Where(a => a.Kind == CareMarket.Register.AreaKind.HomecarePatch).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        StaleAfterDays = await reports.StaleAfterDaysAsync(ct);
        return Page();
    }
}
