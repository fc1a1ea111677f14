using CareMarket.Quality.Restrictions;
using CareMarket.Web.Http;
using CareMarket.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareMarket.Web.Pages.Quality;

/// <summary>/api/v1/register/services/{id}/restrictions: a council's suspensions and embargoes of a service.</summary>
public static class RestrictionsApi
{
    public static IEndpointRouteBuilder MapRestrictionsApi(this IEndpointRouteBuilder routes)
    {
        var restrictions = routes.MapGroup("/register/services").WithTags("Suspensions and embargoes")
            .RequireAuthorization(Policies.ReadRegister);
        restrictions.MapGet("/{id:int}/restrictions", List).WithName("ListServiceRestrictions")
            .WithSummary("The council's suspensions and embargoes of a service, newest first (a provider sees those on its own services, without the reason)");
        restrictions.MapPost("/{id:int}/restrictions", Add).WithName("AddServiceRestriction").RequireAuthorization(Policies.ManageRestrictions)
            .WithSummary("Suspend new placements with a service, or place an embargo (refused while another is not lifted)");
        restrictions.MapPost("/{id:int}/restrictions/{restrictionId:int}/lift", Lift).WithName("LiftServiceRestriction").RequireAuthorization(Policies.ManageRestrictions)
            .WithSummary("Lift a suspension or embargo, saying why (refused if changed by someone else meanwhile); the record is kept");
        return routes;
    }

    public static async Task<Results<Ok<List<RestrictionView>>, NotFound>> List(int id, ServiceRestrictions restrictions, CancellationToken ct) =>
        await restrictions.ListAsync(id, ct) is { } rows ? TypedResults.Ok(rows) : TypedResults.NotFound();

    /// <summary>Kind: Suspension or Embargo. Reason: Safeguarding, QualityConcerns, ContractDefault, CqcEnforcement or Other.</summary>
    public sealed record RestrictionBody(string? Kind, string? Reason, string? Details, DateOnly? StartsOn, DateOnly? ReviewOn);

    public sealed record Added(int Id);

    public static async Task<Results<Created<Added>, ProblemHttpResult, ValidationProblem>> Add(
        int id, RestrictionBody body, ServiceRestrictions restrictions, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Named<RestrictionKind>(body.Kind, out var kind)) errors["kind"] = ["Choose the kind: " + string.Join(" or ", Enum.GetNames<RestrictionKind>())];
        if (!Named<RestrictionReason>(body.Reason, out var reason)) errors["reason"] = ["Choose the reason: " + string.Join(", ", Enum.GetNames<RestrictionReason>())];
        if (body.StartsOn is null) errors["startsOn"] = ["Enter the date it starts"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var decision = await restrictions.AddAsync(id, new NewRestriction(kind, reason, body.Details, body.StartsOn!.Value, body.ReviewOn), ct);
        return Decisions.Answer(decision, made => TypedResults.Created($"/api/v1/register/services/{id}/restrictions",
            new Added(((Decision.Created<int>)made).Value)));
    }

    public sealed record LiftBody(string? Reason, int? Version);

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Lift(
        int id, int restrictionId, LiftBody body, ServiceRestrictions restrictions, CancellationToken ct)
    {
        if (body.Version is null) return Decisions.Missing("version", "Give the version of the restriction you read");
        return Decisions.Answer(await restrictions.LiftAsync(id, restrictionId, body.Reason, body.Version.Value, ct));
    }

    /// <summary>Only a name will do: Enum.TryParse also takes any number ("42").</summary>
    private static bool Named<T>(string? text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);
}
