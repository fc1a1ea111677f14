using CareMarket.Brokerage;
using CareMarket.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Brokerage;

/// <summary>The figures CQC asks of brokerage: sourced within timescale, waits for lack of capacity, fairness.</summary>
public class ReportsModel(CareMarketDb db, BrokerageReports reports) : PageModel
{
    public BrokerageReport Report { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var period = ReportPeriod.Of(db.Today)!;
        Report = await reports.ForPeriodAsync(period.From, period.To, ct);
    }

    public static string Percent(double? value) => value is { } v ? $"{v:0.0}%" : "–";
    public static string Export(string table, string format) => $"/api/v1/brokerage/reports/export?table={table}&format={format}";
    public static string Days(double? value) => value is { } v ? $"{v:0.0}" : "–";
}
