using System.Text.RegularExpressions;
using CareMarket.Register;

namespace CareMarket.Councils;

/// <summary>
/// A council's areas as the rules see them: a name, a kind and the postcode districts it covers. Localities place
/// services (a service's area follows its postcode district); homecare patches place hours and requests.
/// </summary>
public sealed record AreaDefinition(string Name, AreaKind Kind, IReadOnlyList<string> Districts);

/// <summary>Postcode districts and areas: pure rules, tested directly.</summary>
public static partial class AreaRules
{
    /// <summary>The most districts one area can hold (its column holds 500 characters, space separated).</summary>
    public const int MaxDistrictsLength = 500;

    // An outward code as Royal Mail writes it: one or two letters, a digit, then a digit or letter ("M1", "OL16", "SW1A").
    [GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]?$")]
    private static partial Regex OutwardCode();

    /// <summary>
    /// The district in its usual form ("ol16" → "OL16"), or null with the reason when it is not a postcode district.
    /// A whole postcode is refused rather than cut down: the file may hold the wrong column.
    /// </summary>
    public static (string? District, string? Problem) ParseDistrict(string text)
    {
        var t = text.Trim().ToUpperInvariant();
        if (t.Length == 0) return (null, "is empty; give a postcode district such as OL1");
        var compact = t.Replace(" ", "");
        if (OutwardCode().IsMatch(compact) && !t.Contains(' ')) return (compact, null);
        if (compact.Length > 4 && OutwardCode().IsMatch(compact[..^3]) && char.IsDigit(compact[^3]))
            return (null, $"\"{text.Trim()}\" is a whole postcode; give its district only ({compact[..^3]})");
        return (null, $"\"{text.Trim()}\" is not a postcode district (one or two letters, then one or two digits, as in OL1, OL16 or SW1A)");
    }

    /// <summary>The kind an areas file names: "locality", "patch" or "homecare patch" (and "ward"); null if none of them.</summary>
    public static AreaKind? ParseKind(string text) => text.Trim().ToLowerInvariant() switch
    {
        "locality" => AreaKind.Locality,
        "patch" or "homecare patch" or "homecare-patch" => AreaKind.HomecarePatch,
        "ward" => AreaKind.Ward,
        _ => null,
    };

    public static string Describe(AreaKind kind) => kind switch
    {
        AreaKind.Locality => "locality",
        AreaKind.HomecarePatch => "homecare patch",
        _ => "ward",
    };

    /// <summary>The districts an area holds, from its stored form ("OL1 OL2").</summary>
    public static string[] DistrictsOf(Area area) => area.PostcodeDistricts.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The locality a postcode falls in: the one of the council's localities that covers its district, or null when
    /// none does (or the postcode is missing). Patches and wards are not places for services.
    /// </summary>
    public static Area? LocalityFor(string? postcode, IEnumerable<Area> areas)
    {
        if (string.IsNullOrWhiteSpace(postcode)) return null;
        var district = Postcodes.District(postcode);
        return areas.Where(a => a.Kind == AreaKind.Locality)
            .FirstOrDefault(a => DistrictsOf(a).Contains(district, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Districts that two areas of the same kind both claim (a postcode would fall in two localities): each with
    /// the two areas, in name order. A district may be in a locality and a patch at once.
    /// </summary>
    public static IReadOnlyList<(string District, AreaKind Kind, string First, string Second)> Overlaps(IEnumerable<AreaDefinition> areas)
    {
        var found = new List<(string, AreaKind, string, string)>();
        foreach (var kind in areas.GroupBy(a => a.Kind))
        {
            var owner = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var area in kind.OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                foreach (var d in area.Districts)
                {
                    if (owner.TryGetValue(d, out var other) && other != area.Name) found.Add((d, kind.Key, other, area.Name));
                    else owner[d] = area.Name;
                }
            }
        }
        return found;
    }
}
