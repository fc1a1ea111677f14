using CareMarket.Capacity.Brokerage;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Pages.Brokerage;

/// <summary>The council's queue of care requests not yet sourced, oldest first, each against its sourcing target.</summary>
public class IndexModel(CareMarketDb db) : PageModel
{
    public sealed record Row(int Id, string Reference, ServiceType ServiceType, Priority Priority, RequestStatus Status, DateTime CreatedAt,
        int Invited, int Offers, double WorkingDaysWaiting, int TargetWorkingDays, bool Breached, InterimArrangement Interim);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await db.CareRequests.AsNoTracking()
            .Where(r => r.Status == RequestStatus.Open || r.Status == RequestStatus.SentToProviders || r.Status == RequestStatus.OnHold)
            .OrderBy(r => r.CreatedAt).Take(500)
            .Select(r => new
            {
                r.Id, r.Person!.Reference, r.ServiceType, r.Priority, r.Status, r.CreatedAt, r.Interim,
                Invited = db.Invitations.Count(i => i.CareRequestId == r.Id), Offers = db.Offers.Count(o => o.CareRequestId == r.Id),
            }).ToListAsync(ct);
        var settings = TimescaleSettings.Example;
        Rows = rows.Select(r =>
        {
            var target = settings.TargetFor(r.ServiceType, r.Priority);
            var waited = Timescales.WorkingDaysElapsed(r.CreatedAt, [], db.Now, BankHolidays.EnglandAndWales);
            return new Row(r.Id, r.Reference, r.ServiceType, r.Priority, r.Status, r.CreatedAt, r.Invited, r.Offers, Math.Round(waited, 1), target, waited > target, r.Interim);
        }).ToList();
    }
}
