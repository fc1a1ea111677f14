using CareMarket.Data;
using CareMarket.Register;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Register;

public class ServiceModel(RegisterQueries register, Contracts contracts) : PageModel
{
    public ServiceDetail Detail { get; private set; } = null!;
    public List<Area> Patches { get; private set; } = [];

    [BindProperty]
    public ContractInput Input { get; set; } = new();

    public bool CanManageContracts => User.IsInRole(Roles.Commissioner) || User.IsInRole(Roles.Administrator);

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

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await register.GetServiceAsync(id, ct) is not { } detail) return NotFound();
        Detail = detail;
        if (detail.Contracts.FirstOrDefault() is { } c)
        {
            Input = new ContractInput { ContractId = c.Id, Version = c.Version, Arrangement = c.Arrangement, Reference = c.Reference, StartsOn = c.StartsOn, EndsOn = c.EndsOn };
        }
        await LoadPatchesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostContractAsync(int id, CancellationToken ct)
    {
        if (!CanManageContracts) return Forbid();
        if (await register.GetServiceAsync(id, ct) is not { } detail) return NotFound();
        Detail = detail;
        await LoadPatchesAsync(ct);
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

    private async Task LoadPatchesAsync(CancellationToken ct) => Patches = await register.AreasAsync(ct, AreaKind.HomecarePatch);
}
