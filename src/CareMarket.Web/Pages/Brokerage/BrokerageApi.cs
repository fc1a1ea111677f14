using CareMarket.Admin;
using CareMarket.Brokerage;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Register;
using CareMarket.Web.Http;
using CareMarket.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Pages.Brokerage;

/// <summary>/api/v1/brokerage: care requests, matching, offers (the DPS) and awards.</summary>
public static class BrokerageApi
{
    public static IEndpointRouteBuilder MapBrokerageApi(this IEndpointRouteBuilder routes)
    {
        var brokerage = routes.MapGroup("/brokerage").WithTags("Brokerage");
        brokerage.MapGet("/requests", ListRequests).WithName("ListCareRequests").RequireAuthorization(Policies.ReadRequests)
            .WithSummary("The council's care requests (default: not yet sourced), each with its timescale clock");
        brokerage.MapPost("/requests", CreateRequest).WithName("CreateCareRequest").RequireAuthorization(Policies.ManageRequests)
            .WithSummary("Create a care request for a person (pseudonymous reference; providers see only the postcode district and the needs)");
        brokerage.MapGet("/requests/{id:int}", GetRequest).WithName("GetCareRequest").RequireAuthorization(Policies.ReadRequests)
            .WithSummary("A care request with where it was sent and its offers, ranked by the council's weights");
        brokerage.MapGet("/requests/{id:int}/matches", GetMatches).WithName("MatchCareRequest").RequireAuthorization(Policies.ReadRequests)
            .WithSummary("Services that can meet the request, ranked with the reasons, and those that cannot, with why");
        brokerage.MapPost("/requests/{id:int}/send", SendRequest).WithName("SendCareRequest").RequireAuthorization(Policies.ManageRequests)
            .WithSummary("Send the request to services; their providers may offer until it closes");
        brokerage.MapPost("/requests/{id:int}/award", Award).WithName("AwardCareRequest").RequireAuthorization(Policies.ManageRequests)
            .WithSummary("Award the request to an offer: makes the placement and takes the bed or hours; refused if another award took them");
        brokerage.MapPost("/requests/{id:int}/hold", Hold).WithName("HoldCareRequest").RequireAuthorization(Policies.ManageRequests)
            .WithSummary("Put the request on hold with a reason (person in hospital, considering options, awaiting funding or an assessment review, other): its sourcing clock stops until it is resumed");
        brokerage.MapPost("/requests/{id:int}/resume", Resume).WithName("ResumeCareRequest").RequireAuthorization(Policies.ManageRequests)
            .WithSummary("Take the request off hold: its clock starts again and it is back where it was (open, or sent to providers)");
        brokerage.MapPost("/requests/{id:int}/cancel", Cancel).WithName("CancelCareRequest").RequireAuthorization(Policies.ManageRequests)
            .WithSummary("Cancel the request with a reason (no longer needed, person died, moved away, arranged own care, other)");
        brokerage.MapPost("/requests/{id:int}/interim", RecordInterim).WithName("RecordInterimArrangement").RequireAuthorization(Policies.ManageRequests)
            .WithSummary("Record what the person has meanwhile (an interim arrangement from a date) and whether they wait because no service has capacity");
        brokerage.MapGet("/requests/export", ExportQueue).WithName("ExportCareRequests").RequireAuthorization(Policies.ReadRequests)
            .WithSummary("The queue as CSV or XLSX (format=csv|xlsx; status=all|sourced, default not yet sourced)");
        brokerage.MapGet("/reports/export", ExportReports).WithName("ExportBrokerageReports").RequireAuthorization(Policies.ReadRequests)
            .WithSummary("One table of the reports as CSV or XLSX: table=" + string.Join("|", BrokerageExport.Tables) + ", format=csv|xlsx");
        brokerage.MapGet("/reports", GetReports).WithName("BrokerageReports").RequireAuthorization(Policies.ReadRequests)
            .WithSummary("Sourced within timescale by service type, month by month; times people waited for lack of capacity; average and median waits; share of awards and hours per provider with its concentration (HHI)");
        brokerage.MapGet("/invitations", ListInvitations).WithName("ListInvitations").RequireAuthorization(Policies.ReportCapacity)
            .WithSummary("A provider's open requests: the requirement only (postcode district, needs, hours), never the person");
        brokerage.MapPost("/requests/{id:int}/offers", MakeOffer).WithName("MakeOffer").RequireAuthorization(Policies.ReportCapacity)
            .WithSummary("A provider offers one of its services for a request it was sent");
        return routes;
    }

    public static async Task<Results<Ok<BrokerageReport>, ValidationProblem>> GetReports(CareMarketDb db, BrokerageReports reports, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (ReportPeriod.Of(db.Today, from, to) is not { } period) return BadPeriod();
        return TypedResults.Ok(await reports.ForPeriodAsync(period.From, period.To, ct));
    }

    public static async Task<IResult> ExportReports(CareMarketDb db, BrokerageReports reports, string? table, string? format, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (ReportPeriod.Of(db.Today, from, to) is not { } period) return BadPeriod();
        if (!BrokerageExport.Tables.Contains(table ?? "within"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["table"] = ["Choose a table: " + string.Join(", ", BrokerageExport.Tables)] });
        var report = await reports.ForPeriodAsync(period.From, period.To, ct);
        return TableExport.Download(BrokerageExport.Table(report, table ?? "within")!, format ?? "csv");
    }

    public static async Task<IResult> ExportQueue(CareRequests requests, string? status, string? format, CancellationToken ct) =>
        TableExport.Download(BrokerageExport.Queue(await requests.QueueAsync(status, ct)), format ?? "csv");

    private static ValidationProblem BadPeriod() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["Choose a period of up to three years, from before to"] });

    public static async Task<Ok<List<QueueRow>>> ListRequests(CareRequests requests, string? status, CancellationToken ct) =>
        TypedResults.Ok(await requests.QueueAsync(status, ct));

    public sealed record CreateRequestBody(string? PersonReference, AgeBand? AgeBand, SupportReason? SupportReason, int? HomeAreaId,
        string? Postcode, ServiceType? ServiceType, List<ServiceType>? AlsoAcceptable, Specialism? Specialisms, BedCategory? BedCategory,
        decimal? HoursPerWeek, List<TimeBand>? TimeBands, int? PreferredAreaId, double? MaxDistanceKm, DateOnly? WantedStart,
        Priority? Priority, string? Preferences);

    public sealed record Created(int Id);

    public static async Task<Results<Created<Created>, ProblemHttpResult, ValidationProblem>> CreateRequest(CreateRequestBody body, CareRequests requests, CancellationToken ct)
    {
        var missing = new Dictionary<string, string[]>();
        if (body.ServiceType is null) missing["serviceType"] = ["Choose the kind of service needed"];
        if (body.WantedStart is null) missing["wantedStart"] = ["Enter when care should start"];
        if (body.Priority is null) missing["priority"] = ["Choose the priority"];
        if (missing.Count > 0) return TypedResults.ValidationProblem(missing);
        var decision = await requests.CreateAsync(new NewCareRequest
        {
            PersonReference = body.PersonReference ?? "", AgeBand = body.AgeBand ?? AgeBand.From65To74,
            SupportReason = body.SupportReason ?? SupportReason.PhysicalSupport, HomeAreaId = body.HomeAreaId, Postcode = body.Postcode,
            ServiceType = body.ServiceType!.Value, AlsoAcceptable = body.AlsoAcceptable ?? [], Specialisms = body.Specialisms ?? Specialism.None,
            BedCategory = body.BedCategory, HoursPerWeek = body.HoursPerWeek, TimeBands = body.TimeBands ?? [],
            PreferredAreaId = body.PreferredAreaId, MaxDistanceKm = body.MaxDistanceKm, WantedStart = body.WantedStart!.Value,
            Priority = body.Priority!.Value, Preferences = body.Preferences,
        }, ct);
        return Decisions.Answer(decision, made => TypedResults.Created($"/api/v1/brokerage/requests/{Id(made)}", new Created(Id(made))));
    }

    public static async Task<Results<Ok<RequestDetail>, NotFound>> GetRequest(int id, CareRequestViews views, CancellationToken ct) =>
        await views.DetailAsync(id, ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound();

    public sealed record MatchRow(int Position, int ServiceId, string Name, ServiceType Type, double Score, double? DistanceKm, IReadOnlyList<string> Reasons);
    public sealed record NotMatched(int ServiceId, string Name, string Reason);
    public sealed record Matches(IReadOnlyList<MatchRow> Eligible, IReadOnlyList<NotMatched> Ineligible);

    public static async Task<Results<Ok<Matches>, NotFound>> GetMatches(int id, Matching matching, Settings settings, CancellationToken ct)
    {
        var match = await matching.ForRequestAsync(id, await settings.WeightsAsync(ct), ct);
        if (match is null) return TypedResults.NotFound();
        return TypedResults.Ok(new Matches(
            match.Ranked.Select(r => new MatchRow(r.Position, r.Candidate.ServiceId, r.Candidate.Name, r.Candidate.Type, Math.Round(r.Score, 1), r.DistanceKm, r.Reasons)).ToList(),
            match.Ineligible.Select(i => new NotMatched(i.Candidate.ServiceId, i.Candidate.Name, i.Reason.Reason)).ToList()));
    }

    /// <param name="InadequateReason">Why send to a service rated Inadequate: needed for one, and only when the council's setting allows it.</param>
    public sealed record SendBody(List<int>? ServiceIds, DateTime? OffersCloseAt, int? Version, string? InadequateReason = null);

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> SendRequest(int id, SendBody body, CareRequests requests, CareMarketDb db, CancellationToken ct)
    {
        if (body.Version is null) return Decisions.Missing("version", "Give the version of the request you read");
        return Decisions.Answer(await requests.SendAsync(id, body.ServiceIds ?? [], (body.OffersCloseAt ?? db.Now.AddDays(1)).ToUniversalTime(), body.Version.Value,
            body.InadequateReason, ct));
    }

    /// <param name="InadequateReason">Why place the person with a service rated Inadequate: needed for one, and only when the council's setting allows it.</param>
    public sealed record AwardBody(int? OfferId, string? ChoiceReason, int? Version, string? InadequateReason = null);
    public sealed record Awarded(int PlacementId);

    public static async Task<Results<Ok<Awarded>, ProblemHttpResult, ValidationProblem>> Award(int id, AwardBody body, CareRequests requests, CancellationToken ct)
    {
        if (body.OfferId is null || body.Version is null) return Decisions.Missing("offerId", "Choose the offer to award, with the request's version");
        var decision = await requests.AwardAsync(id, body.OfferId.Value, body.ChoiceReason, body.Version.Value, body.InadequateReason, ct);
        return Decisions.Answer(decision, made => TypedResults.Ok(new Awarded(Id(made))));
    }

    public sealed record HoldBody(HoldReason? Reason, string? Details, int? Version);

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Hold(int id, HoldBody body, CareRequests requests, CancellationToken ct)
    {
        if (body.Reason is null || body.Version is null)
            return Decisions.Missing("reason", "Choose why the request is on hold, and give the version of the request you read");
        return Decisions.Answer(await requests.HoldAsync(id, body.Reason.Value, body.Details, body.Version.Value, ct));
    }

    public sealed record ResumeBody(int? Version);

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Resume(int id, ResumeBody body, CareRequests requests, CancellationToken ct)
    {
        if (body.Version is null) return Decisions.Missing("version", "Give the version of the request you read");
        return Decisions.Answer(await requests.ResumeAsync(id, body.Version.Value, ct));
    }

    public sealed record CancelBody(CancelReason? Reason, string? Details, int? Version);

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Cancel(int id, CancelBody body, CareRequests requests, CancellationToken ct)
    {
        if (body.Reason is null || body.Version is null)
            return Decisions.Missing("reason", "Choose why the request is cancelled, and give the version of the request you read");
        return Decisions.Answer(await requests.CancelAsync(id, body.Reason.Value, body.Details, body.Version.Value, ct));
    }

    /// <param name="Since">When the interim arrangement began; needed unless the arrangement is None.</param>
    public sealed record InterimBody(InterimArrangement? Interim, DateOnly? Since, bool? WaitingForCapacity, int? Version);

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> RecordInterim(int id, InterimBody body, CareRequests requests, CancellationToken ct)
    {
        if (body.Interim is null || body.WaitingForCapacity is null || body.Version is null)
            return Decisions.Missing("interim", "Give the interim arrangement (None if there is none), whether the person waits for want of capacity, and the version of the request you read");
        return Decisions.Answer(await requests.RecordInterimAsync(id, body.Interim.Value, body.Since, body.WaitingForCapacity.Value, body.Version.Value, ct));
    }

    public static async Task<Ok<List<InvitationRow>>> ListInvitations(CareRequestViews views, CancellationToken ct) =>
        TypedResults.Ok(await views.InvitationsAsync(ct));

    public sealed record OfferBody(int? ServiceId, decimal? WeeklyPrice, DateOnly? StartDate, string? Description);

    public static async Task<Results<Created<Created>, ProblemHttpResult, ValidationProblem>> MakeOffer(int id, OfferBody body, CareRequests requests, CareMarketDb db, CancellationToken ct)
    {
        // A request not sent to this provider does not exist for it, whatever the body says.
        if (!await db.CareRequests.AnyAsync(r => r.Id == id, ct)) return Decisions.Problem(new Decision.NotFound());
        if (body.ServiceId is null || body.WeeklyPrice is null || body.StartDate is null)
            return Decisions.Missing("offer", "Give the service, the weekly price and the start date");
        var decision = await requests.OfferAsync(id, body.ServiceId.Value, body.WeeklyPrice.Value, body.StartDate.Value, body.Description, ct);
        return Decisions.Answer(decision, made => TypedResults.Created($"/api/v1/brokerage/requests/{id}", new Created(Id(made))));
    }

    /// <summary>The key a create made.</summary>
    private static int Id(Decision.Allowed made) => ((Decision.Created<int>)made).Value;
}
