using CareMarket.Data;
namespace CareMarket.Brokerage;

/// <summary>Why a broker puts a request on hold. The sourcing clock stops while it is.</summary>
public enum HoldReason { PersonInHospital, PersonConsideringOptions, AwaitingFundingDecision, AwaitingAssessmentReview, Other }

/// <summary>Why a request is cancelled before care was sourced.</summary>
public enum CancelReason { NoLongerNeeded, PersonDied, MovedAway, ArrangedOwnCare, Other }

/// <summary>What a broker does to a request that changes its status.</summary>
public enum StatusAction { Send, Hold, Resume, Cancel, Award }

/// <summary>
/// One change of a request's status: made, sent, put on hold, resumed, sourced or cancelled, when, by whom and why.
/// Append-only (the application and the database both refuse to change or delete a row): the clock's pauses and
/// the request's story are read from it.
/// </summary>
public class RequestStatusChange : ICouncilOwned, IAppendOnly
{
    public long Id { get; set; }
    public int LocalAuthorityId { get; set; }
    public int CareRequestId { get; set; }
    public CareRequest? CareRequest { get; set; }
    /// <summary>The status before; null for the change that created the request.</summary>
    public RequestStatus? From { get; set; }
    public RequestStatus To { get; set; }
    public DateTime At { get; set; }
    public required string By { get; set; }
    public HoldReason? HoldReason { get; set; }
    public CancelReason? CancelReason { get; set; }
    /// <summary>The broker's few words when the reason is "other": why, never case notes.</summary>
    public string? Details { get; set; }
}

/// <summary>The rules of a request's status: which changes are allowed, and the clock's pauses its history gives.</summary>
public static class RequestStatuses
{
    public const int MostDetails = 200;

    /// <summary>
    /// Whether a broker may do <paramref name="action"/> to a request in <paramref name="status"/>. Sourced and
    /// cancelled are final; a request on hold must be resumed before it is sent or awarded; only a request on hold
    /// can be resumed. Refused as a conflict with the request's state, in words a broker can act on.
    /// </summary>
    public static Decision Check(RequestStatus status, StatusAction action) => (status, action) switch
    {
        (RequestStatus.Sourced, StatusAction.Award) => Conflict("This request is already sourced."),
        (RequestStatus.Cancelled, StatusAction.Cancel) => Conflict("This request is already cancelled."),
        (RequestStatus.Sourced or RequestStatus.Cancelled, _) => Conflict($"This request is {Word(status)}: it cannot be {Verb(action)}."),
        (RequestStatus.OnHold, StatusAction.Hold) => Conflict("This request is already on hold."),
        (RequestStatus.OnHold, StatusAction.Send or StatusAction.Award) => Conflict($"This request is on hold: resume it before it is {Verb(action)}."),
        (not RequestStatus.OnHold, StatusAction.Resume) => Conflict("This request is not on hold, so there is nothing to resume."),
        (RequestStatus.Open, StatusAction.Award) => Conflict("This request has not been sent to providers, so there is no offer to award."),
        _ => Decision.Ok,
    };

    /// <summary>
    /// The clock's pauses from a request's history: it stops when the request goes on hold and starts again when it
    /// leaves hold (resumed, or cancelled while on hold).
    /// </summary>
    public static IReadOnlyList<ClockChange> Pauses(IEnumerable<RequestStatusChange> history) =>
        history.OrderBy(c => c.At).ThenBy(c => c.Id)
            .Where(c => (c.To == RequestStatus.OnHold) != (c.From == RequestStatus.OnHold))
            .Select(c => new ClockChange(c.At, Paused: c.To == RequestStatus.OnHold))
            .ToList();

    /// <summary>A reason "other" needs the broker's words; any words are short.</summary>
    public static FieldError? CheckDetails(bool other, string? details, string field, string ask)
    {
        if (other && string.IsNullOrWhiteSpace(details)) return new(field, ask);
        if (details is { Length: > MostDetails }) return new(field, $"The reason must be {MostDetails} characters or fewer");
        return null;
    }

    public static string Word(RequestStatus status) => status switch
    {
        RequestStatus.Open => "open",
        RequestStatus.SentToProviders => "sent to providers",
        RequestStatus.Sourced => "sourced",
        RequestStatus.OnHold => "on hold",
        _ => "cancelled",
    };

    private static string Verb(StatusAction action) => action switch
    {
        StatusAction.Send => "sent to providers",
        StatusAction.Hold => "put on hold",
        StatusAction.Resume => "resumed",
        StatusAction.Cancel => "cancelled",
        _ => "awarded",
    };

    private static Decision Conflict(string reason) => new Decision.Conflict(reason);
}
