using System.ComponentModel.DataAnnotations;
using CareMarket.Data;
using CareMarket.Register;
using CareMarket.Web.Http;
using CareMarket.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareMarket.Web.Pages.Register;

/// <summary>/api/v1/register: providers and services with their CQC ratings, and the council's contracts.</summary>
public static class RegisterApi
{
    public static IEndpointRouteBuilder MapRegisterApi(this IEndpointRouteBuilder routes)
    {
        var register = routes.MapGroup("/register").WithTags("Register").RequireAuthorization(Policies.ReadRegister);
        register.MapGet("/services", ListServices).WithName("ListServices")
            .WithSummary("Services in the register, filtered, sorted and paged");
        register.MapGet("/services/export", ExportServices).WithName("ExportServices")
            .WithSummary("Every service matching the filters, as CSV (format=csv) or XLSX (format=xlsx)");
        register.MapGet("/services/{id:int}", GetService).WithName("GetService")
            .WithSummary("One service: current rating, rating history, contracts and its provider's other services");
        register.MapGet("/services/{id:int}/ratings", GetRatings).WithName("GetServiceRatings")
            .WithSummary("A service's CQC rating history, newest first");
        register.MapGet("/providers/{id:int}", GetProvider).WithName("GetProvider")
            .WithSummary("A provider and its services");
        register.MapPut("/services/{id:int}/contract", SaveContract).WithName("SaveContract")
            .WithSummary("Record or change the council's contract with a service (refused if changed by someone else meanwhile)")
            .RequireAuthorization(Policies.ManageContracts);
        register.MapPost("/local-services", AddLocalService).WithName("AddLocalService")
            .WithSummary("Add a service CQC does not register (day service, advocacy, some supported living); the council keeps its record")
            .RequireAuthorization(Policies.ManageContracts);
        register.MapPut("/local-services/{id:int}", ChangeLocalService).WithName("ChangeLocalService")
            .WithSummary("Change a service the council keeps (refused for CQC's services, another council's, or a stale version)")
            .RequireAuthorization(Policies.ManageContracts);
        register.MapPost("/local-services/{id:int}/close", CloseLocalService).WithName("CloseLocalService")
            .WithSummary("Record that a service the council keeps has closed")
            .RequireAuthorization(Policies.ManageContracts);
        return routes;
    }

    public static async Task<IResult> AddLocalService(LocalServiceRequest request, LocalServices local, CancellationToken ct) =>
        request.ToInput(out var errors) is { } input
            ? Decisions.Answer(await local.AddAsync(input, ct), done => done is Decision.Created<int> { Value: var id }
                ? TypedResults.Created($"/api/v1/register/services/{id}", new { id })
                : (IResult)TypedResults.NoContent())
            : TypedResults.ValidationProblem(errors);

    public static async Task<IResult> ChangeLocalService(int id, LocalServiceRequest request, LocalServices local, CancellationToken ct) =>
        request.ToInput(out var errors) is { } input
            ? Decisions.Answer(await local.UpdateAsync(id, input, request.Version, ct))
            : TypedResults.ValidationProblem(errors);

    public static async Task<IResult> CloseLocalService(int id, CloseServiceRequest request, LocalServices local, CancellationToken ct) =>
        request.ClosedOn is { } on
            ? Decisions.Answer(await local.CloseAsync(id, on, request.Version, ct))
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["closedOn"] = ["Enter the date the service closed"] });

    public static async Task<Ok<RegisterPage>> ListServices([AsParameters] RegisterFilterInput filter, RegisterQueries register,
        CancellationToken ct) => TypedResults.Ok(await register.ListAsync(filter.ToFilter(), ct));

    public static IResult ExportServices([AsParameters] RegisterFilterInput filter, RegisterQueries register, CareMarketDb db, string? format) =>
        TableExport.Download(RegisterExport.Table(register, filter.ToFilter(), db.SeesCouncilRecords), format ?? "csv");

    public static async Task<Results<Ok<ServiceResponse>, NotFound>> GetService(int id, RegisterQueries register, CancellationToken ct) =>
        await register.GetServiceAsync(id, ct) is { } d ? TypedResults.Ok(ServiceResponse.From(d)) : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<RatingResponse>>, NotFound>> GetRatings(int id, RegisterQueries register, CancellationToken ct) =>
        await register.GetServiceAsync(id, ct) is { } d
            ? TypedResults.Ok<IReadOnlyList<RatingResponse>>(d.Ratings.Select(RatingResponse.From).ToList())
            : TypedResults.NotFound();

    public static async Task<Results<Ok<ProviderResponse>, NotFound>> GetProvider(int id, RegisterQueries register, CancellationToken ct) =>
        await register.GetProviderAsync(id, ct) is { } d
            ? TypedResults.Ok(new ProviderResponse(d.Provider.Id, d.Provider.CqcProviderId, d.Provider.Name, d.Provider.BrandName, d.Services))
            : TypedResults.NotFound();

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> SaveContract(
        int id, ContractRequest request, Contracts contracts, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        // TryParse also takes any number ("42"); only a named arrangement will do.
        if (!Enum.TryParse<ContractArrangement>(request.Arrangement, true, out var arrangement) || !Enum.IsDefined(arrangement)
            || int.TryParse(request.Arrangement, out _))
            errors["arrangement"] = ["Choose a contract arrangement: " + string.Join(", ", Enum.GetNames<ContractArrangement>())];
        if (request.StartsOn is null) errors["startsOn"] = ["Enter the date the contract starts"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var decision = await contracts.SaveAsync(new ContractChange(id, arrangement, request.Reference, request.LotAreaId,
            request.StartsOn!.Value, request.EndsOn, request.ContractId, request.Version), ct);
        return Decisions.Answer(decision);
    }
}

/// <summary>A service the council keeps, as the API takes it: the type and specialisms by name.</summary>
public sealed record LocalServiceRequest(string? Name, int? ProviderId, string? ProviderName, string? ServiceType,
    string[]? Specialisms, string? Street, string? City, string? Postcode, int? RegisteredBeds, string? Phone, string? Website,
    int? Version)
{
    public LocalServiceInput? ToInput(out Dictionary<string, string[]> errors)
    {
        errors = [];
        ServiceType? type = null;
        if (ServiceType is not null)
        {
            if (Enum.TryParse<ServiceType>(ServiceType, true, out var t) && Enum.IsDefined(t) && !int.TryParse(ServiceType, out _)) type = t;
            else errors["serviceType"] = ["Choose a service type: " + string.Join(", ", Enum.GetNames<ServiceType>())];
        }
        var specialisms = Specialism.None;
        foreach (var name in Specialisms ?? [])
        {
            if (Enum.TryParse<Specialism>(name, true, out var s) && Enum.IsDefined(s) && s != Specialism.None && !int.TryParse(name, out _)) specialisms |= s;
            else errors["specialisms"] = ["Each specialism must be one of: " + string.Join(", ", Enum.GetNames<Specialism>().Skip(1))];
        }
        if (errors.Count > 0) return null;
        return new LocalServiceInput
        {
            Name = Name, ProviderId = ProviderId, ProviderName = ProviderName, ServiceType = type, Specialisms = specialisms,
            Street = Street, City = City, Postcode = Postcode, RegisteredBeds = RegisteredBeds, Phone = Phone, Website = Website,
        };
    }
}

public sealed record CloseServiceRequest(DateOnly? ClosedOn, int? Version);

public sealed record ContractRequest(
    [property: Required] string Arrangement, string? Reference, int? LotAreaId, DateOnly? StartsOn, DateOnly? EndsOn,
    int? ContractId, int? Version);

/// <summary>One rating; <c>AssessmentServiceGroup</c> is null for a rating of the whole service (before the single assessment framework).</summary>
public sealed record RatingResponse(DateOnly PublishedOn, string Overall, string? Safe, string? Effective, string? Caring,
    string? Responsive, string? WellLed, bool Inherited, string Source, string? AssessmentServiceGroup = null,
    IReadOnlyList<ServiceType>? ServiceTypes = null, DateOnly? AssessedOn = null, string? AssessmentPlanId = null,
    decimal? SafeScore = null, decimal? EffectiveScore = null, decimal? CaringScore = null, decimal? ResponsiveScore = null,
    decimal? WellLedScore = null)
{
    public static RatingResponse From(Rating r) => new(r.PublishedOn, RatingWords.Display(r.Overall), Show(r.Safe),
        Show(r.Effective), Show(r.Caring), Show(r.Responsive), Show(r.WellLed), r.Inherited, r.Source,
        r.AssessmentServiceGroup is { Length: > 0 } g ? g : null, ServiceTypeSet.Types(r.ServiceTypes), r.AssessedOn,
        r.AssessmentPlanId, r.SafeScore, r.EffectiveScore, r.CaringScore, r.ResponsiveScore, r.WellLedScore);

    private static string? Show(RatingWord? w) => w is { } v ? RatingWords.Display(v) : null;
}

public sealed record ServiceResponse(ServiceRow Service, string? Street, string? City, double? Latitude, double? Longitude,
    string? Phone, string? Website, string? CqcServiceTypes, string? RegulatedActivities, DateOnly? RegisteredOn, bool Dormant,
    IReadOnlyList<RatingResponse> Ratings, IReadOnlyList<ContractView> Contracts, IReadOnlyList<ServiceRow> ProviderServices,
    DateOnly? ExitedOn, ExitKind? ExitKind = null, string? ExitReason = null, LinkedService? Successor = null,
    IReadOnlyList<LinkedService>? Predecessors = null)
{
    public static ServiceResponse From(ServiceDetail d) => new(d.Summary, d.Service.Street, d.Service.City, d.Service.Latitude,
        d.Service.Longitude, d.Service.Phone, d.Service.Website, d.Service.CqcServiceTypes, d.Service.RegulatedActivities,
        d.Service.RegisteredOn, d.Service.Dormant, d.Ratings.Select(RatingResponse.From).ToList(), d.Contracts,
        d.ProviderServices, d.Exit?.EndedOn, d.Exit?.Kind, d.Exit?.Reason, d.Successor, d.Predecessors ?? []);
}

public sealed record ProviderResponse(int Id, string? CqcProviderId, string Name, string? BrandName, IReadOnlyList<ServiceRow> Services);

/// <summary>The register as a table: the same columns on screen, in CSV and in XLSX.</summary>
public static class RegisterExport
{
    public static readonly string[] Headings =
    [
        "CQC location ID", "Service", "Provider", "Service type", "Specialisms", "Area", "Council", "Postcode",
        "Registered beds", "Contract arrangement", "Status", "Council restriction", "Overall", "Safe", "Effective", "Caring", "Responsive",
        "Well-led", "Rating published",
    ];

    /// <summary>The register as a table; without the council's contract arrangements for partners and providers.</summary>
    public static ExportTable Table(RegisterQueries register, RegisterFilter filter, bool withContracts) =>
        new("register", withContracts ? Headings : Headings.Where(h => h != "Contract arrangement").ToArray(), Rows(register, filter, withContracts));

    private static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(RegisterQueries register, RegisterFilter filter, bool withContracts)
    {
        await foreach (var r in register.ExportAsync(filter))
        {
            object?[] row =
            [
                r.CqcLocationId, r.Name, r.ProviderName, RegisterWords.Of(r.ServiceType), RegisterWords.List(r.Specialisms), r.Area, r.Council,
                r.Postcode, r.RegisteredBeds, RegisterWords.Of(r.Arrangement), RegisterWords.Of(r.Status),
                r.Restriction is { } kind ? CareMarket.Quality.Restrictions.RestrictionWords.Of(kind) : "", RatingWords.Display(r.Overall),
                Show(r.Safe), Show(r.Effective), Show(r.Caring), Show(r.Responsive), Show(r.WellLed), r.RatedOn,
            ];
            yield return withContracts ? row : row.Where((_, i) => i != 9).ToArray();
        }
    }

    private static string Show(RatingWord? w) => w is { } v ? RatingWords.Display(v) : "";
}
