using CareMarket.Admin;
using CareMarket.Brokerage;
using CareMarket.Data;
using CareMarket.Web.Govuk;
using CareMarket.Web.Http;
using CareMarket.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Pages.Brokerage;

/// <summary>
/// One care request: its summary, its sourcing clock and status history, the ranked matches with reasons (Matching),
/// sending it to services (CareRequests.SendAsync), its offers ranked with an award form for each
/// (CareRequests.AwardAsync); putting it on hold, resuming or cancelling it, and what the person has meanwhile.
/// Every change checks ManageRequests here, as the page itself is open to readers.
/// </summary>
public class RequestModel(CareMarketDb db, CareRequests requests, CareRequestViews views, Settings settings, IAuthorizationService authorization) : PageModel
{
    public CareRequest Care { get; private set; } = null!;
    public string PersonReference { get; private set; } = "";
    public MatchResult? Match { get; private set; }
    public HashSet<int> Invited { get; private set; } = [];
    public IReadOnlyList<OfferRow> Offers { get; private set; } = [];
    public string? HomeArea { get; private set; }
    public string? PreferredArea { get; private set; }
    public bool CanManage { get; private set; }
    public RequestStory Story { get; private set; } = null!;

    [BindProperty] public List<int> ServiceIds { get; set; } = [];
    [BindProperty] public DateParts OffersCloseAt { get; set; } = new();
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public int? OfferId { get; set; }
    [BindProperty] public string? ChoiceReason { get; set; }
    /// <summary>Why send to, or place with, a service rated Inadequate (only when the council's setting allows it).</summary>
    [BindProperty] public string? InadequateReason { get; set; }
    /// <summary>The council's setting: it places with services rated Inadequate when the broker gives a reason.</summary>
    public bool PlacesWithInadequate { get; private set; }
    [BindProperty] public HoldReason? HoldReason { get; set; }
    [BindProperty] public string? HoldDetails { get; set; }
    [BindProperty] public CancelReason? CancelReason { get; set; }
    [BindProperty] public string? CancelDetails { get; set; }
    [BindProperty] public InterimArrangement? Interim { get; set; }
    [BindProperty] public DateParts InterimSince { get; set; } = new();
    [BindProperty] public bool WaitingForCapacity { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        OffersCloseAt = DateParts.Of(db.Today.AddDays(2));
        ShowMeanwhile();
        return Page();
    }

    public Task<IActionResult> OnPostHoldAsync(int id, CancellationToken ct) => ChangeAsync(id, nameof(HoldReason), ct, () =>
    {
        if (HoldReason is null) ModelState.AddModelError(nameof(HoldReason), "Choose why the request is on hold");
        return HoldReason is { } reason
            ? requests.HoldAsync(id, reason, HoldDetails, Version!.Value, ct)
            : null;
    }, "The request is on hold: its clock is paused until you resume it.");

    public Task<IActionResult> OnPostResumeAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, "Resume", ct, () => requests.ResumeAsync(id, Version!.Value, ct), "The request is resumed: its clock is running again.");

    public Task<IActionResult> OnPostCancelAsync(int id, CancellationToken ct) => ChangeAsync(id, nameof(CancelReason), ct, () =>
    {
        if (CancelReason is null) ModelState.AddModelError(nameof(CancelReason), "Choose why the request is cancelled");
        return CancelReason is { } reason
            ? requests.CancelAsync(id, reason, CancelDetails, Version!.Value, ct)
            : null;
    }, "The request is cancelled.");

    public Task<IActionResult> OnPostInterimAsync(int id, CancellationToken ct) => ChangeAsync(id, nameof(Interim), ct, () =>
    {
        if (Interim is null) ModelState.AddModelError(nameof(Interim), "Choose what the person has meanwhile, or none");
        DateOnly? since = null;
        if (Interim is not (null or InterimArrangement.None) && !InterimSince.IsBlank && (since = InterimSince.Value) is null)
            ModelState.AddModelError(nameof(InterimSince), "The date the interim arrangement started must be a real date, like 27 3 2026");
        return Interim is { } interim && ModelState.IsValid
            ? requests.RecordInterimAsync(id, interim, since, WaitingForCapacity, Version!.Value, ct)
            : null;
    }, "Saved what the person has meanwhile.");

    /// <summary>
    /// A change to the request by a broker: found (another council's request is not), allowed (ManageRequests), the
    /// form's own checks, then the service's decision; done, or the page again with the reasons by their fields.
    /// </summary>
    private async Task<IActionResult> ChangeAsync(int id, string field, CancellationToken ct, Func<Task<Decision>?> change, string done)
    {
        if (!await db.CareRequests.AnyAsync(r => r.Id == id, ct)) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, Policies.ManageRequests)).Succeeded) return Forbid();
        var editingMeanwhile = field == nameof(Interim);
        ModelState.Clear();
        if (Version is null) ModelState.AddModelError(field, "The form is out of date: reload the page and try again");
        else if (change() is { } decided)
        {
            var decision = await decided;
            switch (decision)
            {
                case Decision.Allowed:
                    TempData["Done"] = done;
                    return Redirect($"/brokerage/requests/{id}");
                case Decision.NotFound:
                    return NotFound();
                default:
                    AddErrors(decision, field);
                    break;
            }
        }
        OffersCloseAt = DateParts.Of(db.Today.AddDays(2));
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!editingMeanwhile) ShowMeanwhile();
        return Page();
    }

    /// <summary>The meanwhile form shows what is recorded.</summary>
    private void ShowMeanwhile()
    {
        Interim = Care.Interim;
        InterimSince = DateParts.Of(Care.InterimSince);
        WaitingForCapacity = Care.WaitedForCapacity;
    }

    public async Task<IActionResult> OnPostSendAsync(int id, CancellationToken ct)
    {
        if (!await db.CareRequests.AnyAsync(r => r.Id == id, ct)) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, Policies.ManageRequests)).Succeeded) return Forbid();
        ModelState.Clear();
        var closes = OffersCloseAt.Value;
        if (closes is null) ModelState.AddModelError(nameof(OffersCloseAt), OffersCloseAt.IsBlank ? "Enter the date offers close" : "The closing date must be a real date, like 27 3 2026");
        if (Version is null) ModelState.AddModelError(nameof(ServiceIds), "The form is out of date: reload the page and try again");
        if (ModelState.IsValid)
        {
            var decision = await requests.SendAsync(id, ServiceIds.Distinct().ToList(), Formats.FivePm(closes!.Value), Version!.Value, InadequateReason, ct);
            switch (decision)
            {
                case Decision.Allowed:
                    TempData["Done"] = $"Request sent to {ServiceIds.Distinct().Count()} services. Their providers can offer until {Formats.Time(Formats.FivePm(closes.Value))}.";
                    return Redirect($"/brokerage/requests/{id}");
                case Decision.NotFound:
                    return NotFound();
                default:
                    AddErrors(decision, nameof(ServiceIds));
                    break;
            }
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAwardAsync(int id, CancellationToken ct)
    {
        if (!await db.CareRequests.AnyAsync(r => r.Id == id, ct)) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, Policies.ManageRequests)).Succeeded) return Forbid();
        ModelState.Clear();
        if (OfferId is null || Version is null) ModelState.AddModelError("Award", "Choose the offer to award");
        else
        {
            var decision = await requests.AwardAsync(id, OfferId.Value, ChoiceReason, Version.Value, InadequateReason, ct);
            switch (decision)
            {
                case Decision.Allowed:
                    TempData["Done"] = "Request awarded: the placement is made and the service's capacity taken.";
                    return Redirect($"/brokerage/requests/{id}");
                case Decision.NotFound:
                    return NotFound();
                default:
                    ModelState.AddTo(decision, f => f == InadequatePlacement.Field ? $"InadequateReason-{OfferId}" : $"ChoiceReason-{OfferId}");
                    break;
            }
        }
        OffersCloseAt = DateParts.Of(db.Today.AddDays(2));
        if (!await LoadAsync(id, ct)) return NotFound();
        return Page();
    }

    // The use case's fields that are on this form keep their names; the rest go to the form being sent.
    private void AddErrors(Decision decision, string field) => ModelState.AddTo(decision, f =>
        f is "ServiceIds" or "OffersCloseAt" or "HoldDetails" or "CancelDetails" or "InterimSince" or InadequatePlacement.Field ? f : field);

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await views.DetailAsync(id, ct) is not { } detail) return false;
        Care = detail.Request;
        PersonReference = detail.PersonReference;
        PreferredArea = detail.PreferredArea;
        Story = new RequestStory(detail.Clock, detail.History);
        Invited = detail.InvitedServiceIds.ToHashSet();
        Match = detail.Match;
        Offers = detail.Offers;
        CanManage = (await authorization.AuthorizeAsync(User, Policies.ManageRequests)).Succeeded;
        PlacesWithInadequate = (await settings.ForCouncilAsync(ct)).PlaceWithInadequateWithReason;
        return true;
    }
}
