using CareMarket.Files;
using CareMarket.Register;
using CareMarket.Web.Govuk;
using CareMarket.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Pages.Register;

/// <summary>
/// A council adds, changes or closes a service CQC does not register, or uploads a CSV of them (LocalServices).
/// Only the council that keeps the record may change it; the page policy (ManageContracts) is in RegisterWeb.
/// </summary>
public class LocalServiceModel(Data.CareMarketDb db, LocalServices local) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public ServiceInput Input { get; set; } = new();
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public DateParts ClosedOn { get; set; } = new();

    public Service? Existing { get; private set; }

    public sealed class ServiceInput
    {
        public int? Version { get; set; }
        public string? Name { get; set; }
        public string? ProviderName { get; set; }
        public ServiceType? ServiceType { get; set; }
        public List<Specialism> Specialisms { get; set; } = [];
        public string? Street { get; set; }
        public string? City { get; set; }
        public string? Postcode { get; set; }
        public string? RegisteredBeds { get; set; }
        public string? Phone { get; set; }
        public string? Website { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is null) return Page();
        if (await LoadAsync(ct) is { } refused) return refused;
        var s = Existing!;
        Input = new ServiceInput
        {
            Version = s.Version, Name = s.Name, ProviderName = s.Provider!.Name, ServiceType = s.ServiceType,
            Specialisms = [.. RegisterWords.Each(s.Specialisms)], Street = s.Street, City = s.City, Postcode = s.Postcode,
            RegisteredBeds = s.RegisteredBeds?.ToString(), Phone = s.Phone, Website = s.Website,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Id is not null && await LoadAsync(ct) is { } refused) return refused;
        ClearBinderErrors();
        int? beds = null;
        if (!string.IsNullOrWhiteSpace(Input.RegisteredBeds))
        {
            if (int.TryParse(Input.RegisteredBeds.Trim(), out var b)) beds = b;
            else ModelState.AddModelError("Input.RegisteredBeds", "Beds must be a whole number, like 24");
        }
        if (!ModelState.IsValid) return Page();
        var input = new LocalServiceInput
        {
            Name = Input.Name, ProviderName = Input.ProviderName, ServiceType = Input.ServiceType,
            Specialisms = Input.Specialisms.Aggregate(Specialism.None, (a, s) => a | s), Street = Input.Street, City = Input.City,
            Postcode = Input.Postcode, RegisteredBeds = beds, Phone = Input.Phone, Website = Input.Website,
        };
        var decision = Id is { } id ? await local.UpdateAsync(id, input, Input.Version, ct) : await local.AddAsync(input, ct);
        switch (decision)
        {
            case Decision.Created<int> { Value: var created }:
                TempData["Saved"] = "Service added to the register.";
                return Redirect($"/register/services/{created}");
            case Decision.Allowed:
                TempData["Saved"] = "Service changed.";
                return Redirect($"/register/services/{Id}");
            case Decision.Forbidden:
                return Forbid();
            case Decision.NotFound:
                return NotFound();
        }
        ModelState.AddTo(decision, field => field.Length == 0 ? "Input" : "Input." + field);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Choose a CSV file of your services");
            return Page();
        }
        try
        {
            await using var stream = Upload.OpenReadStream();
            var decision = await local.ImportAsync(stream, Path.GetFileName(Upload.FileName), ct);
            if (decision is Decision.Forbidden) return Forbid();
            if (decision is Decision.Created<ImportedServices> { Value: var done })
            {
                TempData["Done"] = $"{Path.GetFileName(Upload.FileName)}: {done.Added} services added, {done.Updated} updated.";
                return Redirect("/register?scope=OurArea");
            }
            ModelState.AddTo(decision, _ => nameof(Upload));
        }
        catch (ImportFileException e)
        {
            ModelState.AddModelError(nameof(Upload), e.Message);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        if (Id is null) return NotFound();
        if (await LoadAsync(ct) is { } refused) return refused;
        ModelState.Clear();
        if (ClosedOn.Value is not { } on)
        {
            ModelState.AddModelError(nameof(ClosedOn), ClosedOn.IsBlank ? "Enter the date the service closed" : "The date it closed must be a real date, like 27 3 2026");
            return Page();
        }
        var decision = await local.CloseAsync(Id.Value, on, Input.Version, ct);
        if (decision is Decision.Allowed)
        {
            TempData["Saved"] = "The service is recorded as closed.";
            return Redirect($"/register/services/{Id}");
        }
        if (decision is Decision.Forbidden) return Forbid();
        ModelState.AddTo(decision, _ => nameof(ClosedOn));
        return Page();
    }

    /// <summary>The service to change: kept by this council, or the page refuses.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        Existing = await db.Services.AsNoTracking().Include(s => s.Provider).FirstOrDefaultAsync(s => s.Id == Id, ct);
        if (Existing is null) return NotFound();
        return Existing.KeptByLocalAuthorityId == db.Council ? null : Forbid();
    }

    // Whatever did not bind (a tampered select), say so plainly rather than in the binder's words.
    private void ClearBinderErrors()
    {
        foreach (var (key, entry) in ModelState.Where(e => e.Value is { Errors.Count: > 0 }).ToList())
        {
            entry!.Errors.Clear();
            ModelState.AddModelError(key, "Choose one of the options");
        }
    }

    public string? ErrorClass(string key, string css = "govuk-input--error") => ModelState[key]?.Errors.Count > 0 ? css : null;
    public string? Group(string key) => ModelState[key]?.Errors.Count > 0 ? "govuk-form-group--error" : null;
}
