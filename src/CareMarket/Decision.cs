namespace CareMarket;

/// <summary>
/// An expected outcome of a use case: done, or refused with a reason the user can act on. The web app turns each
/// into one kind of answer (CareMarket.Web/Http/Decisions.cs): 403 forbidden, 404 not found, 409 conflict, 400 naming
/// the field.
/// </summary>
public abstract record Decision
{
    public record Allowed : Decision;
    /// <summary>Done, and made something: its key (or, for an API key, the key to show once).</summary>
    public sealed record Created<T>(T Value) : Allowed;
    /// <summary>The input is wrong: the field and what to do.</summary>
    public sealed record Refused(string Field, string Reason) : Decision;
    /// <summary>The actor may not do this at all (not council staff, not this provider's).</summary>
    public sealed record Forbidden(string Reason) : Decision;
    public sealed record Conflict(string Reason) : Decision;
    public sealed record NotFound : Decision;
    /// <summary>Several fields are wrong at once (a form or a CSV row): each with its message.</summary>
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : Decision;
    public static readonly Decision Ok = new Allowed();
}

/// <summary>A problem with one field, in the words the form or file shows next to it.</summary>
public sealed record FieldError(string Field, string Message);
