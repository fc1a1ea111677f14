namespace CareMarket.Capacity;

public enum Freshness { Fresh, Stale, NeverReported }

/// <summary>The arithmetic of capacity, as small rules with their own tests.</summary>
public static class CapacityRules
{
    /// <summary>
    /// A bed line is possible: no negative numbers, and occupied + vacant (reserved and accepting) beds cannot be more
    /// than the maximum capacity. Fewer is allowed: beds can be closed (refurbishment, staffing), as the Capacity
    /// Tracker allows.
    /// </summary>
    public static IEnumerable<FieldError> Check(BedLine line, string prefix = "")
    {
        var name = CapacityWords.Of(line.Category);
        if (line.MaxCapacity < 0) yield return new($"{prefix}MaxCapacity", $"{name}: maximum capacity cannot be negative");
        if (line.Occupied < 0) yield return new($"{prefix}Occupied", $"{name}: occupied beds cannot be negative");
        if (line.VacantReserved < 0) yield return new($"{prefix}VacantReserved", $"{name}: reserved vacant beds cannot be negative");
        if (line.VacantAccepting < 0) yield return new($"{prefix}VacantAccepting", $"{name}: vacant beds accepting admissions cannot be negative");
        var used = line.Occupied + line.VacantReserved + line.VacantAccepting;
        if (line.MaxCapacity >= 0 && used > line.MaxCapacity)
        {
            yield return new($"{prefix}Occupied",
                $"{name}: occupied and vacant beds ({used}) cannot be more than the maximum capacity ({line.MaxCapacity})");
        }
    }

    /// <summary>Checks a whole return: its bed lines, hours and staffing.</summary>
    public static List<FieldError> Check(CapacityReturn r, DateOnly today)
    {
        var errors = new List<FieldError>();
        foreach (var line in r.Beds) errors.AddRange(Check(line, $"Beds[{line.Category}]."));
        foreach (var dup in r.Beds.GroupBy(b => b.Category).Where(g => g.Count() > 1))
            errors.Add(new("Beds", $"{CapacityWords.Of(dup.Key)} is given more than once"));
        foreach (var dup in r.Hours.GroupBy(h => (h.AreaId, h.TimeBand)).Where(g => g.Count() > 1))
            errors.Add(new("Hours", $"{dup.Key.TimeBand} hours are given more than once for the same patch"));
        if (r.Hours.Any(h => h.HoursAvailable < 0)) errors.Add(new("Hours", "Hours available cannot be negative"));
        if (r.Hours.Any(h => h.HoursAvailable > 10_000)) errors.Add(new("Hours", "Hours available in one patch and time band must be 10,000 or fewer a week"));
        void NotNegative(decimal? value, string field, string label)
        {
            if (value < 0) errors.Add(new(field, $"{label} cannot be negative"));
        }
        NotNegative(r.PeopleSupported, nameof(r.PeopleSupported), "People supported");
        NotNegative(r.HoursDeliveredPerWeek, nameof(r.HoursDeliveredPerWeek), "Hours delivered a week");
        NotNegative(r.HoursAvailablePerWeek, nameof(r.HoursAvailablePerWeek), "Hours available a week");
        NotNegative(r.Nurses, nameof(r.Nurses), "Nurses");
        NotNegative(r.CareStaff, nameof(r.CareStaff), "Care staff");
        NotNegative(r.OtherStaff, nameof(r.OtherStaff), "Other staff");
        NotNegative(r.AgencyStaff, nameof(r.AgencyStaff), "Agency staff");
        NotNegative(r.BankStaff, nameof(r.BankStaff), "Bank staff");
        NotNegative(r.StaffAbsent, nameof(r.StaffAbsent), "Staff absent");
        if (r.StaffAbsent > (r.Nurses ?? 0) + (r.CareStaff ?? 0) + (r.OtherStaff ?? 0) && (r.Nurses ?? r.CareStaff ?? r.OtherStaff) is not null)
            errors.Add(new(nameof(r.StaffAbsent), "Staff absent cannot be more than the staff employed"));
        if (r.EarliestStart is { } start && start < today)
            errors.Add(new(nameof(r.EarliestStart), "The earliest start date must be today or in the future"));
        if (r.AcceptingAdmissions == false && string.IsNullOrWhiteSpace(r.NotAcceptingReason))
            errors.Add(new(nameof(r.NotAcceptingReason), "Say why the home is not accepting admissions"));
        if (r.NotAcceptingReason is { Length: > 500 })
            errors.Add(new(nameof(r.NotAcceptingReason), "The reason must be 500 characters or fewer"));
        return errors;
    }

    /// <summary>Share of beds occupied: occupied over maximum capacity; null when there are no beds.</summary>
    public static double? Occupancy(IEnumerable<BedLine> lines)
    {
        var max = 0;
        var occupied = 0;
        foreach (var l in lines)
        {
            max += l.MaxCapacity;
            occupied += l.Occupied;
        }
        return max == 0 ? null : (double)occupied / max;
    }

    /// <summary>
    /// Beds a broker can place into now: vacant accepting admissions, unless the home said it is not accepting
    /// admissions at all (then none, whatever the line says).
    /// </summary>
    public static int AcceptingVacancies(bool? acceptingAdmissions, BedLine line) =>
        acceptingAdmissions == false ? 0 : Math.Max(0, line.VacantAccepting);

    /// <summary>
    /// Occupancy by service type at the end of each of the last weeks, from each home's latest return at that moment.
    /// A return older than the look-back says nothing about that week and is left out.
    /// </summary>
    public static List<TrendPoint> OccupancyTrend(IReadOnlyList<ReturnTotal> returns, DateTime at, int weeks, int lookbackDays)
    {
        // Each service's returns in time order, sorted once; each week's end then finds the latest by binary search
        // (a county's quarter is some ten thousand returns, and the overview is drawn on every visit).
        var histories = returns.GroupBy(r => r.ServiceId)
            .Select(g => g.OrderBy(r => r.ReportedAt).ThenBy(r => r.Id).ToArray()).ToList();
        var points = new List<TrendPoint>();
        for (var w = weeks - 1; w >= 0; w--)
        {
            var end = at.AddDays(-7 * w);
            var from = end.AddDays(-lookbackDays);
            var current = new List<ReturnTotal>(histories.Count);
            foreach (var history in histories)
            {
                if (LastAtOrBefore(history, end) is { } latest && latest.ReportedAt > from) current.Add(latest);
            }
            foreach (var type in current.GroupBy(r => r.ServiceType).OrderBy(g => g.Key))
            {
                var max = type.Sum(r => r.MaxCapacity);
                points.Add(new TrendPoint(DateOnly.FromDateTime(end), type.Key, max == 0 ? null : (double)type.Sum(r => r.Occupied) / max, type.Count()));
            }
        }
        return points;
    }

    /// <summary>The last of a time-ordered history reported at or before a moment (the later written of a tie).</summary>
    private static ReturnTotal? LastAtOrBefore(ReturnTotal[] history, DateTime end)
    {
        int lo = 0, hi = history.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (history[mid].ReportedAt <= end) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found < 0 ? null : history[found];
    }

    /// <summary>A return is stale when older than the council's threshold; a service that never reported is its own case.</summary>
    public static Freshness FreshnessOf(DateTime? reportedAt, DateTime now, int staleAfterDays) =>
        reportedAt is not { } at ? Freshness.NeverReported
        : now - at > TimeSpan.FromDays(staleAfterDays) ? Freshness.Stale
        : Freshness.Fresh;

    /// <summary>
    /// The return in force for each service at a moment: the latest reported at or before it. Used for "now", for the
    /// trend, and for the evidence pack ("as at 31 March").
    /// </summary>
    public static Dictionary<int, CapacityReturn> LatestAsAt(IEnumerable<CapacityReturn> returns, DateTime at) =>
        returns.Where(r => r.ReportedAt <= at)
            .GroupBy(r => r.ServiceId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id).First());

    /// <summary>The age of a figure in words: "today", "3 days ago", "5 weeks ago".</summary>
    public static string Age(DateTime reportedAt, DateTime now)
    {
        var days = (int)Math.Floor((now - reportedAt).TotalDays);
        return days switch
        {
            <= 0 => "today",
            1 => "yesterday",
            < 14 => $"{days} days ago",
            < 62 => $"{days / 7} weeks ago",
            _ => $"{days / 30} months ago",
        };
    }
}

public static class CapacityWords
{
    public static string Of(BedCategory category) => category switch
    {
        BedCategory.Residential => "Residential",
        BedCategory.Nursing => "Nursing",
        BedCategory.DementiaResidential => "Dementia residential",
        BedCategory.DementiaNursing => "Dementia nursing",
        BedCategory.RespiteShortStay => "Respite / short stay",
        _ => category.ToString(),
    };

    public static string Of(TimeBand band) => band switch
    {
        TimeBand.Morning => "Morning",
        TimeBand.Lunch => "Lunch",
        TimeBand.Tea => "Tea",
        TimeBand.Bed => "Bed",
        _ => "Night",
    };

    public static string Of(Freshness freshness) => freshness switch
    {
        Freshness.Fresh => "Up to date",
        Freshness.Stale => "Out of date",
        _ => "Never reported",
    };
}
