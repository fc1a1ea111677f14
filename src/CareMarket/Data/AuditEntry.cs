namespace CareMarket.Data;

/// <summary>One write: who, when, what, before and after. Append-only (the database refuses updates and deletes).</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string UserName { get; set; }
    public int? LocalAuthorityId { get; set; }
    /// <summary>Added, Modified, Deleted, or a named action such as Imported.</summary>
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityKey { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}
