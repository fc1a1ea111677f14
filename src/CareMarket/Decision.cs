namespace CareMarket;

/// <summary>An expected outcome of a use case: done, or refused with a reason the user can act on.</summary>
public abstract record Decision
{
    public sealed record Allowed : Decision;
    public sealed record Refused(string Field, string Reason) : Decision;
    public sealed record Conflict(string Reason) : Decision;
    public sealed record NotFound : Decision;
    /// <summary>Several fields are wrong at once (a form or a CSV row): each with its message.</summary>
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : Decision;
    public static readonly Decision Ok = new Allowed();
}

/// <summary>A problem with one field, in the words the form or file shows next to it.</summary>
public sealed record FieldError(string Field, string Message);
