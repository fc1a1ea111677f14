using CareMarket.Capacity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Capacity;

public class IndexModel(CapacityOverview overview) : PageModel
{
    /// <summary>Services listed a page at a time: a county has hundreds, and a broker looks for a few.</summary>
    public const int PageSize = 50;

    public CapacityPicture Picture { get; private set; } = null!;

    /// <summary>The services table, after the broker's filters, and the page of it shown.</summary>
    public IReadOnlyList<ServiceCapacity> Listed { get; private set; } = [];
    public int Matching { get; private set; }
    public int Pages => Math.Max(1, (Matching + PageSize - 1) / PageSize);

    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    /// <summary>beds (care homes) or hours (homecare, supported living, extra care).</summary>
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    /// <summary>Only services with room: beds accepting admissions, or hours available.</summary>
    [BindProperty(SupportsGet = true)] public bool Room { get; set; }
    public int PageNumber { get; private set; } = 1;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Picture = await overview.ForCouncilAsync(ct: ct);
        var kind = Kind switch { "beds" => CapacityKind.Beds, "hours" => CapacityKind.Hours, _ => (CapacityKind?)null };
        var rows = Filter(Picture.Services, Search, kind, Area, Room).ToList();
        Matching = rows.Count;
        // "page" is Razor Pages' own route value (the page's path), so it is read from the query, not bound.
        PageNumber = Math.Clamp(int.TryParse(Request.Query["page"], out var n) ? n : 1, 1, Pages);
        Listed = rows.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
    }

    /// <summary>The broker's filters over the services: name or provider, kind, area, and "with room now".</summary>
    public static IEnumerable<ServiceCapacity> Filter(IEnumerable<ServiceCapacity> services, string? search, CapacityKind? kind, string? area, bool room) =>
        services.Where(s =>
            (string.IsNullOrWhiteSpace(search) || s.Name.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase)
                || s.Provider.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase))
            && (kind is null || s.Kind == kind)
            && (string.IsNullOrEmpty(area) || s.Area == area)
            && (!room || (s.Kind == CapacityKind.Beds ? s.VacantAccepting > 0 : s.HoursAvailable > 0)));

    /// <summary>This page's address with one value changed (the filters kept).</summary>
    public string Link(int page)
    {
        var values = new Dictionary<string, string?> { ["search"] = Search, ["kind"] = Kind, ["area"] = Area, ["room"] = Room ? "true" : null, ["page"] = page.ToString() };
        return QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value))).ToUriComponent() is var q ? "/capacity" + q + "#services" : "/capacity";
    }

    public static string Percent(double? share) => share is { } s ? $"{s * 100:0.0}%" : "–";

    public static string Export(string table, string format) => $"/api/v1/capacity/overview/export?table={table}&format={format}";
}
