namespace CareMarket.Data;

/// <summary>
/// Who is acting: a signed-in user, a provider system with an API key, or the system itself (CLI, start-up).
/// The database scopes council-owned records to the actor's council, and stamps every audit record with the name.
/// </summary>
public sealed record Actor(string Name, int? LocalAuthorityId, int? ProviderId = null, bool IsPartner = false)
{
    /// <summary>The command line and start-up tasks: sees every council's records.</summary>
    public static readonly Actor System = new("system", null);

    /// <summary>Not signed in: belongs to no council (an id no council has), so council-owned records stay hidden.</summary>
    public static readonly Actor Anonymous = new("anonymous", -1, -1);

    /// <summary>
    /// Council staff see their council's own records (contracts and the like). Partners (CQC, ICB, Healthwatch) and
    /// provider users see the shared picture only.
    /// </summary>
    public bool SeesCouncilRecords => ProviderId is null && !IsPartner;
}

/// <summary>
/// The request's actor, set by the web app once the request is authenticated. The database reads it on each use,
/// so a context made earlier in the request (sign-in checks) still scopes queries to the signed-in user.
/// </summary>
public sealed class ActorHolder
{
    /// <summary>Until authentication says otherwise: nobody, who sees no council's records.</summary>
    public Actor Actor { get; set; } = Actor.Anonymous;
}
