using CareMarket.Data;
using CareMarket.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Pages.Admin;

public class AuditModel(CareMarketDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public List<AdminApi.AuditRow> Rows { get; private set; } = [];

    public List<string> EntityTypes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = (await AdminApi.ListAudit(db, EntityType, PageNumber, ct)).Value!;
        var council = db.TenantId;
        EntityTypes = await db.AuditEntries.Where(a => a.LocalAuthorityId == council).Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
    }
}
