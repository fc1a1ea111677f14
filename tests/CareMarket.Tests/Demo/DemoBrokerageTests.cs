using CareMarket.Admin;
using CareMarket.Brokerage;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Demo;
using CareMarket.Register;
using CareMarket.Tests.Register;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CareMarket.Tests.Demo;

/// <summary>The demo borough's year of brokerage: its shape, its timescale figures, its queue today, and its determinism.</summary>
public class DemoBrokerageTests(ITestOutputHelper output)
{
    private static readonly ServiceType[] Types =
    [
        ServiceType.Homecare, ServiceType.CareHomeWithoutNursing, ServiceType.CareHomeWithNursing, ServiceType.SupportedLiving,
        ServiceType.ExtraCareHousing, ServiceType.Reablement,
    ];

    [Fact]
    public async Task Demo_HasAYearOfBrokerage_ShapedLikeThePublishedFigures()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (database, northbridge, _) = await RegisterQueriesTests.DemoAsync(Engine.Sqlite);
        output.WriteLine($"Demo seeded in {started.ElapsedMilliseconds} ms");
        await using var _ = database;
        await using var db = database.NewContext();
        var now = db.Now;
        var holidays = BankHolidays.EnglandAndWales;

        var requests = await db.CareRequests.AsNoTracking().Include(r => r.Person).ToListAsync();
        var invitations = await db.Invitations.AsNoTracking().ToListAsync();
        var offers = await db.Offers.AsNoTracking().ToListAsync();
        var placements = await db.Placements.AsNoTracking().ToListAsync();
        var services = await db.Services.AsNoTracking().ToDictionaryAsync(s => s.Id);
        var changes = (await db.RequestStatusChanges.AsNoTracking().ToListAsync()).ToLookup(c => c.CareRequestId);
        // Timescales are Northbridge's own, as stored in its settings.
        await using var council = database.NewContext(new Actor("commissioner", northbridge));
        var targets = await new Settings(council).TimescalesAsync();
        targets.OtherwiseWorkingDays.ShouldBe(DemoBrokerage.Targets.OtherwiseWorkingDays);
        targets.Targets.ShouldBe(DemoBrokerage.Targets.Targets, ignoreOrder: true);
        targets.PercentWithin!.ShouldBe(DemoBrokerage.Targets.PercentWithin!, ignoreOrder: true);
        targets.PercentWithinFor(ServiceType.SupportedLiving).ShouldBe(DemoBrokerage.SupportedLivingTarget);

        output.WriteLine($"{await db.People.CountAsync()} people, {requests.Count} requests ({Math.Round(100.0 * requests.Count(r => r.Priority == Priority.HospitalDischarge) / requests.Count)}% hospital discharge), "
            + $"{invitations.Count} invitations, {offers.Count} offers, {placements.Count} placements ({placements.Count(p => p.ChoiceReason != null)} with a choice reason)");
        // Counts and mix.
        requests.Count.ShouldBeInRange(570, 650);
        (await db.People.CountAsync()).ShouldBeGreaterThan(500);
        double Share(Func<CareRequest, bool> f) => (double)requests.Count(f) / requests.Count;
        Share(r => r.ServiceType == ServiceType.Homecare).ShouldBeInRange(0.40, 0.50);
        Share(r => r.ServiceType == ServiceType.CareHomeWithoutNursing).ShouldBeInRange(0.21, 0.29);
        Share(r => r.ServiceType == ServiceType.CareHomeWithNursing).ShouldBeInRange(0.09, 0.15);
        Share(r => r.ServiceType == ServiceType.SupportedLiving).ShouldBeInRange(0.08, 0.13);
        Share(r => r.Priority == Priority.HospitalDischarge).ShouldBeInRange(0.25, 0.35);
        var careHomePeople = requests.Where(r => r.BedCategory is not null).Select(r => r.Person!).ToList();
        careHomePeople.GroupBy(p => p.AgeBand).MaxBy(g => g.Count())!.Key.ShouldBe(AgeBand.From85);
        requests.Where(r => r.ServiceType == ServiceType.SupportedLiving).Count(r => r.Person!.AgeBand == AgeBand.From18To64)
            .ShouldBeGreaterThan(requests.Count(r => r.ServiceType == ServiceType.SupportedLiving) * 3 / 4);

        // As CareRequests would leave them: the council on every row, the district only, a history that ends in the
        // request's status with one save per change, needs that fit the type.
        requests.Count(r => r.LocalAuthorityId != northbridge || r.Person!.LocalAuthorityId != northbridge).ShouldBe(0);
        foreach (var r in requests)
        {
            var story = changes[r.Id].OrderBy(c => c.At).ToList();
            story[0].From.ShouldBeNull();
            story[0].To.ShouldBe(RequestStatus.Open);
            story[0].At.ShouldBe(r.CreatedAt);
            story.Zip(story.Skip(1)).ShouldAllBe(p => p.Second.From == p.First.To && p.Second.At >= p.First.At);
            story[^1].To.ShouldBe(r.Status);
            // One save per change: each change of status, and the one that recorded what the person has meanwhile
            // (an interim arrangement, or waiting for capacity), which changes the request but not its status.
            var interimSaves = r.WaitedForCapacity || r.Interim != InterimArrangement.None ? 1 : 0;
            r.Version.ShouldBe(story.Count - 1 + interimSaves);
            if (r.Status == RequestStatus.Sourced) story[^1].At.ShouldBe(r.SourcedAt!.Value);
        }
        requests.Where(r => r.PostcodeDistrict == null || r.PostcodeDistrict.Length > 4 || !r.PostcodeDistrict.StartsWith("NB")).Select(r => r.PostcodeDistrict).ShouldBeEmpty();
        requests.Where(r => !r.Person!.Reference.StartsWith("NB-0") || r.Person.Reference.Length != 9).Select(r => r.Person!.Reference).ShouldBeEmpty();
        requests.Where(r => r.ServiceType is ServiceType.CareHomeWithNursing or ServiceType.CareHomeWithoutNursing)
            .ShouldAllBe(r => r.BedCategory != null && r.HoursPerWeek == null);
        requests.Where(r => r.ServiceType == ServiceType.Homecare).ShouldAllBe(r => r.HoursPerWeek > 0 && r.TimeBands != "" && r.BedCategory == null);
        invitations.ShouldAllBe(i => i.LocalAuthorityId == northbridge);
        offers.ShouldAllBe(o => o.LocalAuthorityId == northbridge);
        placements.ShouldAllBe(p => p.LocalAuthorityId == northbridge);
        invitations.ShouldAllBe(i => services[i.ServiceId].HostLocalAuthorityId == northbridge && services[i.ServiceId].ProviderId == i.ProviderId);

        // Each sourced request went to 3–6 suitable services (fewer only where the borough has fewer), most offered, one award.
        var byRequest = requests.ToDictionary(r => r.Id);
        var invited = invitations.ToLookup(i => i.CareRequestId);
        var offered = offers.ToLookup(o => o.CareRequestId);
        var sourced = requests.Where(r => r.Status == RequestStatus.Sourced).ToList();
        foreach (var r in sourced)
        {
            var sent = invited[r.Id].ToList();
            sent.Count.ShouldBeInRange(r.ServiceType is ServiceType.ExtraCareHousing or ServiceType.Reablement ? 1 : 3, 6);
            sent.ShouldAllBe(i => services[i.ServiceId].ServiceType == r.ServiceType && (services[i.ServiceId].Specialisms & r.Specialisms) == r.Specialisms);
            sent.ShouldAllBe(i => i.SentAt >= r.CreatedAt && i.SentAt <= r.SourcedAt);
            var its = offered[r.Id].ToList();
            its.ShouldNotBeEmpty();
            its.ShouldAllBe(o => sent.Any(i => i.ServiceId == o.ServiceId) && o.SubmittedAt <= r.OffersCloseAt && o.SubmittedAt <= r.SourcedAt);
            its.Count(o => o.Status == OfferStatus.Accepted).ShouldBe(1);
        }
        (offers.Count(o => byRequest[o.CareRequestId].Status == RequestStatus.Sourced) / (double)invitations.Count(i => byRequest[i.CareRequestId].Status == RequestStatus.Sourced))
            .ShouldBeInRange(0.55, 0.9);

        // Every award is a placement at the accepted offer's price, in the service that made it.
        placements.Count.ShouldBe(sourced.Count);
        var offerById = offers.ToDictionary(o => o.Id);
        foreach (var p in placements)
        {
            var offer = offerById[p.OfferId!.Value];
            var r = byRequest[p.CareRequestId!.Value];
            offer.Status.ShouldBe(OfferStatus.Accepted);
            offer.CareRequestId.ShouldBe(r.Id);
            p.ServiceId.ShouldBe(offer.ServiceId);
            p.WeeklyCost.ShouldBe(offer.WeeklyPrice);
            p.PersonId.ShouldBe(r.PersonId);
            p.StartsOn.ShouldBe(offer.StartDate);
            p.CreatedAt.ShouldBe(r.SourcedAt!.Value);
            p.BedCategory.ShouldBe(r.BedCategory);
            p.HoursPerWeek.ShouldBe(r.HoursPerWeek);
            if (p.ChoiceReason is not null) offer.WeeklyPrice.ShouldBeGreaterThan(offered[r.Id].Min(o => o.WeeklyPrice));
        }
        placements.Count(p => p.ChoiceReason != null).ShouldBeInRange(5, 40);

        // Made by the use cases, as the people who do them: the broker made and awarded every request, each provider
        // offered as its own user, and every award took its bed or hours from the ledger, which starts from the
        // service's capacity return before it (a year of returns, sent by the providers at the time).
        requests.ShouldAllBe(r => r.CreatedBy == DemoBrokerage.Broker);
        changes.SelectMany(c => c).ShouldAllBe(c => c.By == DemoBrokerage.Broker);
        placements.ShouldAllBe(p => p.CreatedBy == DemoBrokerage.Broker);
        offers.ShouldAllBe(o => o.SubmittedBy == "provider@hawthorn.example" || o.SubmittedBy == $"manager.{o.ServiceId}@provider.example");
        var returns = (await db.CapacityReturns.AsNoTracking().Select(r => new { r.ServiceId, r.ReportedAt, r.ReportedBy }).ToListAsync()).ToLookup(r => r.ServiceId);
        placements.ShouldAllBe(p => returns[p.ServiceId].Any(r => r.ReportedAt <= p.CreatedAt));
        returns.SelectMany(r => r).Min(r => r.ReportedAt).ShouldBeLessThan(requests.Min(r => r.CreatedAt));
        var ledger = await db.Vacancies.AsNoTracking().ToListAsync();
        placements.ShouldAllBe(p => ledger.Any(v => v.ServiceId == p.ServiceId && v.Kind == Vacancies.KindOf(p.BedCategory)));

        // Believable prices.
        foreach (var o in offers)
        {
            var r = byRequest[o.CareRequestId];
            if (r.ServiceType == ServiceType.CareHomeWithoutNursing) o.WeeklyPrice.ShouldBeInRange(900m, 1200m);
            if (r.ServiceType == ServiceType.CareHomeWithNursing) o.WeeklyPrice.ShouldBeInRange(1100m, 1500m);
            if (r.ServiceType == ServiceType.Homecare) (o.WeeklyPrice / r.HoursPerWeek!.Value).ShouldBeInRange(23.99m, 30.01m);
        }

        // Sourced within the timescale, per type, near the published figures; supported living below its 75% target.
        var report = WaitStatistics.Compute(requests.Where(r => r.Status != RequestStatus.Cancelled).Select(r => new WaitRequest(r.ServiceType, r.CreatedAt, r.SourcedAt,
                r.SourcedAt is { } at && Timescales.SourcedWithin(r.CreatedAt, RequestStatuses.Pauses(changes[r.Id]), at, targets.TargetFor(r.ServiceType, r.Priority), holidays),
                r.WaitedForCapacity)),
            DateOnly.FromDateTime(now).AddMonths(-13), DateOnly.FromDateTime(now), now, Types);
        foreach (var t in report.Totals)
        {
            output.WriteLine($"{t.Type}: {t.Sourced} sourced, {t.PercentWithinTimescale:0.0}% within, {t.WaitedForNoCapacity} waited, mean {t.MeanWaitDays:0.0} d, median {t.MedianWaitDays:0.0} d");
        }
        var expected = new Dictionary<ServiceType, double>
        {
            [ServiceType.Homecare] = 95, [ServiceType.CareHomeWithoutNursing] = 88, [ServiceType.CareHomeWithNursing] = 92, [ServiceType.SupportedLiving] = 63,
        };
        foreach (var (type, percent) in expected)
        {
            report.Totals.Single(t => t.Type == type).PercentWithinTimescale!.Value.ShouldBeInRange(percent - 6, percent + 6);
        }
        report.Totals.Single(t => t.Type == ServiceType.SupportedLiving).PercentWithinTimescale!.Value.ShouldBeLessThan(DemoBrokerage.SupportedLivingTarget);
        // The figures the README and the screenshots show, to within a percentage point.
        var published = new Dictionary<ServiceType, double>
        {
            [ServiceType.Homecare] = 94.8, [ServiceType.CareHomeWithoutNursing] = 88.0, [ServiceType.CareHomeWithNursing] = 91.7, [ServiceType.SupportedLiving] = 63.3,
        };
        foreach (var (type, percent) in published)
        {
            report.Totals.Single(t => t.Type == type).PercentWithinTimescale!.Value.ShouldBeInRange(percent - 1, percent + 1, type.ToString());
        }
        report.Totals.Sum(t => t.Sourced).ShouldBe(sourced.Count);
        report.Months.Count(m => m.Sourced > 0).ShouldBeGreaterThanOrEqualTo(12);

        // Waits for want of capacity: more in supported living than homecare, each with an interim arrangement that fits.
        double Waited(ServiceType type) => (double)sourced.Count(r => r.ServiceType == type && r.WaitedForCapacity) / sourced.Count(r => r.ServiceType == type);
        Waited(ServiceType.Homecare).ShouldBeInRange(0.05, 0.25);
        Waited(ServiceType.SupportedLiving).ShouldBeGreaterThan(Waited(ServiceType.Homecare) * 2);
        sourced.Where(r => r.BedCategory == BedCategory.DementiaNursing).Count(r => r.WaitedForCapacity)
            .ShouldBeGreaterThan(0);
        requests.Where(r => !r.WaitedForCapacity).ShouldAllBe(r => r.Interim == InterimArrangement.None);
        requests.Where(r => r.ServiceType == ServiceType.Homecare && r.WaitedForCapacity)
            .ShouldAllBe(r => r.Interim == InterimArrangement.Reablement || r.Interim == InterimArrangement.Bridging);
        requests.ShouldContain(r => r.ServiceType == ServiceType.SupportedLiving && r.Interim == InterimArrangement.TemporaryResidential);
        requests.Where(r => r.Interim != InterimArrangement.None).ShouldAllBe(r => r.InterimSince >= DateOnly.FromDateTime(r.CreatedAt.AddDays(-1)));

        // Holds and cancellations: some of the year's requests were on hold a while, a few were cancelled with a reason.
        var held = sourced.Where(r => changes[r.Id].Any(c => c.To == RequestStatus.OnHold)).ToList();
        held.Count.ShouldBeInRange(10, 60);
        held.ShouldAllBe(r => changes[r.Id].Single(c => c.To == RequestStatus.OnHold).HoldReason != null);
        var cancelled = requests.Where(r => r.Status == RequestStatus.Cancelled).ToList();
        cancelled.Count.ShouldBeInRange(5, 20);
        cancelled.ShouldAllBe(r => changes[r.Id].Single(c => c.To == RequestStatus.Cancelled).CancelReason != null);

        // Today's queue: about 15, hospital discharges among them, some with offers and some without, and a supported-living backlog.
        var open = requests.Where(r => r.Status is RequestStatus.Open or RequestStatus.SentToProviders).ToList();
        open.Count.ShouldBeInRange(12, 18);
        open.ShouldAllBe(r => r.SourcedAt == null && !offered[r.Id].Any(o => o.Status != OfferStatus.Submitted));
        open.Count(r => r.Priority == Priority.HospitalDischarge).ShouldBeInRange(2, 4);
        open.ShouldContain(r => r.Status == RequestStatus.SentToProviders && offered[r.Id].Any());
        open.ShouldContain(r => r.Status == RequestStatus.SentToProviders && !offered[r.Id].Any());
        open.Where(r => r.Status == RequestStatus.Open).ShouldAllBe(r => !invited[r.Id].Any() && r.OffersCloseAt == null);
        var backlog = open.Where(r => r.ServiceType == ServiceType.SupportedLiving && (now - r.CreatedAt).TotalDays is >= 18 and <= 60).ToList();
        backlog.Count.ShouldBeInRange(5, 8);
        backlog.ShouldAllBe(r => r.WaitedForCapacity);
        // On hold today, the clock paused: one held once, one held twice; and one resumed after a hold, within its target only because of the pause.
        var onHold = requests.Where(r => r.Status == RequestStatus.OnHold).ToList();
        onHold.Count.ShouldBeInRange(2, 4);
        onHold.ShouldContain(r => changes[r.Id].Count(c => c.To == RequestStatus.OnHold) == 2);
        var resumed = open.Single(r => changes[r.Id].Any(c => c.From == RequestStatus.OnHold));
        var pauses = RequestStatuses.Pauses(changes[resumed.Id]);
        Timescales.IsBreached(resumed.CreatedAt, pauses, now, targets.TargetFor(resumed.ServiceType, resumed.Priority), holidays).ShouldBeFalse();
        Timescales.IsBreached(resumed.CreatedAt, [], now, targets.TargetFor(resumed.ServiceType, resumed.Priority), holidays).ShouldBeTrue();
        var waitingNow = report.Open.Single(o => o.Type == ServiceType.SupportedLiving);
        output.WriteLine($"Open now: {open.Count}; supported living waiting {waitingNow.Waiting}, longest {waitingNow.LongestDaysSoFar:0} days");

        // Fairness: a few large providers take more, but awards are not concentrated in very few hands.
        var awards = placements.Select(p => new Award(services[p.ServiceId].ProviderId, DateOnly.FromDateTime(p.CreatedAt), p.HoursPerWeek)).ToList();
        var year = Fairness.Measure(awards, DateOnly.FromDateTime(now).AddYears(-1).AddDays(-30), DateOnly.FromDateTime(now));
        var homecare = Fairness.Measure(placements.Where(p => services[p.ServiceId].ServiceType == ServiceType.Homecare)
            .Select(p => new Award(services[p.ServiceId].ProviderId, DateOnly.FromDateTime(p.CreatedAt), p.HoursPerWeek)), year.From, year.To);
        output.WriteLine($"Awards HHI {year.ByAwards!.Index} ({year.ByAwards.Band}); homecare by hours {homecare.ByHours!.Index} ({homecare.ByHours.Band}), top share {homecare.Providers[0].HoursShare:P0}");
        year.Awards.ShouldBe(placements.Count);
        year.ByAwards.Band.ShouldBeOneOf(ConcentrationBand.Unconcentrated, ConcentrationBand.Moderate);
        homecare.ByHours.Band.ShouldBeOneOf(ConcentrationBand.Unconcentrated, ConcentrationBand.Moderate);
        homecare.ByHours.Index.ShouldBeGreaterThan(700);
        homecare.Providers[0].AwardShare.ShouldBeGreaterThan(2.0 / homecare.Providers.Count);
    }

    [Fact]
    public async Task Demo_Brokerage_IsDeterministic()
    {
        var (a, _, _) = await RegisterQueriesTests.DemoAsync(Engine.Sqlite);
        var (b, _, _) = await RegisterQueriesTests.DemoAsync(Engine.Sqlite);
        await using var _a = a;
        await using var _b = b;
        static async Task<List<string>> Rows(TestDatabase d)
        {
            await using var db = d.NewContext();
            var rows = new List<string>();
            rows.AddRange(await db.People.OrderBy(p => p.Id).Select(p => $"P|{p.Reference}|{p.AgeBand}|{p.PrimarySupportReason}|{p.HomeAreaId}").ToListAsync());
            rows.AddRange((await db.CareRequests.OrderBy(r => r.Id).ToListAsync()).Select(r =>
                $"R|{r.PersonId}|{r.ServiceType}|{r.Specialisms}|{r.BedCategory}|{r.HoursPerWeek}|{r.TimeBands}|{r.PostcodeDistrict}|{r.Priority}|{r.Status}|{r.Interim}|{r.WaitedForCapacity}|{r.WantedStart}|{r.CreatedAt:O}|{r.SourcedAt:O}|{r.OffersCloseAt:O}"));
            rows.AddRange((await db.Invitations.OrderBy(i => i.Id).ToListAsync()).Select(i => $"I|{i.CareRequestId}|{i.ServiceId}|{i.SentAt:O}"));
            rows.AddRange((await db.Offers.OrderBy(o => o.Id).ToListAsync()).Select(o => $"O|{o.CareRequestId}|{o.ServiceId}|{o.WeeklyPrice}|{o.StartDate}|{o.Status}|{o.SubmittedAt:O}"));
            rows.AddRange((await db.Placements.OrderBy(p => p.Id).ToListAsync()).Select(p => $"L|{p.CareRequestId}|{p.OfferId}|{p.ServiceId}|{p.WeeklyCost}|{p.StartsOn}|{p.EndsOn}|{p.ChoiceReason}"));
            rows.AddRange((await db.RequestStatusChanges.OrderBy(c => c.Id).ToListAsync()).Select(c => $"H|{c.CareRequestId}|{c.From}|{c.To}|{c.At:O}|{c.HoldReason}|{c.CancelReason}"));
            return rows;
        }
        var first = await Rows(a);
        first.Count.ShouldBeGreaterThan(3000);
        (await Rows(b)).ShouldBe(first);
    }
}
