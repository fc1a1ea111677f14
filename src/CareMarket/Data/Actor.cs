namespace CareMarket.Data;

/// <summary>
/// Who is acting: a signed-in user, a provider system with an API key, or the system itself (CLI, start-up).
/// The database scopes council-owned records to the actor's council, and stamps every audit record with the name.
/// </summary>
public sealed record Actor(string Name, int? LocalAuthorityId, int? ProviderId = null)
{
    /// <summary>The command line and start-up tasks: sees every council's records.</summary>
    public static readonly Actor System = new("system", null);
}
