using CareMarket.Capacity;
using CareMarket.Register;
using static System.FormattableString;

namespace CareMarket.Brokerage;

/// <summary>
/// What a person's assessed needs ask of a service, as brokerage matches it. Anonymous on purpose: no person in it.
/// </summary>
/// <param name="AcceptableTypes">Service types that could meet the need (e.g. residential or nursing home).</param>
/// <param name="Specialisms">Every specialism the person needs; a service must have all of them.</param>
/// <param name="BedCategory">Care homes: the category of bed needed.</param>
/// <param name="HoursPerWeek">Homecare and other hours-based support: hours a week needed.</param>
/// <param name="TimeBands">Homecare: the times of day visits are needed.</param>
/// <param name="PreferredAreaId">The council's area or patch the person wants (usually home).</param>
/// <param name="Latitude">Centroid of the person's area (never the person's address).</param>
/// <param name="Longitude">Centroid of the person's area.</param>
/// <param name="MaxDistanceKm">Straight-line distance limit from the centroid; null means the area alone decides.</param>
/// <param name="CurrentServiceId">The service the person already uses, for continuity.</param>
/// <param name="WantedStart">When care should start; an offer starting later loses points.</param>
public sealed record Need(
    ServiceType[] AcceptableTypes,
    Specialism Specialisms,
    BedCategory? BedCategory,
    decimal? HoursPerWeek,
    TimeBand[] TimeBands,
    int? PreferredAreaId,
    double? Latitude,
    double? Longitude,
    double? MaxDistanceKm,
    int? CurrentServiceId,
    DateOnly? WantedStart = null);

/// <summary>A service as brokerage sees it when matching: register facts, quality, capacity now and price.</summary>
/// <param name="Suspended">Suspended or embargoed by the council (safeguarding, contract default): no new placements.</param>
/// <param name="Rating">Current CQC overall rating; null when not yet rated.</param>
/// <param name="AuditScore">The council's own quality audit, 0–100; null when there is none.</param>
/// <param name="BedsAccepting">Care homes: vacant beds accepting admissions in the needed bed category.</param>
/// <param name="HoursAvailable">
/// Hours-based services: usable hours a week in the person's patch and time bands (see <see cref="Eligibility.UsableHours"/>).
/// </param>
/// <param name="WeeklyPrice">Price band or usual weekly fee; an offer's price replaces it.</param>
/// <param name="EarliestStart">When the service could start (from its capacity return, or an offer's start date).</param>
/// <param name="Capacity">
/// How far its capacity figures can be trusted: fresh (a return within the council's staleness setting, or a type that
/// makes no returns), stale, or never reported. Only fresh figures are "room now".
/// </param>
/// <param name="LastReturnDays">Whole days since its latest capacity return; null when it has none.</param>
/// <param name="Dormant">CQC records the location as dormant (registered, not providing care at present).</param>
public sealed record Candidate(
    int ServiceId,
    int ProviderId,
    string Name,
    ServiceType Type,
    Specialism Specialisms,
    int? AreaId,
    double? Latitude,
    double? Longitude,
    RatingWord? Rating,
    int? AuditScore,
    bool Suspended,
    int BedsAccepting,
    decimal HoursAvailable,
    decimal? WeeklyPrice,
    DateOnly? EarliestStart = null,
    Freshness Capacity = Freshness.Fresh,
    int? LastReturnDays = null,
    bool Dormant = false)
{
    /// <summary>Its capacity figures say what it has now (see <see cref="Capacity"/>).</summary>
    public bool CapacityKnown => Capacity == Freshness.Fresh;
}

/// <summary>
/// Whether the council places with services rated Inadequate (its setting), and the broker's reason for this one.
/// Accepted only when both: the reason is then recorded with the invitation or the placement, and so in the audit.
/// </summary>
public sealed record InadequatePlacement(bool Allowed, string? Reason)
{
    /// <summary>The field a broker gives the reason in (page and API).</summary>
    public const string Field = "InadequateReason";

    public static readonly InadequatePlacement Refused = new(false, null);

    public bool Accepted => Allowed && !string.IsNullOrWhiteSpace(Reason);

    /// <summary>The reason to record: only when it was needed and accepted.</summary>
    public string? ReasonFor(RatingWord? rating) => rating == RatingWord.Inadequate && Accepted ? Reason!.Trim() : null;
}

/// <summary>A candidate brokerage cannot use for this need, and why.</summary>
public sealed record Ineligible(Candidate Candidate, Decision.Refused Reason);

/// <summary>Candidates split into those that can meet the need and those that cannot, with the reason for each.</summary>
public sealed record Screening(IReadOnlyList<Candidate> Eligible, IReadOnlyList<Ineligible> Ineligible);

/// <summary>
/// Whether a service can be offered a person's care. A care act duty is to meet assessed needs safely, so the tests
/// are hard limits, not preferences: preferences are for <see cref="Ranking"/>.
/// </summary>
public static class Eligibility
{
    /// <summary>
    /// Checks one candidate against a need, in this order, and gives the first reason it fails:
    /// right service type; not suspended or embargoed; every specialism needed; the kind of bed (a nursing bed only
    /// in a care home with nursing); not rated Inadequate; within the preferred area or the distance limit; capacity
    /// now. A service whose capacity is not known (<see cref="Candidate.CapacityKnown"/>: its return is out of date,
    /// or it never sent one) is not refused for capacity: the broker is told, and <see cref="Ranking"/> puts it below
    /// those whose figures are fresh. A dormant service has no room now.
    /// </summary>
    public static Decision Check(Need need, Candidate c) => Check(need, c, capacityKnownFromOffer: false, inadequateAccepted: false);

    /// <summary>
    /// Checks a candidate that has made an offer: as <see cref="Check(Need, Candidate)"/> but without the capacity
    /// test, because the offer is the provider's own word that it can meet the need now (capacity returns lag; the
    /// award checks and takes the capacity).
    /// </summary>
    public static Decision CheckOffer(Need need, Candidate c) => Check(need, c, capacityKnownFromOffer: true, inadequateAccepted: false);

    /// <summary>
    /// What the server checks when a request is sent to a service, offered for or awarded: everything
    /// <see cref="CheckOffer"/> checks (not capacity: returns lag, and the award takes the bed or hours or is refused).
    /// A service rated Inadequate is refused unless <paramref name="inadequate"/> says the council allows it and a
    /// reason is given: then the reason is the one to record.
    /// </summary>
    public static Decision CheckToPlace(Need need, Candidate c, InadequatePlacement inadequate)
    {
        var decision = Check(need, c, capacityKnownFromOffer: true, inadequateAccepted: inadequate.Accepted);
        if (decision is Decision.Refused { Field: "Rating" } && inadequate.Allowed)
            return new Decision.Refused(InadequatePlacement.Field, $"{c.Name} is rated Inadequate by CQC: say why the person should be placed there");
        return decision;
    }

    /// <summary>Splits candidates into eligible and ineligible (with reasons), keeping their order.</summary>
    public static Screening Screen(Need need, IEnumerable<Candidate> candidates)
    {
        var eligible = new List<Candidate>();
        var ineligible = new List<Ineligible>();
        foreach (var c in candidates)
        {
            if (Check(need, c) is Decision.Refused refused) ineligible.Add(new(c, refused));
            else eligible.Add(c);
        }
        return new(eligible, ineligible);
    }

    private static Decision Check(Need need, Candidate c, bool capacityKnownFromOffer, bool inadequateAccepted)
    {
        if (!need.AcceptableTypes.Contains(c.Type))
        {
            var wanted = string.Join(" or ", need.AcceptableTypes.Select(RegisterWords.Of).Select(w => w.ToLowerInvariant()));
            return new Decision.Refused("ServiceType",
                $"{RegisterWords.Of(c.Type)} is not a type of service that meets this need" + (wanted.Length > 0 ? $" ({wanted} needed)" : ""));
        }
        // A suspension is the first thing a broker must know of a service of the right type, whatever else it lacks.
        if (c.Suspended)
            return new Decision.Refused("Suspended", "Suspended or embargoed: the council is not placing new people here");
        var missing = need.Specialisms & ~c.Specialisms;
        if (missing != Specialism.None)
            return new Decision.Refused("Specialisms", $"Does not offer care for: {RegisterWords.List(missing).ToLowerInvariant()}");
        // Registration decides who may give nursing care: a care home without nursing cannot take a nursing bed's person.
        if (need.BedCategory is BedCategory.Nursing or BedCategory.DementiaNursing && IsBedBased(c.Type) && c.Type != ServiceType.CareHomeWithNursing)
            return new Decision.Refused("BedCategory", $"{RegisterWords.Of(c.Type)} cannot take a person who needs a {CapacityWords.Of(need.BedCategory.Value).ToLowerInvariant()} bed");
        if (c.Rating == RatingWord.Inadequate && !inadequateAccepted)
            return new Decision.Refused("Rating", "Rated Inadequate by CQC");
        if (Place(need, c) is Decision.Refused place) return place;
        if (capacityKnownFromOffer) return Decision.Ok;
        if (c.Dormant && (IsBedBased(c.Type) || IsHoursBased(c.Type)))
            return new Decision.Refused("Capacity", "Dormant: CQC records it as not providing care at present, so it has no room now");
        if (c.CapacityKnown && Capacity(need, c) is Decision.Refused capacity) return capacity;
        return Decision.Ok;
    }

    /// <summary>
    /// Why a service's capacity is not known, in a broker's words: "capacity not known (last return 12 days ago)";
    /// null when its figures are fresh.
    /// </summary>
    public static string? CapacityNotKnown(Candidate c) => c.Capacity switch
    {
        Freshness.Fresh => null,
        Freshness.Stale => $"capacity not known (last return {c.LastReturnDays} day{(c.LastReturnDays == 1 ? "" : "s")} ago)",
        _ => "capacity not known (no capacity return)",
    };

    /// <summary>
    /// Care homes (and respite) are measured in beds; homecare, supported living, extra care and reablement in hours a
    /// week: capacity's one rule (<see cref="CapacityReports.KindOf(bool, ServiceType)"/>).
    /// </summary>
    public static bool IsBedBased(ServiceType type) => CapacityReports.KindOf(false, type) == CapacityKind.Beds;

    /// <inheritdoc cref="IsBedBased"/>
    public static bool IsHoursBased(ServiceType type) => CapacityReports.KindOf(false, type) == CapacityKind.Hours;

    /// <summary>Care delivered in the person's own home: the patch it works in matters, not where its office is.</summary>
    private static bool DeliveredAtHome(ServiceType type) => type is ServiceType.Homecare or ServiceType.Reablement;

    /// <summary>
    /// Within the preferred area, or within the distance limit by straight line from the person's area centroid.
    /// A service with no coordinates can only be eligible by area. A need that names neither an area nor a limit
    /// has no place test. Homecare and reablement go to the person, so with a preferred area their place test is
    /// their capacity in that patch (the candidate's hours are counted in the person's patch only).
    /// </summary>
    private static Decision Place(Need need, Candidate c)
    {
        var hasLimit = need.MaxDistanceKm is not null && need.Latitude is not null && need.Longitude is not null;
        if (need.PreferredAreaId is null && !hasLimit) return Decision.Ok;
        if (need.PreferredAreaId is { } area && (c.AreaId == area || DeliveredAtHome(c.Type))) return Decision.Ok;
        if (hasLimit && DistanceKm(need, c) is { } km)
        {
            return km <= need.MaxDistanceKm
                ? Decision.Ok
                : new Decision.Refused("Distance", Invariant($"{km:0.0} km away, beyond the {need.MaxDistanceKm:0.#} km limit"));
        }
        if (hasLimit)
            return new Decision.Refused("Distance", "Outside the preferred area, and the register has no location for it to measure the distance");
        return new Decision.Refused("Area", "Outside the preferred area");
    }

    /// <summary>
    /// Capacity now. Care homes: at least one vacant bed accepting admissions in the needed category.
    /// Hours-based services: usable hours (see <see cref="UsableHours"/>) at least the hours a week needed, or any
    /// usable hours when the need gives no hours yet. Other types (day opportunities, shared lives, advocacy…) make
    /// no capacity returns, so there is nothing to test: the offer is where the provider confirms it.
    /// </summary>
    private static Decision Capacity(Need need, Candidate c)
    {
        if (IsBedBased(c.Type))
        {
            var category = need.BedCategory is { } b ? CapacityWords.Of(b).ToLowerInvariant() + " " : "";
            return c.BedsAccepting > 0
                ? Decision.Ok
                : new Decision.Refused("Capacity", $"No {category}beds accepting admissions now");
        }
        if (IsHoursBased(c.Type))
        {
            var needed = need.HoursPerWeek ?? 0m;
            if (c.HoursAvailable <= 0)
                return new Decision.Refused("Capacity", "No hours available now in the person's patch and times of day");
            return c.HoursAvailable >= needed
                ? Decision.Ok
                : new Decision.Refused("Capacity", Invariant($"Only {c.HoursAvailable:0.#} hours a week available of the {needed:0.#} needed"));
        }
        return Decision.Ok;
    }

    /// <summary>
    /// Hours a week a homecare service can really take on for this need: the sum of its available hours in the
    /// person's patch over the time bands needed; but 0 when any needed band has no hours there, since a package
    /// with morning and bed visits cannot be met by morning hours alone. With no patch given, every patch counts.
    /// With no bands given, every band counts.
    /// </summary>
    public static decimal UsableHours(IEnumerable<HoursLine> lines, int? areaId, IReadOnlyCollection<TimeBand> bands)
    {
        var byBand = lines
            .Where(l => areaId is null || l.AreaId == areaId)
            .Where(l => bands.Count == 0 || bands.Contains(l.TimeBand))
            .GroupBy(l => l.TimeBand)
            .ToDictionary(g => g.Key, g => g.Sum(l => Math.Max(0m, l.HoursAvailable)));
        if (bands.Any(b => byBand.GetValueOrDefault(b) <= 0)) return 0m;
        return byBand.Values.Sum();
    }

    /// <summary>Straight-line distance from the person's area centroid; null when either end has no coordinates.</summary>
    public static double? DistanceKm(Need need, Candidate c) =>
        need.Latitude is { } lat1 && need.Longitude is { } lon1 && c.Latitude is { } lat2 && c.Longitude is { } lon2
            ? Haversine(lat1, lon1, lat2, lon2)
            : null;

    /// <summary>Great-circle distance in km (haversine, mean Earth radius 6,371 km): near enough for travel in a county.</summary>
    public static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double radiusKm = 6371.0;
        static double Rad(double degrees) => degrees * Math.PI / 180.0;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * radiusKm * Math.Asin(Math.Min(1.0, Math.Sqrt(a)));
    }
}
