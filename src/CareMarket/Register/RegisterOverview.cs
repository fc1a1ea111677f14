using CareMarket.Data;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Register;

/// <summary>Services and beds of one type. A service registered for several types counts under each, as CQC's statistics do.</summary>
public sealed record TypeCount(ServiceType ServiceType, int Services, int Beds);

/// <summary>How many services have each current overall rating; "not yet rated" is a rating of null.</summary>
public sealed record RatingMix(string Label, IReadOnlyDictionary<RatingWord, int> Counts, int NotYetRated)
{
    public int Rated => Counts.Values.Sum();
    public int GoodOrOutstanding => Counts.GetValueOrDefault(RatingWord.Good) + Counts.GetValueOrDefault(RatingWord.Outstanding);
    /// <summary>Share of rated services rated Good or Outstanding, the figure CQC and councils quote; null with none rated.</summary>
    public double? GoodOrOutstandingShare => Rated == 0 ? null : (double)GoodOrOutstanding / Rated;
}

/// <param name="Services">Active services, each once; <paramref name="Types"/> counts a service under every type it has.</param>
/// <param name="Beds">Registered care home beds, each once.</param>
/// <param name="ExitsLastYear">Services that closed in the last 12 months; a change of provider is not a closure.</param>
/// <param name="ChangesOfProviderLastYear">Services carried on by a new provider in the last 12 months.</param>
public sealed record Overview(string Council, IReadOnlyList<TypeCount> Types, RatingMix CareHomes, RatingMix Community,
    RatingMix CareHomesEverywhere, RatingMix CommunityEverywhere, int Inadequate, int RequiresImprovement, int NotYetRated,
    int ExitsLastYear, int BedsLostLastYear, int Services = 0, int Beds = 0, int Dormant = 0, int ChangesOfProviderLastYear = 0);

/// <summary>The overview a commissioner opens first: the council's market at a glance, from the register.</summary>
public sealed class RegisterOverview(CareMarketDb db)
{
    public async Task<Overview> ForCouncilAsync(CancellationToken ct = default)
    {
        var council = db.TenantId;
        var name = await db.LocalAuthorities.Where(l => l.Id == council).Select(l => l.Name).FirstOrDefaultAsync(ct) ?? "";
        var ours = db.Services.Where(s => s.HostLocalAuthorityId == council && s.Status == ServiceStatus.Active);

        // Grouped by main type and set of types (few groups), then each group counted under every type it has.
        var groups = (await ours.GroupBy(s => new { s.ServiceType, s.ServiceTypes })
                .Select(g => new { g.Key.ServiceType, g.Key.ServiceTypes, Services = g.Count(), Beds = g.Sum(s => s.RegisteredBeds ?? 0) })
                .ToListAsync(ct))
            .Select(g => new TypeGroup(g.ServiceType, g.ServiceTypes, g.Services, g.Beds)).ToList();
        var types = CountByType(groups);

        var everywhere = db.Services.Where(s => s.Status == ServiceStatus.Active);
        var today = db.Today;
        var exitsAll = await db.ServiceExits.Where(e => e.Service!.HostLocalAuthorityId == council && e.EndedOn > today.AddYears(-1))
            .Select(e => new { e.BedsAtExit, e.Kind }).ToListAsync(ct);
        var exits = exitsAll.Where(e => e.Kind == ExitKind.Closed).Select(e => e.BedsAtExit).ToList();
        var dormant = await ours.CountAsync(s => s.Dormant, ct);
        var careHomes = await MixAsync(ours.Where(s => s.IsCareHome), $"Care homes in {name}", ct);
        var community = await MixAsync(ours.Where(s => !s.IsCareHome), $"Community services in {name}", ct);
        return new Overview(name, types, careHomes, community,
            await MixAsync(everywhere.Where(s => s.IsCareHome), "Care homes in the whole register", ct),
            await MixAsync(everywhere.Where(s => !s.IsCareHome), "Community services in the whole register", ct),
            careHomes.Counts.GetValueOrDefault(RatingWord.Inadequate) + community.Counts.GetValueOrDefault(RatingWord.Inadequate),
            careHomes.Counts.GetValueOrDefault(RatingWord.RequiresImprovement) + community.Counts.GetValueOrDefault(RatingWord.RequiresImprovement),
            careHomes.NotYetRated + community.NotYetRated,
            exits.Count, exits.Sum(b => b ?? 0), groups.Sum(g => g.Services), groups.Sum(g => g.Beds), dormant,
            exitsAll.Count(e => e.Kind == ExitKind.ChangedProvider));
    }

    private static bool IsCareHome(ServiceType type) => type is ServiceType.CareHomeWithNursing or ServiceType.CareHomeWithoutNursing;

    /// <summary>A group of services with the same main type and set of types: how many, and their beds.</summary>
    public sealed record TypeGroup(ServiceType Main, ServiceTypes All, int Services, int Beds);

    /// <summary>
    /// Services and beds under each type, counting a group under every type it has (and its main type); types with
    /// none are left out. Beds count under care home types only: a home that also runs a homecare agency has no
    /// homecare beds.
    /// </summary>
    public static IReadOnlyList<TypeCount> CountByType(IEnumerable<TypeGroup> groups)
    {
        var counts = new SortedDictionary<ServiceType, (int Services, int Beds)>();
        foreach (var g in groups)
        {
            foreach (var type in ServiceTypeSet.Types(ServiceTypeSet.Counted(g.Main, g.All)))
            {
                var (services, beds) = counts.GetValueOrDefault(type);
                counts[type] = (services + g.Services, beds + (IsCareHome(type) ? g.Beds : 0));
            }
        }
        return counts.Select(c => new TypeCount(c.Key, c.Value.Services, c.Value.Beds)).ToList();
    }

    private static async Task<RatingMix> MixAsync(IQueryable<Service> services, string label, CancellationToken ct)
    {
        var counts = await services.GroupBy(s => s.CurrentRating == null ? (RatingWord?)null : s.CurrentRating.Overall)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new RatingMix(label,
            counts.Where(c => c.Key is not null).ToDictionary(c => c.Key!.Value, c => c.Count),
            counts.Where(c => c.Key is null).Sum(c => c.Count));
    }
}
