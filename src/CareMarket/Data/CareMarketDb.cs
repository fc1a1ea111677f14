using CareMarket.Register;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Data;

/// <summary>
/// The one database context. Used directly by services and pages: no repositories (docs/decisions/0001).
/// Each area configures its own entities beside them (<c>IEntityTypeConfiguration</c>); tenancy is a convention
/// (<see cref="Tenancy"/>): council-owned sets are filtered to the actor's council, and a context made without an
/// actor sees no council's records. Every save writes audit records in the same transaction (CareMarketDb.Audit.cs).
/// </summary>
public partial class CareMarketDb(DbContextOptions<CareMarketDb> options) : IdentityDbContext<AppUser, IdentityRole, string>(options)
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

    /// <summary>
    /// Who is acting: given when the context is made, else the request's (see <see cref="ActorHolder"/>), else nobody
    /// (fails closed: system work asks for <see cref="Actor.System"/> by name).
    /// </summary>
    public Actor Actor
    {
        get => actor ?? holder?.Actor ?? Actor.Nobody;
        set => actor = value;
    }
    public TimeProvider Clock { get => clock; init => clock = value; }

    /// <summary>The council whose records this context may see; null for the system actor only.</summary>
    public int? TenantId => Actor.TenantId;

    /// <summary>The council the actor acts for; null for the system and for an actor of no council.</summary>
    public int? Council => Actor.IsSystem || Actor.LocalAuthorityId is null or Actor.NoCouncil ? null : Actor.LocalAuthorityId;

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
    public DbSet<Admin.CouncilSettings> CouncilSettings => Set<Admin.CouncilSettings>();
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

    /// <summary>Today in the UK (Europe/London): the one "today" of every rule and page.</summary>
    public DateOnly Today => UkTime.Today(Clock);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Each area keeps its entities' configuration beside them.
        builder.ApplyConfigurationsFromAssembly(typeof(CareMarketDb).Assembly);
        Tenancy.Apply(builder, this);
        if (this.IsPostgres()) KeyBlocks.Configure(builder);
    }
}
