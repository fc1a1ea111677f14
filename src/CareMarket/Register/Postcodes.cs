namespace CareMarket.Register;

/// <summary>UK postcodes: what providers may be told of a person is the district only ("SW1A"), never the whole.</summary>
public static class Postcodes
{
    /// <summary>The outward code: everything before the last three characters ("SW1A 1AA" → "SW1A").</summary>
    public static string District(string postcode)
    {
        var compact = postcode.Replace(" ", "").Trim().ToUpperInvariant();
        return compact.Length > 3 ? compact[..^3] : compact;
    }
}
