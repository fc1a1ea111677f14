using CareMarket.Brokerage;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Register;
using CareMarket.Web.Govuk;
using CareMarket.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Pages.Brokerage;

/// <summary>A broker creates a care request (CareRequests.CreateAsync); its errors are shown by field.</summary>
public class CreateModel(CareMarketDb db, CareRequests requests) : PageModel
{
    public static readonly ServiceType[] Types =
        [ServiceType.CareHomeWithoutNursing, ServiceType.CareHomeWithNursing, ServiceType.Homecare, ServiceType.SupportedLiving, ServiceType.ExtraCareHousing, ServiceType.Reablement];

    public List<Area> Areas { get; private set; } = [];

    [BindProperty] public CreateInput Input { get; set; } = new();

    public sealed class CreateInput
    {
        public string? PersonReference { get; set; }
        public AgeBand? AgeBand { get; set; }
        public SupportReason? SupportReason { get; set; }
        public int? HomeAreaId { get; set; }
        public string? Postcode { get; set; }
        public ServiceType? ServiceType { get; set; }
        public BedCategory? BedCategory { get; set; }
        public string? HoursPerWeek { get; set; }
        public List<TimeBand> TimeBands { get; set; } = [];
        public List<Specialism> Specialisms { get; set; } = [];
        public int? PreferredAreaId { get; set; }
        public string? MaxDistanceKm { get; set; }
        public DateParts WantedStart { get; set; } = new();
        public Priority? Priority { get; set; }
        public string? Preferences { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        // Whatever did not bind (a tampered select), say so plainly rather than in the binder's words.
        foreach (var (key, entry) in ModelState.Where(e => e.Value is { Errors.Count: > 0 }).ToList())
        {
            entry!.Errors.Clear();
            ModelState.AddModelError(key, "Choose one of the options");
        }
        decimal? hours = null;
        if (!string.IsNullOrWhiteSpace(Input.HoursPerWeek))
        {
            if (decimal.TryParse(Input.HoursPerWeek.Trim(), out var h)) hours = h;
            else ModelState.AddModelError("Input.HoursPerWeek", "Hours a week must be a number, like 14 or 10.5");
        }
        double? distance = null;
        if (!string.IsNullOrWhiteSpace(Input.MaxDistanceKm))
        {
            if (double.TryParse(Input.MaxDistanceKm.Trim(), out var d)) distance = d;
            else ModelState.AddModelError("Input.MaxDistanceKm", "The distance limit must be a number of kilometres, like 10");
        }
        if (string.IsNullOrWhiteSpace(Input.PersonReference)) ModelState.AddModelError("Input.PersonReference", "Enter the person's reference");
        if (Input.ServiceType is null) ModelState.AddModelError("Input.ServiceType", "Choose the kind of service needed");
        if (Input.AgeBand is null) ModelState.AddModelError("Input.AgeBand", "Choose the person's age band");
        if (Input.SupportReason is null) ModelState.AddModelError("Input.SupportReason", "Choose the person's primary support reason");
        if (Input.Priority is null) ModelState.AddModelError("Input.Priority", "Choose the priority");
        if (Input.WantedStart.Value is null)
            ModelState.AddModelError("Input.WantedStart", Input.WantedStart.IsBlank ? "Enter when care should start" : "The wanted start must be a real date, like 27 3 2026");
        if (!ModelState.IsValid) return Page();

        var decision = await requests.CreateAsync(new NewCareRequest
        {
            PersonReference = Input.PersonReference ?? "", AgeBand = Input.AgeBand!.Value, SupportReason = Input.SupportReason!.Value,
            HomeAreaId = Input.HomeAreaId, Postcode = Input.Postcode, ServiceType = Input.ServiceType!.Value,
            Specialisms = Input.Specialisms.Aggregate(Specialism.None, (a, s) => a | s), BedCategory = Input.BedCategory,
            HoursPerWeek = hours, TimeBands = Input.TimeBands, PreferredAreaId = Input.PreferredAreaId, MaxDistanceKm = distance,
            WantedStart = Input.WantedStart.Value!.Value, Priority = Input.Priority!.Value, Preferences = Input.Preferences,
        }, ct);
        if (decision is Decision.Created<int> { Value: var id })
        {
            TempData["Done"] = "Care request created. Choose the services to send it to.";
            return Redirect($"/brokerage/requests/{id}");
        }
        if (decision is Decision.Forbidden) return Forbid();
        ModelState.AddTo(decision, field => field.Length == 0 ? "Input" : "Input." + field);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Areas = await db.Areas.AsNoTracking().Where(a => a.LocalAuthorityId == db.Council && a.Kind == AreaKind.Locality)
            .OrderBy(a => a.Name).ToListAsync(ct);
    }

    public string? ErrorClass(string key, string css = "govuk-input--error") => ModelState[key]?.Errors.Count > 0 ? css : null;
    public string? Group(string key) => ModelState[key]?.Errors.Count > 0 ? "govuk-form-group--error" : null;
}
