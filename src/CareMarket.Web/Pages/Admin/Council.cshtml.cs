using CareMarket.Councils;
using CareMarket.Data;
using CareMarket.Web.Http;
using CareMarket.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Admin;

/// <summary>The council's set-up: its neighbours (chosen from England's councils), and its localities and homecare patches by postcode district.</summary>
[RequestSizeLimit(5_000_000), RequestFormLimits(MultipartBodyLengthLimit = 5_000_000)]
public class CouncilModel(CareMarketDb db, CouncilSetup setup, IAuthorizationService authorization) : PageModel
{
    public CouncilView? View { get; private set; }
    /// <summary>Current councils not yet neighbours, in the council's own region first.</summary>
    public List<CatalogueCouncil> Candidates { get; private set; } = [];
    /// <summary>The area being edited (from ?area=ID), or null for a new one.</summary>
    public AreaRow? Editing { get; private set; }

    [BindProperty] public string? NeighbourCode { get; set; }
    [BindProperty] public int? AreaId { get; set; }
    [BindProperty] public string? AreaName { get; set; }
    [BindProperty] public string? AreaKind { get; set; }
    [BindProperty] public string? AreaDistricts { get; set; }
    [BindProperty] public IFormFile? AreasFile { get; set; }

    public async Task<IActionResult> OnGetAsync(int? area, CancellationToken ct)
    {
        if (db.Council is null) return Forbid();
        await LoadAsync(area, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostNeighbourAsync(CancellationToken ct)
    {
        if (await RefusedAsync() is { } refused) return refused;
        var decision = await setup.AddNeighboursAsync(db.Council!.Value, string.IsNullOrWhiteSpace(NeighbourCode) ? [] : [NeighbourCode], ct);
        if (decision is Decision.Created<NeighboursAdded> { Value: var added })
        {
            TempData["Done"] = added.Added.Count > 0
                ? $"{string.Join(", ", added.Added)} added as a neighbour; {added.ServicesAttached:N0} services in the register attached to it."
                : $"{string.Join(", ", added.AlreadyNeighbours)} was already a neighbour.";
            return RedirectToPage(null, null, null, "neighbours");
        }
        ModelState.AddTo(decision, _ => nameof(NeighbourCode));
        await LoadAsync(null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAreaAsync(CancellationToken ct)
    {
        if (await RefusedAsync() is { } refused) return refused;
        var decision = await setup.SaveAreaAsync(db.Council!.Value, AreaId, AreaName, AreaKind, AreaDistricts, ct);
        if (decision is Decision.Created<int>)
        {
            TempData["Done"] = $"Saved \"{AreaName?.Trim()}\"; the council's services are placed in their localities by postcode district.";
            return RedirectToPage(null, null, null, "areas");
        }
        if (decision is Decision.NotFound) return NotFound();
        ModelState.AddTo(decision, f => f switch { "Name" => nameof(AreaName), "Kind" => nameof(AreaKind), _ => nameof(AreaDistricts) });
        await LoadAsync(AreaId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAreasFileAsync(CancellationToken ct)
    {
        if (await RefusedAsync() is { } refused) return refused;
        if (AreasFile is null || AreasFile.Length == 0)
        {
            ModelState.AddModelError(nameof(AreasFile), "Choose a CSV file of area,kind,district");
        }
        else
        {
            Decision decision;
            await using (var content = AreasFile.OpenReadStream())
            {
                decision = await setup.ImportAreasAsync(db.Council!.Value, content, AreasFile.FileName, ct);
            }
            if (decision is Decision.Created<AreasImported> { Value: var imported })
            {
                TempData["Done"] = $"Imported the areas: {imported.Added} added, {imported.Changed} changed, {imported.Unchanged} unchanged; "
                    + $"{imported.ServicesPlaced:N0} services placed in a new locality."
                    + (imported.LeftAsTheyAre.Count > 0 ? $" Not in the file, left as they are: {string.Join(", ", imported.LeftAsTheyAre)}." : "");
                return RedirectToPage(null, null, null, "areas");
            }
            ModelState.AddTo(decision, _ => nameof(AreasFile));
            if (decision is Decision.Refused { Field: "File" })
            {
                ModelState[nameof(AreasFile)]!.Errors.Clear();
                ModelState.AddModelError(nameof(AreasFile), $"The file was not imported and nothing was written: {((Decision.Refused)decision).Reason}");
            }
        }
        await LoadAsync(null, ct);
        return Page();
    }

    // A page handler that writes checks the policy itself, as the folder's convention does for the page.
    private async Task<IActionResult?> RefusedAsync() =>
        !(await authorization.AuthorizeAsync(User, Policies.Administer)).Succeeded || db.Council is null ? Forbid() : null;

    private async Task LoadAsync(int? area, CancellationToken ct)
    {
        View = await setup.ViewAsync(db.Council!.Value, ct);
        if (View is null) return;
        var taken = View.Neighbours.Select(n => n.OnsCode).Append(View.OnsCode).ToHashSet();
        var region = View.Region;
        Candidates = CouncilCatalogue.Current.Where(c => !taken.Contains(c.OnsCode))
            .OrderBy(c => c.Region == region ? 0 : 1).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        Editing = area is { } id ? View.Areas.FirstOrDefault(a => a.Id == id) : null;
        if (Editing is not null && !ModelState.ContainsKey(nameof(AreaName)))
        {
            (AreaId, AreaName, AreaKind, AreaDistricts) = (Editing.Id, Editing.Name, Editing.Kind.ToString(), string.Join(' ', Editing.Districts));
        }
    }

    public static string KindWords(global::CareMarket.Register.AreaKind kind) => kind switch
    {
        global::CareMarket.Register.AreaKind.Locality => "Locality",
        global::CareMarket.Register.AreaKind.HomecarePatch => "Homecare patch",
        _ => "Ward",
    };
}
