using CareMarket.Capacity;
using CareMarket.Register;
using CareMarket.Web.Http;

namespace CareMarket.Web.Pages.Capacity;

/// <summary>The capacity overview's tables, the same on screen, in CSV and in XLSX; and the bulk upload template.</summary>
public static class CapacityExport
{
    public static readonly string[] Tables = ["services", "categories", "areas", "specialisms", "patches", "occupancy", "trend"];

    public static ExportTable? Table(CapacityPicture p, string table) => table.ToLowerInvariant() switch
    {
        "services" => new("capacity-services",
            ["Service", "Provider", "Service type", "Area", "Reported", "Status", "Accepting admissions", "Maximum capacity", "Occupied", "Vacant reserved", "Vacant accepting admissions", "Occupancy", "Hours available a week", "Earliest start"],
            Rows(p.Services.Select(s => new object?[]
            {
                s.Name, s.Provider, RegisterWords.Of(s.ServiceType), s.Area, s.ReportedAt, CapacityWords.Of(s.Freshness),
                s.AcceptingAdmissions is { } a ? (a ? "Yes" : "No") : null,
                s.Kind == CapacityKind.Beds ? s.MaxCapacity : null, s.Kind == CapacityKind.Beds ? s.Occupied : null,
                s.Kind == CapacityKind.Beds ? s.VacantReserved : null, s.Kind == CapacityKind.Beds ? s.VacantAccepting : null,
                Percent(s.Occupancy), s.HoursAvailable, s.EarliestStart,
            }))),
        "categories" => Totals("capacity-bed-categories", "Bed category", p.Categories),
        "specialisms" => Totals("capacity-specialisms", "Specialism", p.Specialisms),
        "occupancy" => Totals("capacity-occupancy", "Service type", p.Occupancy),
        "areas" => new("capacity-areas", ["Area", .. Enum.GetValues<BedCategory>().Select(CapacityWords.Of), "All beds"],
            Rows(p.Areas.Select(a => new object?[] { a.Area }.Concat(Enum.GetValues<BedCategory>().Select(c => (object?)a.Accepting[c])).Append(a.Total).ToArray()))),
        "patches" => new("capacity-homecare-hours", ["Patch", .. Enum.GetValues<TimeBand>().Select(CapacityWords.Of), "All hours", "Services reporting"],
            Rows(p.Patches.Select(x => new object?[] { x.Patch }.Concat(Enum.GetValues<TimeBand>().Select(b => (object?)x.Hours[b])).Append(x.Total).Append(x.Services).ToArray()))),
        "trend" => new("capacity-occupancy-trend", ["Week ending", "Service type", "Occupancy", "Homes reporting"],
            Rows(p.Trend.Select(t => new object?[] { t.Week, RegisterWords.Of(t.ServiceType), Percent(t.Occupancy), t.Services }))),
        _ => null,
    };

    private static ExportTable Totals(string name, string label, IEnumerable<BedTotal> totals) =>
        new(name, [label, "Homes", "Maximum capacity", "Occupied", "Vacant reserved", "Vacant accepting admissions", "Occupancy"],
            Rows(totals.Select(t => new object?[] { t.Label, t.Services, t.MaxCapacity, t.Occupied, t.VacantReserved, t.VacantAccepting, Percent(t.Occupancy) })));

    public static string? Percent(double? share) => share is { } s ? $"{s * 100:0.0}%" : null;

    /// <summary>The upload template: one row per bed category or patch and time band, with the last figures filled in.</summary>
    public static async Task<ExportTable> TemplateAsync(CapacityReports reports, IReadOnlyDictionary<int, string> patchNames, CancellationToken ct)
    {
        var rows = new List<object?[]>();
        foreach (var x in await reports.MyServicesAsync(ct))
        {
            var id = x.Service.CqcLocationId;
            if (id is null) continue;
            if (x.Kind == CapacityKind.Beds)
            {
                var beds = x.Latest?.Beds.OrderBy(b => b.Category).ToList() is { Count: > 0 } known ? known
                    : [new BedLine { Category = x.Service.ServiceType == ServiceType.CareHomeWithNursing ? BedCategory.Nursing : BedCategory.Residential, MaxCapacity = x.Service.RegisteredBeds ?? 0 }];
                foreach (var b in beds)
                {
                    rows.Add([id, x.Service.Name, CapacityWords.Of(b.Category), b.MaxCapacity, b.Occupied, b.VacantReserved, b.VacantAccepting,
                        x.Latest?.AcceptingAdmissions is false ? "N" : "Y", x.Latest?.NotAcceptingReason, null, null, null, null, null, null]);
                }
            }
            else
            {
                foreach (var h in x.Latest?.Hours.OrderBy(h => h.AreaId).ThenBy(h => h.TimeBand).ToList() ?? [])
                {
                    rows.Add([id, x.Service.Name, null, null, null, null, null, null, null, patchNames.GetValueOrDefault(h.AreaId), h.TimeBand.ToString(), h.HoursAvailable,
                        x.Latest!.PeopleSupported, x.Latest.HoursDeliveredPerWeek, null]);
                }
            }
        }
        return new ExportTable("capacity-return-template", CapacityFiles.UploadHeadings, Rows(rows));
    }

    private static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(IEnumerable<object?[]> rows)
    {
        foreach (var r in rows) yield return r;
        await Task.CompletedTask;
    }
}
