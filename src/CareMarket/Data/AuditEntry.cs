using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
namespace CareMarket.Data;

/// <summary>One write: who, when, what, before and after. Append-only (the database refuses updates and deletes).</summary>
public class AuditEntry : ICouncilOwned, IAppendOnly
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

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.Property(x => x.UserName).HasMaxLength(256);
        e.Property(x => x.Action).HasMaxLength(40);
        e.Property(x => x.EntityType).HasMaxLength(100);
        e.Property(x => x.EntityKey).HasMaxLength(100);
        e.HasIndex(x => x.At);
        e.HasIndex(x => new { x.EntityType, x.EntityKey });
    }
}
