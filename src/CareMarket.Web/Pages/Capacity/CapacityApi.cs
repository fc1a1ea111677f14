using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Register;
using CareMarket.Web.Http;
using CareMarket.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Pages.Capacity;

/// <summary>/api/v1/capacity: providers report vacancies and hours; the council reads its capacity picture.</summary>
public static class CapacityApi
{
    public static IEndpointRouteBuilder MapCapacityApi(this IEndpointRouteBuilder routes)
    {
        var capacity = routes.MapGroup("/capacity").WithTags("Capacity");
        capacity.MapGet("/overview", GetOverview).WithName("GetCapacityOverview").RequireAuthorization(Policies.ReadCapacity)
            .WithSummary("The council's capacity now (or as at a moment): vacancies by bed category, area and specialism, homecare hours by patch and time band, occupancy and its trend, services not reporting");
        capacity.MapGet("/overview/export", ExportOverview).WithName("ExportCapacityOverview").RequireAuthorization(Policies.ReadCapacity)
            .WithSummary("One table of the capacity overview (table=services|categories|areas|specialisms|patches|occupancy|trend) as CSV or XLSX");
        capacity.MapGet("/services/{id:int}/returns", GetReturns).WithName("GetCapacityReturns").RequireAuthorization(Policies.ReadRegister)
            .WithSummary("A service's capacity returns, newest first (a provider: its own services only)");
        capacity.MapGet("/patches", GetPatches).WithName("ListHomecarePatches").RequireAuthorization(Policies.ReadRegister)
            .WithSummary("The council's homecare patches, whose ids a homecare return's hours refer to");
        capacity.MapPut("/services/{id:int}", PutReturn).WithName("ReportCapacity").RequireAuthorization(Policies.ReportCapacity)
            .WithSummary("Report a service's capacity now: beds by category (care homes) or hours by patch and time band (homecare), and staffing. Every report is kept.");
        capacity.MapPost("/returns/upload", Upload).WithName("UploadCapacityReturns").RequireAuthorization(Policies.ReportCapacity).DisableAntiforgery()
            .WithSummary("Report many services at once from a CSV (see the template); all or nothing, with every wrong row listed");
        capacity.MapGet("/returns/template", Template).WithName("CapacityReturnsTemplate").RequireAuthorization(Policies.ReportCapacity)
            .WithSummary("The CSV template for the bulk upload, with the provider's services filled in");
        capacity.MapPost("/capacity-tracker", ImportCapacityTracker).WithName("ImportCapacityTracker").RequireAuthorization(Policies.ImportCapacity).DisableAntiforgery()
            .WithSummary("Import an NHS Capacity Tracker extract (CSV: CQC location ID, date, maximum capacity, occupied, vacant reserved, vacant accepting admissions); homes not in the register are listed");
        return routes;
    }

    public static async Task<Ok<CapacityPicture>> GetOverview(CapacityOverview overview, DateTime? asAt, CancellationToken ct) =>
        TypedResults.Ok(await overview.ForCouncilAsync(asAt?.ToUniversalTime(), ct: ct));

    public static async Task<IResult> ExportOverview(CapacityOverview overview, string? table, string? format, DateTime? asAt, CancellationToken ct)
    {
        var picture = await overview.ForCouncilAsync(asAt?.ToUniversalTime(), ct: ct);
        return CapacityExport.Table(picture, table ?? "services") is { } export
            ? TableExport.Download(export, format ?? "csv")
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["table"] = ["Choose a table: " + string.Join(", ", CapacityExport.Tables)] });
    }

    public sealed record ReturnResponse(long Id, DateTime ReportedAt, string ReportedBy, string Source, bool? AcceptingAdmissions,
        string? NotAcceptingReason, IReadOnlyList<BedReport> Beds, int? PeopleSupported, decimal? HoursDeliveredPerWeek,
        decimal? HoursAvailablePerWeek, DateOnly? EarliestStart, IReadOnlyList<HoursReport> Hours, int? Nurses, int? CareStaff,
        int? OtherStaff, int? AgencyStaff, int? BankStaff, int? StaffAbsent, double? Occupancy)
    {
        public static ReturnResponse From(CapacityReturn r) => new(r.Id, r.ReportedAt, r.ReportedBy, r.Source.ToString(),
            r.AcceptingAdmissions, r.NotAcceptingReason,
            r.Beds.OrderBy(b => b.Category).Select(b => new BedReport(b.Category, b.MaxCapacity, b.Occupied, b.VacantReserved, b.VacantAccepting)).ToList(),
            r.PeopleSupported, r.HoursDeliveredPerWeek, r.HoursAvailablePerWeek, r.EarliestStart,
            r.Hours.OrderBy(h => h.AreaId).ThenBy(h => h.TimeBand).Select(h => new HoursReport(h.AreaId, h.TimeBand, h.HoursAvailable)).ToList(),
            r.Nurses, r.CareStaff, r.OtherStaff, r.AgencyStaff, r.BankStaff, r.StaffAbsent, CapacityRules.Occupancy(r.Beds));
    }

    public static async Task<Results<Ok<List<ReturnResponse>>, NotFound>> GetReturns(int id, CapacityReports reports, CancellationToken ct) =>
        await reports.HistoryAsync(id, ct: ct) is { } history
            ? TypedResults.Ok(history.Select(ReturnResponse.From).ToList())
            : TypedResults.NotFound();

    /// <summary>The body of a capacity report; the service is in the route.</summary>
    public sealed record ReportRequest(bool? AcceptingAdmissions, string? NotAcceptingReason, List<BedReport>? Beds,
        int? PeopleSupported, decimal? HoursDeliveredPerWeek, decimal? HoursAvailablePerWeek, DateOnly? EarliestStart,
        List<HoursReport>? Hours, int? Nurses, int? CareStaff, int? OtherStaff, int? AgencyStaff, int? BankStaff, int? StaffAbsent);

    public sealed record Patch(int Id, string Name, string PostcodeDistricts);

    public static async Task<Ok<List<Patch>>> GetPatches(CareMarketDb db, CancellationToken ct) =>
        TypedResults.Ok(await db.Areas.AsNoTracking()
            .Where(a => a.LocalAuthorityId == db.TenantId && a.Kind == AreaKind.HomecarePatch)
            .OrderBy(a => a.Name).Select(a => new Patch(a.Id, a.Name, a.PostcodeDistricts)).ToListAsync(ct));

    public sealed record Reported(long Id, string Location);

    public static async Task<Results<Created<Reported>, ProblemHttpResult, ValidationProblem>> PutReturn(int id, ReportRequest body,
        CapacityReports reports, CancellationToken ct)
    {
        var decision = await reports.ReportAsync(new CapacityReport
        {
            ServiceId = id, AcceptingAdmissions = body.AcceptingAdmissions, NotAcceptingReason = body.NotAcceptingReason,
            Beds = body.Beds ?? [], PeopleSupported = body.PeopleSupported, HoursDeliveredPerWeek = body.HoursDeliveredPerWeek,
            HoursAvailablePerWeek = body.HoursAvailablePerWeek, EarliestStart = body.EarliestStart, Hours = body.Hours ?? [],
            Nurses = body.Nurses, CareStaff = body.CareStaff, OtherStaff = body.OtherStaff, AgencyStaff = body.AgencyStaff,
            BankStaff = body.BankStaff, StaffAbsent = body.StaffAbsent,
        }, CapacitySource.Api, ct);
        return Decisions.Answer(decision, made => TypedResults.Created($"/api/v1/capacity/services/{id}/returns",
            new Reported(((Decision.Created<long>)made).Value, $"/api/v1/capacity/services/{id}/returns")));
    }

    public static async Task<Results<Ok<UploadResult>, BadRequest<UploadResult>, ValidationProblem>> Upload(IFormFile? file, CapacityFiles files, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Choose a CSV file to upload"] });
        await using var stream = file.OpenReadStream();
        var result = await files.UploadAsync(stream, Path.GetFileName(file.FileName), ct);
        return result.Succeeded ? TypedResults.Ok(result) : TypedResults.BadRequest(result);
    }

    public static async Task<IResult> Template(CapacityReports reports, CareMarketDb db, CancellationToken ct)
    {
        var patches = await db.Areas.AsNoTracking().Where(a => a.Kind == AreaKind.HomecarePatch).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return TableExport.Download(await CapacityExport.TemplateAsync(reports, patches, ct), "csv");
    }

    public static async Task<Results<Ok<UploadResult>, BadRequest<UploadResult>, ValidationProblem>> ImportCapacityTracker(IFormFile? file, CapacityFiles files, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Choose a Capacity Tracker extract (CSV) to import"] });
        await using var stream = file.OpenReadStream();
        var result = await files.ImportCapacityTrackerAsync(stream, Path.GetFileName(file.FileName), ct);
        return result.Succeeded ? TypedResults.Ok(result) : TypedResults.BadRequest(result);
    }

}
