using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Pages.Capacity.Provider;

public class ReportModel(CapacityReports reports, CareMarketDb db) : PageModel
{
    public Service Service { get; private set; } = null!;
    public CapacityKind Kind { get; private set; }
    public List<Area> Patches { get; private set; } = [];

    [BindProperty] public ReportInput Input { get; set; } = new();

    public sealed class BedInput
    {
        public int? MaxCapacity { get; set; }
        public int? Occupied { get; set; }
        public int? VacantReserved { get; set; }
        public int? VacantAccepting { get; set; }
        public bool IsBlank => MaxCapacity is null && Occupied is null && VacantReserved is null && VacantAccepting is null;
    }

    public sealed class ReportInput
    {
        public Dictionary<BedCategory, BedInput> Beds { get; set; } = [];
        public string? AcceptingAdmissions { get; set; }
        public string? NotAcceptingReason { get; set; }
        /// <summary>Hours available, keyed "patchId-TimeBand".</summary>
        public Dictionary<string, decimal?> Hours { get; set; } = [];
        public int? PeopleSupported { get; set; }
        public decimal? HoursDeliveredPerWeek { get; set; }
        public DateOnly? EarliestStart { get; set; }
        public int? Nurses { get; set; }
        public int? CareStaff { get; set; }
        public int? OtherStaff { get; set; }
        public int? AgencyStaff { get; set; }
        public int? BankStaff { get; set; }
        public int? StaffAbsent { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        // Start from the last return, so a provider changes only what changed.
        var last = (await reports.HistoryAsync(id, 1, ct))?.FirstOrDefault();
        if (last is not null)
        {
            foreach (var b in last.Beds)
                Input.Beds[b.Category] = new BedInput { MaxCapacity = b.MaxCapacity, Occupied = b.Occupied, VacantReserved = b.VacantReserved, VacantAccepting = b.VacantAccepting };
            foreach (var h in last.Hours) Input.Hours[$"{h.AreaId}-{h.TimeBand}"] = h.HoursAvailable;
            Input.AcceptingAdmissions = last.AcceptingAdmissions switch { true => "yes", false => "no", _ => null };
            Input.NotAcceptingReason = last.NotAcceptingReason;
            Input.PeopleSupported = last.PeopleSupported;
            Input.HoursDeliveredPerWeek = last.HoursDeliveredPerWeek;
            Input.Nurses = last.Nurses; Input.CareStaff = last.CareStaff; Input.OtherStaff = last.OtherStaff;
            Input.AgencyStaff = last.AgencyStaff; Input.BankStaff = last.BankStaff; Input.StaffAbsent = last.StaffAbsent;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        // Numbers that do not parse: say so in plain words.
        foreach (var (key, entry) in ModelState.Where(e => e.Value is { Errors.Count: > 0 }).ToList())
        {
            entry!.Errors.Clear();
            ModelState.AddModelError(key, $"Enter a number for {Label(key)}");
        }
        if (!ModelState.IsValid) return Page();
        if (Kind == CapacityKind.Beds && Input.AcceptingAdmissions is null)
        {
            ModelState.AddModelError("Input.AcceptingAdmissions", "Select whether the home is accepting new admissions");
            return Page();
        }

        var beds = Input.Beds.Where(b => !b.Value.IsBlank)
            .Select(b => new BedReport(b.Key, b.Value.MaxCapacity ?? 0, b.Value.Occupied ?? 0, b.Value.VacantReserved ?? 0, b.Value.VacantAccepting ?? 0))
            .ToList();
        var hours = new List<HoursReport>();
        foreach (var (key, value) in Input.Hours)
        {
            var parts = key.Split('-');
            if (value is null || parts.Length != 2 || !int.TryParse(parts[0], out var area) || !Enum.TryParse<TimeBand>(parts[1], out var band)) continue;
            hours.Add(new HoursReport(area, band, value.Value));
        }
        var decision = await reports.ReportAsync(new CapacityReport
        {
            ServiceId = id,
            AcceptingAdmissions = Kind == CapacityKind.Beds ? Input.AcceptingAdmissions == "yes" : null,
            NotAcceptingReason = Input.NotAcceptingReason,
            Beds = beds,
            Hours = hours,
            PeopleSupported = Input.PeopleSupported,
            HoursDeliveredPerWeek = Input.HoursDeliveredPerWeek,
            EarliestStart = Input.EarliestStart,
            Nurses = Input.Nurses, CareStaff = Input.CareStaff, OtherStaff = Input.OtherStaff,
            AgencyStaff = Input.AgencyStaff, BankStaff = Input.BankStaff, StaffAbsent = Input.StaffAbsent,
        }, CapacitySource.Provider, ct);
        switch (decision)
        {
            case Decision.NotFound:
                return NotFound();
            case Decision.Invalid invalid:
                foreach (var e in invalid.Errors) ModelState.AddModelError(FieldKey(e.Field), e.Message);
                return Page();
        }
        TempData["Done"] = $"Capacity of {Service.Name} reported. Brokers can see it now.";
        return RedirectToPage("/Capacity/Provider/Index");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var service = await reports.Visible().AsNoTracking().Include(s => s.HostLocalAuthority)
            .FirstOrDefaultAsync(s => s.Id == id && s.Status == ServiceStatus.Active, ct);
        if (service is null || CapacityReports.KindOf(service) == CapacityKind.None) return false;
        Service = service;
        Kind = CapacityReports.KindOf(service);
        Patches = await db.Areas.AsNoTracking()
            .Where(a => a.Kind == AreaKind.HomecarePatch && a.LocalAuthorityId == service.HostLocalAuthorityId)
            .OrderBy(a => a.Name).ToListAsync(ct);
        return true;
    }

    /// <summary>The form field a rule's error belongs to ("Beds[Nursing].Occupied" → "Input.Beds[Nursing].Occupied").</summary>
    public static string FieldKey(string field) => field switch
    {
        "Hours" or "Beds" or "ServiceId" => "Input",
        _ => "Input." + field,
    };

    public static string Label(string key) => key.Split('.').Last() switch
    {
        "MaxCapacity" => "maximum capacity",
        "Occupied" => "occupied beds",
        "VacantReserved" => "reserved vacant beds",
        "VacantAccepting" => "vacant beds accepting admissions",
        "PeopleSupported" => "people supported",
        "HoursDeliveredPerWeek" => "hours delivered a week",
        "EarliestStart" => "the earliest start date (a real date)",
        "Nurses" => "nurses employed",
        "CareStaff" => "care staff employed",
        "OtherStaff" => "other staff employed",
        "AgencyStaff" => "agency staff",
        "BankStaff" => "bank staff",
        "StaffAbsent" => "staff absent",
        var k when k.StartsWith("Hours[") => "hours available",
        var k => k.ToLowerInvariant(),
    };

    public string? ErrorClass(string key) => ModelState[key]?.Errors.Count > 0 ? "govuk-input--error" : null;
}
