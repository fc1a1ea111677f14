using CareMarket.Brokerage;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Quality.Restrictions;
using CareMarket.Register;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Testing;

/// <summary>A council made by <see cref="TestData.CouncilAsync"/>: the authority, one locality and the homecare patch over the same districts.</summary>
public sealed record Council(LocalAuthority Authority, Area Locality, Area Patch)
{
    public int Id => Authority.Id;
    public string Name => Authority.Name;
    /// <summary>The first postcode district of the locality (and patch), such as "NB4".</summary>
    public string District => Locality.PostcodeDistricts.Split(' ')[0];
}

/// <summary>
/// Test data in a few rows: one call each for a council, a provider, a service, a capacity return, a user, a care
/// request, a contract or a suspension, with defaults that make a valid row and optional overrides. Every call saves,
/// without audit records (as the demo seeds), so the audit log holds only what the test itself does.
/// The context must act as the system (<see cref="TestDatabase.NewContext"/> with no actor), which sees every council.
/// Names and codes are unique in the test run, so builders can be called any number of times on one database.
/// <para>
/// The defaults: a council in the East Midlands with a "Central" locality and a "Central patch" over NB4 NB5 NB6;
/// services in that locality at one place (52.95, -1.16), active, rated Good, care homes with 40 beds for older people
/// with dementia; requests from today, routine, for what the service type is measured in (a residential or nursing
/// bed, or 10 hours a week in the morning).
/// </para>
/// </summary>
public sealed class TestData(CareMarketDb db, bool ownsContext = false) : IAsyncDisposable
{
    /// <summary>The password of every user made here: the demo accounts' own, so one sign-in helper serves both.</summary>
    public const string Password = Demo.DemoBorough.Password;

    public const double Latitude = 52.95;
    public const double Longitude = -1.16;

    private static int next;
    private static int Next() => Interlocked.Increment(ref next);

    public CareMarketDb Db => db;
    public DateTime Now => db.Now;
    public DateOnly Today => DateOnly.FromDateTime(db.Now);

    /// <summary>A council (local authority) with a locality and the homecare patch over the same postcode districts.</summary>
    public async Task<Council> CouncilAsync(string? name = null, string? onsCode = null, string region = "East Midlands",
        string districts = "NB4 NB5 NB6", string locality = "Central")
    {
        var n = Next();
        var authority = new LocalAuthority
        {
            OnsCode = onsCode ?? $"E06{800000 + n % 100000:D6}", Name = name ?? $"Testshire {n}", Region = region, IsTenant = true,
        };
        authority.CqcName = authority.Name;
        db.LocalAuthorities.Add(authority);
        await SaveAsync();
        var area = new Area { LocalAuthorityId = authority.Id, Name = locality, Kind = AreaKind.Locality, PostcodeDistricts = districts };
        var patch = new Area { LocalAuthorityId = authority.Id, Name = $"{locality} patch", Kind = AreaKind.HomecarePatch, PostcodeDistricts = districts };
        db.Areas.AddRange(area, patch);
        await SaveAsync();
        return new Council(authority, area, patch);
    }

    /// <summary>Another area of the council (a locality by default).</summary>
    public async Task<Area> AreaAsync(Council council, string name, string districts, AreaKind kind = AreaKind.Locality)
    {
        var area = new Area { LocalAuthorityId = council.Id, Name = name, Kind = kind, PostcodeDistricts = districts };
        db.Areas.Add(area);
        await SaveAsync();
        return area;
    }

    /// <summary>Makes two councils neighbours (in both directions, as the register keeps them).</summary>
    public async Task NeighboursAsync(Council one, Council other)
    {
        db.Neighbours.AddRange(
            new LocalAuthorityNeighbour { LocalAuthorityId = one.Id, NeighbourId = other.Id },
            new LocalAuthorityNeighbour { LocalAuthorityId = other.Id, NeighbourId = one.Id });
        await SaveAsync();
    }

    public async Task<Provider> ProviderAsync(string? name = null, string? cqcProviderId = null)
    {
        var n = Next();
        var provider = new Provider { Name = name ?? $"Test Care Ltd {n}", CqcProviderId = cqcProviderId ?? $"1-8{n:D9}", UpdatedAt = Now };
        db.Providers.Add(provider);
        await SaveAsync();
        return provider;
    }

    /// <summary>
    /// A service standing in <paramref name="council"/> (in its locality unless <paramref name="area"/> says otherwise),
    /// of a new provider unless one is given. <paramref name="rating"/> is its current CQC rating (null: not yet rated);
    /// care homes have <paramref name="beds"/> registered beds (40 unless given). <paramref name="with"/> changes
    /// anything else before it is saved (the postcode, the coordinates, the status, no CQC id…).
    /// </summary>
    public async Task<Service> ServiceAsync(Council council, ServiceType type = ServiceType.CareHomeWithoutNursing,
        Provider? provider = null, string? name = null, int? beds = null, Specialism? specialisms = null,
        RatingWord? rating = RatingWord.Good, Area? area = null, Action<Service>? with = null)
    {
        provider ??= await ProviderAsync();
        var n = Next();
        var careHome = type is ServiceType.CareHomeWithNursing or ServiceType.CareHomeWithoutNursing or ServiceType.RespiteAndShortBreaks;
        var place = area ?? council.Locality;
        var service = new Service
        {
            CqcLocationId = $"1-7{n:D9}",
            ProviderId = provider.Id,
            Name = name ?? $"{RegisterWords.Of(type)} {n}",
            ServiceType = type,
            CqcServiceTypes = RegisterWords.Of(type),
            RegulatedActivities = careHome ? "Accommodation for persons who require nursing or personal care" : "Personal care",
            Specialisms = specialisms ?? (careHome ? Specialism.OlderPeople | Specialism.Dementia : Specialism.OlderPeople | Specialism.YoungerAdults),
            Street = $"{n % 180 + 1} High Street",
            City = council.Name,
            Postcode = $"{place.PostcodeDistricts.Split(' ')[0]} {n % 9 + 1}AB",
            Latitude = Latitude,
            Longitude = Longitude,
            HostLocalAuthorityId = council.Id,
            CqcLocalAuthority = council.Authority.CqcName,
            Region = council.Authority.Region,
            AreaId = place.Id,
            IsCareHome = careHome,
            RegisteredBeds = careHome ? beds ?? 40 : beds,
            InspectionDirectorate = "Adult social care",
            RegisteredOn = Today.AddYears(-5),
            Status = ServiceStatus.Active,
            UpdatedAt = Now,
        };
        with?.Invoke(service);
        db.Services.Add(service);
        await SaveAsync();
        if (rating is { } overall) await RatingAsync(service, overall);
        return service;
    }

    /// <summary>A published CQC rating of the service (every key question the same as the overall unless given); the current one if it is the newest.</summary>
    public async Task<Rating> RatingAsync(Service service, RatingWord overall, DateOnly? publishedOn = null, RatingWord? safe = null,
        RatingWord? wellLed = null)
    {
        var published = publishedOn ?? Today.AddDays(-200);
        var rating = new Rating
        {
            ServiceId = service.Id, PublishedOn = published, Overall = overall, Safe = safe ?? overall, Effective = overall,
            Caring = overall, Responsive = overall, WellLed = wellLed ?? overall, Source = "test",
            RecordedAt = published.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        };
        db.Ratings.Add(rating);
        await SaveAsync();
        var newest = await db.Ratings.Where(r => r.ServiceId == service.Id).OrderByDescending(r => r.PublishedOn).ThenByDescending(r => r.Id)
            .Select(r => r.Id).FirstAsync();
        var tracked = await db.Services.FirstAsync(s => s.Id == service.Id);
        tracked.CurrentRatingId = newest;
        await SaveAsync();
        service.CurrentRatingId = newest;
        service.Version = tracked.Version;
        return rating;
    }

    /// <summary>
    /// A capacity return for the service, reported now unless <paramref name="reportedAt"/> says when; empty unless
    /// <paramref name="with"/> fills it (see <see cref="BedsAsync"/> and <see cref="HoursAsync"/> for the usual ones).
    /// </summary>
    public async Task<CapacityReturn> CapacityAsync(Service service, DateTime? reportedAt = null, string reportedBy = "manager@provider.example",
        CapacitySource source = CapacitySource.Provider, Action<CapacityReturn>? with = null)
    {
        var r = new CapacityReturn { ServiceId = service.Id, ReportedAt = reportedAt ?? Now, ReportedBy = reportedBy, Source = source };
        with?.Invoke(r);
        db.CapacityReturns.Add(r);
        await SaveAsync();
        return r;
    }

    /// <summary>A care home's return: accepting admissions, with <paramref name="accepting"/> beds of one category vacant and accepting.</summary>
    public Task<CapacityReturn> BedsAsync(Service home, int accepting, BedCategory category = BedCategory.Residential, int max = 40,
        DateTime? reportedAt = null, string reportedBy = "manager@provider.example") =>
        CapacityAsync(home, reportedAt, reportedBy, with: r =>
        {
            r.AcceptingAdmissions = true;
            r.Beds.Add(new BedLine { Category = category, MaxCapacity = max, Occupied = max - accepting, VacantAccepting = accepting });
        });

    /// <summary>A homecare return: <paramref name="hours"/> a week available in the patch in each time band given (the morning by default).</summary>
    public Task<CapacityReturn> HoursAsync(Service service, Area patch, decimal hours, TimeBand[]? bands = null, DateTime? reportedAt = null,
        string reportedBy = "manager@provider.example") =>
        CapacityAsync(service, reportedAt, reportedBy, with: r =>
        {
            foreach (var band in bands ?? [TimeBand.Morning]) r.Hours.Add(new HoursLine { AreaId = patch.Id, TimeBand = band, HoursAvailable = hours });
            r.PeopleSupported = 20;
            r.HoursDeliveredPerWeek = 200;
            r.HoursAvailablePerWeek = r.Hours.Sum(h => h.HoursAvailable);
        });

    public async Task<Contract> ContractAsync(Council council, Service service, ContractArrangement arrangement = ContractArrangement.SpotPurchase,
        string? reference = null, Area? lot = null, DateOnly? startsOn = null)
    {
        var contract = new Contract
        {
            LocalAuthorityId = council.Id, ServiceId = service.Id, Arrangement = arrangement, LotAreaId = lot?.Id,
            Reference = reference ?? $"T-{Next():D5}", StartsOn = startsOn ?? Today.AddYears(-1),
        };
        db.Contracts.Add(contract);
        await SaveAsync();
        return contract;
    }

    /// <summary>A suspension (or embargo) the council placed on the service, from today unless given; lifted if <paramref name="liftedAt"/> is given.</summary>
    public async Task<ServiceRestriction> RestrictionAsync(Council council, Service service, RestrictionKind kind = RestrictionKind.Suspension,
        RestrictionReason reason = RestrictionReason.QualityConcerns, DateOnly? startsOn = null, DateTime? liftedAt = null,
        string? details = "Concerns raised after a visit")
    {
        var restriction = new ServiceRestriction
        {
            LocalAuthorityId = council.Id, ServiceId = service.Id, Kind = kind, Reason = reason, Details = details, StartsOn = startsOn ?? Today,
            CreatedAt = Now, CreatedBy = $"quality@{Slug(council.Name)}.example",
            LiftedAt = liftedAt, LiftedBy = liftedAt is null ? null : "quality", LiftReason = liftedAt is null ? null : "Lifted",
        };
        db.ServiceRestrictions.Add(restriction);
        await SaveAsync();
        return restriction;
    }

    /// <summary>
    /// Who acts, as a signed-in user of <paramref name="role"/> at the council would (no row needed), named as the
    /// demo names its accounts: "broker@northbridge.example", "quality@…", "admin@…", and for a provider user
    /// "provider@{the provider's name}.example" (belonging to <paramref name="provider"/>); a partner sees no council records.
    /// </summary>
    public static Actor ActorFor(Council council, string role, Provider? provider = null) => new(
        role == Roles.Provider ? $"provider@{Slug(provider?.Name ?? "provider")}.example" : $"{LocalPart(role)}@{Slug(council.Name)}.example",
        council.Id, role == Roles.Provider ? provider?.Id ?? throw new ArgumentException("A provider user needs a provider", nameof(provider)) : null,
        role == Roles.Partner);

    private static string LocalPart(string role) => role switch
    {
        Roles.QualityOfficer => "quality",
        Roles.Administrator => "admin",
        _ => role.ToLowerInvariant(),
    };

    /// <summary>
    /// A user who can sign in (with <see cref="Password"/>) in <paramref name="role"/> at the council, named as
    /// <see cref="ActorFor"/> names them unless <paramref name="email"/> is given. The roles are made if missing.
    /// </summary>
    public async Task<AppUser> UserAsync(Council council, string role, Provider? provider = null, string? email = null)
    {
        var name = email ?? ActorFor(council, role, provider).Name;
        var user = new AppUser
        {
            UserName = name, NormalizedUserName = name.ToUpperInvariant(), Email = name, NormalizedEmail = name.ToUpperInvariant(),
            EmailConfirmed = true, DisplayName = $"{Roles.Describe(role)} ({council.Name})", LocalAuthorityId = council.Id,
            ProviderId = role == Roles.Provider ? provider?.Id : null, LockoutEnabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        user.PasswordHash = new PasswordHasher<AppUser>().HashPassword(user, Password);
        db.Users.Add(user);
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstOrDefaultAsync();
        if (roleId is null)
        {
            var made = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() };
            db.Roles.Add(made);
            roleId = made.Id;
        }
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        await SaveAsync();
        return user;
    }

    /// <summary>
    /// A care request of the council, open since now (unless <paramref name="createdAt"/>), for a new person; for
    /// what the service type is measured in unless given: a bed (nursing for a nursing home, else residential) or
    /// 10 hours a week in the morning. <paramref name="with"/> changes anything else before it is saved.
    /// </summary>
    public async Task<CareRequest> CareRequestAsync(Council council, ServiceType type = ServiceType.CareHomeWithoutNursing,
        Priority priority = Priority.Routine, Specialism specialisms = Specialism.None, BedCategory? bed = null, decimal? hoursPerWeek = null,
        Area? preferredArea = null, string? postcodeDistrict = null, DateOnly? wantedStart = null, DateTime? createdAt = null,
        string? reference = null, Action<CareRequest>? with = null)
    {
        var beds = Eligibility.IsBedBased(type);
        var person = new Person
        {
            LocalAuthorityId = council.Id, Reference = reference ?? $"T-{Next():D6}", AgeBand = AgeBand.From75To84,
            PrimarySupportReason = SupportReason.PhysicalSupport, HomeAreaId = preferredArea?.Id,
        };
        var at = createdAt ?? Now;
        var by = $"broker@{Slug(council.Name)}.example";
        var request = new CareRequest
        {
            LocalAuthorityId = council.Id, Person = person, ServiceType = type, Specialisms = specialisms,
            BedCategory = beds ? bed ?? (type == ServiceType.CareHomeWithNursing ? BedCategory.Nursing : BedCategory.Residential) : null,
            HoursPerWeek = beds ? hoursPerWeek : hoursPerWeek ?? 10,
            TimeBands = beds ? "" : nameof(TimeBand.Morning),
            PreferredAreaId = preferredArea?.Id, PostcodeDistrict = postcodeDistrict,
            WantedStart = wantedStart ?? DateOnly.FromDateTime(at), Priority = priority, Status = RequestStatus.Open,
            Interim = InterimArrangement.None, CreatedAt = at, CreatedBy = by,
        };
        with?.Invoke(request);
        db.CareRequests.Add(request);
        db.RequestStatusChanges.Add(new RequestStatusChange
        {
            LocalAuthorityId = council.Id, CareRequest = request, From = null, To = RequestStatus.Open, At = at, By = by,
        });
        await SaveAsync();
        return request;
    }

    /// <summary>Saves without an audit record per row, as the demo seeds: test data is the arrangement, not the change a test checks.</summary>
    private async Task SaveAsync()
    {
        var audit = db.AuditEachRow;
        db.AuditEachRow = false;
        try
        {
            await db.SaveChangesAsync();
        }
        finally
        {
            db.AuditEachRow = audit;
        }
    }

    private static string Slug(string name) =>
        string.Join("-", name.ToLowerInvariant().Split([' ', '(', ')', '&', '.', ','], StringSplitOptions.RemoveEmptyEntries));

    public async ValueTask DisposeAsync()
    {
        if (ownsContext) await db.DisposeAsync();
    }
}
