using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Demo;

/// <summary>
/// Capacity returns for the demo borough: three months of weekly returns from Northbridge's care homes and homecare
/// services, with a few vacancies, a shortage of dementia nursing beds, one homecare patch (South) with no hours to
/// offer, and a few services whose returns are out of date or missing.
/// </summary>
public static class DemoCapacity
{
    public static async Task SeedAsync(CareMarketDb db, LocalAuthority home, Random rng, CancellationToken ct = default)
    {
        var now = db.Now;
        var services = await db.Services.Where(s => s.HostLocalAuthorityId == home.Id && s.Status == ServiceStatus.Active)
            .Include(s => s.Provider).Include(s => s.CurrentRating).OrderBy(s => s.Id).ToListAsync(ct);
        var patches = await db.Areas.Where(a => a.LocalAuthorityId == home.Id && a.Kind == AreaKind.HomecarePatch)
            .OrderBy(a => a.Name).ToListAsync(ct);
        var south = patches.Single(p => p.Name.StartsWith("South"));
        var returns = new List<CapacityReturn>();
        var index = 0;
        foreach (var s in services)
        {
            var kind = CapacityReports.KindOf(s);
            if (kind == CapacityKind.None) continue;
            index++;
            // Two never report; four stopped reporting two to five weeks ago; the rest report weekly.
            if (index % 29 == 5) continue;
            var weeksSilent = index % 17 == 3 ? 2 + index % 4 : 0;
            var reporter = s.Provider!.Name == "Hawthorn Care Group" ? "provider@hawthorn.example" : $"manager.{s.Id}@provider.example";
            for (var week = 13; week >= weeksSilent; week--)
            {
                var at = now.AddDays(-7 * week).AddHours(-rng.Next(2, 60));
                var r = new CapacityReturn { ServiceId = s.Id, ReportedAt = at, ReportedBy = reporter, Source = CapacitySource.Demo };
                if (kind == CapacityKind.Beds) FillBeds(r, s, rng, week);
                else FillHours(r, s, rng, patches, south, now);
                Staffing(r, s, rng, kind);
                returns.Add(r);
            }
        }
        db.CapacityReturns.AddRange(returns);
        await db.SaveChangesAsync(ct);
    }

    private static void FillBeds(CapacityReturn r, Service s, Random rng, int weeksAgo)
    {
        var beds = s.RegisteredBeds ?? 20;
        var dementia = s.Specialisms.HasFlag(Specialism.Dementia);
        var split = s.ServiceType switch
        {
            ServiceType.CareHomeWithNursing when dementia => new[] { (BedCategory.Nursing, 0.6), (BedCategory.DementiaNursing, 0.4) },
            ServiceType.CareHomeWithNursing => [(BedCategory.Nursing, 1.0)],
            ServiceType.RespiteAndShortBreaks => [(BedCategory.RespiteShortStay, 1.0)],
            _ when dementia => [(BedCategory.Residential, 0.55), (BedCategory.DementiaResidential, 0.45)],
            _ => [(BedCategory.Residential, 1.0)],
        };
        // Occupancy has crept up over the quarter: about 87% three months ago, 93% now.
        var target = 0.93 - weeksAgo * 0.005;
        var left = beds;
        for (var i = 0; i < split.Length; i++)
        {
            var (category, share) = split[i];
            var max = i == split.Length - 1 ? left : (int)Math.Round(beds * share);
            left -= max;
            var occupied = category == BedCategory.DementiaNursing
                ? max - rng.Next(0, 2) // dementia nursing: full, or one bed held
                : Math.Min(max, (int)Math.Round(max * (target + (rng.NextDouble() - 0.5) * 0.12)));
            var free = max - occupied;
            var reserved = category == BedCategory.DementiaNursing ? free : Math.Min(free, rng.Next(0, 2));
            var closed = free - reserved > 2 && rng.NextDouble() < 0.2 ? 1 : 0; // a room out of use
            r.Beds.Add(new BedLine
            {
                Category = category, MaxCapacity = max, Occupied = occupied, VacantReserved = reserved,
                VacantAccepting = free - reserved - closed,
            });
        }
        r.AcceptingAdmissions = true;
        if (s.CurrentRating?.Overall == RatingWord.Inadequate)
        {
            r.AcceptingAdmissions = false;
            r.NotAcceptingReason = "Voluntary embargo while the home responds to CQC's inspection";
        }
    }

    private static void FillHours(CapacityReturn r, Service s, Random rng, List<Area> patches, Area south, DateTime now)
    {
        var covered = patches.Where((_, i) => (s.Id + i) % 3 != 0 || patches.Count == 1).ToList();
        if (covered.Count == 0) covered = [patches[s.Id % patches.Count]];
        r.PeopleSupported = rng.Next(15, 140);
        r.HoursDeliveredPerWeek = r.PeopleSupported * rng.Next(8, 15);
        foreach (var patch in covered)
        {
            foreach (var band in Enum.GetValues<TimeBand>())
            {
                // South patch has no carers free at all; mornings and bedtimes are scarce everywhere; nights are rare.
                var hours = patch.Id == south.Id ? 0 : band switch
                {
                    TimeBand.Morning => rng.Next(0, 3) * 3.5m,
                    TimeBand.Lunch => rng.Next(0, 6) * 3.5m,
                    TimeBand.Tea => rng.Next(0, 5) * 3.5m,
                    TimeBand.Bed => rng.Next(0, 3) * 3.5m,
                    _ => 0m,
                };
                r.Hours.Add(new HoursLine { AreaId = patch.Id, TimeBand = band, HoursAvailable = hours });
            }
        }
        r.HoursAvailablePerWeek = r.Hours.Sum(h => h.HoursAvailable);
        r.EarliestStart = r.HoursAvailablePerWeek > 0 ? DateOnly.FromDateTime(now).AddDays(rng.Next(1, 10)) : null;
    }

    private static void Staffing(CapacityReturn r, Service s, Random rng, CapacityKind kind)
    {
        var scale = kind == CapacityKind.Beds ? (s.RegisteredBeds ?? 20) : (r.PeopleSupported ?? 40);
        r.Nurses = s.ServiceType == ServiceType.CareHomeWithNursing ? Math.Max(2, scale / 8) : 0;
        r.CareStaff = Math.Max(4, (int)(scale * (kind == CapacityKind.Beds ? 1.1 : 0.6)));
        r.OtherStaff = Math.Max(1, scale / 6);
        r.AgencyStaff = rng.Next(0, Math.Max(1, scale / 10));
        r.BankStaff = rng.Next(0, 5);
        r.StaffAbsent = rng.Next(0, Math.Max(1, r.CareStaff.Value / 12));
    }
}
