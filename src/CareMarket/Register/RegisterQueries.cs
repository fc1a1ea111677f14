using CareMarket.Data;
using CareMarket.Quality.Restrictions;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Register;

/// <summary>Which part of England's register to show a council: its own area, with its neighbours, or all.</summary>
public enum RegisterScope { OurArea, OurAreaAndNeighbours, England }

public enum RegisterSort { Name, Provider, Rating, RatedOn, Beds }

/// <summary>The register's filters, as the filter panel and the API take them. Every one is optional.</summary>
public sealed record RegisterFilter
{
    public string? Search { get; init; }
    public RegisterScope Scope { get; init; } = RegisterScope.OurArea;
    /// <summary>Services registered for this type, whether it is their main type or one of the others (as CQC counts).</summary>
    public ServiceType? ServiceType { get; init; }
    /// <summary>True: only services CQC marks dormant (registered, not providing care now); false: only those it does not.</summary>
    public bool? Dormant { get; init; }
    public Specialism? Specialism { get; init; }
    public int? AreaId { get; init; }
    public int? ProviderId { get; init; }
    public int? MinBeds { get; init; }
    public int? MaxBeds { get; init; }
    /// <summary>Filter by the council's contract arrangement; <see cref="NoContract"/> for services it has none with.</summary>
    public ContractArrangement? Arrangement { get; init; }
    public bool NoContract { get; init; }
    public ServiceStatus? Status { get; init; } = ServiceStatus.Active;
    /// <summary>True: only services suspended or embargoed now (by the actor's council); false: only those that are not.</summary>
    public bool? Suspended { get; init; }
    /// <summary>Rating filters: the overall rating and each key question. "Not yet rated" is <see cref="NotYetRated"/>.</summary>
    public RatingWord? Overall { get; init; }
    public bool NotYetRated { get; init; }
    public RatingWord? Safe { get; init; }
    public RatingWord? Effective { get; init; }
    public RatingWord? Caring { get; init; }
    public RatingWord? Responsive { get; init; }
    public RatingWord? WellLed { get; init; }
    public RegisterSort Sort { get; init; } = RegisterSort.Name;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record ServiceRow(
    int Id, string? CqcLocationId, string Name, int ProviderId, string ProviderName, ServiceType ServiceType,
    Specialism Specialisms, string? Area, string? Council, string? Postcode, int? RegisteredBeds,
    ContractArrangement? Arrangement, ServiceStatus Status, RatingWord? Overall, RatingWord? Safe,
    RatingWord? Effective, RatingWord? Caring, RatingWord? Responsive, RatingWord? WellLed, DateOnly? RatedOn,
    RestrictionKind? Restriction = null, bool Dormant = false, ServiceTypes ServiceTypes = ServiceTypes.None)
{
    /// <summary>Every type the service counts under, main type first.</summary>
    public IReadOnlyList<ServiceType> AllTypes =>
        [ServiceType, .. ServiceTypeSet.Types(ServiceTypeSet.Counted(ServiceType, ServiceTypes)).Where(t => t != ServiceType)];
}

public sealed record RegisterPage(IReadOnlyList<ServiceRow> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record ContractView(int Id, ContractArrangement Arrangement, string? Reference, string? Lot, DateOnly StartsOn, DateOnly? EndsOn, int Version);

/// <summary>A service linked to another by a change of provider: the other's id in the register (if held), CQC id and name.</summary>
public sealed record LinkedService(int? Id, string CqcLocationId, string? Name, string? Reason);

public sealed record ServiceDetail(ServiceRow Summary, Service Service, string? CqcServiceTypes, IReadOnlyList<Rating> Ratings,
    IReadOnlyList<ServiceRow> ProviderServices, IReadOnlyList<ContractView> Contracts, ServiceExit? Exit,
    LinkedService? Successor = null, IReadOnlyList<LinkedService>? Predecessors = null);

public sealed record ProviderDetail(Provider Provider, IReadOnlyList<ServiceRow> Services);

/// <summary>
/// Reads the register. Pages and the API both call these. A provider user sees only its own provider's services;
/// contracts, suspensions and embargoes are the actor's council's only (query filters; a provider sees those on its
/// own services).
/// </summary>
public sealed class RegisterQueries(CareMarketDb db)
{
    public async Task<RegisterPage> ListAsync(RegisterFilter filter, CancellationToken ct = default)
    {
        var query = Filtered(filter);
        var total = await query.CountAsync(ct);
        var size = Math.Clamp(filter.PageSize, 1, 500);
        var page = Math.Max(1, filter.Page);
        var rows = await Rows(Sorted(query, filter.Sort).Skip((page - 1) * size).Take(size)).ToListAsync(ct);
        return new RegisterPage(rows, total, page, size);
    }

    /// <summary>Every row that matches, for CSV and XLSX export, streamed.</summary>
    public IAsyncEnumerable<ServiceRow> ExportAsync(RegisterFilter filter) =>
        Rows(Sorted(Filtered(filter), filter.Sort)).AsAsyncEnumerable();

    public async Task<ServiceDetail?> GetServiceAsync(int id, CancellationToken ct = default)
    {
        var service = await Visible().Include(s => s.Provider).Include(s => s.Area).Include(s => s.HostLocalAuthority)
            .AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (service is null) return null;
        var summary = await Rows(Visible().Where(s => s.Id == id)).FirstAsync(ct);
        var ratings = await db.Ratings.AsNoTracking().Where(r => r.ServiceId == id)
            .OrderByDescending(r => r.PublishedOn).ThenBy(r => r.AssessmentServiceGroup).ToListAsync(ct);
        var others = await Rows(Visible().Where(s => s.ProviderId == service.ProviderId && s.Id != id).OrderBy(s => s.Name))
            .ToListAsync(ct);
        var contracts = await db.Contracts.AsNoTracking().Where(c => c.ServiceId == id)
            .OrderByDescending(c => c.StartsOn)
            .Select(c => new ContractView(c.Id, c.Arrangement, c.Reference,
                db.Areas.Where(a => a.Id == c.LotAreaId).Select(a => a.Name).FirstOrDefault(), c.StartsOn, c.EndsOn, c.Version))
            .ToListAsync(ct);
        var exit = await db.ServiceExits.AsNoTracking().Where(e => e.ServiceId == id).OrderByDescending(e => e.EndedOn).FirstOrDefaultAsync(ct);
        LinkedService? successor = null;
        if (exit?.SuccessorCqcLocationId is { } next)
        {
            var held = await db.Services.AsNoTracking().Where(s => s.CqcLocationId == next).Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(ct);
            successor = new LinkedService(held?.Id, next, held?.Name, exit.Reason);
        }
        var predecessors = service.CqcLocationId is { } cqcId
            ? await db.ServiceExits.AsNoTracking().Where(e => e.SuccessorCqcLocationId == cqcId)
                .Select(e => new LinkedService(e.ServiceId, e.Service!.CqcLocationId!, e.Service.Name, e.Reason)).ToListAsync(ct)
            : [];
        return new ServiceDetail(summary, service, service.CqcServiceTypes, ratings, others, contracts, exit, successor, predecessors);
    }

    public async Task<ProviderDetail?> GetProviderAsync(int id, CancellationToken ct = default)
    {
        if (db.Actor.ProviderId is { } own && own != id) return null;
        var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (provider is null) return null;
        var services = await Rows(Visible().Where(s => s.ProviderId == id).OrderBy(s => s.Name)).ToListAsync(ct);
        return new ProviderDetail(provider, services);
    }

    /// <summary>The actor's council's areas of one kind (localities by default, or homecare patches).</summary>
    public Task<List<Area>> AreasAsync(CancellationToken ct = default, AreaKind kind = AreaKind.Locality) =>
        db.Areas.AsNoTracking().Where(a => a.LocalAuthorityId == db.TenantId && a.Kind == kind)
            .OrderBy(a => a.Name).ToListAsync(ct);

    /// <summary>Services the actor may see: all of them, except for a provider user, who sees its own.</summary>
    private IQueryable<Service> Visible() =>
        db.Actor.ProviderId is { } own ? db.Services.Where(s => s.ProviderId == own) : db.Services;

    private IQueryable<Service> Filtered(RegisterFilter f)
    {
        var q = Visible();
        var tenant = db.TenantId;
        if (tenant is not null && db.Actor.ProviderId is null)
        {
            q = f.Scope switch
            {
                RegisterScope.OurArea => q.Where(s => s.HostLocalAuthorityId == tenant),
                RegisterScope.OurAreaAndNeighbours => q.Where(s => s.HostLocalAuthorityId == tenant
                    || db.Neighbours.Any(n => n.LocalAuthorityId == tenant && n.NeighbourId == s.HostLocalAuthorityId)),
                _ => q,
            };
        }
        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var term = f.Search.Trim().ToLower();
            var compact = term.Replace(" ", "");
            q = q.Where(s => s.Name.ToLower().Contains(term)
                || (s.CqcLocationId != null && s.CqcLocationId.ToLower() == term)
                || (s.Postcode != null && s.Postcode.Replace(" ", "").ToLower().StartsWith(compact))
                || s.Provider!.Name.ToLower().Contains(term));
        }
        if (f.ServiceType is { } type)
        {
            // The main type always counts, even for a service written before every type was kept.
            var bit = ServiceTypeSet.Of(type);
            q = q.Where(s => s.ServiceType == type || (s.ServiceTypes & bit) == bit);
        }
        if (f.Dormant is { } dormant) q = q.Where(s => s.Dormant == dormant);
        if (f.Specialism is { } spec and not Specialism.None) q = q.Where(s => (s.Specialisms & spec) == spec);
        if (f.AreaId is { } area) q = q.Where(s => s.AreaId == area);
        if (f.ProviderId is { } provider) q = q.Where(s => s.ProviderId == provider);
        if (f.MinBeds is { } min) q = q.Where(s => s.RegisteredBeds >= min);
        if (f.MaxBeds is { } max) q = q.Where(s => s.RegisteredBeds <= max);
        if (f.Status is { } status) q = q.Where(s => s.Status == status);
        if (f.Suspended is { } suspended)
        {
            var restricted = InForce();
            q = q.Where(s => restricted.Any(r => r.ServiceId == s.Id) == suspended);
        }
        if (f.NoContract) q = q.Where(s => !db.Contracts.Any(c => c.ServiceId == s.Id));
        else if (f.Arrangement is { } arrangement) q = q.Where(s => db.Contracts.Any(c => c.ServiceId == s.Id && c.Arrangement == arrangement));
        if (f.NotYetRated) q = q.Where(s => s.CurrentRatingId == null);
        else if (f.Overall is { } overall) q = q.Where(s => s.CurrentRating!.Overall == overall);
        if (f.Safe is { } safe) q = q.Where(s => s.CurrentRating!.Safe == safe);
        if (f.Effective is { } effective) q = q.Where(s => s.CurrentRating!.Effective == effective);
        if (f.Caring is { } caring) q = q.Where(s => s.CurrentRating!.Caring == caring);
        if (f.Responsive is { } responsive) q = q.Where(s => s.CurrentRating!.Responsive == responsive);
        if (f.WellLed is { } wellLed) q = q.Where(s => s.CurrentRating!.WellLed == wellLed);
        return q;
    }

    /// <summary>Suspensions and embargoes in force now, as the actor may see them (query filter).</summary>
    private IQueryable<ServiceRestriction> InForce() => db.ServiceRestrictions.Where(ServiceRestrictions.ActiveAt(db.Now));

    private IQueryable<ServiceRow> Rows(IQueryable<Service> services)
    {
        var restricted = InForce();
        return services.Select(s => new ServiceRow(
            s.Id, s.CqcLocationId, s.Name, s.ProviderId, s.Provider!.Name, s.ServiceType, s.Specialisms,
            s.Area!.Name, s.HostLocalAuthority!.Name, s.Postcode, s.RegisteredBeds,
            db.Contracts.Where(c => c.ServiceId == s.Id).OrderByDescending(c => c.StartsOn)
                .Select(c => (ContractArrangement?)c.Arrangement).FirstOrDefault(),
            s.Status,
            s.CurrentRating == null ? null : s.CurrentRating.Overall,
            s.CurrentRating!.Safe, s.CurrentRating.Effective, s.CurrentRating.Caring, s.CurrentRating.Responsive,
            s.CurrentRating.WellLed,
            s.CurrentRating == null ? null : s.CurrentRating.PublishedOn,
            restricted.Where(r => r.ServiceId == s.Id).OrderBy(r => r.StartsOn).Select(r => (RestrictionKind?)r.Kind).FirstOrDefault(),
            s.Dormant, s.ServiceTypes));
    }

    private static IQueryable<Service> Sorted(IQueryable<Service> services, RegisterSort sort) => sort switch
    {
        RegisterSort.Provider => services.OrderBy(s => s.Provider!.Name).ThenBy(s => s.Name),
        // Worst first, as a quality officer reads it: Inadequate, Requires improvement, Good, Outstanding, then unrated.
        RegisterSort.Rating => services.OrderBy(s => s.CurrentRating == null ? 4
            : s.CurrentRating.Overall == RatingWord.Inadequate ? 0 : s.CurrentRating.Overall == RatingWord.RequiresImprovement ? 1
            : s.CurrentRating.Overall == RatingWord.Good ? 2 : s.CurrentRating.Overall == RatingWord.Outstanding ? 3 : 4).ThenBy(s => s.Name),
        RegisterSort.RatedOn => services.OrderByDescending(s => s.CurrentRating!.PublishedOn).ThenBy(s => s.Name),
        RegisterSort.Beds => services.OrderByDescending(s => s.RegisteredBeds).ThenBy(s => s.Name),
        _ => services.OrderBy(s => s.Name).ThenBy(s => s.Id),
    };
}
