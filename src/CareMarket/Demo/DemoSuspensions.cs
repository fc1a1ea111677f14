using CareMarket.Admin;
using CareMarket.Brokerage;
using CareMarket.Data;
using CareMarket.Quality.Restrictions;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Demo;

/// <summary>
/// Northbridge's suspensions for the demo, placed and lifted through <see cref="ServiceRestrictions"/> by its quality
/// officer at the time: a homecare service suspended over quality concerns in the spring of its action plan and lifted
/// last month, and a nursing home suspended for safeguarding this week, chosen among the services matching a nursing
/// request in the queue then (so matches since show one excluded, and why). Neither is Hawthorn's, so the demo provider
/// user's journey is unchanged. Deterministic, and draws nothing from the borough's random sequence.
/// </summary>
internal sealed class DemoSuspensions
{
    public const string QualityOfficer = "quality@northbridge.example";

    private readonly HashSet<int> inForce = [];

    /// <summary>Whether the demo has a suspension in force on the service now.</summary>
    public bool Suspended(int serviceId) => inForce.Contains(serviceId);

    public static async Task<DemoSuspensions> PlanAsync(DemoTimeline timeline, CancellationToken ct)
    {
        var db = timeline.Db;
        var council = timeline.Council;
        var today = timeline.Today;
        var suspensions = new DemoSuspensions();
        var hawthorn = await db.Providers.Where(p => p.Name == "Hawthorn Care Group").Select(p => p.Id).FirstAsync(ct);
        var officer = new Actor(QualityOfficer, council);

        var lifted = await db.Services.Where(s => s.HostLocalAuthorityId == council && s.Status == ServiceStatus.Active
                && s.ServiceType == ServiceType.Homecare && s.ProviderId != hawthorn)
            .OrderByDescending(s => s.Id).Select(s => s.Id).FirstAsync(ct);
        var liftedId = 0;
        timeline.At(DemoTimeline.Uk(today.AddDays(-120), new TimeOnly(10, 15)), async () =>
        {
            liftedId = await suspensions.SuspendAsync(timeline.As(officer), lifted, new NewRestriction(RestrictionKind.Suspension, RestrictionReason.QualityConcerns,
                "Missed and late visits in call monitoring; action plan agreed with the provider.", today.AddDays(-120), today.AddDays(-60)), ct);
        });
        timeline.At(DemoTimeline.Uk(today.AddDays(-30), new TimeOnly(15, 40)), async () =>
        {
            var db = timeline.As(officer);
            var version = await db.ServiceRestrictions.AsNoTracking().Where(r => r.Id == liftedId).Select(r => r.Version).FirstAsync(ct);
            var decision = await new ServiceRestrictions(db).LiftAsync(lifted, liftedId, "Action plan completed and call monitoring back within the contract; the risk panel agreed to lift.", version, ct);
            if (decision is not Decision.Allowed) throw new InvalidOperationException($"The demo's lift was refused: {decision}");
            suspensions.inForce.Remove(lifted);
        });

        timeline.At(DemoTimeline.Uk(today.AddDays(-3), new TimeOnly(9, 50)), async () =>
        {
            var db = timeline.As(officer);
            var home = await MatchedNursingHomeAsync(db, council, hawthorn, ct)
                ?? await db.Services.Where(s => s.HostLocalAuthorityId == council && s.Status == ServiceStatus.Active
                        && s.ServiceType == ServiceType.CareHomeWithNursing && s.ProviderId != hawthorn)
                    .OrderByDescending(s => s.Id).Select(s => s.Id).FirstAsync(ct);
            await suspensions.SuspendAsync(db, home, new NewRestriction(RestrictionKind.Suspension, RestrictionReason.Safeguarding,
                "Section 42 enquiry into medicines management opened after two safeguarding alerts; new placements paused until it concludes.",
                today.AddDays(-3), today.AddDays(25)), ct);
        });
        return suspensions;
    }

    private async Task<int> SuspendAsync(CareMarketDb db, int serviceId, NewRestriction restriction, CancellationToken ct)
    {
        var decision = await new ServiceRestrictions(db).AddAsync(serviceId, restriction, ct);
        if (decision is not Decision.Created<int> { Value: var id }) throw new InvalidOperationException($"The demo's suspension was refused: {decision}");
        inForce.Add(serviceId);
        return id;
    }

    /// <summary>
    /// The first service ranked for a nursing request still being sourced that it was not sent to, as the council's
    /// matching sees it.
    /// </summary>
    private static async Task<int?> MatchedNursingHomeAsync(CareMarketDb db, int council, int hawthorn, CancellationToken ct)
    {
        var waiting = await db.CareRequests.Where(r => r.ServiceType == ServiceType.CareHomeWithNursing
                && (r.Status == RequestStatus.Open || r.Status == RequestStatus.SentToProviders || r.Status == RequestStatus.OnHold))
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(ct);
        var ours = await db.Services.Where(s => s.HostLocalAuthorityId == council && s.ProviderId != hawthorn).Select(s => s.Id).ToListAsync(ct);
        var weights = await new Settings(db).WeightsAsync(ct);
        foreach (var id in waiting)
        {
            var invited = await db.Invitations.Where(i => i.CareRequestId == id).Select(i => i.ServiceId).ToListAsync(ct);
            var match = await new Matching(db).ForRequestAsync(id, weights, ct);
            if (match?.Ranked.FirstOrDefault(r => ours.Contains(r.Candidate.ServiceId) && !invited.Contains(r.Candidate.ServiceId)) is { } pick)
                return pick.Candidate.ServiceId;
        }
        return null;
    }
}
