using CareMarket.Capacity;
using CareMarket.Register;

namespace CareMarket.Brokerage;

/// <summary>
/// An in-memory index over a snapshot of candidates (a national register, say), built once, that picks out for a
/// need only the candidates that could pass <see cref="Eligibility.Check(Need, Candidate)"/>'s type, place and
/// capacity tests, so <see cref="Ranking.Rank"/> screens tens or hundreds instead of tens of thousands.
/// <para>
/// It is a superset filter: <see cref="Rank"/> still hands what it finds to <see cref="Ranking.Rank"/>, which runs
/// every rule, so the ranked list is exactly the one ranking all the candidates gives. Candidates are bucketed by
/// service type and by a latitude/longitude grid cell (<see cref="CellDegrees"/>); candidates that can never be
/// eligible (suspended, rated Inadequate, a care home with no beds accepting, an hours-based service with no hours)
/// are left out at build time. Needs without a distance limit, or with a preferred area, are answered from the
/// type and area buckets instead, following the rules' own place test. Snapshots are immutable: rebuild on change.
/// </para>
/// </summary>
public sealed class CandidateIndex
{
    /// <summary>Grid cell size in degrees (0.25° is about 28 km north–south, 16–18 km east–west in England).</summary>
    public const double CellDegrees = 0.25;

    private const double EarthRadiusKm = 6371.0; // as Eligibility.Haversine

    private readonly Candidate[] _all;
    private readonly Dictionary<(ServiceType Type, int Row, int Col), int[]> _byCell;
    private readonly Dictionary<ServiceType, int[]> _byType;
    private readonly Dictionary<(ServiceType Type, int Area), int[]> _byArea;

    public CandidateIndex(IEnumerable<Candidate> candidates)
    {
        _all = candidates.ToArray();
        var byCell = new Dictionary<(ServiceType, int, int), List<int>>();
        var byType = new Dictionary<ServiceType, List<int>>();
        var byArea = new Dictionary<(ServiceType, int), List<int>>();
        for (var i = 0; i < _all.Length; i++)
        {
            var c = _all[i];
            if (!CouldEverBeEligible(c)) continue;
            Add(byType, c.Type, i);
            if (c.AreaId is { } area) Add(byArea, (c.Type, area), i);
            if (c.Latitude is { } lat && c.Longitude is { } lon) Add(byCell, (c.Type, Cell(lat), Cell(lon)), i);
        }
        _byCell = byCell.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        _byType = byType.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        _byArea = byArea.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        Indexed = _byType.Values.Sum(v => v.Length);
    }

    /// <summary>All candidates given, in their order.</summary>
    public IReadOnlyList<Candidate> All => _all;

    /// <summary>How many candidates are kept in the buckets (the rest can never be eligible).</summary>
    public int Indexed { get; }

    /// <summary>Ranks the candidates for a need: the same list as <c>Ranking.Rank(need, All, weights, shares)</c>.</summary>
    public IReadOnlyList<RankedCandidate> Rank(Need need, Weights weights, FairnessShares shares) =>
        Ranking.Rank(need, Nearby(need), weights, shares);

    /// <summary>
    /// The candidates that might be eligible for the need, in their original order: a superset of those that are.
    /// </summary>
    public IReadOnlyList<Candidate> Nearby(Need need)
    {
        var hasLimit = need.MaxDistanceKm is not null && need.Latitude is not null && need.Longitude is not null;
        var picked = new List<int>();
        foreach (var type in need.AcceptableTypes.Distinct())
        {
            if (need.PreferredAreaId is { } area)
            {
                // Homecare and reablement pass the place test by the person's patch, wherever their office is.
                if (type is ServiceType.Homecare or ServiceType.Reablement)
                {
                    AddAll(picked, _byType, type);
                    continue;
                }
                AddAll(picked, _byArea, (type, area));
            }
            else if (!hasLimit)
            {
                AddAll(picked, _byType, type); // no place test at all
                continue;
            }
            if (hasLimit) AddWithin(picked, type, need.Latitude!.Value, need.Longitude!.Value, need.MaxDistanceKm!.Value);
        }
        picked.Sort();
        var result = new List<Candidate>(picked.Count);
        var last = -1;
        foreach (var i in picked)
        {
            if (i == last) continue; // in the area bucket and a nearby cell
            result.Add(_all[i]);
            last = i;
        }
        return result;
    }

    /// <summary>Adds candidates of the type in every grid cell that meets the circle of radius km round the point.</summary>
    private void AddWithin(List<int> picked, ServiceType type, double lat, double lon, double km)
    {
        if (km < 0) return;
        // Bounding box of a spherical cap (angular radius r): latitude ± r; longitude ± asin(sin r / cos lat).
        var r = km / EarthRadiusKm;
        var dLat = r * 180.0 / Math.PI + 1e-9;
        var minLat = lat - dLat;
        var maxLat = lat + dLat;
        var cosLat = Math.Cos(lat * Math.PI / 180.0);
        var ratio = cosLat <= 0 ? 2.0 : Math.Sin(Math.Min(r, Math.PI / 2)) / cosLat;
        if (maxLat >= 90 || minLat <= -90 || r >= Math.PI / 2 || ratio >= 1.0)
        {
            AddAll(picked, _byType, type); // near a pole or a continental radius: not worth being clever
            return;
        }
        var dLon = Math.Asin(ratio) * 180.0 / Math.PI + 1e-9;
        var minLon = lon - dLon;
        var maxLon = lon + dLon;
        if (minLon < -180 || maxLon > 180)
        {
            AddAll(picked, _byType, type); // across the antimeridian
            return;
        }
        for (var row = Cell(minLat); row <= Cell(maxLat); row++)
            for (var col = Cell(minLon); col <= Cell(maxLon); col++)
                AddAll(picked, _byCell, (type, row, col));
    }

    /// <summary>
    /// False only for candidates every need refuses: suspended, rated Inadequate, a care home with no bed accepting,
    /// or an hours-based service with no hours. (Respite is bed-based only when the need names a bed category.)
    /// </summary>
    private static bool CouldEverBeEligible(Candidate c)
    {
        if (c.Suspended || c.Rating == RatingWord.Inadequate) return false;
        if (c.Type is ServiceType.CareHomeWithNursing or ServiceType.CareHomeWithoutNursing) return c.BedsAccepting > 0;
        if (Eligibility.IsHoursBased(c.Type)) return c.HoursAvailable > 0;
        return true;
    }

    private static int Cell(double degrees) => (int)Math.Floor(degrees / CellDegrees);

    private static void Add<TKey>(Dictionary<TKey, List<int>> buckets, TKey key, int i) where TKey : notnull
    {
        if (!buckets.TryGetValue(key, out var list)) buckets[key] = list = [];
        list.Add(i);
    }

    private static void AddAll<TKey>(List<int> picked, Dictionary<TKey, int[]> buckets, TKey key) where TKey : notnull
    {
        if (buckets.TryGetValue(key, out var ids)) picked.AddRange(ids);
    }
}
