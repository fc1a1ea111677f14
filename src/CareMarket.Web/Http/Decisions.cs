using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CareMarket.Web.Http;

/// <summary>
/// The one way a use case's <see cref="Decision"/> becomes an answer: for the API, ProblemDetails (403 not allowed,
/// 404 not yours or not there, 409 a conflicting change, 400 naming the field); for a page, errors by field.
/// </summary>
public static class Decisions
{
    /// <summary>Done is 204 No Content; anything else a problem.</summary>
    public static Results<NoContent, ProblemHttpResult, ValidationProblem> Answer(Decision decision) =>
        Answer(decision, _ => TypedResults.NoContent());

    /// <summary>Done is what <paramref name="done"/> makes of it (a created resource, a body); anything else a problem.</summary>
    public static Results<T, ProblemHttpResult, ValidationProblem> Answer<T>(Decision decision, Func<Decision.Allowed, T> done)
        where T : IResult => decision switch
        {
            Decision.Allowed allowed => done(allowed),
            Decision.Invalid or Decision.Refused => TypedResults.ValidationProblem(Problems(decision)),
            _ => Problem(decision),
        };

    /// <summary>A decision that is not done, as ProblemDetails with its status.</summary>
    public static ProblemHttpResult Problem(Decision decision) => decision switch
    {
        Decision.Forbidden f => TypedResults.Problem(f.Reason, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed"),
        Decision.NotFound => TypedResults.Problem("There is no such record, or it is not yours to see.", statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        Decision.Conflict c => TypedResults.Problem(c.Reason, statusCode: StatusCodes.Status409Conflict, title: "Conflicting change"),
        _ => TypedResults.Problem("Refused", statusCode: StatusCodes.Status400BadRequest),
    };

    /// <summary>Bad input, keyed by field as a JSON body names it (camelCase).</summary>
    public static Dictionary<string, string[]> Problems(Decision decision) => decision switch
    {
        Decision.Invalid i => i.Errors.GroupBy(e => Camel(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        Decision.Refused r => new() { [Camel(r.Field)] = [r.Reason] },
        _ => new() { [""] = ["Refused"] },
    };

    /// <summary>A 400 naming one field, for checks an endpoint makes before calling the use case.</summary>
    public static ValidationProblem Missing(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>
    /// A page's errors from a decision, each under the form field it belongs to: <paramref name="field"/> maps the
    /// use case's field names to the page's (or to the form's own error key when a field is not on the form).
    /// </summary>
    public static void AddTo(this ModelStateDictionary state, Decision decision, Func<string, string> field)
    {
        switch (decision)
        {
            case Decision.Invalid invalid:
                foreach (var e in invalid.Errors) state.AddModelError(field(e.Field), e.Message);
                break;
            case Decision.Refused r:
                state.AddModelError(field(r.Field), r.Reason);
                break;
            case Decision.Conflict c:
                state.AddModelError(field(""), c.Reason);
                break;
            case Decision.Forbidden f:
                state.AddModelError(field(""), f.Reason);
                break;
        }
    }

    private static string Camel(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];
}
