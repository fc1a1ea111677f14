using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CareMarket.Data;

/// <summary>
/// The audit: every save writes one record per changed row (who, when, before, after) in the same transaction, and
/// refuses what the table's kind forbids (<see cref="IAppendOnly"/>, <see cref="INeverDeleted"/>).
/// </summary>
public partial class CareMarketDb
{
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Saves with one audit record per changed row, in the same transaction. When every added row's key is known
    /// before the write (PostgreSQL's key blocks), rows and audit go in one save; otherwise (SQLite's AUTOINCREMENT)
    /// the values are captured before a first save and the keys read after it, and the audit is a second save.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var changes = new List<(EntityEntry Entry, string Action, string? Key, string? Before, string? After)>();
        var entries = ChangeTracker.Entries().ToList();
        // Parts added with their owner (a return's lines) are audited inside the owner's record.
        var withOwner = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var entry in entries)
        {
            if (entry.State != EntityState.Added) continue;
            foreach (var parts in PartsOf(entry)) withOwner.UnionWith(parts);
        }
        foreach (var entry in entries)
        {
            Refuse(entry);
            if (entry.Entity is AuditEntry || entry.State is EntityState.Unchanged or EntityState.Detached) continue;

            if (entry.State == EntityState.Modified)
            {
                foreach (var p in entry.Properties)
                {
                    if (p.Metadata.IsConcurrencyToken && p.Metadata.Name == "Version" && p.CurrentValue is int v
                        && Equals(p.OriginalValue, p.CurrentValue))
                    {
                        p.CurrentValue = v + 1;
                    }
                }
                if (entry.Metadata.FindProperty("UpdatedAt") is { } updated) entry.Property(updated.Name).CurrentValue = now;
            }
            else if (entry.State == EntityState.Added && entry.Metadata.FindProperty("UpdatedAt") is { } updated
                     && entry.Property(updated.Name).CurrentValue is DateTime d && d == default)
            {
                entry.Property(updated.Name).CurrentValue = now;
            }

            if (!AuditEachRow || (entry.State == EntityState.Added && withOwner.Contains(entry.Entity))) continue;
            changes.Add(entry.State switch
            {
                EntityState.Added => (entry, "Added", null, null, null),
                EntityState.Deleted => (entry, "Deleted", KeyOf(entry), Snapshot(entry, current: false), null),
                _ => (entry, "Modified", KeyOf(entry), Snapshot(entry, current: false, onlyChanged: true),
                    Snapshot(entry, current: true, onlyChanged: true)),
            });
        }

        if (changes.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        // PostgreSQL hands out keys of the busiest tables in blocks (see KeyBlocks), so an added row's key is known
        // before it is written and its audit record goes in the same batch: one round trip instead of four.
        if (changes.All(c => c.Action != "Added" || !HasTemporaryKey(c.Entry)))
        {
            foreach (var (entry, action, key, before, after) in changes)
            {
                await AuditEntries.AddAsync(Record(now, entry, action, key ?? KeyOf(entry), before,
                    action == "Added" ? AddedSnapshot(entry) : after), cancellationToken);
            }
            // Only inserts, few enough for one batch: PostgreSQL runs a batch as one implicit transaction, so an
            // explicit BEGIN/COMMIT (a round trip more) adds nothing. Updates keep the transaction: a concurrency
            // check that fails must undo the rest of the batch.
            // Every row counts, parts written with their owner included: a bigger save is split into batches.
            var rows = entries.Count(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) + changes.Count;
            var oneBatch = Database.CurrentTransaction is null && this.IsPostgres()
                && changes.All(c => c.Action == "Added") && rows <= OneBatchRows;
            var behaviour = Database.AutoTransactionBehavior;
            if (oneBatch) Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
            try
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken) - changes.Count;
            }
            finally
            {
                Database.AutoTransactionBehavior = behaviour;
            }
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            foreach (var (entry, action, key, before, after) in changes)
            {
                // Added rows are read after the save, when their generated keys are known.
                AuditEntries.Add(Record(now, entry, action, key ?? KeyOf(entry), before,
                    action == "Added" ? AddedSnapshot(entry) : after));
            }
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return saved;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>Rows EF Core sends to PostgreSQL in one batch (Npgsql's default maximum batch size is 1,000).</summary>
    private const int OneBatchRows = 500;

    private static bool HasTemporaryKey(EntityEntry entry) =>
        entry.Metadata.FindPrimaryKey() is { } key && key.Properties.Any(p => entry.Property(p.Name).IsTemporary);

    private AuditEntry Record(DateTime now, EntityEntry entry, string action, string key, string? before, string? after) => new()
    {
        At = now,
        UserName = Actor.Name,
        LocalAuthorityId = Actor.LocalAuthorityId,
        Action = action,
        EntityType = entry.Metadata.ClrType.Name,
        EntityKey = key,
        Before = before,
        After = after,
    };

    /// <summary>Writes one audit record for an action that is not a single row change (an import, a sign-in).</summary>
    public void Audit(string action, string entityType, string entityKey, object? details = null)
    {
        AuditEntries.Add(new AuditEntry
        {
            At = Now,
            UserName = Actor.Name,
            LocalAuthorityId = Actor.LocalAuthorityId,
            Action = action,
            EntityType = entityType,
            EntityKey = entityKey,
            After = details is null ? null : JsonSerializer.Serialize(details),
        });
    }

    // Enums as their names, as the database stores them: "SpotPurchase", not 2.
    private static readonly JsonSerializerOptions AuditJson = new() { Converters = { new JsonStringEnumConverter() } };

    // Secrets never reach the audit log.
    private static readonly HashSet<string> Hidden =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Hash", "Value"];

    private static string Snapshot(EntityEntry entry, bool current, bool onlyChanged = false) =>
        JsonSerializer.Serialize(Values(entry, current, onlyChanged), AuditJson);

    private static SortedDictionary<string, object?> Values(EntityEntry entry, bool current, bool onlyChanged = false)
    {
        var values = new SortedDictionary<string, object?>();
        foreach (var p in entry.Properties)
        {
            if (onlyChanged && !p.IsModified) continue;
            values[p.Metadata.Name] = Hidden.Contains(p.Metadata.Name) ? "(hidden)" : current ? p.CurrentValue : p.OriginalValue;
        }
        return values;
    }

    /// <summary>An added row as written, with the parts written with it (each with its own key) under their collection's name.</summary>
    private string AddedSnapshot(EntityEntry entry)
    {
        var values = Values(entry, current: true);
        foreach (var navigation in PartCollections(entry.Metadata))
        {
            if (entry.Collection(navigation.Name).CurrentValue is { } parts)
                values[navigation.Name] = parts.Cast<object>().Select(p => Values(Entry(p), current: true)).ToList();
        }
        return JsonSerializer.Serialize(values, AuditJson);
    }

    private static IEnumerable<IEnumerable<object>> PartsOf(EntityEntry entry) =>
        PartCollections(entry.Metadata).Select(n => entry.Collection(n.Name).CurrentValue?.Cast<object>() ?? []);

    private static readonly ConcurrentDictionary<IEntityType, INavigation[]> PartNavigations = new();

    /// <summary>An entity's collections of parts audited with it (a return's bed and hours lines); none for most.</summary>
    private static INavigation[] PartCollections(IEntityType type) => PartNavigations.GetOrAdd(type, t => t.GetNavigations()
        .Where(n => n.IsCollection && n.TargetEntityType.ClrType.IsAssignableTo(typeof(IAuditedWithOwner))).ToArray());

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? "" : string.Join("/", key.Properties.Select(p => entry.Property(p.Name).CurrentValue));
    }

    /// <summary>What no save may do, whoever asks: the table's kind and the actor's council decide.</summary>
    private void Refuse(EntityEntry entry)
    {
        if (entry.State is EntityState.Unchanged or EntityState.Detached) return;
        var name = entry.Metadata.ClrType.Name;
        if (entry.Entity is IAppendOnly && entry.State is EntityState.Modified or EntityState.Deleted)
            throw new InvalidOperationException($"{name} is append-only: its rows are never changed or deleted.");
        if (entry.Entity is INeverDeleted && entry.State is EntityState.Deleted)
            throw new InvalidOperationException($"{name} is never deleted: its history is kept (a suspension is lifted, not removed).");
        if (ReferenceEquals(Actor, Actor.Nobody))
            throw new InvalidOperationException("A context made without an actor writes nothing: system work asks for Actor.System by name.");
        // A council's staff write only their own council's records (providers' writes are guarded by their use cases).
        if (entry.Entity is ICouncilOwned && entry.Entity is not AuditEntry && Actor.SeesCouncilRecords && TenantId is { } council
            && entry.Metadata.FindProperty("LocalAuthorityId") is { } property
            && entry.Property(property.Name).CurrentValue is int owner && owner != council)
            throw new InvalidOperationException($"{name} belongs to another council: {Actor.Name} cannot write it.");
    }
}
