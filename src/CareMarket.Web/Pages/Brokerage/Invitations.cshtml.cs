using CareMarket.Web.Govuk;
using CareMarket.Capacity;
using CareMarket.Brokerage;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Pages.Brokerage;

/// <summary>
/// A provider's open requests for care: the requirement only (postcode district, needs, hours, start, closing time),
/// never the person; with an offer form for each request and service (CareRequests.OfferAsync).
/// </summary>
public class InvitationsModel(CareMarketDb db) : PageModel
{
    public sealed record Row(int RequestId, int ServiceId, string Service, ServiceType ServiceType, Specialism Specialisms, BedCategory? BedCategory,
        decimal? HoursPerWeek, string TimeBands, string? PostcodeDistrict, DateOnly WantedStart, Priority Priority, DateTime? OffersCloseAt,
        decimal? OfferedPrice);

    public List<Row> Rows { get; private set; } = [];

    [BindProperty] public int? RequestId { get; set; }
    [BindProperty] public int? ServiceId { get; set; }
    [BindProperty] public string? WeeklyPrice { get; set; }
    [BindProperty] public DateParts StartDate { get; set; } = new();
    [BindProperty] public string? Description { get; set; }

    public static string Key(int requestId, int serviceId, string field) => $"{field}-{requestId}-{serviceId}";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (RequestId is not { } requestId || ServiceId is not { } serviceId || db.ActorProviderId is null)
        {
            ModelState.AddModelError("Offer", "Choose a request to offer for");
            await LoadAsync(ct);
            return Page();
        }
        decimal? price = decimal.TryParse(WeeklyPrice?.Trim().TrimStart('£').Replace(",", ""), out var p) ? p : null;
        if (price is null) ModelState.AddModelError(Key(requestId, serviceId, "WeeklyPrice"), string.IsNullOrWhiteSpace(WeeklyPrice) ? "Enter the weekly price" : "The weekly price must be an amount, like 950 or 1,025.50");
        if (StartDate.Value is null) ModelState.AddModelError(Key(requestId, serviceId, "StartDate"), StartDate.IsBlank ? "Enter the date you could start" : "The start date must be a real date, like 27 3 2026");
        if (ModelState.IsValid)
        {
            var (decision, _) = await new CareRequests(db).OfferAsync(requestId, serviceId, price!.Value, StartDate.Value!.Value, Description, ct);
            switch (decision)
            {
                case Decision.Allowed:
                    TempData["Done"] = "Offer sent. The council will tell you if it is chosen.";
                    return RedirectToPage();
                case Decision.NotFound:
                    return NotFound();
                case Decision.Invalid invalid:
                    foreach (var e in invalid.Errors)
                        ModelState.AddModelError(Key(requestId, serviceId, e.Field switch { "weeklyPrice" => "WeeklyPrice", "startDate" => "StartDate", _ => "Description" }), e.Message);
                    break;
                case Decision.Refused r:
                    ModelState.AddModelError(Key(requestId, serviceId, "WeeklyPrice"), r.Reason);
                    break;
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (db.ActorProviderId is not { } provider) return;
        var now = db.Now;
        Rows = await db.Invitations.AsNoTracking().Where(i => i.ProviderId == provider)
            .Join(db.CareRequests.Where(r => r.Status == RequestStatus.SentToProviders && (r.OffersCloseAt == null || r.OffersCloseAt > now)),
                i => i.CareRequestId, r => r.Id, (i, r) => new { i, r })
            .OrderBy(x => x.r.OffersCloseAt).ThenBy(x => x.r.Id)
            .Select(x => new Row(x.r.Id, x.i.ServiceId, db.Services.Where(s => s.Id == x.i.ServiceId).Select(s => s.Name).First(), x.r.ServiceType,
                x.r.Specialisms, x.r.BedCategory, x.r.HoursPerWeek, x.r.TimeBands, x.r.PostcodeDistrict, x.r.WantedStart, x.r.Priority, x.r.OffersCloseAt,
                db.Offers.Where(o => o.CareRequestId == x.r.Id && o.ServiceId == x.i.ServiceId).Select(o => (decimal?)o.WeeklyPrice).FirstOrDefault()))
            .Take(200).ToListAsync(ct);
    }
}
