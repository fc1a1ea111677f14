using CareMarket.Brokerage;
using CareMarket.Data;
using CareMarket.Quality.Restrictions;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Tests.Brokerage;

/// <summary>
/// Matching on the demo borough, on both engines: suspensions honoured, and the same ranking the pure rule gives. On the
/// demo on purpose: each compares two ways of reading over a council-sized register (every open request of a year's
/// brokerage), which a few rows would not test. Read only, so the demo is seeded once per engine for the run.
/// </summary>
public class MatchingTests
{
    [Theory]
    [BothEngines]
    public async Task Every_open_request_ranks_as_the_rule_does_and_the_suspended_home_is_excluded_with_why(Engine engine)
    {
        var (database, northbridge, _) = await DemoDatabase.SharedReadOnlyAsync(engine);
        await using var broker = database.NewContext(new Actor("broker@northbridge.example", northbridge));
        var suspended = await broker.ServiceRestrictions.Where(ServiceRestrictions.ActiveAt(broker.Now)).Select(r => r.ServiceId).ToListAsync();
        suspended.ShouldHaveSingleItem(); // the demo's: one in force, one lifted last month
        var open = await broker.CareRequests.Where(r => r.Status == RequestStatus.Open || r.Status == RequestStatus.SentToProviders)
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
        open.Count.ShouldBeGreaterThan(10);

        var excluded = 0;
        var ranked = 0;
        foreach (var id in open)
        {
            var match = (await new Matching(broker).ForRequestAsync(id, Weights.Example)).ShouldNotBeNull();
            var candidates = match.Ranked.Select(r => r.Candidate).Concat(match.Ineligible.Select(i => i.Candidate)).OrderBy(c => c.ServiceId).ToList();

            // Matching ranks exactly as the pure rule does over every candidate it screened.
            var ruled = Ranking.Rank(match.Need, candidates, Weights.Example, match.Shares);
            ruled.Select(r => (r.Candidate.ServiceId, r.Position, r.Score, r.Explanation))
                .ShouldBe(match.Ranked.Select(r => (r.Candidate.ServiceId, r.Position, r.Score, r.Explanation)), $"request {id}");

            match.Ranked.ShouldNotContain(r => suspended.Contains(r.Candidate.ServiceId));
            if (match.Ineligible.FirstOrDefault(i => suspended.Contains(i.Candidate.ServiceId)) is { } held)
            {
                held.Reason.Field.ShouldBe("Suspended");
                held.Reason.Reason.ShouldContain("Suspended or embargoed");
                excluded++;
            }
            ranked += match.Ranked.Count;
        }
        excluded.ShouldBeGreaterThan(0); // the demo shows a broker one excluded, and why
        ranked.ShouldBeGreaterThan(20);  // the comparison is not vacuous
    }

    [Theory]
    [BothEngines]
    public async Task The_queue_shows_for_each_request_how_many_services_could_meet_it_now_as_matching_does(Engine engine)
    {
        var (database, northbridge, _) = await DemoDatabase.SharedReadOnlyAsync(engine);
        await using var broker = database.NewContext(new Actor("broker@northbridge.example", northbridge));

        var queue = await new CareRequests(broker).QueueAsync();

        queue.Count.ShouldBeGreaterThan(10);
        foreach (var row in queue)
        {
            var match = (await new Matching(broker).ForRequestAsync(row.Id, Weights.Example)).ShouldNotBeNull();
            // Room now: the ranked services whose figures are fresh (those out of date are ranked, below them).
            row.CouldMeetNow.ShouldBe(match.Ranked.Count(r => r.Candidate.CapacityKnown), $"request {row.Id}");
            match.Ranked.SkipWhile(r => r.Candidate.CapacityKnown).ShouldAllBe(r => !r.Candidate.CapacityKnown, $"request {row.Id}");
        }
        queue.ShouldContain(r => r.CouldMeetNow > 0);
        queue.ShouldContain(r => r.CouldMeetNow == 0); // the demo's supported-living backlog: nothing free
        (await new CareRequests(broker).QueueAsync("sourced")).ShouldAllBe(r => r.CouldMeetNow == null);
    }
}
