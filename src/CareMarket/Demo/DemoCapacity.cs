using CareMarket.Brokerage;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Demo;

/// <summary>
/// Capacity for the demo borough, reported through <see cref="CapacityReports"/> by each service's provider user, at
/// the moment of the return: Northbridge's care homes and community services report every eight weeks through the
/// year and weekly for the last three months, with a few vacancies, occupancy creeping up over the quarter, a shortage
/// of dementia nursing beds, one homecare patch (South) with no hours to offer lately, and a few services whose returns
/// are out of date or missing.
/// <para>
/// The providers behave as providers do: one offers a bed or hours only when it has them free, over and above what it
/// has offered for other requests, and reports its offers' beds and hours as free until they are taken; when a bed
/// comes free between returns, it sends a new return before it offers. So every award the demo makes finds its bed or hours
/// in the council's ledger, as <see cref="Vacancies"/> requires. What a provider has is followed here from its own
/// returns and the awards made to it (the ledger's figures, seen from the provider's side).
/// </para>
/// </summary>
internal sealed class DemoCapacity
{
    /// <summary>Returns every this many weeks through the year, before the weekly ones of the last <see cref="WeeklyFor"/> weeks.</summary>
    private const int EarlyEvery = 8;
    private const int WeeklyFor = 13;
    /// <summary>The first returns, this many weeks ago: before the first request of the year.</summary>
    public const int FirstWeek = 64;

    public sealed class Reporter
    {
        public required int ServiceId { get; init; }
        public required int ProviderId { get; init; }
        public required string Email { get; init; }
        public required CapacityKind Kind { get; init; }
        public required ServiceType Type { get; init; }
        public required Specialism Specialisms { get; init; }
        public int? RegisteredBeds { get; init; }
        public bool Inadequate { get; init; }
        public RatingWord? Rating { get; init; }
        /// <summary>Never reports.</summary>
        public bool Never { get; init; }
        /// <summary>Full all year: no bed to offer, so it is never awarded and its ledger is never started.</summary>
        public bool Full { get; init; }
        /// <summary>Stopped reporting this many weeks ago (0: reports still).</summary>
        public int WeeksSilent { get; set; }
        /// <summary>Its last return, after which it stops reporting (for the few that do); null while it reports.</summary>
        public DateTime? LastRegular { get; set; }
        /// <summary>Size and reach: large providers are invited more often and have more hours.</summary>
        public double Pull { get; set; }
        public List<int> Covered { get; init; } = [];
        public CapacityReport? Last { get; set; }
        public int PeopleSupported { get; set; }
        /// <summary>What the latest return gave, what awards have taken since, and what is offered and not yet decided, by ledger kind.</summary>
        public Dictionary<string, double> Reported { get; } = [];
        public Dictionary<string, double> Taken { get; } = [];
        public Dictionary<string, double> Promised { get; } = [];
        public Actor Actor(int council) => new(Email, council, ProviderId);
    }

    private readonly DemoTimeline timeline;
    private readonly Random rng;
    private readonly int south;
    private readonly Dictionary<int, Reporter> reporters;

    private DemoCapacity(DemoTimeline timeline, Random rng, List<Area> patches, Dictionary<int, Reporter> reporters)
    {
        this.timeline = timeline;
        this.rng = rng;
        south = patches.Single(p => p.Name.StartsWith("South")).Id;
        this.reporters = reporters;
    }

    public IReadOnlyDictionary<int, Reporter> Reporters => reporters;

    /// <summary>The council's services that report capacity, each with its returns queued through the year.</summary>
    public static async Task<DemoCapacity> PlanAsync(DemoTimeline timeline, Random rng, CancellationToken ct)
    {
        var db = timeline.Db;
        var council = timeline.Council;
        var services = await db.Services.AsNoTracking().Where(s => s.HostLocalAuthorityId == council && s.Status == ServiceStatus.Active)
            .OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.ProviderId, s.ServiceType, s.IsCareHome, s.Specialisms, s.RegisteredBeds, Provider = s.Provider!.Name, Rating = (RatingWord?)s.CurrentRating!.Overall })
            .ToListAsync(ct);
        var patches = await db.Areas.AsNoTracking().Where(a => a.LocalAuthorityId == council && a.Kind == AreaKind.HomecarePatch)
            .OrderBy(a => a.Name).ToListAsync(ct);
        var reporters = new Dictionary<int, Reporter>();
        // The borough's first residential home is full all year. (Tests use it as a blank slate: with their own
        // return and awards, and no ledger of the demo's.)
        var full = services.FirstOrDefault(s => s.ServiceType == ServiceType.CareHomeWithoutNursing)?.Id;
        var index = 0;
        foreach (var s in services)
        {
            var kind = CapacityReports.KindOf(s.IsCareHome, s.ServiceType);
            if (kind == CapacityKind.None) continue;
            index++;
            var covered = patches.Where((_, i) => (s.Id + i) % 3 != 0 || patches.Count == 1).Select(p => p.Id).ToList();
            if (covered.Count == 0) covered = [patches[s.Id % patches.Count].Id];
            var r = new Reporter
            {
                ServiceId = s.Id, ProviderId = s.ProviderId, Kind = kind, Type = s.ServiceType, Specialisms = s.Specialisms, RegisteredBeds = s.RegisteredBeds,
                Email = s.Provider == "Hawthorn Care Group" ? "provider@hawthorn.example" : $"manager.{s.Id}@provider.example",
                Inadequate = s.Rating == RatingWord.Inadequate, Rating = s.Rating,
                // Two never report; four stopped reporting two to five weeks ago; the rest report through the year.
                Never = index % 29 == 5,
                Full = s.Id == full,
                Covered = kind == CapacityKind.Hours ? covered : [],
                Pull = Math.Exp(Normal(rng) * 0.45),
            };
            reporters[s.Id] = r;
            r.WeeksSilent = index % 17 == 3 ? 2 + index % 4 : 0;
        }
        // A few large homecare providers, well rated, take a bigger share, as in most boroughs: they have more carers.
        foreach (var big in reporters.Values.Where(r => r.Type == ServiceType.Homecare && r.Rating is RatingWord.Good or RatingWord.Outstanding)
                     .OrderBy(_ => rng.Next()).Take(3).ToList()) big.Pull *= 6;
        var capacity = new DemoCapacity(timeline, rng, patches, reporters);
        // Anchored to today's date, not the time of day, so two demos made the same day are the same.
        var midnight = DemoTimeline.Uk(timeline.Today, TimeOnly.MinValue);
        foreach (var r in reporters.Values.Where(r => !r.Never))
        {
            var weeks = Enumerable.Range(0, FirstWeek + 1)
                .Where(w => w <= WeeklyFor ? w >= r.WeeksSilent : (FirstWeek - w) % EarlyEvery == 0)
                .OrderByDescending(w => w).ToList();
            foreach (var week in weeks)
            {
                var at = midnight.AddDays(-7 * week).AddHours(-rng.Next(2, 60));
                timeline.At(at, () => capacity.RegularAsync(r, week, ct));
                if (week == weeks[^1] && r.WeeksSilent > 0) r.LastRegular = at;
            }
        }
        return capacity;
    }

    /// <summary>Beds of the category, or hours a week, the service could take on now (its own view of the council's ledger).</summary>
    public double Room(int serviceId, BedCategory? category)
    {
        if (!reporters.TryGetValue(serviceId, out var r)) return 0;
        var kind = Vacancies.KindOf(category);
        return r.Reported.GetValueOrDefault(kind) - r.Taken.GetValueOrDefault(kind) - r.Promised.GetValueOrDefault(kind);
    }

    /// <summary>Whether the service reports now, so could send a new return.</summary>
    public bool Reports(int serviceId) =>
        reporters.TryGetValue(serviceId, out var r) && !r.Never && !r.Full && !r.Inadequate && r.Last is not null && (r.LastRegular is null || timeline.Now < r.LastRegular);

    public void Promise(int serviceId, BedCategory? category, double amount) => Add(reporters[serviceId].Promised, category, amount);

    public void Release(int serviceId, BedCategory? category, double amount) => Add(reporters[serviceId].Promised, category, -amount);

    /// <summary>An award took the bed or hours it had offered.</summary>
    public void Take(int serviceId, BedCategory? category, double amount)
    {
        Release(serviceId, category, amount);
        Add(reporters[serviceId].Taken, category, amount);
    }

    private static void Add(Dictionary<string, double> figures, BedCategory? category, double amount)
    {
        var kind = Vacancies.KindOf(category);
        figures[kind] = figures.GetValueOrDefault(kind) + amount;
    }

    /// <summary>
    /// Room for <paramref name="amount"/> more: there already, or a bed or hours have come free since the last return
    /// and the provider sends a new one. False when the provider does not report (and so cannot say so).
    /// </summary>
    public async Task<bool> EnsureRoomAsync(int serviceId, BedCategory? category, double amount, CancellationToken ct)
    {
        if (Room(serviceId, category) >= amount) return true;
        if (!Reports(serviceId)) return false;
        var r = reporters[serviceId];
        var kind = Vacancies.KindOf(category);
        var wanted = r.Promised.GetValueOrDefault(kind) + amount;
        var last = r.Last!;
        CapacityReport report;
        if (r.Kind == CapacityKind.Beds)
        {
            if (category is not { } c) return false;
            var beds = last.Beds.ToList();
            var i = beds.FindIndex(b => b.Category == c);
            if (i < 0) return false;
            var line = beds[i];
            var accepting = (int)Math.Ceiling(wanted);
            if (accepting > line.MaxCapacity) return false;
            var reserved = Math.Min(line.VacantReserved, line.MaxCapacity - accepting);
            beds[i] = line with { VacantAccepting = accepting, VacantReserved = reserved, Occupied = Math.Min(line.Occupied, line.MaxCapacity - accepting - reserved) };
            report = last with { Beds = beds, AcceptingAdmissions = true };
        }
        else
        {
            var hours = last.Hours.ToList();
            var total = hours.Sum(h => h.HoursAvailable);
            var short_ = (decimal)wanted - total;
            if (short_ > 0)
            {
                // The hours come free where the provider has carers: not the South patch, where it has none lately.
                var patch = r.Covered.FirstOrDefault(p => p != south, r.Covered[0]);
                var j = hours.FindIndex(h => h.AreaId == patch && h.TimeBand == TimeBand.Morning);
                var more = Math.Ceiling(short_ / 3.5m) * 3.5m;
                hours[j] = hours[j] with { HoursAvailable = hours[j].HoursAvailable + more };
            }
            report = last with { Hours = hours, EarliestStart = DateOnly.FromDateTime(timeline.Now).AddDays(1) };
        }
        await ReportAsync(r, report, ct);
        return Room(serviceId, category) >= amount;
    }

    /// <summary>A service's regular return: figures like the weeks before, and at least what it has offered.</summary>
    private async Task RegularAsync(Reporter r, int weeksAgo, CancellationToken ct)
    {
        var recent = weeksAgo <= WeeklyFor;
        var today = DateOnly.FromDateTime(timeline.Now);
        CapacityReport report;
        if (r.Kind == CapacityKind.Beds)
        {
            var beds = Beds(r, weeksAgo, recent);
            report = new CapacityReport
            {
                ServiceId = r.ServiceId, Beds = beds, AcceptingAdmissions = !r.Inadequate,
                NotAcceptingReason = r.Inadequate ? "Voluntary embargo while the home responds to CQC's inspection" : null
            };
        }
        else
        {
            r.PeopleSupported = rng.Next(15, 140);
            // Homecare hours grow with the provider's size.
            var scale = r.Type == ServiceType.Homecare ? Math.Clamp((int)Math.Round(r.Pull), 1, 4) : 1;
            var hours = new List<HoursReport>();
            foreach (var patch in r.Covered)
            {
                foreach (var band in Enum.GetValues<TimeBand>())
                {
                    // South has no carers free lately; mornings and bedtimes are scarce everywhere; nights are rare.
                    var h = recent && patch == south ? 0 : band switch
                    {
                        TimeBand.Morning => rng.Next(0, 3) * 3.5m,
                        TimeBand.Lunch => rng.Next(0, 6) * 3.5m,
                        TimeBand.Tea => rng.Next(0, 5) * 3.5m,
                        TimeBand.Bed => rng.Next(0, 3) * 3.5m,
                        _ => 0m,
                    } * scale;
                    hours.Add(new HoursReport(patch, band, h));
                }
            }
            var promised = (decimal)r.Promised.GetValueOrDefault(Vacancies.HoursKind);
            var total = hours.Sum(h => h.HoursAvailable);
            if (total < promised)
            {
                var patch = r.Covered.FirstOrDefault(p => p != south, r.Covered[0]);
                var j = hours.FindIndex(h => h.AreaId == patch && h.TimeBand == TimeBand.Morning);
                hours[j] = hours[j] with { HoursAvailable = hours[j].HoursAvailable + Math.Ceiling((promised - total) / 3.5m) * 3.5m };
                total = hours.Sum(h => h.HoursAvailable);
            }
            report = new CapacityReport
            {
                ServiceId = r.ServiceId, Hours = hours, PeopleSupported = r.PeopleSupported, HoursDeliveredPerWeek = r.PeopleSupported * rng.Next(8, 15),
                EarliestStart = total > 0 ? today.AddDays(rng.Next(1, 10)) : null,
            };
        }
        report = Staffing(report, r);
        await ReportAsync(r, report, ct);
    }

    private List<BedReport> Beds(Reporter r, int weeksAgo, bool recent)
    {
        var beds = r.RegisteredBeds ?? 20;
        var dementia = r.Specialisms.HasFlag(Specialism.Dementia);
        var split = r.Type switch
        {
            ServiceType.CareHomeWithNursing when dementia => new[] { (BedCategory.Nursing, 0.6), (BedCategory.DementiaNursing, 0.4) },
            ServiceType.CareHomeWithNursing => [(BedCategory.Nursing, 1.0)],
            ServiceType.RespiteAndShortBreaks => [(BedCategory.RespiteShortStay, 1.0)],
            _ when dementia => [(BedCategory.Residential, 0.55), (BedCategory.DementiaResidential, 0.45)],
            _ => [(BedCategory.Residential, 1.0)],
        };
        // Occupancy has crept up over the quarter: about 87% three months ago, 93% now.
        var target = 0.93 - Math.Min(weeksAgo, WeeklyFor + 1) * 0.005;
        var left = beds;
        var lines = new List<BedReport>();
        for (var i = 0; i < split.Length; i++)
        {
            var (category, share) = split[i];
            var max = i == split.Length - 1 ? left : (int)Math.Round(beds * share);
            left -= max;
            var scarce = category == BedCategory.DementiaNursing;
            var occupied = scarce
                ? max - rng.Next(0, recent ? 2 : 3) // dementia nursing: full, or a bed or two free (lately one, held)
                : Math.Min(max, (int)Math.Round(max * (target + (rng.NextDouble() - 0.5) * 0.12)));
            var free = max - occupied;
            var reserved = scarce ? (recent ? free : rng.Next(0, free + 1)) : Math.Min(free, rng.Next(0, 2));
            var closed = free - reserved > 2 && rng.NextDouble() < 0.2 ? 1 : 0; // a room out of use
            var accepting = free - reserved - closed;
            if (r.Full) (occupied, accepting) = (max - reserved - closed, 0);
            // The beds it has offered are free until they are taken.
            var promised = (int)Math.Ceiling(r.Promised.GetValueOrDefault(Vacancies.KindOf(category)));
            if (accepting < promised)
            {
                var more = Math.Min(promised - accepting, max - accepting);
                accepting += more;
                var over = occupied + reserved + closed + accepting - max;
                if (over > 0) { closed = Math.Max(0, closed - over); over = occupied + reserved + closed + accepting - max; }
                if (over > 0) { reserved = Math.Max(0, reserved - over); over = occupied + reserved + closed + accepting - max; }
                if (over > 0) occupied -= over;
            }
            lines.Add(new BedReport(category, max, occupied, reserved, accepting));
        }
        return lines;
    }

    private CapacityReport Staffing(CapacityReport report, Reporter r)
    {
        var scale = r.Kind == CapacityKind.Beds ? (r.RegisteredBeds ?? 20) : r.PeopleSupported;
        var care = Math.Max(4, (int)(scale * (r.Kind == CapacityKind.Beds ? 1.1 : 0.6)));
        return report with
        {
            Nurses = r.Type == ServiceType.CareHomeWithNursing ? Math.Max(2, scale / 8) : 0,
            CareStaff = care,
            OtherStaff = Math.Max(1, scale / 6),
            AgencyStaff = rng.Next(0, Math.Max(1, scale / 10)),
            BankStaff = rng.Next(0, 5),
            StaffAbsent = rng.Next(0, Math.Max(1, care / 12)),
        };
    }

    private async Task ReportAsync(Reporter r, CapacityReport report, CancellationToken ct)
    {
        var db = timeline.As(r.Actor(timeline.Council));
        var decision = await new CapacityReports(db).ReportAsync(report, CapacitySource.Demo, ct);
        if (decision is not Decision.Allowed) throw new InvalidOperationException($"The demo's capacity return for service {r.ServiceId} was refused: {decision}");
        r.Last = report;
        r.Reported.Clear();
        r.Taken.Clear();
        if (report.Beds.Count > 0)
        {
            foreach (var b in report.Beds) r.Reported[Vacancies.KindOf(b.Category)] = report.AcceptingAdmissions == false ? 0 : b.VacantAccepting;
        }
        else
        {
            r.Reported[Vacancies.HoursKind] = (double)report.Hours.Sum(h => h.HoursAvailable);
        }
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
