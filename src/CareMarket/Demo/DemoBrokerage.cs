using CareMarket.Admin;
using CareMarket.Brokerage;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Placements;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Demo;

/// <summary>
/// Brokerage for the demo borough: a year of Northbridge care requests (about 600), each sourced through invitations,
/// offers and an award, with timescale performance shaped to the published figures (95% of homecare requests sourced
/// within the timescale, 88% residential, 92% nursing, 63% supported living against a 75% target), some breaches,
/// people who waited for want of capacity with their interim arrangements, a few requests put on hold for a while
/// (the clock paused) and a few cancelled, and a queue today: about 15 open requests with hospital discharges and a
/// supported-living backlog, and a few on hold. Timescales are measured against Northbridge's own sourcing targets
/// (<see cref="Targets"/>), stored as its settings. Rows, status history included, are written directly (as
/// <see cref="CareRequests"/> would leave them), deterministically from the borough's random sequence; dates count
/// back from today.
/// </summary>
public static class DemoBrokerage
{
    /// <summary>The share (%) of each type's requests the history sources within the council's timescale.</summary>
    public static readonly IReadOnlyDictionary<ServiceType, double> WithinTimescale = new Dictionary<ServiceType, double>
    {
        [ServiceType.Homecare] = 95, [ServiceType.CareHomeWithoutNursing] = 88, [ServiceType.CareHomeWithNursing] = 92,
        [ServiceType.SupportedLiving] = 63, [ServiceType.ExtraCareHousing] = 85, [ServiceType.Reablement] = 90,
    };

    /// <summary>The council's own aim for supported living, which the demo misses (63% against 75%).</summary>
    public const int SupportedLivingTarget = 75;

    /// <summary>
    /// Northbridge's sourcing targets, saved as its settings: the example's, with its own for reablement and extra care
    /// housing, and the share of each type it aims to source in time.
    /// </summary>
    public static readonly TimescaleSettings Targets = new(
    [
        .. TimescaleSettings.Example.Targets,
        new(ServiceType.Reablement, Priority.Urgent, 2), new(ServiceType.Reablement, Priority.Routine, 3),
        new(ServiceType.ExtraCareHousing, Priority.HospitalDischarge, 3), new(ServiceType.ExtraCareHousing, Priority.Urgent, 5),
        new(ServiceType.ExtraCareHousing, Priority.Routine, 10),
    ], OtherwiseWorkingDays: 10,
    [
        new(ServiceType.Homecare, 90), new(ServiceType.CareHomeWithoutNursing, 85), new(ServiceType.CareHomeWithNursing, 85),
        new(ServiceType.SupportedLiving, SupportedLivingTarget), new(ServiceType.ExtraCareHousing, 80), new(ServiceType.Reablement, 90),
    ]);

    public const string Broker = "broker@northbridge.example";

    // A year of requests: ~45% homecare, ~25% residential, ~12% nursing, ~10% supported living, the rest extra care and reablement.
    private static readonly (ServiceType Type, int Count)[] Mix =
    [
        (ServiceType.Homecare, 270), (ServiceType.CareHomeWithoutNursing, 150), (ServiceType.CareHomeWithNursing, 72),
        (ServiceType.SupportedLiving, 60), (ServiceType.ExtraCareHousing, 24), (ServiceType.Reablement, 24),
    ];

    private sealed class Svc
    {
        public int Id;
        public int ProviderId;
        public ServiceType Type;
        public Specialism Specialisms;
        public RatingWord? Rating;
        public HashSet<int> Patches = [];
        /// <summary>Size and reach: large providers are invited and chosen more often.</summary>
        public double Pull;
        /// <summary>Weekly price of a standard bed, or the hourly rate.</summary>
        public decimal Rate;
        public required string Reporter;
    }

    private sealed class Plan
    {
        public required CareRequest Request;
        public bool Within;
        public List<Svc> Invited = [];
        public DateTime? SentAt;
        /// <summary>Times on hold; the last may still be running (Until null).</summary>
        public List<(DateTime From, DateTime? Until, HoldReason Reason)> Holds = [];
        public (DateTime At, CancelReason Reason)? Cancelled;
    }

    public static async Task SeedAsync(CareMarketDb db, LocalAuthority home, Random rng, CancellationToken ct)
    {
        var now = db.Now;
        var today = UkDate(now);
        var holidays = BankHolidays.EnglandAndWales;
        var settings = Targets;
        db.CouncilSettings.Add(new CouncilSettings { LocalAuthorityId = home.Id, OtherwiseWorkingDays = settings.OtherwiseWorkingDays, Version = 1 });
        db.SourcingTargets.AddRange(settings.Targets.Select(t => new SourcingTarget { LocalAuthorityId = home.Id, ServiceType = t.Type, Priority = t.Priority, WorkingDays = t.WorkingDays }));
        db.WithinTimescaleTargets.AddRange(settings.PercentWithin!.Select(p => new WithinTimescaleTarget { LocalAuthorityId = home.Id, ServiceType = p.Type, Percent = p.Percent }));

        var areas = await db.Areas.Where(a => a.LocalAuthorityId == home.Id).OrderBy(a => a.Id).ToListAsync(ct);
        var localities = areas.Where(a => a.Kind == AreaKind.Locality).ToList();
        var patchOf = localities.ToDictionary(l => l.Id, l => areas.Single(a => a.Kind == AreaKind.HomecarePatch && a.Name == $"{l.Name} patch").Id);
        var types = Mix.Select(m => m.Type).ToList();
        var rows = await db.Services.AsNoTracking()
            .Where(s => s.HostLocalAuthorityId == home.Id && s.Status == ServiceStatus.Active && types.Contains(s.ServiceType))
            .OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.ProviderId, s.ServiceType, s.Specialisms, Rating = (RatingWord?)s.CurrentRating!.Overall, Provider = s.Provider!.Name })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        // The patches each homecare service covers, from its capacity returns.
        var covered = (await (from h in db.Set<HoursLine>().AsNoTracking()
                              join r in db.CapacityReturns on h.CapacityReturnId equals r.Id
                              where ids.Contains(r.ServiceId)
                              select new { r.ServiceId, h.AreaId }).Distinct().ToListAsync(ct))
            .OrderBy(x => x.ServiceId).ThenBy(x => x.AreaId).ToList();

        var services = new List<Svc>();
        foreach (var r in rows)
        {
            var s = new Svc
            {
                Id = r.Id, ProviderId = r.ProviderId, Type = r.ServiceType, Specialisms = r.Specialisms, Rating = r.Rating,
                Pull = Math.Exp(Normal(rng) * 0.45),
                Reporter = r.Provider == "Hawthorn Care Group" ? "provider@hawthorn.example" : $"manager.{r.Id}@provider.example",
                Rate = r.ServiceType switch
                {
                    ServiceType.CareHomeWithoutNursing => 900 + 5 * rng.Next(0, 50),
                    ServiceType.CareHomeWithNursing => 1100 + 5 * rng.Next(0, 68),
                    ServiceType.Homecare => 24m + 0.1m * rng.Next(0, 51),
                    ServiceType.SupportedLiving => 20.5m + 0.1m * rng.Next(0, 36),
                    ServiceType.ExtraCareHousing => 22m + 0.1m * rng.Next(0, 41),
                    _ => 25m + 0.1m * rng.Next(0, 41),
                },
            };
            var patches = covered.Where(c => c.ServiceId == r.Id).Select(c => c.AreaId).ToList();
            s.Patches = patches.Count > 0 ? [.. patches] : [.. patchOf.Values];
            services.Add(s);
        }
        // A few large homecare providers take a bigger share, as in most boroughs.
        foreach (var big in services.Where(s => s.Type == ServiceType.Homecare).OrderBy(_ => rng.Next()).Take(3).ToList()) big.Pull *= 6;

        var people = new List<Person>();
        var numbers = new HashSet<int>();
        Person NewPerson(ServiceType type, int homeArea)
        {
            int number;
            do number = rng.Next(20000, 100000); while (!numbers.Add(number));
            var (age, reason) = PersonFor(type, rng);
            var p = new Person { LocalAuthorityId = home.Id, Reference = $"NB-0{number}", AgeBand = age, PrimarySupportReason = reason, HomeAreaId = homeArea };
            people.Add(p);
            return p;
        }

        // The year's requests, in the order they were made.
        var typeList = Mix.SelectMany(m => Enumerable.Repeat(m.Type, m.Count)).OrderBy(_ => rng.Next()).ToList();
        var history = new List<Plan>();
        foreach (var type in typeList)
        {
            var created = WorkingInstant(today.AddDays(-rng.Next(3, 366)), rng, holidays);
            var (request, invited) = NewRequest(home, type, created, localities, NewPerson, rng, services, patchOf);
            history.Add(new Plan { Request = request, Invited = invited });
        }

        // Exactly the published share of each type is sourced within its timescale; the rest breach.
        foreach (var group in history.GroupBy(p => p.Request.ServiceType))
        {
            var list = group.ToList();
            var within = (int)Math.Round(WithinTimescale[group.Key] / 100 * list.Count);
            foreach (var p in list.OrderBy(_ => rng.Next()).Take(within)) p.Within = true;
        }

        foreach (var plan in history)
        {
            var r = plan.Request;
            var target = settings.TargetFor(r.ServiceType, r.Priority);
            for (var attempt = 0; ; attempt++)
            {
                r.SourcedAt = plan.Within ? SourcedWithin(r.CreatedAt, target, rng, holidays) : SourcedLate(r, target, rng, holidays);
                if (r.SourcedAt < now.AddHours(-3) || attempt > 20) break;
                // Not sourced yet by today: the request was made earlier in the year.
                r.CreatedAt = WorkingInstant(UkDate(r.CreatedAt).AddDays(-21), rng, holidays);
                r.WantedStart = r.WantedStart.AddDays(-21);
            }
            var dementiaNursing = r.BedCategory == BedCategory.DementiaNursing;
            var waitedShare = plan.Within
                ? r.ServiceType switch
                {
                    ServiceType.SupportedLiving => 0.30,
                    ServiceType.CareHomeWithNursing when dementiaNursing => 0.35,
                    ServiceType.CareHomeWithNursing => 0.06,
                    ServiceType.ExtraCareHousing => 0.10,
                    ServiceType.Homecare => 0.08,
                    _ => 0.05,
                }
                : 0.85;
            r.WaitedForCapacity = rng.NextDouble() < waitedShare;
            r.Interim = r.WaitedForCapacity ? InterimFor(r, rng) : InterimArrangement.None;
            if (r.Interim != InterimArrangement.None) r.InterimSince = UkDate(r.CreatedAt).AddDays(rng.Next(0, 2));
        }

        // A few were on hold before they were sent (the person went back into hospital, or was still choosing): the
        // request is sourced as many working days later as it was on hold, so the time the clock ran is as planned.
        foreach (var plan in history.Where(_ => rng.NextDouble() < 0.05))
        {
            var r = plan.Request;
            var days = rng.Next(1, 6);
            var from = r.CreatedAt.AddMinutes(30 + rng.Next(0, 90));
            var sourced = LaterWorkingDays(r.SourcedAt!.Value, days, holidays);
            if (sourced >= now.AddHours(-3)) continue;
            plan.Holds.Add((from, LaterWorkingDays(from, days, holidays), Pick(rng, HistoryHoldReasons)));
            r.SourcedAt = sourced;
        }

        // A few requests were cancelled: the person arranged their own care, moved away, died, or no longer needed it.
        var cancelled = new List<Plan>();
        for (var i = 0; i < 12; i++)
        {
            var type = typeList[rng.Next(typeList.Count)];
            var created = WorkingInstant(today.AddDays(-rng.Next(14, 360)), rng, holidays);
            var (request, invited) = NewRequest(home, type, created, localities, NewPerson, rng, services, patchOf);
            var plan = new Plan { Request = request, Invited = invited };
            var at = LaterWorkingDays(created, rng.Next(1, 6), holidays);
            if (i == 0)
            {
                // Back in hospital, on hold, and then the person died.
                plan.Invited = [];
                plan.Holds.Add((created.AddMinutes(45), null, HoldReason.PersonInHospital));
                plan.Cancelled = (at, CancelReason.PersonDied);
            }
            else
            {
                if (rng.NextDouble() < 0.5) plan.Invited = [];
                else plan.SentAt = created.AddMinutes(30 + rng.Next(0, 90));
                plan.Cancelled = (at, Pick(rng, [CancelReason.ArrangedOwnCare, CancelReason.NoLongerNeeded, CancelReason.MovedAway, CancelReason.PersonDied]));
            }
            cancelled.Add(plan);
        }

        // Today's queue: hospital discharges, a few routine requests with and without offers, and the supported-living backlog.
        var open = OpenQueue(home, today, now, localities, NewPerson, rng, services, patchOf, holidays);

        // Invitations, offers and awards.
        var invitations = new List<(Invitation Invitation, CareRequest Request)>();
        var offers = new List<(Offer Offer, Svc Service, Plan Plan)>();
        var awards = new List<(Plan Plan, Offer Offer, string? Reason)>();
        history = history.OrderBy(p => p.Request.CreatedAt).ToList();
        foreach (var plan in history)
        {
            var r = plan.Request;
            var sourced = r.SourcedAt!.Value;
            // Sent when the request was made, or when it came off hold.
            var start = plan.Holds.Count > 0 ? plan.Holds[^1].Until!.Value : r.CreatedAt;
            var span = sourced - start;
            var sentAt = start + TimeSpan.FromMinutes(Math.Min(15 + rng.Next(0, 90), span.TotalMinutes * 0.2));
            plan.SentAt = sentAt;
            invitations.AddRange(plan.Invited.Select(s => (Invite(r, s, sentAt), r)));

            // Most invited services offer; when there was no capacity, only one or two did, late.
            var offering = plan.Invited.Where(_ => rng.NextDouble() < (r.WaitedForCapacity ? 0.3 : 0.8)).ToList();
            if (offering.Count == 0) offering.Add(plan.Invited.MaxBy(s => s.Pull)!);
            var window = sourced - sentAt;
            var mine = new List<(Offer Offer, Svc Service)>();
            foreach (var s in offering)
            {
                var from = r.WaitedForCapacity ? 0.55 : 0.05;
                var at = sentAt + window * (from + rng.NextDouble() * (0.85 - from));
                var offer = NewOffer(r, s, Price(r, s, rng), UkDate(sourced).AddDays(rng.Next(0, 4)), at, rng);
                if (offer.StartDate < r.WantedStart) offer.StartDate = r.WantedStart;
                mine.Add((offer, s));
            }
            var lastOffer = mine.Max(o => o.Offer.SubmittedAt);
            r.OffersCloseAt = lastOffer + (sourced - lastOffer) * 0.5;

            // The top-ranked offer (quality 60, price 40) is chosen, unless the person chose another for a reason.
            var ranked = Rank(mine);
            var chosen = ranked[0].Offer;
            string? reason = null;
            if (ranked.Count > 1 && rng.NextDouble() < 0.04)
            {
                var cheapest = mine.Min(o => o.Offer.WeeklyPrice);
                var alternative = ranked.Skip(1).FirstOrDefault(o => o.Offer.WeeklyPrice > cheapest);
                if (alternative.Offer is not null)
                {
                    chosen = alternative.Offer;
                    reason = Pick(rng, ChoiceReasons);
                }
            }
            foreach (var (offer, service) in mine)
            {
                offer.Status = offer == chosen ? OfferStatus.Accepted : rng.NextDouble() < 0.04 ? OfferStatus.Withdrawn : OfferStatus.NotChosen;
                offers.Add((offer, service, plan));
            }
            awards.Add((plan, chosen, reason));
        }

        foreach (var (plan, sentDaysAgo, offerCount, closesInDays) in open)
        {
            var r = plan.Request;
            if (plan.Invited.Count == 0) continue;
            var sentAt = WorkingInstant(AddWorkingDays(today, -sentDaysAgo, holidays), rng, holidays);
            if (sentAt < r.CreatedAt) sentAt = r.CreatedAt.AddMinutes(20 + rng.Next(0, 40));
            if (sentAt > now) sentAt = r.CreatedAt + (now - r.CreatedAt) * 0.3;
            // Never sent while on hold: sent when it came off hold.
            if (plan.Holds.FirstOrDefault(h => sentAt >= h.From && (h.Until is null || sentAt < h.Until)) is { Until: { } resumed }) sentAt = resumed.AddMinutes(30);
            plan.SentAt = sentAt;
            invitations.AddRange(plan.Invited.Select(s => (Invite(r, s, sentAt), r)));
            // Closing later this week (sent again), or closed a working day after sending, with the broker now deciding.
            r.OffersCloseAt = closesInDays is { } d
                ? TimeZoneInfo.ConvertTimeToUtc(AddWorkingDays(today, d, holidays).ToDateTime(new TimeOnly(17, 0)), Timescales.UkTime)
                : Timescales.DueBy(sentAt, [], 1, holidays);
            foreach (var s in plan.Invited.OrderByDescending(s => s.Pull).Take(offerCount))
            {
                // Offers come in within hours of sending (times kept clear of "now" so two seeds match).
                var at = sentAt.AddMinutes(30 + rng.Next(0, 240));
                var start = (r.WantedStart > today ? r.WantedStart : today).AddDays(rng.Next(1, 6));
                offers.Add((NewOffer(r, s, Price(r, s, rng), start, at, rng), s, plan));
            }
        }

        foreach (var plan in cancelled.Where(p => p.SentAt is not null))
            invitations.AddRange(plan.Invited.Select(s => (Invite(plan.Request, s, plan.SentAt!.Value), plan.Request)));

        // Each request is written once, in its final state, with the status history CareRequests would have written
        // and the version it would have reached (one save per change).
        var plans = history.Concat(cancelled).Concat(open.Select(o => o.Plan)).ToList();
        var changes = plans.SelectMany(StatusHistory).ToList();
        db.People.AddRange(people);
        db.CareRequests.AddRange(plans.Select(p => p.Request));
        db.RequestStatusChanges.AddRange(changes);
        await db.SaveChangesAsync(ct);

        foreach (var (invitation, request) in invitations) invitation.CareRequestId = request.Id;
        foreach (var (offer, _, plan) in offers) offer.CareRequestId = plan.Request.Id;
        db.Invitations.AddRange(invitations.Select(i => i.Invitation));
        db.Offers.AddRange(offers.Select(o => o.Offer));
        await db.SaveChangesAsync(ct);

        db.Placements.AddRange(awards.Select(a =>
        {
            var r = a.Plan.Request;
            var reablement = r.ServiceType == ServiceType.Reablement;
            return new Placement
            {
                LocalAuthorityId = r.LocalAuthorityId, PersonId = r.PersonId, ServiceId = a.Offer.ServiceId, CareRequestId = r.Id,
                OfferId = a.Offer.Id, StartsOn = a.Offer.StartDate, BedCategory = r.BedCategory, HoursPerWeek = r.HoursPerWeek,
                WeeklyCost = a.Offer.WeeklyPrice, ChoiceReason = a.Reason, CreatedAt = r.SourcedAt!.Value, CreatedBy = r.CreatedBy,
                // Reablement lasts up to six weeks.
                EndsOn = reablement && a.Offer.StartDate.AddDays(42) < today ? a.Offer.StartDate.AddDays(42) : null,
            };
        }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A request as a broker would make it, and the services it goes to.</summary>
    private static (CareRequest Request, List<Svc> Invited) NewRequest(LocalAuthority home, ServiceType type, DateTime created, List<Area> localities,
        Func<ServiceType, int, Person> newPerson, Random rng, List<Svc> services, Dictionary<int, int> patchOf, Priority? priority = null)
    {
        var locality = localities[rng.Next(localities.Count)];
        var person = newPerson(type, locality.Id);
        var districts = locality.PostcodeDistricts.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var p = priority ?? PriorityFor(type, rng);
        var createdOn = UkDate(created);
        var r = new CareRequest
        {
            LocalAuthorityId = home.Id, Person = person, ServiceType = type, PreferredAreaId = locality.Id,
            PostcodeDistrict = districts[rng.Next(districts.Length)], Priority = p, Status = RequestStatus.Open,
            Interim = InterimArrangement.None, CreatedAt = created, CreatedBy = Broker, Version = 0,
            WantedStart = createdOn.AddDays(p switch { Priority.HospitalDischarge => rng.Next(0, 2), Priority.Urgent => rng.Next(1, 4), _ => rng.Next(3, 22) }),
            Preferences = rng.NextDouble() < 0.5 ? Pick(rng, Preferences) : null,
        };
        NeedsFor(r, person, rng);
        if (type is ServiceType.CareHomeWithNursing or ServiceType.CareHomeWithoutNursing) r.MaxDistanceKm = rng.NextDouble() < 0.5 ? 10 : 15;
        if (type == ServiceType.ExtraCareHousing && rng.NextDouble() < 0.3) r.AlsoAcceptable = nameof(ServiceType.Homecare);
        if (type == ServiceType.CareHomeWithoutNursing && rng.NextDouble() < 0.1) r.AlsoAcceptable = nameof(ServiceType.ExtraCareHousing);

        // The services it can go to: right type, every specialism needed, not rated Inadequate, homecare in the patch.
        var patch = patchOf[locality.Id];
        List<Svc> Suitable() => services.Where(s => s.Type == type && (s.Specialisms & r.Specialisms) == r.Specialisms
            && s.Rating != RatingWord.Inadequate && (type != ServiceType.Homecare || s.Patches.Contains(patch))).ToList();
        var suitable = Suitable();
        if (suitable.Count < 3 && r.Specialisms != Specialism.None)
        {
            // Keep only the main need (dementia, or the first one) when too few services offer the whole combination.
            r.Specialisms = r.Specialisms.HasFlag(Specialism.Dementia) ? Specialism.Dementia : Specialism.None;
            suitable = Suitable();
            if (suitable.Count == 0) { r.Specialisms = Specialism.None; suitable = Suitable(); }
        }
        return (r, WeightedSample(suitable, rng.Next(3, 7), rng));
    }

    private static List<(Plan Plan, int SentDaysAgo, int Offers, int? ClosesInDays)> OpenQueue(LocalAuthority home, DateOnly today, DateTime now,
        List<Area> localities, Func<ServiceType, int, Person> newPerson, Random rng, List<Svc> services, Dictionary<int, int> patchOf,
        IReadOnlySet<DateOnly> holidays)
    {
        var queue = new List<(Plan, int, int, int?)>();
        Plan Make(ServiceType type, Priority priority, int createdWorkingDaysAgo, bool waited, InterimArrangement interim, Area? locality = null)
        {
            var created = WorkingInstant(AddWorkingDays(today, -createdWorkingDaysAgo, holidays), rng, holidays);
            // A request "today" made before the office opened is yesterday's.
            if (created > now.AddMinutes(-90)) created = WorkingInstant(AddWorkingDays(today, -createdWorkingDaysAgo - 1, holidays), rng, holidays);
            var (r, invited) = NewRequest(home, type, created, locality is null ? localities : [locality], newPerson, rng, services, patchOf, priority);
            var plan = new Plan { Request = r, Invited = invited };
            r.WaitedForCapacity = waited;
            r.Interim = interim;
            if (interim != InterimArrangement.None)
            {
                var since = UkDate(created).AddDays(rng.Next(0, 2));
                r.InterimSince = since > today ? today : since;
            }
            if (r.WantedStart < today.AddDays(-60)) r.WantedStart = today.AddDays(-60);
            return plan;
        }

        // Supported-living backlog: six people waiting three to eight weeks; little or nothing offered.
        var weeks = new[] { 3, 4, 5, 6, 7, 8 };
        for (var i = 0; i < weeks.Length; i++)
        {
            var plan = Make(ServiceType.SupportedLiving, i % 3 == 0 ? Priority.Urgent : Priority.Routine, weeks[i] * 5 - rng.Next(0, 3),
                waited: true, i % 2 == 0 ? InterimArrangement.TemporaryResidential : i == 3 ? InterimArrangement.FamilyOrCarer : InterimArrangement.None);
            queue.Add((plan, weeks[i] * 5 - 2, i == 1 ? 1 : 0, 5));
        }
        // Hospital discharges: one made today and not yet sent, one with offers in, one dementia nursing with none.
        var dischargeToday = Make(ServiceType.Homecare, Priority.HospitalDischarge, 0, false, InterimArrangement.None);
        dischargeToday.Invited = [];
        queue.Add((dischargeToday, 0, 0, null));
        queue.Add((Make(ServiceType.CareHomeWithoutNursing, Priority.HospitalDischarge, 1, false, InterimArrangement.None), 1, 2, 0));
        var dementia = Make(ServiceType.CareHomeWithNursing, Priority.HospitalDischarge, 2, true, InterimArrangement.HospitalOrIntermediateCare);
        queue.Add((dementia, 2, 0, 1));
        // Homecare in the South patch, where no provider has carers free: no offers, bridging care meanwhile.
        var south = localities.Single(l => l.Name == "South");
        queue.Add((Make(ServiceType.Homecare, Priority.Routine, 4, true, InterimArrangement.Bridging, south), 4, 0, 2));
        queue.Add((Make(ServiceType.Homecare, Priority.Urgent, 1, false, InterimArrangement.None, localities.Single(l => l.Name == "North")), 1, 2, 1));
        queue.Add((Make(ServiceType.CareHomeWithoutNursing, Priority.Routine, 2, false, InterimArrangement.None), 2, 3, null));
        queue.Add((Make(ServiceType.ExtraCareHousing, Priority.Routine, 3, false, InterimArrangement.None), 3, 1, 2));
        queue.Add((Make(ServiceType.CareHomeWithNursing, Priority.Routine, 1, false, InterimArrangement.None), 1, 1, 2));
        var notSent = Make(ServiceType.Homecare, Priority.Routine, 0, false, InterimArrangement.None, localities.Single(l => l.Name == "Central"));
        notSent.Invited = [];
        queue.Add((notSent, 0, 0, null));

        // On hold now: a nursing bed for someone readmitted to hospital after it was sent (one offer in before then).
        var readmitted = Make(ServiceType.CareHomeWithNursing, Priority.Routine, 8, false, InterimArrangement.None);
        readmitted.Holds.Add((WorkingInstant(AddWorkingDays(today, -5, holidays), rng, holidays), null, HoldReason.PersonInHospital));
        queue.Add((readmitted, 7, 1, 1));
        // On hold twice: supported living held for a funding decision, sent, and now held again for the assessment to be reviewed.
        var reviewed = Make(ServiceType.SupportedLiving, Priority.Routine, 15, true, InterimArrangement.FamilyOrCarer);
        var firstHold = WorkingInstant(AddWorkingDays(today, -13, holidays), rng, holidays);
        reviewed.Holds.Add((firstHold, LaterWorkingDays(firstHold, 4, holidays), HoldReason.AwaitingFundingDecision));
        reviewed.Holds.Add((WorkingInstant(AddWorkingDays(today, -1, holidays), rng, holidays), null, HoldReason.AwaitingAssessmentReview));
        queue.Add((reviewed, 8, 0, 1));
        // Resumed: routine homecare held two working days while the person chose; without the pause it would be late.
        var chose = Make(ServiceType.Homecare, Priority.Routine, 3, false, InterimArrangement.None, localities.Single(l => l.Name == "North"));
        var choosing = chose.Request.CreatedAt.AddMinutes(40);
        chose.Holds.Add((choosing, LaterWorkingDays(choosing, 2, holidays), HoldReason.PersonConsideringOptions));
        queue.Add((chose, 1, 1, 1));
        return queue;
    }

    /// <summary>
    /// The status changes CareRequests would have written for a plan, in time order: made, on hold and resumed, sent,
    /// sourced or cancelled. Leaves the request in its last status, at the version that many saves give.
    /// </summary>
    private static IEnumerable<RequestStatusChange> StatusHistory(Plan plan)
    {
        var r = plan.Request;
        var moments = new List<(DateTime At, RequestStatus? To, HoldReason? Hold, CancelReason? Cancel)>();
        if (plan.SentAt is { } sent && plan.Invited.Count > 0) moments.Add((sent, RequestStatus.SentToProviders, null, null));
        foreach (var (from, until, reason) in plan.Holds)
        {
            moments.Add((from, RequestStatus.OnHold, reason, null));
            if (until is { } resumed) moments.Add((resumed, null, null, null)); // back to open, or sent
        }
        if (r.SourcedAt is { } sourced) moments.Add((sourced, RequestStatus.Sourced, null, null));
        if (plan.Cancelled is { } c) moments.Add((c.At, RequestStatus.Cancelled, null, c.Reason));

        var changes = new List<RequestStatusChange> { Change(r, null, RequestStatus.Open, r.CreatedAt) };
        var status = RequestStatus.Open;
        var wasSent = false;
        foreach (var m in moments.OrderBy(m => m.At))
        {
            var to = m.To ?? (wasSent ? RequestStatus.SentToProviders : RequestStatus.Open);
            wasSent |= to == RequestStatus.SentToProviders;
            var change = Change(r, status, to, m.At);
            change.HoldReason = m.Hold;
            change.CancelReason = m.Cancel;
            changes.Add(change);
            status = to;
        }
        r.Status = status;
        r.Version = changes.Count - 1;
        return changes;

        static RequestStatusChange Change(CareRequest r, RequestStatus? from, RequestStatus to, DateTime at) =>
            new() { LocalAuthorityId = r.LocalAuthorityId, CareRequest = r, From = from, To = to, At = at, By = Broker };
    }

    /// <summary>The same UK time of day <paramref name="n"/> working days later: exactly n working days of clock.</summary>
    private static DateTime LaterWorkingDays(DateTime utc, int n, IReadOnlySet<DateOnly> holidays)
    {
        var uk = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Timescales.UkTime);
        var day = AddWorkingDays(DateOnly.FromDateTime(uk), n, holidays);
        return TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.FromDateTime(uk)), Timescales.UkTime);
    }

    private static readonly HoldReason[] HistoryHoldReasons =
        [HoldReason.PersonInHospital, HoldReason.PersonConsideringOptions, HoldReason.AwaitingFundingDecision, HoldReason.AwaitingAssessmentReview];

    private static Invitation Invite(CareRequest r, Svc s, DateTime at) =>
        new() { LocalAuthorityId = r.LocalAuthorityId, ServiceId = s.Id, ProviderId = s.ProviderId, SentAt = at };

    private static Offer NewOffer(CareRequest r, Svc s, decimal price, DateOnly start, DateTime at, Random rng) => new()
    {
        LocalAuthorityId = r.LocalAuthorityId, ServiceId = s.Id, ProviderId = s.ProviderId, WeeklyPrice = price,
        StartDate = start < UkDate(at) ? UkDate(at) : start, Description = Pick(rng, OfferWords[r.ServiceType]),
        Status = OfferStatus.Submitted, SubmittedAt = at, SubmittedBy = s.Reporter,
    };

    /// <summary>A believable weekly price: beds £900–£1,200 residential and £1,100–£1,500 nursing; hours × the service's rate.</summary>
    private static decimal Price(CareRequest r, Svc s, Random rng)
    {
        if (r.BedCategory is { } bed)
        {
            var (low, high) = r.ServiceType == ServiceType.CareHomeWithNursing ? (1100m, 1500m) : (900m, 1200m);
            var dementia = bed is BedCategory.DementiaNursing or BedCategory.DementiaResidential ? 60 : 0;
            var price = s.Rate + dementia + 5 * rng.Next(-5, 6);
            return Math.Clamp(price, low, high);
        }
        var rate = s.Rate + 0.1m * rng.Next(-2, 3);
        if (r.ServiceType == ServiceType.Homecare) rate = Math.Clamp(rate, 24m, 30m);
        return Math.Round((r.HoursPerWeek ?? 0) * rate, 2);
    }

    /// <summary>Offers by the council's weights: quality 60, price 40 (with a little for the provider's reach).</summary>
    private static List<(Offer Offer, Svc Service)> Rank(List<(Offer Offer, Svc Service)> offers)
    {
        var min = offers.Min(o => o.Offer.WeeklyPrice);
        var max = offers.Max(o => o.Offer.WeeklyPrice);
        double Score((Offer Offer, Svc Service) o)
        {
            var quality = o.Service.Rating switch { RatingWord.Outstanding => 1.0, RatingWord.Good => 0.75, RatingWord.RequiresImprovement => 0.35, _ => 0.5 };
            var price = max == min ? 1.0 : (double)((max - o.Offer.WeeklyPrice) / (max - min));
            return 0.6 * quality + 0.4 * price + 0.15 * Math.Log(o.Service.Pull);
        }
        return offers.OrderByDescending(Score).ThenBy(o => o.Service.Id).ToList();
    }

    private static InterimArrangement InterimFor(CareRequest r, Random rng) => r.ServiceType switch
    {
        ServiceType.Homecare => r.Priority == Priority.HospitalDischarge || rng.NextDouble() < 0.3 ? InterimArrangement.Reablement : InterimArrangement.Bridging,
        ServiceType.SupportedLiving => rng.NextDouble() switch
        {
            < 0.6 => InterimArrangement.TemporaryResidential,
            < 0.8 => InterimArrangement.FamilyOrCarer,
            _ => InterimArrangement.None,
        },
        ServiceType.CareHomeWithNursing or ServiceType.CareHomeWithoutNursing => r.Priority == Priority.HospitalDischarge
            ? rng.NextDouble() < 0.5 ? InterimArrangement.TemporaryResidential : InterimArrangement.HospitalOrIntermediateCare
            : rng.NextDouble() < 0.6 ? InterimArrangement.Bridging : InterimArrangement.None,
        _ => InterimArrangement.Bridging,
    };

    /// <summary>Sourced within the target: most soon after the request, some on the last day.</summary>
    private static DateTime SourcedWithin(DateTime created, int target, Random rng, IReadOnlySet<DateOnly> holidays)
    {
        var createdOn = UkDate(created);
        var createdAt = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(created, Timescales.UkTime));
        var u = rng.NextDouble();
        var k = Math.Min(target, (int)Math.Floor(u * u * (target + 1)));
        TimeOnly time;
        if (k == 0) time = createdAt.Add(TimeSpan.FromMinutes(90 + rng.Next(0, 180)));
        else if (k == target) time = new TimeOnly(8, 30).Add(TimeSpan.FromMinutes(rng.NextDouble() * Math.Max(0, (createdAt - new TimeOnly(8, 40)).TotalMinutes)));
        else time = new TimeOnly(9, 0).Add(TimeSpan.FromMinutes(rng.Next(0, 510)));
        if (k == 0 && time < createdAt) time = new TimeOnly(23, 0); // past midnight: keep it the same day
        var at = TimeZoneInfo.ConvertTimeToUtc(AddWorkingDays(createdOn, k, holidays).ToDateTime(time), Timescales.UkTime);
        if (at <= created.AddMinutes(60) || !Timescales.SourcedWithin(created, [], at, target, holidays))
            at = Timescales.DueBy(created, [], target, holidays)!.Value.AddMinutes(-30);
        return at;
    }

    /// <summary>Sourced late: some a day or two over, supported living and care homes sometimes weeks.</summary>
    private static DateTime SourcedLate(CareRequest r, int target, Random rng, IReadOnlySet<DateOnly> holidays)
    {
        var over = r.ServiceType switch
        {
            ServiceType.SupportedLiving => 2 + (int)Math.Round(Math.Pow(rng.NextDouble(), 1.5) * 28),
            ServiceType.CareHomeWithNursing or ServiceType.CareHomeWithoutNursing => 1 + (int)Math.Round(Math.Pow(rng.NextDouble(), 2) * 10),
            ServiceType.ExtraCareHousing => 2 + rng.Next(0, 10),
            _ => 1 + (int)Math.Round(Math.Pow(rng.NextDouble(), 2) * 4),
        };
        var day = AddWorkingDays(UkDate(r.CreatedAt), target + over, holidays);
        for (var guard = 0; ; guard++)
        {
            var at = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(9, 0).Add(TimeSpan.FromMinutes(rng.Next(0, 510)))), Timescales.UkTime);
            if (!Timescales.SourcedWithin(r.CreatedAt, [], at, target, holidays) || guard > 5) return at;
            day = AddWorkingDays(day, 1, holidays);
        }
    }

    private static Priority PriorityFor(ServiceType type, Random rng)
    {
        var (discharge, urgent) = type switch
        {
            ServiceType.Homecare => (0.33, 0.22),
            ServiceType.CareHomeWithoutNursing => (0.30, 0.20),
            ServiceType.CareHomeWithNursing => (0.40, 0.20),
            ServiceType.SupportedLiving => (0.05, 0.20),
            ServiceType.ExtraCareHousing => (0.10, 0.10),
            _ => (0.80, 0.10),
        };
        var x = rng.NextDouble();
        return x < discharge ? Priority.HospitalDischarge : x < discharge + urgent ? Priority.Urgent : Priority.Routine;
    }

    private static (AgeBand, SupportReason) PersonFor(ServiceType type, Random rng)
    {
        var x = rng.NextDouble();
        var y = rng.NextDouble();
        return type switch
        {
            ServiceType.CareHomeWithNursing or ServiceType.CareHomeWithoutNursing => (
                x switch { < 0.55 => AgeBand.From85, < 0.85 => AgeBand.From75To84, < 0.95 => AgeBand.From65To74, _ => AgeBand.From18To64 },
                y switch { < 0.45 => SupportReason.SupportWithMemoryAndCognition, < 0.90 => SupportReason.PhysicalSupport, < 0.95 => SupportReason.MentalHealthSupport, _ => SupportReason.SensorySupport }),
            ServiceType.SupportedLiving => (
                x < 0.92 ? AgeBand.From18To64 : AgeBand.From65To74,
                y switch { < 0.65 => SupportReason.LearningDisabilitySupport, < 0.90 => SupportReason.MentalHealthSupport, _ => SupportReason.PhysicalSupport }),
            ServiceType.ExtraCareHousing => (
                x switch { < 0.35 => AgeBand.From85, < 0.80 => AgeBand.From75To84, _ => AgeBand.From65To74 },
                y switch { < 0.70 => SupportReason.PhysicalSupport, < 0.90 => SupportReason.SupportWithMemoryAndCognition, _ => SupportReason.SocialSupport }),
            ServiceType.Reablement => (
                x switch { < 0.40 => AgeBand.From85, < 0.75 => AgeBand.From75To84, < 0.92 => AgeBand.From65To74, _ => AgeBand.From18To64 },
                y < 0.85 ? SupportReason.PhysicalSupport : SupportReason.SupportWithMemoryAndCognition),
            _ => (
                x switch { < 0.35 => AgeBand.From85, < 0.70 => AgeBand.From75To84, < 0.88 => AgeBand.From65To74, _ => AgeBand.From18To64 },
                y switch { < 0.65 => SupportReason.PhysicalSupport, < 0.85 => SupportReason.SupportWithMemoryAndCognition, < 0.92 => SupportReason.SensorySupport, < 0.96 => SupportReason.MentalHealthSupport, _ => SupportReason.SocialSupport }),
        };
    }

    /// <summary>What the person needs, believable for the type: specialisms, the bed, or hours a week and when.</summary>
    private static void NeedsFor(CareRequest r, Person p, Random rng)
    {
        var older = p.AgeBand != AgeBand.From18To64;
        var memory = p.PrimarySupportReason == SupportReason.SupportWithMemoryAndCognition;
        var age = older ? Specialism.OlderPeople : Specialism.YoungerAdults;
        switch (r.ServiceType)
        {
            case ServiceType.CareHomeWithoutNursing:
                r.BedCategory = memory ? BedCategory.DementiaResidential : BedCategory.Residential;
                r.Specialisms = (older ? Specialism.OlderPeople : Specialism.PhysicalDisability) | (memory ? Specialism.Dementia : 0)
                    | (p.PrimarySupportReason == SupportReason.MentalHealthSupport ? Specialism.MentalHealth : 0);
                break;
            case ServiceType.CareHomeWithNursing:
                r.BedCategory = memory && rng.NextDouble() < 0.8 ? BedCategory.DementiaNursing : BedCategory.Nursing;
                r.Specialisms = (older ? Specialism.OlderPeople : Specialism.PhysicalDisability) | (memory ? Specialism.Dementia : 0)
                    | (!memory && rng.NextDouble() < 0.2 ? Specialism.EndOfLifeCare : 0);
                break;
            case ServiceType.SupportedLiving:
                r.HoursPerWeek = 7 * rng.Next(2, 9);
                r.Specialisms = Specialism.YoungerAdults | p.PrimarySupportReason switch
                {
                    SupportReason.LearningDisabilitySupport => Specialism.LearningDisability | (rng.NextDouble() < 0.35 ? Specialism.Autism : 0),
                    SupportReason.MentalHealthSupport => Specialism.MentalHealth,
                    _ => Specialism.None,
                };
                break;
            default:
                var bands = r.ServiceType switch
                {
                    ServiceType.ExtraCareHousing => Pick(rng, new[] { new[] { TimeBand.Morning }, [TimeBand.Morning, TimeBand.Bed], [TimeBand.Morning, TimeBand.Tea, TimeBand.Bed] }),
                    _ => rng.NextDouble() switch
                    {
                        < 0.10 => new[] { TimeBand.Morning },
                        < 0.35 => [TimeBand.Morning, TimeBand.Bed],
                        < 0.50 => [TimeBand.Morning, TimeBand.Tea],
                        < 0.65 => [TimeBand.Morning, TimeBand.Lunch, TimeBand.Bed],
                        < 0.95 => [TimeBand.Morning, TimeBand.Lunch, TimeBand.Tea, TimeBand.Bed],
                        _ => [TimeBand.Lunch],
                    },
                };
                var carers = r.ServiceType == ServiceType.Homecare && rng.NextDouble() < 0.1 ? 2 : 1;
                r.HoursPerWeek = bands.Sum(b => b == TimeBand.Morning ? 0.75m : 0.5m) * 7 * carers;
                r.TimeBands = string.Join("|", bands);
                r.Specialisms = r.ServiceType switch
                {
                    ServiceType.Homecare => age | (memory ? Specialism.Dementia : 0) | (p.PrimarySupportReason == SupportReason.SensorySupport ? Specialism.SensoryImpairment : 0),
                    ServiceType.ExtraCareHousing => Specialism.OlderPeople | (memory ? Specialism.Dementia : 0),
                    _ => Specialism.OlderPeople & age,
                };
                break;
        }
    }

    private static List<Svc> WeightedSample(List<Svc> items, int count, Random rng)
    {
        var pool = items.ToList();
        var chosen = new List<Svc>();
        while (chosen.Count < count && pool.Count > 0)
        {
            var x = rng.NextDouble() * pool.Sum(s => s.Pull);
            var i = 0;
            for (; i < pool.Count - 1 && x >= pool[i].Pull; i++) x -= pool[i].Pull;
            chosen.Add(pool[i]);
            pool.RemoveAt(i);
        }
        return chosen;
    }

    /// <summary>A working day's office-hours instant (UK time, 08:30–17:00) on <paramref name="day"/> or the next working day, in UTC.</summary>
    private static DateTime WorkingInstant(DateOnly day, Random rng, IReadOnlySet<DateOnly> holidays)
    {
        while (!Timescales.IsWorkingDay(day, holidays)) day = day.AddDays(1);
        var time = new TimeOnly(8, 30).Add(TimeSpan.FromMinutes(rng.Next(0, 510)));
        return TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(time), Timescales.UkTime);
    }

    /// <summary><paramref name="n"/> working days after (or, negative, before) <paramref name="day"/>.</summary>
    private static DateOnly AddWorkingDays(DateOnly day, int n, IReadOnlySet<DateOnly> holidays)
    {
        var step = n < 0 ? -1 : 1;
        for (var left = Math.Abs(n); left > 0;)
        {
            day = day.AddDays(step);
            if (Timescales.IsWorkingDay(day, holidays)) left--;
        }
        return day;
    }

    private static DateOnly UkDate(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Timescales.UkTime));

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    private static readonly string[] Preferences =
    [
        "Near family", "Female carers please", "A ground-floor room", "Visits at regular times", "A quiet, smaller home",
        "Near the church they attend", "Able to keep their own routine", "Staff who speak Punjabi", "A room with a garden view",
        "The same carers each day", "Somewhere their friends can visit easily",
    ];

    private static readonly string[] ChoiceReasons =
    [
        "Near her daughter", "Near his son, who visits every day", "Her friend already lives there",
        "Carers she knows from reablement", "The family visited and preferred it", "A ground-floor room with a garden",
        "Same provider as her husband's care",
    ];

    private static readonly Dictionary<ServiceType, string[]> OfferWords = new()
    {
        [ServiceType.CareHomeWithoutNursing] =
        [
            "Single en-suite room on the ground floor", "First-floor room with lift access; can admit within 48 hours",
            "Room in our dementia unit; manager can assess tomorrow", "Large room overlooking the garden",
        ],
        [ServiceType.CareHomeWithNursing] =
        [
            "Nursing bed available; our nurse can assess on the ward", "En-suite nursing room; staff trained in end of life care",
            "Bed on our dementia nursing unit from next week",
        ],
        [ServiceType.Homecare] =
        [
            "All calls covered from Monday by a regular team of three", "Morning and bedtime calls now; lunch from next week",
            "Consistent carers; double-handed calls available", "Can start within 24 hours",
        ],
        [ServiceType.SupportedLiving] =
        [
            "Room in a shared house of four with 24-hour support on site", "Own flat in a supported scheme; core and one-to-one hours",
            "Tenancy available next month; transition visits first",
        ],
        [ServiceType.ExtraCareHousing] = ["One-bedroom flat available; care team on site", "Two-bedroom flat, ground floor, with a care package"],
        [ServiceType.Reablement] = ["Reablement team can start within 24 hours", "Six-week reablement with therapy input"],
    };
}
