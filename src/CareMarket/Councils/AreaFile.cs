using CareMarket.Files;
using CareMarket.Register;

namespace CareMarket.Councils;

/// <summary>
/// A council's areas as a CSV: <c>area,kind,district</c>, one row per postcode district of an area. Read whole and
/// checked before anything is written: an unknown kind, a malformed district, an area given two kinds, a row given
/// twice, or a district in two areas of the same kind (in the file, or in one of the council's areas the file leaves
/// as it is) is refused with its row and column.
/// </summary>
public static class AreaFile
{
    private static readonly Col AreaCol = new("area", "area name", "name");
    private static readonly Col KindCol = new("kind", "type");
    private static readonly Col DistrictCol = new("district", "postcode district");

    /// <summary>
    /// The areas the file defines, in the order it names them. <paramref name="kept"/> are the council's areas the file
    /// does not name (an area the file names is replaced by it): a file district already in one of them is refused.
    /// </summary>
    public static IReadOnlyList<AreaDefinition> Read(Stream stream, string file, IReadOnlyList<AreaDefinition>? kept = null)
    {
        using var reader = new CsvTableReader(stream, file);
        var headerRow = reader.Read() ?? throw new ImportFileException(file, null, null, "the file is empty; its first row is area,kind,district");
        var header = new Header(headerRow);
        reader.ColumnNames = header.Names;
        var binder = new ColumnBinder(file, header, "; the first row must be area,kind,district");
        int areaAt = binder.Required(AreaCol), kindAt = binder.Required(KindCol), districtAt = binder.Required(DistrictCol);
        binder.ThrowIfMissing();

        var cells = new RowCells(file, header, reader.RowsHaveAllColumns);
        var areas = new Dictionary<string, (AreaKind Kind, int Row, List<string> Districts)>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        // Where each district was first claimed in the file, per kind, to name both rows when two areas claim it.
        var claimed = new Dictionary<(AreaKind, string), (string Area, int Row)>();
        var rows = new List<(int Row, string Area, AreaKind Kind, string District)>();
        while (reader.Read() is { } row)
        {
            cells.Load(row);
            var name = cells.Required(areaAt, 200);
            var kindText = cells.Required(kindAt, 40);
            var kind = AreaRules.ParseKind(kindText)
                ?? throw cells.Error(kindAt, $"\"{kindText}\" is not a kind of area; use locality, patch (or homecare patch), or ward");
            var (district, problem) = AreaRules.ParseDistrict(cells.Raw(districtAt));
            if (district is null) throw cells.Error(districtAt, problem!);

            if (areas.TryGetValue(name, out var known))
            {
                if (known.Kind != kind)
                {
                    throw cells.Error(kindAt,
                        $"\"{name}\" is a {AreaRules.Describe(known.Kind)} at row {known.Row} and a {AreaRules.Describe(kind)} here; give a patch a name of its own (such as \"{name} patch\")");
                }
                if (known.Districts.Contains(district)) throw cells.Error(districtAt, $"{district} is given for \"{name}\" twice");
            }
            else
            {
                known = (kind, cells.Row, []);
                areas[name] = known;
                order.Add(name);
            }
            if (claimed.TryGetValue((kind, district), out var first))
            {
                throw cells.Error(districtAt,
                    $"{district} is already in the {AreaRules.Describe(kind)} \"{first.Area}\" (row {first.Row}); a postcode district is in one {AreaRules.Describe(kind)} only");
            }
            claimed[(kind, district)] = (name, cells.Row);
            known.Districts.Add(district);
            if (string.Join(' ', known.Districts).Length > AreaRules.MaxDistrictsLength)
                throw cells.Error(districtAt, $"\"{name}\" has more districts than an area holds ({AreaRules.MaxDistrictsLength} characters); split it in two");
            rows.Add((cells.Row, name, kind, district));
        }
        if (order.Count == 0) throw new ImportFileException(file, null, null, "the file has a header but no areas");

        // The council's other areas stay as they are, so a district they hold cannot join a file area of their kind.
        foreach (var other in (kept ?? []).Where(k => !areas.ContainsKey(k.Name)))
        {
            var clash = rows.FirstOrDefault(r => r.Kind == other.Kind && other.Districts.Contains(r.District, StringComparer.OrdinalIgnoreCase));
            if (clash.Area is not null)
            {
                throw new ImportFileException(file, clash.Row, header.Names[districtAt],
                    $"{clash.District} is in the council's {AreaRules.Describe(other.Kind)} \"{other.Name}\", which this file does not change; add \"{other.Name}\" to the file without {clash.District}, or leave {clash.District} out");
            }
        }
        return order.Select(n => new AreaDefinition(n, areas[n].Kind, areas[n].Districts)).ToList();
    }
}
