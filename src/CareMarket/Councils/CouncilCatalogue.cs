using System.Collections.Frozen;
using CareMarket.Files;

namespace CareMarket.Councils;

/// <summary>One council of the reference list (Councils/councils.csv; its sources are in Councils/README.md).</summary>
public sealed record CatalogueCouncil(
    string OnsCode, string? CassrCode, string Name, string CqcName, IReadOnlyList<string> OtherNames, string Region,
    DateOnly? BeganOn, DateOnly? CeasedOn, IReadOnlyList<string> SucceededBy)
{
    /// <summary>Still a council (not abolished in a reorganisation).</summary>
    public bool IsCurrent => CeasedOn is null;

    /// <summary>Every spelling a CQC record may use: the CQC name, the name and the others.</summary>
    public IEnumerable<string> Spellings() =>
        new[] { CqcName, Name }.Concat(OtherNames).Distinct(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// England's councils with adult social care responsibilities, shipped in the assembly: 153 current ones and those
/// that ceased since 2013, each with its successors. Read once; the list never changes while the app runs.
/// </summary>
public static class CouncilCatalogue
{
    public const string ResourceName = "CareMarket.Councils.councils.csv";

    /// <summary>England's nine regions, as ONS names them.</summary>
    public static readonly IReadOnlyList<string> Regions =
    [
        "North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands", "East of England",
        "London", "South East", "South West",
    ];

    private static readonly Lazy<IReadOnlyList<CatalogueCouncil>> List = new(Load);
    private static readonly Lazy<FrozenDictionary<string, CatalogueCouncil>> ByCode =
        new(() => List.Value.ToFrozenDictionary(c => c.OnsCode, StringComparer.OrdinalIgnoreCase));

    public static IReadOnlyList<CatalogueCouncil> All => List.Value;

    public static IEnumerable<CatalogueCouncil> Current => All.Where(c => c.IsCurrent);

    /// <summary>The council with this ONS code, or null.</summary>
    public static CatalogueCouncil? Find(string? onsCode) =>
        onsCode is null ? null : ByCode.Value.GetValueOrDefault(onsCode.Trim());

    /// <summary>
    /// The councils a mistyped code or name most likely meant, best first: a code or name that starts with what was
    /// typed, then contains it, then the nearest by edit distance. Current councils before ceased ones.
    /// </summary>
    public static IReadOnlyList<CatalogueCouncil> Closest(string typed, int take = 5)
    {
        var t = typed.Trim();
        if (t.Length == 0) return [];
        return All
            .Select(c => (Council: c, Score: Score(c, t)))
            .OrderBy(x => x.Score).ThenBy(x => x.Council.IsCurrent ? 0 : 1).ThenBy(x => x.Council.Name, StringComparer.Ordinal)
            .Take(take).Select(x => x.Council).ToList();
    }

    private static int Score(CatalogueCouncil c, string typed)
    {
        var best = int.MaxValue;
        foreach (var candidate in c.Spellings().Append(c.OnsCode))
        {
            var score = candidate.StartsWith(typed, StringComparison.OrdinalIgnoreCase) ? 0
                : candidate.Contains(typed, StringComparison.OrdinalIgnoreCase) ? 1
                : 2 + Distance(candidate.ToUpperInvariant(), typed.ToUpperInvariant());
            best = Math.Min(best, score);
        }
        return best;
    }

    /// <summary>Levenshtein distance: the fewest single-character edits from one to the other.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>Reads a list in the layout of councils.csv; an error names the line and column.</summary>
    internal static IReadOnlyList<CatalogueCouncil> Read(Stream stream, string file)
    {
        using var reader = new CsvTableReader(stream, file);
        var headerRow = reader.Read() ?? throw new ImportFileException(file, null, null, "the file is empty");
        var header = new Header(headerRow);
        reader.ColumnNames = header.Names;
        var binder = new ColumnBinder(file, header);
        int ons = binder.Required(new Col("ons_code")), cassr = binder.Required(new Col("cassr_code")),
            name = binder.Required(new Col("name")), cqc = binder.Required(new Col("cqc_name")),
            other = binder.Required(new Col("other_names")), region = binder.Required(new Col("region")),
            began = binder.Required(new Col("began_on")), ceased = binder.Required(new Col("ceased_on")),
            successors = binder.Required(new Col("succeeded_by"));
        binder.ThrowIfMissing();
        var cells = new RowCells(file, header, reader.RowsHaveAllColumns);
        var councils = new List<CatalogueCouncil>();
        while (reader.Read() is { } row)
        {
            cells.Load(row);
            councils.Add(new CatalogueCouncil(
                cells.Required(ons, 9), cells.Text(cassr, 5), cells.Required(name, 200), cells.Required(cqc, 200),
                Split(cells.Text(other, 500)), cells.Required(region, 100), cells.Date(began), cells.Date(ceased),
                Split(cells.Text(successors, 100))));
        }
        return councils;
    }

    private static string[] Split(string? cell) =>
        cell?.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    private static IReadOnlyList<CatalogueCouncil> Load()
    {
        using var stream = typeof(CouncilCatalogue).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The council list ({ResourceName}) is missing from the assembly.");
        return Read(stream, "councils.csv");
    }
}
