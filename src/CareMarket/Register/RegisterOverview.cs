using CareMarket.Data;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Register;

public sealed record TypeCount(ServiceType ServiceType, int Services, int Beds);

/// <summary>How many services have each current overall rating; "not yet rated" is a rating of null.</summary>
public sealed record RatingMix(string Label, IReadOnlyDictionary<RatingWord, int> Counts, int NotYetRated)
{
    public int Rated => Counts.Values.Sum();
    public int GoodOrOutstanding => Counts.GetValueOrDefault(RatingWord.Good) + Counts.GetValueOrDefault(RatingWord.Outstanding);
    /// <summary>Share of rated services rated Good or Outstanding, the figure CQC and councils quote; null with none rated.</summary>
    public double? GoodOrOutstandingShare => Rated == 0 ? null : (double)GoodOrOutstanding / Rated;
}

public sealed record Overview(string Council, IReadOnlyList<TypeCount> Types, RatingMix CareHomes, RatingMix Community,
    RatingMix CareHomesEverywhere, RatingMix CommunityEverywhere, int Inadequate, int RequiresImprovement, int NotYetRated,
    int ExitsLastYear, int BedsLostLastYear);

/// <summary>The overview a commissioner opens first: the council's market at a glance, from the register.</summary>
public sealed class RegisterOverview(CareMarketDb db)
{
    public async Task<Overview> ForCouncilAsync(CancellationToken ct = default)
    {
        var council = db.TenantId;
        var name = await db.LocalAuthorities.Where(l => l.Id == council).Select(l => l.Name).FirstOrDefaultAsync(ct) ?? "";
        var ours = db.Services.Where(s => s.HostLocalAuthorityId == council && s.Status == ServiceStatus.Active);

        var types = (await ours.GroupBy(s => s.ServiceType)
                .Select(g => new { g.Key, Services = g.Count(), Beds = g.Sum(s => s.RegisteredBeds ?? 0) }).ToListAsync(ct))
            .Select(t => new TypeCount(t.Key, t.Services, t.Beds)).OrderBy(t => t.ServiceType).ToList();

        var everywhere = db.Services.Where(s => s.Status == ServiceStatus.Active);
        var today = db.Today;
        var exits = await db.ServiceExits.Where(e => e.Service!.HostLocalAuthorityId == council && e.EndedOn > today.AddYears(-1))
            .Select(e => e.BedsAtExit).ToListAsync(ct);
        var careHomes = await MixAsync(ours.Where(s => s.IsCareHome), $"Care homes in {name}", ct);
        var community = await MixAsync(ours.Where(s => !s.IsCareHome), $"Community services in {name}", ct);
        return new Overview(name, types, careHomes, community,
            await MixAsync(everywhere.Where(s => s.IsCareHome), "Care homes in the whole register", ct),
            await MixAsync(everywhere.Where(s => !s.IsCareHome), "Community services in the whole register", ct),
            careHomes.Counts.GetValueOrDefault(RatingWord.Inadequate) + community.Counts.GetValueOrDefault(RatingWord.Inadequate),
            careHomes.Counts.GetValueOrDefault(RatingWord.RequiresImprovement) + community.Counts.GetValueOrDefault(RatingWord.RequiresImprovement),
            careHomes.NotYetRated + community.NotYetRated,
            exits.Count, exits.Sum(b => b ?? 0));
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
