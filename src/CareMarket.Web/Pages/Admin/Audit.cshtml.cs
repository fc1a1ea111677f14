using CareMarket.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Admin;

public class AuditModel(Administration admin) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public List<AuditRow> Rows { get; private set; } = [];

    public List<string> EntityTypes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await admin.AuditAsync(EntityType, PageNumber, ct);
        EntityTypes = await admin.AuditedTypesAsync(ct);
    }
}
