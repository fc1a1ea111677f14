namespace CareMarket.Data;

/// <summary>
/// Who is acting: a signed-in user, a provider system with an API key, or the system itself (CLI, start-up, imports,
/// the demo). The database scopes council-owned records to the actor's council, and stamps every audit record with
/// the name. Only an actor made by <see cref="SystemAs"/> sees every council: an actor without a council sees none.
/// </summary>
public sealed record Actor(string Name, int? LocalAuthorityId, int? ProviderId = null, bool IsPartner = false)
{
    /// <summary>Work that is no one user's (migrations, imports from the command line, the demo): sees every council.</summary>
    public bool IsSystem { get; private init; }

    /// <summary>The system, named as its audit records will show it ("system", "cli:root").</summary>
    public static Actor SystemAs(string name) => new(name, null) { IsSystem = true };

    /// <summary>The command line and start-up tasks: sees every council's records.</summary>
    public static readonly Actor System = SystemAs("system");

    /// <summary>Not signed in: belongs to no council (an id no council has), so council-owned records stay hidden.</summary>
    public static readonly Actor Anonymous = new("anonymous", NoCouncil, NoCouncil);

    /// <summary>A context made without an actor: sees no council's records and may write nothing.</summary>
    public static readonly Actor Nobody = new("nobody", NoCouncil, NoCouncil);

    /// <summary>An id no council or provider has.</summary>
    public const int NoCouncil = -1;

    /// <summary>The council whose records the actor may see: null for the system (every council), else its own or none.</summary>
    public int? TenantId => IsSystem ? null : LocalAuthorityId ?? NoCouncil;

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
