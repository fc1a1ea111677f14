using CareMarket.Data;
using CareMarket.Register;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Pages.Register;

public class IndexModel(RegisterQueries register, CareMarketDb db, IAuthorizationService authorization) : PageModel
{
    /// <summary>Contract managers may add the council's services that CQC does not register.</summary>
    public bool CanAddLocalServices { get; private set; }
    [BindProperty(SupportsGet = true)]
    public RegisterFilterInput Filter { get; set; } = new();

    public RegisterPage Results { get; private set; } = null!;
    public List<Area> Areas { get; private set; } = [];
    public string? ProviderName { get; private set; }
    public bool IsProvider => db.Actor.ProviderId is not null;
    /// <summary>Partners see no council's suspensions or embargoes, so they get no filter for them.</summary>
    public bool IsPartner => db.Actor.IsPartner;
    /// <summary>Council staff see the council's contract arrangements; partners and providers do not.</summary>
    public bool SeesContracts => db.SeesCouncilRecords;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // "page" is also Razor Pages' own route value (the page's path), which binding reads first: the query's is
        // taken here, or every page link showed page 1.
        if (int.TryParse(Request.Query["page"], out var page)) Filter.Page = page;
        Results = await register.ListAsync(Filter.ToFilter(), ct);
        CanAddLocalServices = (await authorization.AuthorizeAsync(User, Security.Policies.ManageContracts)).Succeeded;
        Areas = await register.AreasAsync(ct);
        if (Filter.ProviderId is { } id)
            ProviderName = await db.Providers.Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct);
    }

    public string Link(Action<Dictionary<string, string>> change)
    {
        var values = Filter.ToRouteValues();
        change(values);
        return "/register?" + string.Join("&", values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"));
    }

    public string ExportLink(string format)
    {
        var values = Filter.ToRouteValues();
        values["format"] = format;
        return "/api/v1/register/services/export?" + string.Join("&", values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"));
    }
}
