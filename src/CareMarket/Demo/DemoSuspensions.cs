using CareMarket.Brokerage;
using CareMarket.Data;
using CareMarket.Quality.Restrictions;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Demo;

/// <summary>
/// Northbridge's suspensions for the demo: a nursing home suspended for safeguarding this week, chosen among the
/// services matching for an open nursing request (so its matches show one excluded, and why), and a homecare service
/// suspended over quality concerns in the spring of its action plan and lifted last month. Neither is Hawthorn's, so
/// the demo provider user's journey is unchanged. Deterministic, and draws nothing from the borough's random sequence.
/// </summary>
public static class DemoSuspensions
{
    public static async Task SeedAsync(CareMarketDb db, LocalAuthority home, CancellationToken ct)
    {
        var now = db.Now;
        var today = DateOnly.FromDateTime(now);
        var hawthorn = await db.Providers.Where(p => p.Name == "Hawthorn Care Group").Select(p => p.Id).FirstAsync(ct);

        var suspended = await MatchedNursingHomeAsync(db, home, hawthorn, ct)
            ?? await db.Services.Where(s => s.HostLocalAuthorityId == home.Id && s.Status == ServiceStatus.Active
                    && s.ServiceType == ServiceType.CareHomeWithNursing && s.ProviderId != hawthorn)
                .OrderByDescending(s => s.Id).Select(s => s.Id).FirstAsync(ct);
        db.ServiceRestrictions.Add(new ServiceRestriction
        {
            LocalAuthorityId = home.Id, ServiceId = suspended, Kind = RestrictionKind.Suspension, Reason = RestrictionReason.Safeguarding,
            Details = "Section 42 enquiry into medicines management opened after two safeguarding alerts; new placements paused until it concludes.",
            StartsOn = today.AddDays(-3), ReviewOn = today.AddDays(25), CreatedAt = now.AddDays(-3), CreatedBy = "quality@northbridge.example",
        });

        var lifted = await db.Services.Where(s => s.HostLocalAuthorityId == home.Id && s.Status == ServiceStatus.Active
                && s.ServiceType == ServiceType.Homecare && s.ProviderId != hawthorn)
            .OrderByDescending(s => s.Id).Select(s => s.Id).FirstAsync(ct);
        db.ServiceRestrictions.Add(new ServiceRestriction
        {
            LocalAuthorityId = home.Id, ServiceId = lifted, Kind = RestrictionKind.Suspension, Reason = RestrictionReason.QualityConcerns,
            Details = "Missed and late visits in call monitoring; action plan agreed with the provider.",
            StartsOn = today.AddDays(-120), ReviewOn = today.AddDays(-60), CreatedAt = now.AddDays(-120), CreatedBy = "quality@northbridge.example",
            LiftedAt = now.AddDays(-30), LiftedBy = "quality@northbridge.example",
            LiftReason = "Action plan completed and call monitoring back within the contract; the risk panel agreed to lift.",
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The first service ranked for an open nursing request that it was not sent to, as the council's matching sees it.</summary>
    private static async Task<int?> MatchedNursingHomeAsync(CareMarketDb db, LocalAuthority home, int hawthorn, CancellationToken ct)
    {
        var open = await db.CareRequests.Where(r => r.LocalAuthorityId == home.Id && r.ServiceType == ServiceType.CareHomeWithNursing
                && (r.Status == RequestStatus.Open || r.Status == RequestStatus.SentToProviders))
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(ct);
        var ours = await db.Services.Where(s => s.HostLocalAuthorityId == home.Id && s.ProviderId != hawthorn).Select(s => s.Id).ToListAsync(ct);
        var system = db.Actor;
        db.Actor = new Actor("demo", home.Id); // matching is a council's view of the register
        try
        {
            foreach (var id in open)
            {
                var invited = await db.Invitations.Where(i => i.CareRequestId == id).Select(i => i.ServiceId).ToListAsync(ct);
                var match = await new Matching(db).ForRequestAsync(id, Weights.Example, ct);
                if (match?.Ranked.FirstOrDefault(r => ours.Contains(r.Candidate.ServiceId) && !invited.Contains(r.Candidate.ServiceId)) is { } pick)
                    return pick.Candidate.ServiceId;
            }
            return null;
        }
        finally
        {
            db.Actor = system;
        }
    }
}
