using CareMarket.Admin;
using CareMarket.Brokerage;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;
using static CareMarket.Demo.DemoTimeline;

namespace CareMarket.Demo;

/// <summary>
/// Brokerage for the demo borough: a year of Northbridge care requests (about 600) and today's queue, made through the
/// same use cases a broker's and a provider's actions call, each at the moment it happened (<see cref="DemoClock"/>)
/// and as the person who did it. The broker creates each request (<see cref="CareRequests.CreateAsync"/>), records what
/// the person has meanwhile and whether they wait for want of capacity, puts some on hold and resumes them, sends each
/// to services it chose from the council's matches (<see cref="Matching"/>), and awards an offer: the top-ranked by
/// the council's weights, or, now and then, the person's choice with its reason. Providers offer, as their own users,
/// when they have the bed or hours (<see cref="DemoCapacity"/>); a few requests are cancelled. Timescales are
/// Northbridge's own (<see cref="Targets"/>), saved by its administrator through <see cref="Settings"/>.
/// <para>
/// What the demo decides is the story: when each request is made, and whether it is sourced within its timescale
/// (exactly the published share of each type is: 95% of homecare, 88% residential, 92% nursing, 63% supported living
/// against a 75% target), late, or not yet. When is read from the council's clock (<see cref="Timescales.DueBy"/>),
/// holds included. Everything else — status history, versions, invitations, offers, awards, placements, the ledger of
/// beds and hours — is what the use cases write, so the demo can show nothing the rules would not do. Deterministic
/// from the borough's random sequence; dates count back from today.
/// </para>
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
    public const string Administrator = "admin@northbridge.example";

    // A year of requests: ~45% homecare, ~25% residential, ~12% nursing, ~10% supported living, the rest extra care and reablement.
    private static readonly (ServiceType Type, int Count)[] Mix =
    [
        (ServiceType.Homecare, 270), (ServiceType.CareHomeWithoutNursing, 150), (ServiceType.CareHomeWithNursing, 72),
        (ServiceType.SupportedLiving, 60), (ServiceType.ExtraCareHousing, 24), (ServiceType.Reablement, 24),
    ];

    /// <summary>Queues the year's brokerage on the timeline, with its targets saved first.</summary>
    internal static async Task PlanAsync(DemoTimeline timeline, DemoCapacity capacity, DemoSuspensions suspensions, Random rng, CancellationToken ct)
    {
        var year = new Year(timeline, capacity, suspensions, rng, ct);
        await year.PlanAsync();
    }

    /// <summary>A request as the broker will enter it.</summary>
    private sealed class Draft
    {
        public required string Reference;
        public AgeBand AgeBand;
        public SupportReason SupportReason;
        public int Locality;
        public required string Postcode;
        public ServiceType ServiceType;
        public List<ServiceType> AlsoAcceptable = [];
        public Specialism Specialisms;
        public BedCategory? BedCategory;
        public decimal? HoursPerWeek;
        public List<TimeBand> TimeBands = [];
        public double? MaxDistanceKm;
        public DateOnly WantedStart;
        public Priority Priority;
        public string? Preferences;

        public NewCareRequest ToNew() => new()
        {
            PersonReference = Reference, AgeBand = AgeBand, SupportReason = SupportReason, HomeAreaId = Locality, Postcode = Postcode,
            ServiceType = ServiceType, AlsoAcceptable = AlsoAcceptable, Specialisms = Specialisms, BedCategory = BedCategory,
            HoursPerWeek = HoursPerWeek, TimeBands = TimeBands, PreferredAreaId = Locality, MaxDistanceKm = MaxDistanceKm,
            WantedStart = WantedStart, Priority = Priority, Preferences = Preferences,
        };
    }

    private sealed record Hold(DateTime From, DateTime? Until, HoldReason Reason);

    private sealed record Made(int OfferId, int ServiceId, decimal Price, DateOnly Start);

    /// <summary>What happens to one request, and when; then what the use cases made of it.</summary>
    private sealed class Plan
    {
        public required Draft Need;
        public DateTime CreatedAt;
        public bool Within;
        public DateTime? SentAt;
        /// <summary>When it is awarded (the history); null for today's queue and the cancelled.</summary>
        public DateTime? SourcedAt;
        public List<Hold> Holds = [];
        public (DateTime At, CancelReason Reason)? Cancelled;
        public bool Waited;
        public InterimArrangement Interim;
        public DateOnly? InterimSince;
        /// <summary>How many services the broker sends it to (fewer when fewer can take it).</summary>
        public int Invite;
        /// <summary>Today's queue: the offers in so far, and when offers close.</summary>
        public int OpenOffers;
        public DateTime? ClosesAt;

        public int Id;
        public int Version;
        public MatchResult? Match;
        public List<int> Invited = [];
        public List<Made> Offers = [];
        public double Amount => Need.BedCategory is null ? (double)(Need.HoursPerWeek ?? 0) : 1;
    }

    private sealed record Svc(int Id, int ProviderId, ServiceType Type, Specialism Specialisms, RatingWord? Rating, decimal Rate);

    private sealed class Year(DemoTimeline t, DemoCapacity capacity, DemoSuspensions suspensions, Random rng, CancellationToken ct)
    {
        private readonly Actor broker = new(Broker, t.Council);
        private readonly HashSet<int> numbers = [];
        private Weights weights = Weights.Example;
        private List<Area> localities = [];
        private Dictionary<int, int> patchOf = [];
        private Dictionary<int, Svc> services = [];

        public async Task PlanAsync()
        {
            var db = t.As(broker);
            var council = t.Council;
            var today = t.Today;
            var areas = await db.Areas.AsNoTracking().Where(a => a.LocalAuthorityId == council).OrderBy(a => a.Id).ToListAsync(ct);
            localities = areas.Where(a => a.Kind == AreaKind.Locality).ToList();
            patchOf = localities.ToDictionary(l => l.Id, l => areas.Single(a => a.Kind == AreaKind.HomecarePatch && a.Name == $"{l.Name} patch").Id);
            var types = Mix.Select(m => m.Type).ToList();
            var rows = await db.Services.AsNoTracking()
                .Where(s => s.HostLocalAuthorityId == council && s.Status == ServiceStatus.Active && types.Contains(s.ServiceType))
                .OrderBy(s => s.Id)
                .Select(s => new { s.Id, s.ProviderId, s.ServiceType, s.Specialisms, Rating = (RatingWord?)s.CurrentRating!.Overall })
                .ToListAsync(ct);
            foreach (var r in rows)
            {
                var rate = r.ServiceType switch
                {
                    ServiceType.CareHomeWithoutNursing => 900 + 5 * rng.Next(0, 50),
                    ServiceType.CareHomeWithNursing => 1100 + 5 * rng.Next(0, 68),
                    ServiceType.Homecare => 24m + 0.1m * rng.Next(0, 51),
                    ServiceType.SupportedLiving => 20.5m + 0.1m * rng.Next(0, 36),
                    ServiceType.ExtraCareHousing => 22m + 0.1m * rng.Next(0, 41),
                    _ => 25m + 0.1m * rng.Next(0, 41),
                };
                services[r.Id] = new Svc(r.Id, r.ProviderId, r.ServiceType, r.Specialisms, r.Rating, rate);
            }
            weights = await new Settings(db).WeightsAsync(ct);

            // First, a year ago: the administrator saves Northbridge's sourcing targets.
            t.At(t.Now, async () =>
            {
                var admin = t.As(new Actor(Administrator, council));
                Ensure(await new Settings(admin).SaveTimescalesAsync(Targets, expectedVersion: 0, ct), "sourcing targets");
            });

            // The year's requests, in the order they were made; exactly the published share of each type is sourced
            // within its timescale, the rest late.
            var typeList = Mix.SelectMany(m => Enumerable.Repeat(m.Type, m.Count)).OrderBy(_ => rng.Next()).ToList();
            var history = typeList.Select(type => NewPlan(type, OfficeInstant(today.AddDays(-rng.Next(3, 366)), rng))).ToList();
            foreach (var group in history.GroupBy(p => p.Need.ServiceType))
            {
                var list = group.ToList();
                var within = (int)Math.Round(WithinTimescale[group.Key] / 100 * list.Count);
                foreach (var p in list.OrderBy(_ => rng.Next()).Take(within)) p.Within = true;
            }
            foreach (var plan in history) PlanSourcing(plan);

            // A few requests were cancelled: the person arranged their own care, moved away, died, or no longer needed it.
            var cancelled = new List<Plan>();
            for (var i = 0; i < 12; i++)
            {
                var plan = NewPlan(typeList[rng.Next(typeList.Count)], OfficeInstant(today.AddDays(-rng.Next(14, 360)), rng));
                var at = After(plan.CreatedAt, rng.Next(1, 6));
                if (i == 0)
                {
                    // Back in hospital, on hold, and then the person died.
                    plan.Holds.Add(new Hold(plan.CreatedAt.AddMinutes(45), null, HoldReason.PersonInHospital));
                    plan.Cancelled = (at, CancelReason.PersonDied);
                }
                else
                {
                    if (rng.NextDouble() >= 0.5)
                    {
                        plan.SentAt = plan.CreatedAt.AddMinutes(30 + rng.Next(0, 90));
                        plan.ClosesAt = After(plan.SentAt.Value, 2);
                    }
                    plan.Cancelled = (at, Pick(rng, [CancelReason.ArrangedOwnCare, CancelReason.NoLongerNeeded, CancelReason.MovedAway, CancelReason.PersonDied]));
                }
                cancelled.Add(plan);
            }

            // Today's queue: hospital discharges, a few routine requests with and without offers, and the supported-living backlog.
            var open = OpenQueue();

            foreach (var plan in history.Concat(cancelled).Concat(open)) Schedule(plan);
        }

        /// <summary>A request as a broker would make it, with the person's needs, and how many services it will go to.</summary>
        private Plan NewPlan(ServiceType type, DateTime created, Area? at = null, Priority? priority = null, BedCategory? bed = null)
        {
            var locality = at ?? localities[rng.Next(localities.Count)];
            int number;
            do number = rng.Next(20000, 100000); while (!numbers.Add(number));
            var (age, reason) = PersonFor(type, rng);
            var districts = locality.PostcodeDistricts.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var p = priority ?? PriorityFor(type, rng);
            var r = new Draft
            {
                Reference = $"NB-0{number}", AgeBand = age, SupportReason = reason, Locality = locality.Id, ServiceType = type, Priority = p,
                Postcode = $"{districts[rng.Next(districts.Length)]} {rng.Next(1, 10)}{Pick(rng, Inward)}{Pick(rng, Inward)}",
                WantedStart = UkDate(created).AddDays(p switch { Priority.HospitalDischarge => rng.Next(0, 2), Priority.Urgent => rng.Next(1, 4), _ => rng.Next(3, 22) }),
                Preferences = rng.NextDouble() < 0.5 ? Pick(rng, Preferences) : null,
            };
            NeedsFor(r, rng);
            if (bed is { } b)
            {
                r.BedCategory = b;
                if (b == BedCategory.DementiaNursing)
                {
                    r.SupportReason = SupportReason.SupportWithMemoryAndCognition;
                    r.Specialisms |= Specialism.Dementia;
                }
                else if (b == BedCategory.Nursing) r.Specialisms &= ~Specialism.Dementia;
            }
            if (type is ServiceType.CareHomeWithNursing or ServiceType.CareHomeWithoutNursing) r.MaxDistanceKm = rng.NextDouble() < 0.5 ? 10 : 15;
            // Supported living and extra care are few and far between: the person would move across the borough for
            // one, so the broker sets a distance, not the person's own area alone (the server refuses a service
            // outside both). Set without a draw, so the rest of the year is as before.
            if (type is ServiceType.SupportedLiving or ServiceType.ExtraCareHousing) r.MaxDistanceKm = 15;
            if (type == ServiceType.ExtraCareHousing && rng.NextDouble() < 0.3) r.AlsoAcceptable.Add(ServiceType.Homecare);
            if (type == ServiceType.CareHomeWithoutNursing && rng.NextDouble() < 0.1) r.AlsoAcceptable.Add(ServiceType.ExtraCareHousing);

            // Only the main need (dementia, or none) is recorded when too few of the borough's services offer the whole combination.
            var patch = patchOf[locality.Id];
            int Offering() => services.Values.Count(s => s.Type == type && (s.Specialisms & r.Specialisms) == r.Specialisms && s.Rating != RatingWord.Inadequate
                && (type != ServiceType.Homecare || capacity.Reporters.TryGetValue(s.Id, out var c) && c.Covered.Contains(patch)));
            if (Offering() < 3 && r.Specialisms != Specialism.None)
            {
                r.Specialisms = r.Specialisms.HasFlag(Specialism.Dementia) ? Specialism.Dementia : Specialism.None;
                if (Offering() == 0) r.Specialisms = Specialism.None;
            }
            return new Plan { Need = r, CreatedAt = created, Invite = rng.Next(3, 7) };
        }

        /// <summary>
        /// When a request of the year is sent and sourced: within its timescale or late, as planned, by the council's
        /// clock with any hold it had. A request that would not be sourced by now was made earlier in the year; one
        /// for a dementia nursing bed was sourced before the last six weeks (since then no such bed has come free).
        /// </summary>
        private void PlanSourcing(Plan plan)
        {
            var r = plan.Need;
            var target = Targets.TargetFor(r.ServiceType, r.Priority);
            // A few were on hold before they were sent (the person went back into hospital, or was still choosing).
            var held = rng.NextDouble() < 0.05;
            var holdAfter = 30 + rng.Next(0, 90);
            var holdDays = rng.Next(1, 6);
            var holdReason = Pick(rng, HistoryHoldReasons);
            var latest = r.BedCategory == BedCategory.DementiaNursing ? t.End.AddDays(-42) : t.End.AddHours(-3);
            for (var attempt = 0; ; attempt++)
            {
                plan.Holds.Clear();
                if (held)
                {
                    var from = plan.CreatedAt.AddMinutes(holdAfter);
                    plan.Holds.Add(new Hold(from, After(from, holdDays), holdReason));
                }
                var pauses = Pauses(plan.Holds);
                var start = plan.Holds.Count > 0 ? plan.Holds[^1].Until!.Value : plan.CreatedAt;
                var sourced = plan.Within ? SourcedWithin(plan.CreatedAt, start, pauses, target) : SourcedLate(plan, start, pauses, target);
                if ((sourced < latest && sourced < t.End.AddHours(-3)) || attempt > 8 || plan.CreatedAt < t.End.AddDays(-430))
                {
                    plan.SourcedAt = sourced;
                    plan.SentAt = start + TimeSpan.FromMinutes(Math.Min(15 + rng.Next(0, 90), (sourced - start).TotalMinutes * 0.2));
                    break;
                }
                // Not sourced yet by today: the request was made earlier in the year.
                plan.CreatedAt = OfficeInstant(UkDate(plan.CreatedAt).AddDays(-21), rng);
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
            plan.Waited = rng.NextDouble() < waitedShare;
            plan.Interim = plan.Waited ? InterimFor(r, rng) : InterimArrangement.None;
            if (plan.Interim != InterimArrangement.None) plan.InterimSince = UkDate(plan.CreatedAt).AddDays(rng.Next(0, 2));
        }

        /// <summary>
        /// Sourced within the target: most soon after the request, some on the last day. A working day from the day it
        /// could first be sourced to the day it is due, then a time in office hours, never after it is due.
        /// </summary>
        private DateTime SourcedWithin(DateTime created, DateTime start, IReadOnlyList<ClockChange> pauses, int target)
        {
            var due = Timescales.DueBy(created, pauses, target, Holidays)!.Value;
            var lo = start.AddMinutes(60);
            var days = new List<DateOnly>();
            for (var d = UkDate(lo); d <= UkDate(due); d = d.AddDays(1)) if (IsWorkingDay(d)) days.Add(d);
            if (days.Count > 0)
            {
                var u = rng.NextDouble();
                var day = days[Math.Min(days.Count - 1, (int)Math.Floor(u * u * days.Count))];
                foreach (var (open, close) in new[] { (new TimeOnly(8, 30), new TimeOnly(17, 30)), (TimeOnly.MinValue, new TimeOnly(23, 30)) })
                {
                    var from = Max(lo, Uk(day, open));
                    var to = Min(due, Uk(day, close));
                    if (to > from.AddMinutes(5)) return Minute(from + (to - from) * rng.NextDouble());
                }
            }
            return due.AddMinutes(-30) > lo ? Minute(due.AddMinutes(-30)) : Minute(lo + (due - lo) / 2);
        }

        /// <summary>Sourced late: some a day or two over, supported living and care homes sometimes weeks.</summary>
        private DateTime SourcedLate(Plan plan, DateTime start, IReadOnlyList<ClockChange> pauses, int target)
        {
            var over = plan.Need.ServiceType switch
            {
                ServiceType.SupportedLiving => 2 + (int)Math.Round(Math.Pow(rng.NextDouble(), 1.5) * 28),
                ServiceType.CareHomeWithNursing or ServiceType.CareHomeWithoutNursing => 1 + (int)Math.Round(Math.Pow(rng.NextDouble(), 2) * 10),
                ServiceType.ExtraCareHousing => 2 + rng.Next(0, 10),
                _ => 1 + (int)Math.Round(Math.Pow(rng.NextDouble(), 2) * 4),
            };
            var day = WorkingDayFrom(UkDate(Timescales.DueBy(plan.CreatedAt, pauses, target + over, Holidays)!.Value));
            for (var guard = 0; ; guard++)
            {
                var at = Uk(day, new TimeOnly(9, 0).Add(TimeSpan.FromMinutes(rng.Next(0, 510))));
                if ((!Timescales.SourcedWithin(plan.CreatedAt, pauses, at, target, Holidays) && at > start.AddMinutes(60)) || guard > 5) return at;
                day = WorkingDayFrom(day.AddDays(1));
            }
        }

        private static List<ClockChange> Pauses(IEnumerable<Hold> holds) =>
            holds.SelectMany(h => h.Until is { } until ? new[] { new ClockChange(h.From, true), new ClockChange(until, false) } : [new ClockChange(h.From, true)]).ToList();

        private List<Plan> OpenQueue()
        {
            var today = t.Today;
            var queue = new List<Plan>();
            Plan Make(ServiceType type, Priority priority, int createdWorkingDaysAgo, bool waited, InterimArrangement interim, Area? locality = null, BedCategory? bed = null)
            {
                var created = OfficeInstant(WorkingDaysBefore(today, createdWorkingDaysAgo), rng);
                // A request "today" made before the office opened is yesterday's.
                if (created > t.End.AddMinutes(-90)) created = OfficeInstant(WorkingDaysBefore(today, createdWorkingDaysAgo + 1), rng);
                var plan = NewPlan(type, created, locality, priority, bed);
                plan.Waited = waited;
                plan.Interim = interim;
                if (interim != InterimArrangement.None)
                {
                    var since = UkDate(created).AddDays(rng.Next(0, 2));
                    plan.InterimSince = since > today ? today : since;
                }
                if (plan.Need.WantedStart < today.AddDays(-60)) plan.Need.WantedStart = today.AddDays(-60);
                queue.Add(plan);
                return plan;
            }
            // Sent so many working days ago (never while on hold: when it came off hold), with offers closing later
            // this week (sent again) or closed a working day after sending, the broker now deciding.
            void Send(Plan plan, int sentWorkingDaysAgo, int offers, int? closesInDays)
            {
                var sent = OfficeInstant(WorkingDaysBefore(today, sentWorkingDaysAgo), rng);
                if (sent < plan.CreatedAt) sent = plan.CreatedAt.AddMinutes(20 + rng.Next(0, 40));
                if (sent > t.End) sent = plan.CreatedAt + (t.End - plan.CreatedAt) * 0.3;
                if (plan.Holds.FirstOrDefault(h => sent >= h.From && (h.Until is null || sent < h.Until)) is { Until: { } resumed }) sent = resumed.AddMinutes(30);
                plan.SentAt = Minute(sent);
                var closes = closesInDays is { } d ? Uk(UkDate(After(Uk(today, new TimeOnly(12, 0)), d)), new TimeOnly(17, 0)) : After(plan.SentAt.Value, 1);
                plan.ClosesAt = closes > plan.SentAt.Value.AddHours(1) ? closes : After(plan.SentAt.Value, 1);
                plan.OpenOffers = offers;
            }

            // Supported-living backlog: six people waiting three to eight weeks; little or nothing offered.
            var weeks = new[] { 3, 4, 5, 6, 7, 8 };
            for (var i = 0; i < weeks.Length; i++)
            {
                var plan = Make(ServiceType.SupportedLiving, i % 3 == 0 ? Priority.Urgent : Priority.Routine, weeks[i] * 5 - rng.Next(0, 3),
                    waited: true, i % 2 == 0 ? InterimArrangement.TemporaryResidential : i == 3 ? InterimArrangement.FamilyOrCarer : InterimArrangement.None);
                Send(plan, weeks[i] * 5 - 2, i == 1 ? 1 : 0, 5);
            }
            // Hospital discharges: one made today and not yet sent, one with offers in, one dementia nursing with none.
            Make(ServiceType.Homecare, Priority.HospitalDischarge, 0, false, InterimArrangement.None);
            Send(Make(ServiceType.CareHomeWithoutNursing, Priority.HospitalDischarge, 1, false, InterimArrangement.None), 1, 2, 0);
            Send(Make(ServiceType.CareHomeWithNursing, Priority.HospitalDischarge, 2, true, InterimArrangement.HospitalOrIntermediateCare, bed: BedCategory.DementiaNursing), 2, 0, 1);
            // Homecare in the South patch, where no provider has carers free: no offers, bridging care meanwhile.
            var south = localities.Single(l => l.Name == "South");
            Send(Make(ServiceType.Homecare, Priority.Routine, 4, true, InterimArrangement.Bridging, south), 4, 0, 2);
            Send(Make(ServiceType.Homecare, Priority.Urgent, 1, false, InterimArrangement.None, localities.Single(l => l.Name == "North")), 1, 2, 1);
            Send(Make(ServiceType.CareHomeWithoutNursing, Priority.Routine, 2, false, InterimArrangement.None), 2, 3, null);
            Send(Make(ServiceType.ExtraCareHousing, Priority.Routine, 3, false, InterimArrangement.None), 3, 1, 2);
            // (Offers in are for nursing beds: no dementia nursing bed is free now.)
            Send(Make(ServiceType.CareHomeWithNursing, Priority.Routine, 1, false, InterimArrangement.None, bed: BedCategory.Nursing), 1, 1, 2);
            Make(ServiceType.Homecare, Priority.Routine, 0, false, InterimArrangement.None, localities.Single(l => l.Name == "Central"));

            // On hold now: a nursing bed for someone readmitted to hospital after it was sent (one offer in before then).
            var readmitted = Make(ServiceType.CareHomeWithNursing, Priority.Routine, 8, false, InterimArrangement.None, bed: BedCategory.Nursing);
            readmitted.Holds.Add(new Hold(OfficeInstant(WorkingDaysBefore(today, 5), rng), null, HoldReason.PersonInHospital));
            Send(readmitted, 7, 1, 1);
            // On hold twice: supported living held for a funding decision, sent, and now held again for the assessment to be reviewed.
            var reviewed = Make(ServiceType.SupportedLiving, Priority.Routine, 15, true, InterimArrangement.FamilyOrCarer);
            var firstHold = OfficeInstant(WorkingDaysBefore(today, 13), rng);
            reviewed.Holds.Add(new Hold(firstHold, After(firstHold, 4), HoldReason.AwaitingFundingDecision));
            reviewed.Holds.Add(new Hold(OfficeInstant(WorkingDaysBefore(today, 1), rng), null, HoldReason.AwaitingAssessmentReview));
            Send(reviewed, 8, 0, 1);
            // Resumed: routine homecare held two working days while the person chose; without the pause it would be late.
            var chose = Make(ServiceType.Homecare, Priority.Routine, 3, false, InterimArrangement.None, localities.Single(l => l.Name == "North"));
            var choosing = chose.CreatedAt.AddMinutes(40);
            chose.Holds.Add(new Hold(choosing, After(choosing, 2), HoldReason.PersonConsideringOptions));
            Send(chose, 1, 1, 1);
            return queue;
        }

        /// <summary>Queues what happens to a request: made, what the person has meanwhile, holds, sent, awarded or cancelled.</summary>
        private void Schedule(Plan plan)
        {
            t.At(plan.CreatedAt, () => CreateAsync(plan));
            if (plan.Waited || plan.Interim != InterimArrangement.None)
            {
                // Recorded the day the arrangement began (or when the request was made), before it was sourced.
                var since = plan.InterimSince ?? UkDate(plan.CreatedAt);
                var at = since <= UkDate(plan.CreatedAt) ? plan.CreatedAt.AddMinutes(5 + rng.Next(0, 20)) : Uk(since, new TimeOnly(9, 0).Add(TimeSpan.FromMinutes(rng.Next(0, 60))));
                var before = plan.SourcedAt ?? plan.Cancelled?.At ?? t.End;
                if (at >= before.AddMinutes(-5))
                {
                    at = plan.CreatedAt.AddMinutes(5);
                    if (plan.InterimSince is not null) plan.InterimSince = UkDate(plan.CreatedAt);
                }
                t.At(at, () => InterimAsync(plan));
            }
            foreach (var hold in plan.Holds)
            {
                t.At(hold.From, () => HoldAsync(plan, hold));
                if (hold.Until is { } until) t.At(until, () => ResumeAsync(plan));
            }
            if (plan.SentAt is { } sent) t.At(sent, () => SendAsync(plan));
            if (plan.SourcedAt is { } sourced) t.At(sourced, () => AwardAsync(plan));
            if (plan.Cancelled is { } cancel) t.At(cancel.At, () => CancelAsync(plan, cancel.Reason));
        }

        private async Task CreateAsync(Plan plan)
        {
            var decision = await new CareRequests(t.As(broker)).CreateAsync(plan.Need.ToNew(), ct);
            Ensure(decision, "care request");
            plan.Id = ((Decision.Created<int>)decision).Value;
            plan.Version = 0;
        }

        private async Task InterimAsync(Plan plan)
        {
            var since = plan.Interim == InterimArrangement.None ? null : plan.InterimSince;
            Ensure(await new CareRequests(t.As(broker)).RecordInterimAsync(plan.Id, plan.Interim, since, plan.Waited, plan.Version, ct), "interim arrangement");
            plan.Version++;
        }

        private async Task HoldAsync(Plan plan, Hold hold)
        {
            Ensure(await new CareRequests(t.As(broker)).HoldAsync(plan.Id, hold.Reason, null, plan.Version, ct), "hold");
            plan.Version++;
        }

        private async Task ResumeAsync(Plan plan)
        {
            Ensure(await new CareRequests(t.As(broker)).ResumeAsync(plan.Id, plan.Version, ct), "resume");
            plan.Version++;
        }

        private async Task CancelAsync(Plan plan, CancelReason reason)
        {
            Ensure(await new CareRequests(t.As(broker)).CancelAsync(plan.Id, reason, null, plan.Version, ct), "cancellation");
            plan.Version++;
            foreach (var o in plan.Offers) capacity.Release(o.ServiceId, plan.Need.BedCategory, plan.Amount);
        }

        /// <summary>
        /// The broker reads the request's matches and sends it to some of the borough's services that can meet it —
        /// those with room first, then those whose returns show none (returns lag) — and the offers are queued.
        /// </summary>
        private async Task SendAsync(Plan plan)
        {
            var db = t.As(broker);
            var match = await new Matching(db).ForRequestAsync(plan.Id, weights, ct)
                ?? throw new InvalidOperationException($"The demo's request {plan.Id} has no matches");
            plan.Match = match;
            var (eligible, lagging) = Choices(plan);
            var invited = WeightedSample(eligible, Math.Min(plan.Invite, eligible.Count));
            invited.AddRange(WeightedSample(lagging, plan.Invite - invited.Count));
            if (invited.Count == 0) throw new InvalidOperationException($"The demo's request {plan.Id} has no service to go to");
            plan.Invited = invited.Select(c => c.ServiceId).ToList();

            var sent = t.Now;
            DateTime closes;
            if (plan.SourcedAt is { } sourced)
            {
                // Most invited services offer; when there was no capacity, only one or two did, late.
                var window = sourced - sent;
                var from = plan.Waited ? 0.55 : 0.05;
                var slots = plan.Invited.Select(s => (Service: s, At: Minute(sent + window * (from + rng.NextDouble() * (0.85 - from))))).OrderBy(s => s.At).ToList();
                var last = slots[^1].At;
                closes = Minute(last + (sourced - last) * 0.5);
                plan.ClosesAt = closes;
                for (var i = 0; i < slots.Count; i++)
                {
                    var (service, at) = slots[i];
                    var isLast = i == slots.Count - 1;
                    t.At(at, () => OfferAsync(plan, service, isLast));
                }
            }
            else
            {
                closes = plan.ClosesAt ?? After(sent, 2);
                // Offers come in within hours of sending (times kept clear of "now" so two seeds match).
                foreach (var s in plan.Invited.OrderByDescending(s => capacity.Reporters[s].Pull).ThenBy(s => s).Take(plan.OpenOffers))
                {
                    var at = sent.AddMinutes(30 + rng.Next(0, 240));
                    if (at < t.End && at < closes && !plan.Holds.Any(h => h.From <= at && (h.Until is null || h.Until > at)))
                        t.At(at, () => OfferAsync(plan, s, force: true));
                }
            }
            Ensure(await new CareRequests(db).SendAsync(plan.Id, plan.Invited, closes, plan.Version, null, ct), "send");
            plan.Version++;
        }

        /// <summary>
        /// The borough's services the broker could send a request to, from its matches: those that can meet it now,
        /// and those that could but for their last return (no room shown, or outside the person's own area). Homecare
        /// only from providers working in the person's patch.
        /// </summary>
        private (List<Candidate> Eligible, List<Candidate> Lagging) Choices(Plan plan)
        {
            var match = plan.Match!;
            var type = plan.Need.ServiceType;
            var patch = patchOf[plan.Need.Locality];
            bool Ours(Candidate c) => c.Type == type && services.ContainsKey(c.ServiceId)
                && (type != ServiceType.Homecare || capacity.Reporters.TryGetValue(c.ServiceId, out var r) && r.Covered.Contains(patch));
            // Room by its last return, however old: a service whose return is out of date is ranked below the fresh ones,
            // and the broker tries it in rank order if its last figures showed room.
            bool Room(Candidate c) => c.CapacityKnown || (plan.Need.BedCategory is null ? c.HoursAvailable >= (plan.Need.HoursPerWeek ?? 0) && c.HoursAvailable > 0 : c.BedsAccepting > 0);
            var ranked = match.Ranked.Select(r => r.Candidate).Where(Ours).ToList();
            return (ranked.Where(Room).ToList(),
                ranked.Where(c => !Room(c)).Concat(match.Ineligible.Where(i => i.Reason.Field is "Capacity" or "Area").Select(i => i.Candidate).Where(Ours))
                    .OrderBy(c => c.ServiceId).ToList());
        }

        /// <summary>
        /// The provider offers for its service when it means to and has the bed or hours; the last service asked, when
        /// nobody has offered, offers once a bed or hours come free (sending a return to say so).
        /// </summary>
        private async Task OfferAsync(Plan plan, int serviceId, bool force)
        {
            var bed = plan.Need.BedCategory;
            var wants = rng.NextDouble() < (plan.Waited ? 0.3 : 0.8);
            var offering = (int?)null;
            if (wants && !suspensions.Suspended(serviceId) && capacity.Room(serviceId, bed) >= plan.Amount) offering = serviceId;
            else if (force && (plan.SourcedAt is null || plan.Offers.Count == 0))
            {
                IEnumerable<int> order = plan.SourcedAt is null ? [serviceId] : plan.Invited.OrderBy(s => s == serviceId ? 0 : 1).ThenByDescending(s => capacity.Reporters[s].Pull).ThenBy(s => s);
                foreach (var s in order)
                {
                    if (suspensions.Suspended(s) || plan.Offers.Any(o => o.ServiceId == s)) continue;
                    if (await capacity.EnsureRoomAsync(s, bed, plan.Amount, ct)) { offering = s; break; }
                }
            }
            if (offering is null && force && plan.SourcedAt is not null && plan.Offers.Count == 0)
            {
                // Nobody asked could: the broker sends it to one more of its matches, which can.
                var (eligible, lagging) = Choices(plan);
                foreach (var c in eligible.Concat(lagging).Where(c => !plan.Invited.Contains(c.ServiceId) && !suspensions.Suspended(c.ServiceId))
                             .OrderByDescending(c => capacity.Reporters[c.ServiceId].Pull).ThenBy(c => c.ServiceId))
                {
                    if (!await capacity.EnsureRoomAsync(c.ServiceId, bed, plan.Amount, ct)) continue;
                    Ensure(await new CareRequests(t.As(broker)).SendAsync(plan.Id, [c.ServiceId], plan.ClosesAt!.Value, plan.Version, null, ct), "send");
                    plan.Version++;
                    plan.Invited.Add(c.ServiceId);
                    offering = c.ServiceId;
                    break;
                }
            }
            if (offering is not { } chosen) return;

            var svc = services[chosen];
            var r = plan.Need;
            var now = DateOnly.FromDateTime(t.Now);
            var start = plan.SourcedAt is { } sourced ? UkDate(sourced).AddDays(rng.Next(0, 4)) : (r.WantedStart > t.Today ? r.WantedStart : t.Today).AddDays(rng.Next(1, 6));
            if (start < r.WantedStart) start = r.WantedStart;
            if (start < now) start = now;
            var price = Price(r, svc, rng);
            var db = t.As(capacity.Reporters[chosen].Actor(t.Council));
            var decision = await new CareRequests(db).OfferAsync(plan.Id, chosen, price, start, Pick(rng, OfferWords[r.ServiceType]), ct);
            Ensure(decision, "offer");
            plan.Offers.Add(new Made(((Decision.Created<int>)decision).Value, chosen, price, start));
            capacity.Promise(chosen, bed, plan.Amount);
        }

        /// <summary>
        /// The broker awards the top-ranked offer by the council's weights (the ranking the award itself checks), or
        /// now and then the person's choice of a dearer one, with their reason.
        /// </summary>
        private async Task AwardAsync(Plan plan)
        {
            if (plan.Offers.Count == 0) throw new InvalidOperationException($"The demo's request {plan.Id} has no offer to award");
            var db = t.As(broker);
            // The council's own ranking of the offers, as the award checks it.
            var ranked = (await new Matching(db).OffersAsync(plan.Id, weights, ct)).Where(o => o.Position is not null).ToList();
            Made chosen;
            string? reason = null;
            if (ranked.Count > 0)
            {
                chosen = plan.Offers.Single(o => o.OfferId == ranked[0].Offer.Id);
                if (ranked.Count > 1 && rng.NextDouble() < 0.04)
                {
                    var cheapest = plan.Offers.Min(o => o.Price);
                    if (ranked.Skip(1).FirstOrDefault(o => o.Offer.WeeklyPrice > cheapest) is { } alternative)
                    {
                        chosen = plan.Offers.Single(o => o.OfferId == alternative.Offer.Id);
                        reason = Pick(rng, ChoiceReasons);
                    }
                }
            }
            else
            {
                // None ranks (the services were suspended since they offered, say): the first that came in.
                chosen = plan.Offers.FirstOrDefault(o => !suspensions.Suspended(o.ServiceId)) ?? plan.Offers[0];
            }
            var decision = await new CareRequests(db).AwardAsync(plan.Id, chosen.OfferId, reason, plan.Version, null, ct);
            if (decision is not Decision.Allowed)
            {
                // Refused (the bed went, the service was suspended): the broker chooses another offer, and says why.
                foreach (var other in plan.Offers.Where(o => o != chosen && !suspensions.Suspended(o.ServiceId)).OrderBy(o => ranked.FirstOrDefault(r => r.Offer.Id == o.OfferId)?.Position ?? int.MaxValue))
                {
                    decision = await new CareRequests(db).AwardAsync(plan.Id, other.OfferId, "The first choice could no longer take the person", plan.Version, null, ct);
                    if (decision is Decision.Allowed) { chosen = other; break; }
                }
            }
            Ensure(decision, "award");
            plan.Version++;
            foreach (var o in plan.Offers)
            {
                if (o == chosen) capacity.Take(o.ServiceId, plan.Need.BedCategory, plan.Amount);
                else capacity.Release(o.ServiceId, plan.Need.BedCategory, plan.Amount);
            }
        }

        private List<Candidate> WeightedSample(List<Candidate> items, int count)
        {
            double Pull(Candidate c) => capacity.Reporters.TryGetValue(c.ServiceId, out var r) ? r.Pull : 1.0;
            var pool = items.ToList();
            var chosen = new List<Candidate>();
            while (chosen.Count < count && pool.Count > 0)
            {
                var x = rng.NextDouble() * pool.Sum(Pull);
                var i = 0;
                for (; i < pool.Count - 1 && x >= Pull(pool[i]); i++) x -= Pull(pool[i]);
                chosen.Add(pool[i]);
                pool.RemoveAt(i);
            }
            return chosen;
        }
    }

    private static void Ensure(Decision decision, string what)
    {
        if (decision is Decision.Allowed) return;
        var why = decision switch
        {
            Decision.Refused r => r.Reason,
            Decision.Conflict c => c.Reason,
            Decision.Invalid i => string.Join("; ", i.Errors.Select(e => $"{e.Field}: {e.Message}")),
            _ => "not found",
        };
        throw new InvalidOperationException($"The demo's {what} was refused: {why}");
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    /// <summary>To the minute: the demo's people act at whole minutes.</summary>
    private static DateTime Minute(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    private static readonly HoldReason[] HistoryHoldReasons =
        [HoldReason.PersonInHospital, HoldReason.PersonConsideringOptions, HoldReason.AwaitingFundingDecision, HoldReason.AwaitingAssessmentReview];

    /// <summary>Letters a postcode's inward code uses.</summary>
    private static readonly char[] Inward = "ABDEFGHJLNPQRSTUWXYZ".ToCharArray();

    private static decimal Price(Draft r, Svc s, Random rng)
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

    private static InterimArrangement InterimFor(Draft r, Random rng) => r.ServiceType switch
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
    private static void NeedsFor(Draft r, Random rng)
    {
        var older = r.AgeBand != AgeBand.From18To64;
        var memory = r.SupportReason == SupportReason.SupportWithMemoryAndCognition;
        var age = older ? Specialism.OlderPeople : Specialism.YoungerAdults;
        switch (r.ServiceType)
        {
            case ServiceType.CareHomeWithoutNursing:
                r.BedCategory = memory ? BedCategory.DementiaResidential : BedCategory.Residential;
                r.Specialisms = (older ? Specialism.OlderPeople : Specialism.PhysicalDisability) | (memory ? Specialism.Dementia : 0)
                    | (r.SupportReason == SupportReason.MentalHealthSupport ? Specialism.MentalHealth : 0);
                break;
            case ServiceType.CareHomeWithNursing:
                r.BedCategory = memory && rng.NextDouble() < 0.8 ? BedCategory.DementiaNursing : BedCategory.Nursing;
                r.Specialisms = (older ? Specialism.OlderPeople : Specialism.PhysicalDisability) | (memory ? Specialism.Dementia : 0)
                    | (!memory && rng.NextDouble() < 0.2 ? Specialism.EndOfLifeCare : 0);
                break;
            case ServiceType.SupportedLiving:
                r.HoursPerWeek = 7 * rng.Next(2, 9);
                r.Specialisms = Specialism.YoungerAdults | r.SupportReason switch
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
                r.TimeBands = [.. bands];
                r.Specialisms = r.ServiceType switch
                {
                    ServiceType.Homecare => age | (memory ? Specialism.Dementia : 0) | (r.SupportReason == SupportReason.SensorySupport ? Specialism.SensoryImpairment : 0),
                    ServiceType.ExtraCareHousing => Specialism.OlderPeople | (memory ? Specialism.Dementia : 0),
                    _ => Specialism.OlderPeople & age,
                };
                break;
        }
    }

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
