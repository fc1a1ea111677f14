using CareMarket.Capacity;
using CareMarket.Brokerage;
using CareMarket.Data;
using CareMarket.Register;
using CareMarket.Web.Exports;
using CareMarket.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Api;

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

    public static async Task<Results<Ok<BrokerageReport>, ValidationProblem>> GetReports(CareMarketDb db, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (Period(db, from, to) is not { } period) return BadPeriod();
        return TypedResults.Ok(await new BrokerageReports(db).ForPeriodAsync(period.From, period.To, ct));
    }

    public static async Task<IResult> ExportReports(CareMarketDb db, string? table, string? format, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (Period(db, from, to) is not { } period) return BadPeriod();
        if (!BrokerageExport.Tables.Contains(table ?? "within"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["table"] = ["Choose a table: " + string.Join(", ", BrokerageExport.Tables)] });
        var report = await new BrokerageReports(db).ForPeriodAsync(period.From, period.To, ct);
        return TableExport.Download(BrokerageExport.Table(report, table ?? "within")!, format ?? "csv");
    }

    public static async Task<IResult> ExportQueue(CareMarketDb db, string? status, string? format, CancellationToken ct) =>
        TableExport.Download(BrokerageExport.Queue(await new CareRequests(db).QueueAsync(status, ct)), format ?? "csv");

    /// <summary>The report's period: the 12 months to today by default, at most three years.</summary>
    private static (DateOnly From, DateOnly To)? Period(CareMarketDb db, DateOnly? from, DateOnly? to)
    {
        var today = DateOnly.FromDateTime(db.Now);
        var (start, end) = (from ?? new DateOnly(today.Year, today.Month, 1).AddMonths(-11), to ?? today);
        return end < start || end.DayNumber - start.DayNumber > 3 * 366 ? null : (start, end);
    }

    private static ValidationProblem BadPeriod() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["Choose a period of up to three years, from before to"] });

    public static async Task<Ok<List<QueueRow>>> ListRequests(CareMarketDb db, string? status, CancellationToken ct) =>
        TypedResults.Ok(await new CareRequests(db).QueueAsync(status, ct));

    public sealed record CreateRequestBody(string? PersonReference, AgeBand? AgeBand, SupportReason? SupportReason, int? HomeAreaId,
        string? Postcode, ServiceType? ServiceType, List<ServiceType>? AlsoAcceptable, Specialism? Specialisms, BedCategory? BedCategory,
        decimal? HoursPerWeek, List<TimeBand>? TimeBands, int? PreferredAreaId, double? MaxDistanceKm, DateOnly? WantedStart,
        Priority? Priority, string? Preferences);

    public sealed record Created(int Id);

    public static async Task<Results<Created<Created>, ValidationProblem>> CreateRequest(CreateRequestBody body, CareMarketDb db, CancellationToken ct)
    {
        var missing = new Dictionary<string, string[]>();
        if (body.ServiceType is null) missing["serviceType"] = ["Choose the kind of service needed"];
        if (body.WantedStart is null) missing["wantedStart"] = ["Enter when care should start"];
        if (body.Priority is null) missing["priority"] = ["Choose the priority"];
        if (missing.Count > 0) return TypedResults.ValidationProblem(missing);
        var (decision, id) = await new CareRequests(db).CreateAsync(new NewCareRequest
        {
            PersonReference = body.PersonReference ?? "", AgeBand = body.AgeBand ?? AgeBand.From65To74,
            SupportReason = body.SupportReason ?? SupportReason.PhysicalSupport, HomeAreaId = body.HomeAreaId, Postcode = body.Postcode,
            ServiceType = body.ServiceType!.Value, AlsoAcceptable = body.AlsoAcceptable ?? [], Specialisms = body.Specialisms ?? Specialism.None,
            BedCategory = body.BedCategory, HoursPerWeek = body.HoursPerWeek, TimeBands = body.TimeBands ?? [],
            PreferredAreaId = body.PreferredAreaId, MaxDistanceKm = body.MaxDistanceKm, WantedStart = body.WantedStart!.Value,
            Priority = body.Priority!.Value, Preferences = body.Preferences,
        }, ct);
        return decision is Decision.Allowed
            ? TypedResults.Created($"/api/v1/brokerage/requests/{id}", new Created(id!.Value))
            : TypedResults.ValidationProblem(Problems(decision));
    }

    public sealed record OfferRow(int Id, int ServiceId, string Service, string Provider, decimal WeeklyPrice, DateOnly StartDate,
        string? Description, OfferStatus Status, DateTime SubmittedAt, int? Position, double? Score, IReadOnlyList<string> Reasons);

    /// <param name="Clock">Working days run against the council's target; paused while on hold (no due time then).</param>
    /// <param name="History">Every change of status, oldest first, with who made it and why.</param>
    public sealed record RequestDetail(CareRequest Request, string PersonReference, IReadOnlyList<int> InvitedServiceIds, IReadOnlyList<OfferRow> Offers,
        RequestClock Clock, IReadOnlyList<StatusChangeRow> History);

    public static async Task<Results<Ok<RequestDetail>, NotFound>> GetRequest(int id, CareMarketDb db, CancellationToken ct)
    {
        var request = await db.CareRequests.AsNoTracking().Include(r => r.Person).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null) return TypedResults.NotFound();
        var invited = await db.Invitations.Where(i => i.CareRequestId == id).Select(i => i.ServiceId).ToListAsync(ct);
        var (_, ranked) = await new Matching(db).WithOffersAsync(id, await new Data.Settings(db).WeightsAsync(ct), ct);
        var rows = ranked.Select(o => new OfferRow(o.Offer.Id, o.Offer.ServiceId, o.Service, o.Provider, o.Offer.WeeklyPrice, o.Offer.StartDate,
            o.Offer.Description, o.Offer.Status, o.Offer.SubmittedAt, o.Position, o.Score, o.Reasons)).ToList();
        request.Person = null;
        var story = (await new CareRequests(db).StoryAsync(id, ct))!;
        return TypedResults.Ok(new RequestDetail(request, (await db.People.Where(p => p.Id == request.PersonId).Select(p => p.Reference).FirstAsync(ct)), invited, rows,
            story.Clock, story.History));
    }

    public sealed record MatchRow(int Position, int ServiceId, string Name, ServiceType Type, double Score, double? DistanceKm, IReadOnlyList<string> Reasons);
    public sealed record NotMatched(int ServiceId, string Name, string Reason);
    public sealed record Matches(IReadOnlyList<MatchRow> Eligible, IReadOnlyList<NotMatched> Ineligible);

    public static async Task<Results<Ok<Matches>, NotFound>> GetMatches(int id, CareMarketDb db, CancellationToken ct)
    {
        var match = await new Matching(db).ForRequestAsync(id, await new Data.Settings(db).WeightsAsync(ct), ct);
        if (match is null) return TypedResults.NotFound();
        return TypedResults.Ok(new Matches(
            match.Ranked.Select(r => new MatchRow(r.Position, r.Candidate.ServiceId, r.Candidate.Name, r.Candidate.Type, Math.Round(r.Score, 1), r.DistanceKm, r.Reasons)).ToList(),
            match.Ineligible.Select(i => new NotMatched(i.Candidate.ServiceId, i.Candidate.Name, i.Reason.Reason)).ToList()));
    }

    public sealed record SendBody(List<int>? ServiceIds, DateTime? OffersCloseAt, int? Version);

    public static async Task<Results<NoContent, NotFound, ValidationProblem, Conflict<ProblemDetails>>> SendRequest(int id, SendBody body, CareMarketDb db, CancellationToken ct)
    {
        if (body.Version is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = ["Give the version of the request you read"] });
        var decision = await new CareRequests(db).SendAsync(id, body.ServiceIds ?? [], (body.OffersCloseAt ?? db.Now.AddDays(1)).ToUniversalTime(), body.Version.Value, ct);
        return Answer(decision);
    }

    public sealed record AwardBody(int? OfferId, string? ChoiceReason, int? Version);
    public sealed record Awarded(int PlacementId);

    public static async Task<Results<Ok<Awarded>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> Award(int id, AwardBody body, CareMarketDb db, CancellationToken ct)
    {
        if (body.OfferId is null || body.Version is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["offerId"] = ["Choose the offer to award, with the request's version"] });
        var (decision, placement) = await new CareRequests(db).AwardAsync(id, body.OfferId.Value, body.ChoiceReason, body.Version.Value, ct);
        return decision switch
        {
            Decision.Allowed => TypedResults.Ok(new Awarded(placement!.Value)),
            Decision.NotFound => TypedResults.NotFound(),
            Decision.Conflict c => TypedResults.Conflict(new ProblemDetails { Title = "Not awarded", Detail = c.Reason, Status = 409 }),
            _ => TypedResults.ValidationProblem(Problems(decision)),
        };
    }

    public sealed record HoldBody(HoldReason? Reason, string? Details, int? Version);

    public static async Task<Results<NoContent, NotFound, ValidationProblem, Conflict<ProblemDetails>>> Hold(int id, HoldBody body, CareMarketDb db, CancellationToken ct)
    {
        if (body.Reason is null || body.Version is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Choose why the request is on hold, and give the version of the request you read"] });
        return Answer(await new CareRequests(db).HoldAsync(id, body.Reason.Value, body.Details, body.Version.Value, ct));
    }

    public sealed record ResumeBody(int? Version);

    public static async Task<Results<NoContent, NotFound, ValidationProblem, Conflict<ProblemDetails>>> Resume(int id, ResumeBody body, CareMarketDb db, CancellationToken ct)
    {
        if (body.Version is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = ["Give the version of the request you read"] });
        return Answer(await new CareRequests(db).ResumeAsync(id, body.Version.Value, ct));
    }

    public sealed record CancelBody(CancelReason? Reason, string? Details, int? Version);

    public static async Task<Results<NoContent, NotFound, ValidationProblem, Conflict<ProblemDetails>>> Cancel(int id, CancelBody body, CareMarketDb db, CancellationToken ct)
    {
        if (body.Reason is null || body.Version is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Choose why the request is cancelled, and give the version of the request you read"] });
        return Answer(await new CareRequests(db).CancelAsync(id, body.Reason.Value, body.Details, body.Version.Value, ct));
    }

    /// <param name="Since">When the interim arrangement began; needed unless the arrangement is None.</param>
    public sealed record InterimBody(InterimArrangement? Interim, DateOnly? Since, bool? WaitingForCapacity, int? Version);

    public static async Task<Results<NoContent, NotFound, ValidationProblem, Conflict<ProblemDetails>>> RecordInterim(int id, InterimBody body, CareMarketDb db, CancellationToken ct)
    {
        if (body.Interim is null || body.WaitingForCapacity is null || body.Version is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["interim"] = ["Give the interim arrangement (None if there is none), whether the person waits for want of capacity, and the version of the request you read"] });
        return Answer(await new CareRequests(db).RecordInterimAsync(id, body.Interim.Value, body.Since, body.WaitingForCapacity.Value, body.Version.Value, ct));
    }

    /// <summary>What a provider is told of a request: the requirement, never the person.</summary>
    public sealed record InvitationRow(int RequestId, int ServiceId, ServiceType ServiceType, Specialism Specialisms, BedCategory? BedCategory,
        decimal? HoursPerWeek, string TimeBands, string? PostcodeDistrict, DateOnly WantedStart, Priority Priority, DateTime? OffersCloseAt, bool Offered);

    public static async Task<Ok<List<InvitationRow>>> ListInvitations(CareMarketDb db, CancellationToken ct) =>
        TypedResults.Ok(await db.Invitations.AsNoTracking()
            .Join(db.CareRequests.Where(r => r.Status == RequestStatus.SentToProviders), i => i.CareRequestId, r => r.Id, (i, r) => new { i, r })
            .OrderBy(x => x.r.OffersCloseAt)
            .Select(x => new InvitationRow(x.r.Id, x.i.ServiceId, x.r.ServiceType, x.r.Specialisms, x.r.BedCategory, x.r.HoursPerWeek, x.r.TimeBands,
                x.r.PostcodeDistrict, x.r.WantedStart, x.r.Priority, x.r.OffersCloseAt, db.Offers.Any(o => o.CareRequestId == x.r.Id && o.ServiceId == x.i.ServiceId)))
            .ToListAsync(ct));

    public sealed record OfferBody(int? ServiceId, decimal? WeeklyPrice, DateOnly? StartDate, string? Description);

    public static async Task<Results<Created<Created>, NotFound, ValidationProblem>> MakeOffer(int id, OfferBody body, CareMarketDb db, CancellationToken ct)
    {
        // A request not sent to this provider does not exist for it, whatever the body says.
        if (!await db.CareRequests.AnyAsync(r => r.Id == id, ct)) return TypedResults.NotFound();
        if (body.ServiceId is null || body.WeeklyPrice is null || body.StartDate is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["offer"] = ["Give the service, the weekly price and the start date"] });
        var (decision, offerId) = await new CareRequests(db).OfferAsync(id, body.ServiceId.Value, body.WeeklyPrice.Value, body.StartDate.Value, body.Description, ct);
        return decision switch
        {
            Decision.Allowed => TypedResults.Created($"/api/v1/brokerage/requests/{id}", new Created(offerId!.Value)),
            Decision.NotFound => TypedResults.NotFound(),
            _ => TypedResults.ValidationProblem(Problems(decision)),
        };
    }

    private static Results<NoContent, NotFound, ValidationProblem, Conflict<ProblemDetails>> Answer(Decision decision) => decision switch
    {
        Decision.Allowed => TypedResults.NoContent(),
        Decision.NotFound => TypedResults.NotFound(),
        Decision.Conflict c => TypedResults.Conflict(new ProblemDetails { Title = "Conflicting change", Detail = c.Reason, Status = 409 }),
        _ => TypedResults.ValidationProblem(Problems(decision)),
    };

    private static Dictionary<string, string[]> Problems(Decision decision) => decision switch
    {
        Decision.Invalid i => i.Errors.GroupBy(e => Camel(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        Decision.Refused r => new() { [Camel(r.Field)] = [r.Reason] },
        _ => new() { [""] = ["Refused"] },
    };

    private static string Camel(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];
}
