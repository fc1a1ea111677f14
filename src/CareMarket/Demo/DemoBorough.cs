using CareMarket.Data;
using CareMarket.Register;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Demo;

/// <summary>
/// The demo borough: a fictional council (Northbridge) with four neighbours, three homecare patches, about 120
/// services from 90 providers across every service type, ratings distributed like England's, rating history,
/// contracts, and a demo user for every role, written directly; then its year — capacity returns (DemoCapacity), care
/// requests, offers and awards with today's queue (DemoBrokerage), a suspension in force and one lifted
/// (DemoSuspensions) — made through the use cases, each by the person who did it at the moment it happened
/// (DemoTimeline, DemoClock). Deterministic: a fixed seed, dates counted back from today.
/// Postcode areas (NB, EQ, KQ, WQ, SQ) and ONS codes (E0609900x) are made up so they never clash with real data.
/// </summary>
public static class DemoBorough
{
    public const string Password = "Demo-pass-2026";
    public const string HomeOnsCode = "E06099001";
    public const string NeighbourOnsCode = "E06099002";

    public sealed record DemoAccount(string Email, string Role, string Council, string? Provider);

    /// <summary>The demo's made-up councils (no real council has a code in the E0x099… range).</summary>
    public static readonly IReadOnlyList<string> OnsCodes = [HomeOnsCode, NeighbourOnsCode, "E07099003", "E06099004", "E10099005"];

    public static async Task<bool> IsSeededAsync(CareMarketDb db, CancellationToken ct = default) =>
        await db.LocalAuthorities.AnyAsync(la => la.OnsCode == HomeOnsCode, ct);

    /// <summary>
    /// Why the demo may not be created in this database, or null when it may. The demo is only ever created in an
    /// empty database: no council but its own, and no services in the register. A council's database never
    /// receives demo data, so its register and audit log hold only what is real.
    /// </summary>
    public static async Task<string?> RefusalAsync(CareMarketDb db, CancellationToken ct = default)
    {
        if (await IsSeededAsync(db, ct)) return null;
        var codes = OnsCodes.ToList();
        var tenant = await db.LocalAuthorities.Where(la => la.IsTenant && !codes.Contains(la.OnsCode)).Select(la => la.Name).FirstOrDefaultAsync(ct);
        if (tenant is not null)
        {
            return $"this database belongs to {tenant}, a council using CareMarket; the demo borough is only created in an empty database (start the demo on a new data folder, or another --database)";
        }
        var councils = await db.LocalAuthorities.CountAsync(la => !codes.Contains(la.OnsCode), ct);
        if (councils > 0)
        {
            return $"this database already knows {councils} real council{(councils == 1 ? "" : "s")}; the demo borough is only created in an empty database with no council";
        }
        var services = await db.Services.CountAsync(ct);
        if (services > 0)
        {
            return $"the register already holds {services:N0} real service{(services == 1 ? "" : "s")}; the demo borough is only created in an empty database, so its fictional services never mix with real ones";
        }
        return null;
    }

    /// <summary>Creates the demo borough unless it is there already. Returns the demo accounts.</summary>
    public static async Task<IReadOnlyList<DemoAccount>> SeedAsync(CareMarketDb db, UserManager<AppUser> users,
        CancellationToken ct = default)
    {
        await Roles.EnsureAsync(db, ct);
        if (await IsSeededAsync(db, ct)) return Accounts();
        if (await RefusalAsync(db, ct) is { } refusal) throw new InvalidOperationException($"The demo borough was not created: {refusal}.");

        var rng = new Random(20261124);
        var today = DateOnly.FromDateTime(db.Now);
        var now = db.Now;
        db.AuditEachRow = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // Northbridge and Eastholm use CareMarket (each has staff); the others are known as neighbours only.
        var home = new LocalAuthority { OnsCode = HomeOnsCode, Name = "Northbridge", CqcName = "Northbridge", Region = "East Midlands", IsTenant = true };
        var neighbours = new[]
        {
            new LocalAuthority { OnsCode = NeighbourOnsCode, Name = "Eastholm", CqcName = "Eastholm", Region = "East Midlands", IsTenant = true },
            new LocalAuthority { OnsCode = "E07099003", Name = "Kingsmere", CqcName = "Kingsmere", Region = "East Midlands" },
            new LocalAuthority { OnsCode = "E06099004", Name = "Westvale", CqcName = "Westvale", Region = "West Midlands" },
            new LocalAuthority { OnsCode = "E10099005", Name = "Southwold Shire", CqcName = "Southwold Shire", Region = "East Midlands" },
        };
        db.LocalAuthorities.Add(home);
        db.LocalAuthorities.AddRange(neighbours);
        await db.SaveChangesAsync(ct);
        foreach (var neighbour in neighbours)
        {
            db.Neighbours.Add(new LocalAuthorityNeighbour { LocalAuthorityId = home.Id, NeighbourId = neighbour.Id });
            db.Neighbours.Add(new LocalAuthorityNeighbour { LocalAuthorityId = neighbour.Id, NeighbourId = home.Id });
        }

        // Three localities, each also a homecare patch (a framework lot).
        var localities = new[]
        {
            (Name: "North", Districts: "NB1 NB2 NB3", Lat: 52.985, Lon: -1.205),
            (Name: "Central", Districts: "NB4 NB5 NB6", Lat: 52.950, Lon: -1.160),
            (Name: "South", Districts: "NB7 NB8 NB9", Lat: 52.905, Lon: -1.190),
        };
        var areas = localities.Select(l => new Area { LocalAuthorityId = home.Id, Name = l.Name, Kind = AreaKind.Locality, PostcodeDistricts = l.Districts }).ToList();
        var patches = localities.Select(l => new Area { LocalAuthorityId = home.Id, Name = $"{l.Name} patch", Kind = AreaKind.HomecarePatch, PostcodeDistricts = l.Districts }).ToList();
        db.Areas.AddRange(areas);
        db.Areas.AddRange(patches);
        await db.SaveChangesAsync(ct);

        // Providers: a few national groups with several services, and many single-service local providers.
        var groups = new[] { "Hawthorn Care Group", "Meadowbank Healthcare", "Oakleaf Living", "Silverbirch Care", "Brightwater Homecare" };
        var providers = new List<Provider>();
        for (var i = 0; i < 90; i++)
        {
            var name = i < groups.Length ? groups[i] : $"{Pick(rng, Surnames)} {Pick(rng, ProviderSuffixes)}";
            if (providers.Any(p => p.Name == name)) name = $"{name} ({Pick(rng, TownNames)})";
            providers.Add(new Provider
            {
                CqcProviderId = $"1-9{100000000 + i * 7919:D9}",
                Name = name,
                BrandId = i < groups.Length ? $"BD{900 + i}" : null,
                BrandName = i < groups.Length ? name.Replace(" Ltd", "") : null,
                UpdatedAt = now,
            });
        }
        db.Providers.AddRange(providers);
        await db.SaveChangesAsync(ct);

        // Service mix for a borough of ~300,000 people, with some services just over the border.
        var plan = new (ServiceType Type, int Count)[]
        {
            (ServiceType.CareHomeWithoutNursing, 34), (ServiceType.CareHomeWithNursing, 20), (ServiceType.Homecare, 32),
            (ServiceType.SupportedLiving, 12), (ServiceType.ExtraCareHousing, 5), (ServiceType.DayOpportunities, 4),
            (ServiceType.RespiteAndShortBreaks, 3), (ServiceType.Reablement, 2), (ServiceType.SharedLives, 2),
            (ServiceType.Advocacy, 2),
        };
        var services = new List<Service>();
        var n = 0;
        foreach (var (type, count) in plan)
        {
            for (var i = 0; i < count; i++, n++)
            {
                // Every group runs several services; the remaining providers one each, a few two.
                var provider = n < 30 ? providers[n % groups.Length] : providers[groups.Length + (n - 30) % (providers.Count - groups.Length)];
                var inBorough = rng.NextDouble() < 0.82;
                var council = inBorough ? home : neighbours[rng.Next(neighbours.Length)];
                var loc = localities[rng.Next(localities.Length)];
                var (lat, lon) = inBorough
                    ? (loc.Lat + (rng.NextDouble() - 0.5) * 0.03, loc.Lon + (rng.NextDouble() - 0.5) * 0.05)
                    : (52.95 + (rng.NextDouble() - 0.5) * 0.35, -1.18 + (rng.NextDouble() - 0.5) * 0.5);
                var district = inBorough
                    ? loc.Districts.Split(' ')[rng.Next(3)]
                    : $"{NeighbourPostcodeArea(council.Name)}{rng.Next(1, 9)}";
                var careHome = type is ServiceType.CareHomeWithNursing or ServiceType.CareHomeWithoutNursing or ServiceType.RespiteAndShortBreaks;
                var specialisms = SpecialismsFor(type, rng);
                var street = $"{rng.Next(1, 180)} {Pick(rng, StreetNames)}";
                var s = new Service
                {
                    CqcLocationId = type == ServiceType.Advocacy ? null : $"1-9{200000000 + n * 104729 % 99999999:D9}",
                    // Advocacy is not registered with CQC: the council it stands in keeps its record.
                    KeptByLocalAuthorityId = type == ServiceType.Advocacy ? council.Id : null,
                    ProviderId = provider.Id,
                    Name = ServiceName(type, rng, services),
                    ServiceType = type,
                    CqcServiceTypes = CqcTypeName(type),
                    RegulatedActivities = careHome
                        ? (type == ServiceType.CareHomeWithNursing ? "Accommodation for persons who require nursing or personal care|Treatment of disease, disorder or injury" : "Accommodation for persons who require nursing or personal care")
                        : type is ServiceType.Advocacy or ServiceType.DayOpportunities ? "" : "Personal care",
                    Specialisms = specialisms,
                    Street = street,
                    City = inBorough ? "Northbridge" : council.Name,
                    Postcode = $"{district} {rng.Next(1, 9)}{(char)('A' + rng.Next(26))}{(char)('A' + rng.Next(26))}",
                    Latitude = Math.Round(lat, 5),
                    Longitude = Math.Round(lon, 5),
                    Phone = $"01632 {rng.Next(100000, 999999)}",
                    HostLocalAuthorityId = council.Id,
                    CqcLocalAuthority = council.CqcName,
                    Region = council.Region,
                    AreaId = inBorough ? areas[Array.IndexOf(localities, loc)].Id : null,
                    IsCareHome = careHome,
                    RegisteredBeds = careHome ? (type == ServiceType.RespiteAndShortBreaks ? rng.Next(6, 14) : rng.Next(18, 92)) : null,
                    InspectionDirectorate = type == ServiceType.Advocacy ? null : "Adult social care",
                    PrimaryInspectionCategory = PrimaryCategory(type),
                    RegisteredOn = today.AddDays(-rng.Next(200, 5000)),
                    Status = ServiceStatus.Active,
                    UpdatedAt = now,
                };
                services.Add(s);
            }
        }
        db.Services.AddRange(services);
        await db.SaveChangesAsync(ct);

        // Ratings like England's: about 75% Good among care homes, 60% among homecare, some Inadequate, some new.
        foreach (var s in services.Where(s => s.CqcLocationId is not null))
        {
            var ratings = RatingHistoryFor(s, rng, today);
            foreach (var r in ratings) r.ServiceId = s.Id;
            // Registered before its first inspection; services never rated are newly registered.
            s.RegisteredOn = ratings.Count > 0 ? ratings.Min(r => r.PublishedOn).AddDays(-rng.Next(120, 900)) : today.AddDays(-rng.Next(30, 330));
            db.Ratings.AddRange(ratings);
        }
        await db.SaveChangesAsync(ct);
        foreach (var s in services)
        {
            s.CurrentRatingId = await db.Ratings.Where(r => r.ServiceId == s.Id).OrderByDescending(r => r.PublishedOn)
                .Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        }

        // One service that closed last year, recorded as an exit.
        var closed = services.First(s => s.ServiceType == ServiceType.CareHomeWithoutNursing && s.HostLocalAuthorityId == home.Id);
        closed.Status = ServiceStatus.Exited;
        db.ServiceExits.Add(new ServiceExit { ServiceId = closed.Id, EndedOn = today.AddDays(-140), BedsAtExit = closed.RegisteredBeds, Source = "demo", RecordedAt = now });

        // Northbridge's contracts: homecare framework by patch, block beds, spot, DPS, in-house.
        foreach (var s in services.Where(s => s.Status == ServiceStatus.Active))
        {
            ContractArrangement? arrangement = s.ServiceType switch
            {
                ServiceType.Homecare when s.HostLocalAuthorityId == home.Id => rng.NextDouble() < 0.75 ? ContractArrangement.Framework : ContractArrangement.SpotPurchase,
                ServiceType.CareHomeWithNursing or ServiceType.CareHomeWithoutNursing =>
                    rng.NextDouble() switch { < 0.25 => ContractArrangement.BlockContract, < 0.85 => ContractArrangement.SpotPurchase, _ => null },
                ServiceType.SupportedLiving or ServiceType.ExtraCareHousing => ContractArrangement.DynamicPurchasingSystem,
                ServiceType.Reablement or ServiceType.DayOpportunities => ContractArrangement.InHouse,
                ServiceType.RespiteAndShortBreaks or ServiceType.SharedLives or ServiceType.Advocacy => ContractArrangement.BlockContract,
                _ => rng.NextDouble() < 0.5 ? ContractArrangement.SpotPurchase : null,
            };
            if (arrangement is null) continue;
            var lot = arrangement == ContractArrangement.Framework && s.AreaId is { } a
                ? patches[areas.FindIndex(x => x.Id == a)].Id
                : (int?)null;
            db.Contracts.Add(new Contract
            {
                LocalAuthorityId = home.Id, ServiceId = s.Id, Arrangement = arrangement.Value, LotAreaId = lot,
                Reference = $"NB-{arrangement.Value switch { ContractArrangement.Framework => "FW", ContractArrangement.BlockContract => "BLK", ContractArrangement.SpotPurchase => "SPOT", ContractArrangement.DynamicPurchasingSystem => "DPS", _ => "INH" }}-{s.Id:D4}",
                StartsOn = today.AddDays(-rng.Next(60, 1400)),
            });
        }
        // Eastholm buys from a few services too; Northbridge users must never see these contracts.
        var eastholm = neighbours[0];
        foreach (var s in services.Where(s => s.HostLocalAuthorityId == eastholm.Id).Take(4))
        {
            db.Contracts.Add(new Contract { LocalAuthorityId = eastholm.Id, ServiceId = s.Id, Arrangement = ContractArrangement.BlockContract, Reference = $"EH-BLK-{s.Id:D4}", StartsOn = today.AddDays(-400) });
        }
        await db.SaveChangesAsync(ct);

        await tx.CommitAsync(ct);
        await tx.DisposeAsync();

        // The year: capacity returns, suspensions and brokerage, each made through its use case by the person who did
        // it, at the moment it happened. (Not one transaction with the borough: an award is a transaction of its own.)
        var start = DemoTimeline.Uk(today.AddDays(-7 * DemoCapacity.FirstWeek - 7), new TimeOnly(9, 0));
        await using (var year = await DemoTimeline.OpenAsync(db, home.Id, start, ct))
        {
            var capacity = await DemoCapacity.PlanAsync(year, rng, ct);
            var suspensions = await DemoSuspensions.PlanAsync(year, ct);
            await DemoBrokerage.PlanAsync(year, capacity, suspensions, rng, ct);
            await year.RunAsync(ct);
        }

        // Demo users, one per role, plus a commissioner for the neighbour to show that councils are kept apart. They
        // share one password, so it is hashed once.
        await using var usersTx = await db.Database.BeginTransactionAsync(ct);
        var providerForDemo = providers[0];
        string? hash = null;
        foreach (var account in Accounts())
        {
            var council = account.Council == home.Name ? home : eastholm;
            var user = new AppUser
            {
                UserName = account.Email, Email = account.Email, EmailConfirmed = true,
                DisplayName = $"{Roles.Describe(account.Role)} ({council.Name})",
                LocalAuthorityId = council.Id,
                ProviderId = account.Role == Roles.Provider ? providerForDemo.Id : null,
                LockoutEnabled = true,
            };
            if (hash is null)
            {
                foreach (var validator in users.PasswordValidators)
                {
                    var valid = await validator.ValidateAsync(users, user, Password);
                    if (!valid.Succeeded) throw new InvalidOperationException(string.Join("; ", valid.Errors.Select(e => e.Description)));
                }
                hash = users.PasswordHasher.HashPassword(user, Password);
            }
            user.PasswordHash = hash;
            var created = await users.CreateAsync(user);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, account.Role);
        }
        db.Audit("Seeded", "DemoBorough", home.OnsCode, new { services = services.Count, providers = providers.Count });
        await db.SaveChangesAsync(ct);
        await usersTx.CommitAsync(ct);
        db.AuditEachRow = true;
        return Accounts();
    }

    public static IReadOnlyList<DemoAccount> Accounts() =>
    [
        new("commissioner@northbridge.example", Roles.Commissioner, "Northbridge", null),
        new("broker@northbridge.example", Roles.Broker, "Northbridge", null),
        new("quality@northbridge.example", Roles.QualityOfficer, "Northbridge", null),
        new("socialworker@northbridge.example", Roles.SocialWorker, "Northbridge", null),
        new("provider@hawthorn.example", Roles.Provider, "Northbridge", "Hawthorn Care Group"),
        new("partner@icb.example", Roles.Partner, "Northbridge", null),
        new("admin@northbridge.example", Roles.Administrator, "Northbridge", null),
        new("commissioner@eastholm.example", Roles.Commissioner, "Eastholm", null),
    ];

    private static List<Rating> RatingHistoryFor(Service s, Random rng, DateOnly today)
    {
        var homecareLike = s.ServiceType is ServiceType.Homecare or ServiceType.SupportedLiving or ServiceType.ExtraCareHousing or ServiceType.Reablement or ServiceType.SharedLives;
        // Not yet rated: newly registered services.
        if (rng.NextDouble() < (homecareLike ? 0.10 : 0.05)) return [];
        var ratings = new List<Rating>();
        var published = today.AddDays(-rng.Next(30, 900));
        var count = 1 + rng.Next(3);
        for (var i = 0; i < count; i++)
        {
            var overall = DrawRating(rng, homecareLike, latest: i == 0);
            ratings.Add(new Rating
            {
                PublishedOn = published,
                Overall = overall,
                Safe = Near(overall, rng), Effective = Near(overall, rng), Caring = Near(overall, rng, kinder: true),
                Responsive = Near(overall, rng), WellLed = Near(overall, rng),
                Source = "demo",
                RecordedAt = published.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            });
            published = published.AddDays(-rng.Next(500, 1100));
        }
        return ratings;
    }

    private static RatingWord DrawRating(Random rng, bool homecare, bool latest)
    {
        var x = rng.NextDouble();
        // Latest: residential ~5% Outstanding, 75% Good, 17% RI, 3% Inadequate; homecare 5/60/28/7.
        if (homecare) return x switch { < 0.05 => RatingWord.Outstanding, < 0.65 => RatingWord.Good, < 0.93 => RatingWord.RequiresImprovement, _ => RatingWord.Inadequate };
        var good = latest ? 0.80 : 0.70;
        return x switch { < 0.05 => RatingWord.Outstanding, _ when x < good => RatingWord.Good, < 0.97 => RatingWord.RequiresImprovement, _ => RatingWord.Inadequate };
    }

    private static RatingWord Near(RatingWord overall, Random rng, bool kinder = false)
    {
        var x = rng.NextDouble();
        if (x < 0.75) return overall;
        if (kinder || x < 0.88) return overall == RatingWord.Outstanding ? overall : overall - 1;
        return overall == RatingWord.Inadequate ? overall : overall + 1;
    }

    private static Specialism SpecialismsFor(ServiceType type, Random rng)
    {
        var s = type switch
        {
            ServiceType.CareHomeWithoutNursing or ServiceType.CareHomeWithNursing => Specialism.OlderPeople
                | (rng.NextDouble() < 0.6 ? Specialism.Dementia : 0) | (rng.NextDouble() < 0.3 ? Specialism.PhysicalDisability : 0)
                | (type == ServiceType.CareHomeWithNursing && rng.NextDouble() < 0.5 ? Specialism.EndOfLifeCare : 0)
                | (rng.NextDouble() < 0.15 ? Specialism.MentalHealth : 0),
            ServiceType.Homecare => Specialism.OlderPeople | Specialism.YoungerAdults | Specialism.PhysicalDisability
                | (rng.NextDouble() < 0.6 ? Specialism.Dementia : 0) | (rng.NextDouble() < 0.25 ? Specialism.SensoryImpairment : 0),
            ServiceType.SupportedLiving => Specialism.YoungerAdults | Specialism.LearningDisability
                | (rng.NextDouble() < 0.6 ? Specialism.Autism : 0) | (rng.NextDouble() < 0.4 ? Specialism.MentalHealth : 0),
            ServiceType.ExtraCareHousing => Specialism.OlderPeople | (rng.NextDouble() < 0.4 ? Specialism.Dementia : 0),
            ServiceType.RespiteAndShortBreaks => Specialism.LearningDisability | Specialism.Autism | Specialism.YoungerAdults,
            ServiceType.SharedLives => Specialism.LearningDisability | Specialism.YoungerAdults,
            ServiceType.Reablement => Specialism.OlderPeople | Specialism.PhysicalDisability,
            ServiceType.DayOpportunities => Specialism.LearningDisability | Specialism.OlderPeople | Specialism.Dementia,
            _ => Specialism.WholePopulation | (rng.NextDouble() < 0.5 ? Specialism.SubstanceMisuse : 0),
        };
        return s;
    }

    private static string ServiceName(ServiceType type, Random rng, List<Service> taken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var name = type switch
            {
                ServiceType.CareHomeWithoutNursing => $"{Pick(rng, PlaceNames)} {Pick(rng, ["House", "Lodge", "Court", "Residential Home", "Manor"])}",
                ServiceType.CareHomeWithNursing => $"{Pick(rng, PlaceNames)} {Pick(rng, ["Nursing Home", "Care Centre", "Park Nursing Home"])}",
                ServiceType.Homecare => $"{Pick(rng, TownNames)} {Pick(rng, ["Home Care", "Care at Home", "Homecare Services", "Domiciliary Care"])}",
                ServiceType.SupportedLiving => $"{Pick(rng, StreetNames).Split(' ')[0]} {Pick(rng, ["Supported Living", "Independent Living Service", "Community Support"])}",
                ServiceType.ExtraCareHousing => $"{Pick(rng, PlaceNames)} {Pick(rng, ["Extra Care Court", "Retirement Village"])}",
                ServiceType.DayOpportunities => $"{Pick(rng, TownNames)} Day Opportunities",
                ServiceType.RespiteAndShortBreaks => $"{Pick(rng, PlaceNames)} Short Breaks",
                ServiceType.Reablement => $"Northbridge {Pick(rng, ["Reablement Team", "Home First Reablement"])}",
                ServiceType.SharedLives => $"{Pick(rng, TownNames)} Shared Lives",
                _ => $"{Pick(rng, TownNames)} {Pick(rng, ["Advocacy", "Independent Advocacy"])}",
            };
            if (attempt > 3) name = $"{name} {attempt}";
            if (taken.All(s => s.Name != name)) return name;
        }
    }

    private static string CqcTypeName(ServiceType type) => type switch
    {
        ServiceType.CareHomeWithoutNursing => "Care home service without nursing",
        ServiceType.CareHomeWithNursing => "Care home service with nursing",
        ServiceType.Homecare or ServiceType.Reablement => "Domiciliary care service",
        ServiceType.SupportedLiving => "Supported living service",
        ServiceType.ExtraCareHousing => "Extra Care housing services",
        ServiceType.SharedLives => "Shared Lives",
        ServiceType.RespiteAndShortBreaks => "Care home service without nursing",
        _ => "",
    };

    private static string? PrimaryCategory(ServiceType type) => type switch
    {
        ServiceType.CareHomeWithoutNursing or ServiceType.RespiteAndShortBreaks => "Residential social care",
        ServiceType.CareHomeWithNursing => "Residential social care",
        ServiceType.Homecare or ServiceType.Reablement or ServiceType.SupportedLiving or ServiceType.ExtraCareHousing or ServiceType.SharedLives => "Community based adult social care services",
        _ => null,
    };

    private static string NeighbourPostcodeArea(string council) => council switch
    {
        "Eastholm" => "EQ",
        "Kingsmere" => "KQ",
        "Westvale" => "WQ",
        _ => "SQ",
    };

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    private static readonly string[] PlaceNames =
    [
        "Abbeyfield", "Ashgrove", "Beech Hill", "Bramley", "Cedar Lawn", "Church View", "Elmwood", "Fernlea", "Foxglove",
        "Glenholme", "Hazel Bank", "Heathfield", "Hollybush", "Ivy Court", "Juniper", "Kingfisher", "Larchwood", "Lime Tree",
        "Maple Grange", "Meadow View", "Millbrook", "Oak Tree", "Orchard", "Park View", "Primrose", "Riverside", "Rosewood",
        "Sandford", "Springfield", "Sycamore", "The Limes", "Thornbury", "Valley View", "Willow Bank", "Woodlands", "Yew Tree",
    ];
    private static readonly string[] TownNames =
    [
        "Northbridge", "Ashby", "Barrowford", "Castleton", "Dunmore", "Elmstead", "Fairholme", "Greenhill", "Harlow Vale",
        "Ironbridge", "Kirkdale", "Langley", "Marston", "Newby", "Oakham Vale", "Pennington", "Redmire", "Stanwick",
    ];
    private static readonly string[] StreetNames =
    [
        "Station Road", "High Street", "Church Lane", "Mill Road", "Park Avenue", "Victoria Road", "Queen Street",
        "Chapel Lane", "London Road", "Green Lane", "Manor Road", "Bridge Street", "Castle Street", "Orchard Way",
    ];
    private static readonly string[] Surnames =
    [
        "Ashworth", "Bennett", "Carrington", "Dalton", "Ellison", "Fletcher", "Gibson", "Harding", "Jarvis", "Kendall",
        "Lawson", "Marsden", "Norris", "Oldham", "Parker", "Quinn", "Radley", "Sutton", "Thornton", "Underwood", "Vickers",
        "Walsh", "Yates", "Ainsley", "Bradshaw", "Cartwright", "Denton", "Fairbairn", "Greaves", "Holloway",
    ];
    private static readonly string[] ProviderSuffixes =
    [
        "Care Ltd", "Healthcare Ltd", "Care Services Ltd", "Homes Ltd", "Support Ltd", "Care Partnership", "& Sons Care Ltd",
        "Community Care CIC", "Living Ltd",
    ];
}
