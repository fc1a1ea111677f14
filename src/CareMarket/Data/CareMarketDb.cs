using CareMarket.Placements;
using System.Text.Json;
using CareMarket.Register;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CareMarket.Data;

/// <summary>
/// The one database context. Used directly by services and pages: no repositories (docs/decisions/0001).
/// Council-owned sets are filtered to the actor's council; every save writes audit records in the same transaction.
/// </summary>
public class CareMarketDb(DbContextOptions<CareMarketDb> options) : IdentityDbContext<AppUser, IdentityRole, string>(options)
{
    // One constructor, the options alone: EF Core's context pool requires it. Who acts and the clock are set after.
    private Actor? actor;
    private ActorHolder? holder;
    private TimeProvider clock = TimeProvider.System;

    /// <summary>
    /// A pooled context, handed to a request: it acts for the request's actor with the app's clock. Everything a
    /// request may change is set here and cleared when the context goes back to the pool.
    /// </summary>
    public CareMarketDb ForRequest(ActorHolder requestHolder, TimeProvider clock)
    {
        actor = null;
        holder = requestHolder;
        this.clock = clock;
        AuditEachRow = true;
        return this;
    }

    public override void Dispose()
    {
        Forget();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Forget();
        return base.DisposeAsync();
    }

    // A pooled context must not remember who used it last.
    private void Forget()
    {
        actor = null;
        holder = null;
        clock = TimeProvider.System;
        AuditEachRow = true;
    }

    /// <summary>Who is acting: given when the context is made, else the request's (see <see cref="ActorHolder"/>).</summary>
    public Actor Actor
    {
        get => actor ?? holder?.Actor ?? Actor.System;
        set => actor = value;
    }
    public TimeProvider Clock { get => clock; init => clock = value; }

    /// <summary>The council whose records this context may see; null for the system actor.</summary>
    public int? TenantId => Actor.LocalAuthorityId;

    /// <summary>Whether the actor may see its council's own records (not partners, not provider users).</summary>
    public bool SeesCouncilRecords => Actor.SeesCouncilRecords;

    /// <summary>The actor's provider, for query filters (a provider user or key), else null.</summary>
    public int? ActorProviderId => Actor.ProviderId;

    /// <summary>Bulk imports write one summary audit record instead of one per row.</summary>
    public bool AuditEachRow { get; set; } = true;

    public DbSet<LocalAuthority> LocalAuthorities => Set<LocalAuthority>();
    public DbSet<LocalAuthorityNeighbour> Neighbours => Set<LocalAuthorityNeighbour>();
    public DbSet<Area> Areas => Set<Area>();
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<Rating> Ratings => Set<Rating>();
    public DbSet<Contract> Contracts => Set<Contract>();
    public DbSet<ServiceExit> ServiceExits => Set<ServiceExit>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<CouncilSettings> CouncilSettings => Set<CouncilSettings>();
    public DbSet<Capacity.CapacityReturn> CapacityReturns => Set<Capacity.CapacityReturn>();
    public DbSet<Capacity.BedLine> BedLines => Set<Capacity.BedLine>();
    public DbSet<Capacity.HoursLine> HoursLines => Set<Capacity.HoursLine>();
    public DbSet<Brokerage.Person> People => Set<Brokerage.Person>();
    public DbSet<Brokerage.CareRequest> CareRequests => Set<Brokerage.CareRequest>();
    public DbSet<Brokerage.Invitation> Invitations => Set<Brokerage.Invitation>();
    public DbSet<Brokerage.Offer> Offers => Set<Brokerage.Offer>();
    public DbSet<Placements.Placement> Placements => Set<Placements.Placement>();
    public DbSet<Brokerage.Vacancy> Vacancies => Set<Brokerage.Vacancy>();
    public DbSet<Quality.Restrictions.ServiceRestriction> ServiceRestrictions => Set<Quality.Restrictions.ServiceRestriction>();
    public DbSet<Brokerage.RequestStatusChange> RequestStatusChanges => Set<Brokerage.RequestStatusChange>();
    public DbSet<Brokerage.SourcingTarget> SourcingTargets => Set<Brokerage.SourcingTarget>();
    public DbSet<Brokerage.WithinTimescaleTarget> WithinTimescaleTargets => Set<Brokerage.WithinTimescaleTarget>();

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.HasIndex(u => u.LocalAuthorityId);
        });
        // Sign-in keys of 128 characters, as the Foundation migration made them (Identity's usual MaxLengthForKeys,
        // set here so that the model is the same whichever host builds it).
        builder.Entity<IdentityUserLogin<string>>(e =>
        {
            e.Property(l => l.LoginProvider).HasMaxLength(128);
            e.Property(l => l.ProviderKey).HasMaxLength(128);
        });
        builder.Entity<IdentityUserToken<string>>(e =>
        {
            e.Property(t => t.LoginProvider).HasMaxLength(128);
            e.Property(t => t.Name).HasMaxLength(128);
        });

        builder.Entity<LocalAuthority>(e =>
        {
            e.Property(x => x.OnsCode).HasMaxLength(9);
            e.HasIndex(x => x.OnsCode).IsUnique();
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.CqcName).HasMaxLength(200);
            e.Property(x => x.Region).HasMaxLength(100);
            e.HasMany(x => x.Areas).WithOne().HasForeignKey(a => a.LocalAuthorityId);
            e.HasMany(x => x.Neighbours).WithOne().HasForeignKey(n => n.LocalAuthorityId);
        });
        builder.Entity<LocalAuthorityNeighbour>(e =>
        {
            e.HasKey(x => new { x.LocalAuthorityId, x.NeighbourId });
            e.HasOne(x => x.Neighbour).WithMany().HasForeignKey(x => x.NeighbourId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Area>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.PostcodeDistricts).HasMaxLength(500);
            e.HasIndex(x => new { x.LocalAuthorityId, x.Name }).IsUnique();
        });

        builder.Entity<Provider>(e =>
        {
            e.Property(x => x.CqcProviderId).HasMaxLength(20);
            e.HasIndex(x => x.CqcProviderId).IsUnique();
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.BrandId).HasMaxLength(20);
            e.Property(x => x.BrandName).HasMaxLength(300);
            e.HasMany(x => x.Services).WithOne(s => s.Provider).HasForeignKey(s => s.ProviderId);
        });

        builder.Entity<Service>(e =>
        {
            e.Property(x => x.CqcLocationId).HasMaxLength(20);
            e.HasIndex(x => x.CqcLocationId).IsUnique();
            e.Property(x => x.Name).HasMaxLength(300);
            e.HasIndex(x => x.Name);
            e.Property(x => x.AlsoKnownAs).HasMaxLength(300);
            e.Property(x => x.ServiceType).HasConversion<string>().HasMaxLength(40);
            e.Property(x => x.CqcServiceTypes).HasMaxLength(1000);
            e.Property(x => x.RegulatedActivities).HasMaxLength(1000);
            e.Property(x => x.Street).HasMaxLength(300);
            e.Property(x => x.City).HasMaxLength(100);
            e.Property(x => x.Postcode).HasMaxLength(10);
            e.HasIndex(x => x.Postcode);
            e.Property(x => x.Phone).HasMaxLength(40);
            e.Property(x => x.Website).HasMaxLength(300);
            e.Property(x => x.CqcLocalAuthority).HasMaxLength(200);
            e.Property(x => x.Region).HasMaxLength(100);
            e.Property(x => x.InspectionDirectorate).HasMaxLength(100);
            e.Property(x => x.PrimaryInspectionCategory).HasMaxLength(200);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne(x => x.HostLocalAuthority).WithMany().HasForeignKey(x => x.HostLocalAuthorityId);
            e.HasIndex(x => x.HostLocalAuthorityId);
            e.HasOne(x => x.Area).WithMany().HasForeignKey(x => x.AreaId);
            e.HasMany(x => x.Ratings).WithOne().HasForeignKey(r => r.ServiceId);
            e.HasOne(x => x.CurrentRating).WithMany().HasForeignKey(x => x.CurrentRatingId)
                .OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Rating>(e =>
        {
            foreach (var p in new[] { "Overall", "Safe", "Effective", "Caring", "Responsive", "WellLed" })
            {
                e.Property(p).HasConversion<string>().HasMaxLength(30);
            }
            e.Property(x => x.Source).HasMaxLength(40);
            e.HasIndex(x => new { x.ServiceId, x.PublishedOn }).IsUnique();
        });

        builder.Entity<Contract>(e =>
        {
            e.Property(x => x.Arrangement).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Reference).HasMaxLength(100);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.LocalAuthorityId, x.ServiceId });
            e.HasOne(x => x.Service).WithMany().HasForeignKey(x => x.ServiceId);
            e.HasOne<LocalAuthority>().WithMany().HasForeignKey(x => x.LocalAuthorityId);
            // Tenancy: a council's staff see only its own contracts; partners and providers see none.
            e.HasQueryFilter(x => TenantId == null || (SeesCouncilRecords && x.LocalAuthorityId == TenantId));
        });

        builder.Entity<ServiceExit>(e =>
        {
            e.Property(x => x.Source).HasMaxLength(40);
            e.HasOne(x => x.Service).WithMany().HasForeignKey(x => x.ServiceId);
            e.HasIndex(x => new { x.ServiceId, x.EndedOn }).IsUnique();
        });

        builder.Entity<ImportRun>(e =>
        {
            e.Property(x => x.Kind).HasMaxLength(40);
            e.Property(x => x.Source).HasMaxLength(500);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.UserName).HasMaxLength(256);
        });

        builder.Entity<ApiKey>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Prefix).HasMaxLength(12);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => x.Hash).IsUnique();
            e.HasOne<Provider>().WithMany().HasForeignKey(x => x.ProviderId);
            e.HasQueryFilter(x => TenantId == null || x.LocalAuthorityId == TenantId);
        });

        builder.Entity<CouncilSettings>(e =>
        {
            e.HasKey(x => x.LocalAuthorityId);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<LocalAuthority>().WithMany().HasForeignKey(x => x.LocalAuthorityId);
            e.HasQueryFilter(x => TenantId == null || x.LocalAuthorityId == TenantId);
        });

        // Each area of the work keeps its entities' configuration beside them.
        builder.ApplyConfigurationsFromAssembly(typeof(CareMarketDb).Assembly);

        // Council-owned brokerage records: a council's staff see their own; a provider sees only what it was sent.
        builder.Entity<Brokerage.Person>().HasQueryFilter(x => TenantId == null || (SeesCouncilRecords && x.LocalAuthorityId == TenantId));
        builder.Entity<Brokerage.CareRequest>().HasQueryFilter(x => TenantId == null
            || (SeesCouncilRecords && x.LocalAuthorityId == TenantId)
            || (ActorProviderId != null && Invitations.Any(i => i.CareRequestId == x.Id && i.ProviderId == ActorProviderId)));
        builder.Entity<Brokerage.Offer>().HasQueryFilter(x => TenantId == null
            || (ActorProviderId != null ? x.ProviderId == ActorProviderId : SeesCouncilRecords && x.LocalAuthorityId == TenantId));
        builder.Entity<Brokerage.Invitation>().HasQueryFilter(x => TenantId == null
            || (ActorProviderId != null ? x.ProviderId == ActorProviderId : SeesCouncilRecords && x.LocalAuthorityId == TenantId));
        builder.Entity<Placements.Placement>().HasQueryFilter(x => TenantId == null || (SeesCouncilRecords && x.LocalAuthorityId == TenantId));
        builder.Entity<Brokerage.RequestStatusChange>().HasQueryFilter(x => TenantId == null || (SeesCouncilRecords && x.LocalAuthorityId == TenantId));
        // Sourcing targets are settings: the council's own, as CouncilSettings.
        builder.Entity<Brokerage.SourcingTarget>().HasQueryFilter(x => TenantId == null || x.LocalAuthorityId == TenantId);
        builder.Entity<Brokerage.WithinTimescaleTarget>().HasQueryFilter(x => TenantId == null || x.LocalAuthorityId == TenantId);

        // Suspensions and embargoes: a council's staff see their own council's; a provider sees those on its own
        // services, from any council (the reason is left out where it is read: ServiceRestrictions.ListAsync); partners none.
        builder.Entity<Quality.Restrictions.ServiceRestriction>().HasQueryFilter(x => TenantId == null
            || (SeesCouncilRecords && x.LocalAuthorityId == TenantId)
            || (ActorProviderId != null && Services.Any(s => s.Id == x.ServiceId && s.ProviderId == ActorProviderId)));

        if (this.IsPostgres()) KeyBlocks.Configure(builder);

        builder.Entity<AuditEntry>(e =>
        {
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.Action).HasMaxLength(40);
            e.Property(x => x.EntityType).HasMaxLength(100);
            e.Property(x => x.EntityKey).HasMaxLength(100);
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.EntityType, x.EntityKey });
        });
    }

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
            if (entry.Entity is AuditEntry && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("The audit log is append-only.");
            }
            if (entry.Entity is Quality.Restrictions.ServiceRestriction && entry.State is EntityState.Deleted)
            {
                throw new InvalidOperationException("Suspensions and embargoes are lifted, never deleted: their history is kept.");
            }
            if (entry.Entity is Brokerage.RequestStatusChange && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("A request's status history is append-only.");
            }
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
    private static readonly JsonSerializerOptions AuditJson = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

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

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IEntityType, INavigation[]> PartNavigations = new();

    /// <summary>An entity's collections of parts audited with it (a return's bed and hours lines); none for most.</summary>
    private static INavigation[] PartCollections(IEntityType type) => PartNavigations.GetOrAdd(type, t => t.GetNavigations()
        .Where(n => n.IsCollection && n.TargetEntityType.ClrType.IsAssignableTo(typeof(IAuditedWithOwner))).ToArray());

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? "" : string.Join("/", key.Properties.Select(p => entry.Property(p.Name).CurrentValue));
    }
}
