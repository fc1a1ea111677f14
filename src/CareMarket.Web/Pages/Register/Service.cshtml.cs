using CareMarket.Data;
using CareMarket.Quality.Restrictions;
using CareMarket.Register;
using CareMarket.Web.Govuk;
using CareMarket.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Register;

public class ServiceModel(CareMarketDb db, RegisterQueries register, Contracts contracts, ServiceRestrictions restrictions,
    IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public ServiceDetail Detail { get; private set; } = null!;
    public List<Area> Patches { get; private set; } = [];
    /// <summary>Suspensions and embargoes the user may see (none for partners), newest first.</summary>
    public List<RestrictionView> History { get; private set; } = [];
    /// <summary>The user's council's restriction not yet lifted (in force, or starting later), if any.</summary>
    public RestrictionView? Current { get; private set; }

    [BindProperty]
    public ContractInput Input { get; set; } = new();

    [BindProperty]
    public RestrictionInput Restriction { get; set; } = new();

    [BindProperty]
    public LiftInput Lift { get; set; } = new();

    public bool CanManageContracts { get; private set; }
    /// <summary>A service CQC does not register, kept by this council: its contract managers change it here.</summary>
    public bool CanChangeRecord { get; private set; }
    public bool CanManageRestrictions { get; private set; }

    public sealed class ContractInput
    {
        public int? ContractId { get; set; }
        public int? Version { get; set; }
        public ContractArrangement? Arrangement { get; set; }
        public string? Reference { get; set; }
        public int? LotAreaId { get; set; }
        public DateOnly? StartsOn { get; set; }
        public DateOnly? EndsOn { get; set; }
    }

    public sealed class RestrictionInput
    {
        public RestrictionKind? Kind { get; set; }
        public RestrictionReason? Reason { get; set; }
        public string? Details { get; set; }
        public DateParts StartsOn { get; set; } = new();
        public DateParts ReviewOn { get; set; } = new();
    }

    public sealed class LiftInput
    {
        public int? RestrictionId { get; set; }
        public int? Version { get; set; }
        public string? Reason { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        PrefillContract();
        Restriction.StartsOn = DateParts.Of(UkTime.Today(clock));
        return Page();
    }

    public async Task<IActionResult> OnPostContractAsync(int id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.ManageContracts)).Succeeded) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Input.Arrangement is null) ModelState.AddModelError("Input.Arrangement", "Choose a contract arrangement");
        if (Input.StartsOn is null && !ModelState.ContainsKey("Input.StartsOn")) ModelState.AddModelError("Input.StartsOn", "Enter the date the contract starts");
        if (ModelState.TryGetValue("Input.StartsOn", out var s) && s.Errors.Count > 0 && Input.StartsOn is null && s.AttemptedValue is { Length: > 0 })
        {
            s.Errors.Clear();
            ModelState.AddModelError("Input.StartsOn", "The start date must be a real date");
        }
        if (!ModelState.IsValid) return Page();

        var decision = await contracts.SaveAsync(new ContractChange(id, Input.Arrangement!.Value, Input.Reference, Input.LotAreaId,
            Input.StartsOn!.Value, Input.EndsOn, Input.ContractId, Input.Version), ct);
        switch (decision)
        {
            case Decision.Refused r:
                ModelState.AddModelError($"Input.{(r.Field == "" ? "Arrangement" : r.Field)}", r.Reason);
                return Page();
            case Decision.Conflict c:
                ModelState.AddModelError("Input.Arrangement", c.Reason);
                Detail = (await register.GetServiceAsync(id, ct))!;
                return Page();
            case Decision.NotFound:
                return NotFound();
        }
        TempData["Saved"] = "Contract arrangement saved";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRestrictAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanManageRestrictions) return Forbid();
        PrefillContract();
        ModelState.Clear();
        var r = Restriction;
        if (r.Kind is null) ModelState.AddModelError("Restriction.Kind", "Choose suspension or embargo");
        if (r.Reason is null) ModelState.AddModelError("Restriction.Reason", "Choose the reason");
        if (r.StartsOn.Value is null)
            ModelState.AddModelError("Restriction.StartsOn", r.StartsOn.IsBlank ? "Enter the date it starts" : "The start date must be a real date, like 27 3 2026");
        if (!r.ReviewOn.IsBlank && r.ReviewOn.Value is null) ModelState.AddModelError("Restriction.ReviewOn", "The review date must be a real date, like 27 3 2026");
        if (!ModelState.IsValid) return Page();

        var decision = await restrictions.AddAsync(id, new NewRestriction(r.Kind!.Value, r.Reason!.Value, r.Details, r.StartsOn.Value!.Value, r.ReviewOn.Value), ct);
        switch (decision)
        {
            case Decision.Allowed:
                TempData["Saved"] = r.Kind == RestrictionKind.Suspension
                    ? "Suspension recorded: brokerage will not place new people with this service"
                    : "Embargo recorded: brokerage will not place new people with this service";
                return RedirectToPage(new { id });
            case Decision.NotFound:
                return NotFound();
            default:
                AddErrors(decision, "Restriction", "Kind");
                await LoadAsync(id, ct);
                return Page();
        }
    }

    public async Task<IActionResult> OnPostLiftAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanManageRestrictions) return Forbid();
        PrefillContract();
        ModelState.Clear();
        if (Lift.RestrictionId is null || Lift.Version is null)
        {
            ModelState.AddModelError("Lift.Reason", "The form is out of date: reload the page and try again");
            return Page();
        }
        var decision = await restrictions.LiftAsync(id, Lift.RestrictionId.Value, Lift.Reason, Lift.Version.Value, ct);
        switch (decision)
        {
            case Decision.Allowed:
                TempData["Saved"] = "Lifted: brokerage may place people with this service again";
                return RedirectToPage(new { id });
            case Decision.NotFound:
                return NotFound();
            default:
                AddErrors(decision, "Lift", "Reason");
                await LoadAsync(id, ct); // shows what someone else changed meanwhile
                return Page();
        }
    }

    /// <summary>Puts a refusal next to its field (a conflict next to the form's first field).</summary>
    private void AddErrors(Decision decision, string form, string first)
    {
        switch (decision)
        {
            case Decision.Invalid invalid:
                foreach (var e in invalid.Errors) ModelState.AddModelError($"{form}.{e.Field}", e.Message);
                break;
            case Decision.Refused refused:
                ModelState.AddModelError($"{form}.{(refused.Field == "" ? first : refused.Field)}", refused.Reason);
                break;
            case Decision.Conflict conflict:
                ModelState.AddModelError($"{form}.{first}", conflict.Reason);
                break;
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await register.GetServiceAsync(id, ct) is not { } detail) return false;
        Detail = detail;
        Patches = await register.AreasAsync(ct, AreaKind.HomecarePatch);
        // Partners see none (the query filter), providers those on their own services, without the reason.
        History = await restrictions.ListAsync(id, ct) ?? [];
        CanManageRestrictions = (await authorization.AuthorizeAsync(User, Policies.ManageRestrictions)).Succeeded;
        CanManageContracts = (await authorization.AuthorizeAsync(User, Policies.ManageContracts)).Succeeded;
        CanChangeRecord = CanManageContracts && Detail.Service.KeptByLocalAuthorityId is { } keeper && keeper == db.Council;
        // Council staff see only their own council's (query filter); a provider may see several councils'.
        Current = db.ActorProviderId is not null ? null : History.FirstOrDefault(r => r.LiftedAt is null);
        return true;
    }

    private void PrefillContract()
    {
        if (Detail.Contracts.FirstOrDefault() is { } c && Input.ContractId is null)
        {
            Input = new ContractInput { ContractId = c.Id, Version = c.Version, Arrangement = c.Arrangement, Reference = c.Reference, StartsOn = c.StartsOn, EndsOn = c.EndsOn };
        }
    }
}
