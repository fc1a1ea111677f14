using CareMarket.Brokerage;
using CareMarket.Data;
using CareMarket.Web.Govuk;
using CareMarket.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Brokerage;

/// <summary>
/// A provider's open requests for care: the requirement only (postcode district, needs, hours, start, closing time),
/// never the person; with an offer form for each request and service (CareRequests.OfferAsync).
/// </summary>
public class InvitationsModel(CareMarketDb db, CareRequests requests, CareRequestViews views) : PageModel
{
    public List<InvitationRow> Rows { get; private set; } = [];

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
            var decision = await requests.OfferAsync(requestId, serviceId, price!.Value, StartDate.Value!.Value, Description, ct);
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
                default:
                    ModelState.AddTo(decision, _ => Key(requestId, serviceId, "WeeklyPrice"));
                    break;
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) => Rows = await views.InvitationsAsync(ct);
}
