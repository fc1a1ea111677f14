using CareMarket.Admin;
using System.Diagnostics;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Demo;
using CareMarket.Register;
using CareMarket.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.LoadBench;

/// <summary>One service as the load generator sees it: where to PUT, with which key, and a few realistic bodies.</summary>
public sealed record Target(int ServiceId, string ApiKey, byte[][] Bodies);

/// <summary>
/// A county: one council (Shireham) with 900 services (540 care homes, 360 homecare-like) across 150 providers, each
/// provider with an API key, and 12 weeks of weekly capacity returns. Built with the domain classes, through
/// <see cref="CareMarketDb"/>, migrated like the app migrates; bulk rows with AuditEachRow off, as the demo seed does.
/// </summary>
public static class County
{
    public const string OnsCode = "E10098001";
    public const string UserEmail = "broker@shireham.example";
    public const string Password = "Bench-pass-2026";

    public static async Task<List<Target>> BuildAsync(string cs, int servicesCount, int providersCount, int weeks)
    {
        var sw = Stopwatch.StartNew();
        var rng = new Random(20261124);
        await using var db = new CareMarketDb(Database.Options(cs)) { Actor = Actor.System };
        await db.Database.MigrateAsync();
        await DemoBorough.EnsureRolesAsync(db);
        db.AuditEachRow = false;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = db.Now;

        var council = new LocalAuthority { OnsCode = OnsCode, Name = "Shireham", CqcName = "Shireham", Region = "East of England" };
        db.LocalAuthorities.Add(council);
        await db.SaveChangesAsync();
        db.CouncilSettings.Add(new CouncilSettings { LocalAuthorityId = council.Id });
        string[] names = ["North", "East", "South", "West", "Central", "Coast"];
        var localities = names.Select(n => new Area { LocalAuthorityId = council.Id, Name = n, Kind = AreaKind.Locality }).ToList();
        var patches = names.Select(n => new Area { LocalAuthorityId = council.Id, Name = $"{n} patch", Kind = AreaKind.HomecarePatch }).ToList();
        db.Areas.AddRange(localities);
        db.Areas.AddRange(patches);
        var providers = Enumerable.Range(0, providersCount).Select(i => new Provider
        {
            CqcProviderId = $"1-8{100000000 + i:D9}", Name = $"Shireham Provider {i:D3}", UpdatedAt = now,
        }).ToList();
        db.Providers.AddRange(providers);
        await db.SaveChangesAsync();

        // 60% care homes (residential, nursing, respite), 40% homecare, supported living, extra care.
        var services = new List<Service>();
        for (var i = 0; i < servicesCount; i++)
        {
            var share = (double)i / servicesCount;
            var type = share switch
            {
                < 0.33 => ServiceType.CareHomeWithoutNursing, < 0.55 => ServiceType.CareHomeWithNursing,
                < 0.60 => ServiceType.RespiteAndShortBreaks, < 0.89 => ServiceType.Homecare,
                < 0.96 => ServiceType.SupportedLiving, _ => ServiceType.ExtraCareHousing,
            };
            var home = share < 0.60;
            services.Add(new Service
            {
                CqcLocationId = $"1-8{200000000 + i:D9}", ProviderId = providers[i % providers.Count].Id,
                Name = $"{(home ? "House" : "Care at Home")} {i:D4} {names[i % names.Length]}", ServiceType = type,
                Specialisms = (Specialism)(rng.Next(1, 4096)) & (Specialism.Dementia | Specialism.OlderPeople | Specialism.MentalHealth
                    | Specialism.PhysicalDisability | Specialism.LearningDisability | Specialism.EndOfLifeCare),
                City = "Shireham", Postcode = $"SH{i % 9 + 1} {i % 9}AA", HostLocalAuthorityId = council.Id,
                CqcLocalAuthority = council.CqcName, Region = council.Region, AreaId = localities[i % localities.Count].Id,
                IsCareHome = home, RegisteredBeds = home ? rng.Next(20, 90) : null, Status = ServiceStatus.Active, UpdatedAt = now,
            });
        }
        db.Services.AddRange(services);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        // Weekly returns, oldest first, each home with 1-2 bed categories, each homecare service 1-2 patches x 5 bands.
        var shapes = services.ToDictionary(s => s.Id, s => Shape(s, patches, rng));
        var batch = new List<CapacityReturn>();
        for (var w = weeks - 1; w >= 0; w--)
        {
            foreach (var s in services)
            {
                batch.Add(ReturnFor(s, shapes[s.Id], now.AddDays(-7 * w).AddHours(-rng.Next(1, 48)), rng));
            }
            db.CapacityReturns.AddRange(batch);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            batch.Clear();
        }

        // One API key per provider, issued as the admin page issues them; a council broker to read the overview.
        db.AuditEachRow = true;
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        var keys = new Dictionary<int, string>();
        foreach (var p in providers) keys[p.Id] = await ApiKeys.IssueAsync(db, council.Id, p.Id, "Load bench");
        var user = new AppUser
        {
            UserName = UserEmail, NormalizedUserName = UserEmail.ToUpperInvariant(), Email = UserEmail,
            NormalizedEmail = UserEmail.ToUpperInvariant(), EmailConfirmed = true, DisplayName = "Broker (Shireham)",
            LocalAuthorityId = council.Id, LockoutEnabled = true, SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        user.PasswordHash = new PasswordHasher<AppUser>().HashPassword(user, Password);
        db.Users.Add(user);
        var role = await db.Roles.SingleAsync(r => r.Name == Roles.Broker);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        Console.WriteLine($"County built: {services.Count} services, {providers.Count} providers, {services.Count * weeks} returns in {sw.Elapsed.TotalSeconds:0.0} s");

        return services.Select(s => new Target(s.Id, keys[s.ProviderId], Bodies(s, shapes[s.Id], rng))).ToList();
    }

    private sealed record ServiceShape(BedCategory[] Categories, int[] Beds, int[] PatchIds);

    private static ServiceShape Shape(Service s, List<Area> patches, Random rng)
    {
        if (s.IsCareHome)
        {
            var first = s.ServiceType == ServiceType.CareHomeWithNursing ? BedCategory.Nursing
                : s.ServiceType == ServiceType.RespiteAndShortBreaks ? BedCategory.RespiteShortStay : BedCategory.Residential;
            var cats = rng.NextDouble() < 0.4 && first != BedCategory.RespiteShortStay
                ? new[] { first, first == BedCategory.Nursing ? BedCategory.DementiaNursing : BedCategory.DementiaResidential }
                : new[] { first };
            var total = s.RegisteredBeds ?? 30;
            return new ServiceShape(cats, cats.Length == 1 ? [total] : [total * 2 / 3, total - total * 2 / 3], []);
        }
        var p = patches[rng.Next(patches.Count)].Id;
        var q = patches[rng.Next(patches.Count)].Id;
        return new ServiceShape([], [], p == q ? [p] : [p, q]);
    }

    private static CapacityReturn ReturnFor(Service s, ServiceShape shape, DateTime at, Random rng)
    {
        var r = new CapacityReturn
        {
            ServiceId = s.Id, ReportedAt = at, ReportedBy = "bench", Source = CapacitySource.Provider, CareStaff = rng.Next(10, 60),
        };
        if (s.IsCareHome)
        {
            r.AcceptingAdmissions = true;
            for (var i = 0; i < shape.Categories.Length; i++)
            {
                var (occ, res, acc) = Split(shape.Beds[i], rng);
                r.Beds.Add(new BedLine { Category = shape.Categories[i], MaxCapacity = shape.Beds[i], Occupied = occ, VacantReserved = res, VacantAccepting = acc });
            }
        }
        else
        {
            r.PeopleSupported = rng.Next(20, 200);
            r.HoursDeliveredPerWeek = rng.Next(300, 3000);
            foreach (var p in shape.PatchIds)
                foreach (var band in Enum.GetValues<TimeBand>())
                    r.Hours.Add(new HoursLine { AreaId = p, TimeBand = band, HoursAvailable = rng.Next(0, 60) });
            r.HoursAvailablePerWeek = r.Hours.Sum(h => h.HoursAvailable);
        }
        return r;
    }

    private static (int Occupied, int Reserved, int Accepting) Split(int max, Random rng)
    {
        var occ = (int)(max * (0.80 + rng.NextDouble() * 0.18));
        var res = Math.Min(max - occ, rng.Next(0, 2));
        return (occ, res, rng.Next(0, max - occ - res + 1));
    }

    /// <summary>Eight request bodies per service, as a provider's system would send them (camelCase, enums as strings).</summary>
    private static byte[][] Bodies(Service s, ServiceShape shape, Random rng) => Enumerable.Range(0, 8).Select(_ =>
    {
        object body;
        if (s.IsCareHome)
        {
            body = new
            {
                acceptingAdmissions = true,
                beds = shape.Categories.Select((c, i) =>
                {
                    var (occ, res, acc) = Split(shape.Beds[i], rng);
                    return new { category = c.ToString(), maxCapacity = shape.Beds[i], occupied = occ, vacantReserved = res, vacantAccepting = acc };
                }).ToArray(),
                careStaff = rng.Next(10, 60),
            };
        }
        else
        {
            body = new
            {
                peopleSupported = rng.Next(20, 200),
                hoursDeliveredPerWeek = rng.Next(300, 3000),
                hours = shape.PatchIds.SelectMany(p => Enum.GetValues<TimeBand>()
                    .Select(b => new { areaId = p, timeBand = b.ToString(), hoursAvailable = rng.Next(0, 60) })).ToArray(),
                careStaff = rng.Next(10, 60),
            };
        }
        return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body);
    }).ToArray();
}
