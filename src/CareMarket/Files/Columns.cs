using System.Globalization;
using CareMarket.Register;

namespace CareMarket.Files;

/// <summary>A column CareMarket reads, by its header name in the published file and the other names it has had.</summary>
internal sealed record Col(string Name, params string[] Variants);

/// <summary>
/// A header row: finds columns by name, trimmed, ignoring case, spaces and punctuation
/// ("Service / Population Group" = "Service/Population group").
/// </summary>
internal sealed class Header
{
    private readonly Dictionary<string, int> byKey = [];

    public Header(TableRow row)
    {
        Row = row.Number;
        Names = row.Cells.Select(c => c.Trim()).ToArray();
        for (var i = 0; i < Names.Length; i++)
        {
            if (Names[i].Length > 0) byKey.TryAdd(TextKey.Of(Names[i]), i);
        }
    }

    public int Row { get; }
    public string[] Names { get; }

    public int Find(Col col)
    {
        if (byKey.TryGetValue(TextKey.Of(col.Name), out var i)) return i;
        foreach (var v in col.Variants)
        {
            if (byKey.TryGetValue(TextKey.Of(v), out i)) return i;
        }
        return -1;
    }

    public bool Has(Col col) => Find(col) >= 0;

    /// <summary>The wide Y/N columns "Prefix - Name": their index and Name.</summary>
    public IReadOnlyList<(int Index, string Name)> WithPrefix(string prefix)
    {
        var found = new List<(int, string)>();
        for (var i = 0; i < Names.Length; i++)
        {
            var n = Names[i];
            if (!n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            var rest = n[prefix.Length..].TrimStart();
            if (rest.Length == 0 || rest[0] is not ('-' or '–' or '—')) continue;
            var name = rest[1..].Trim();
            if (name.Length > 0) found.Add((i, name));
        }
        return found;
    }
}

/// <summary>Finds the columns a parser needs, collecting every missing one before failing.</summary>
internal sealed class ColumnBinder(string file, Header header, string? hint = null)
{
    private readonly List<string> missing = [];

    public int Required(Col col)
    {
        var i = header.Find(col);
        if (i < 0) missing.Add(col.Name);
        return i;
    }

    public static int Optional(Header header, Col col) => header.Find(col);

    public IReadOnlyList<(int Index, string Name)> RequiredPrefix(string prefix)
    {
        var found = header.WithPrefix(prefix);
        if (found.Count == 0) missing.Add($"{prefix} - …");
        return found;
    }

    public void ThrowIfMissing()
    {
        if (missing.Count == 0) return;
        var others = missing.Count > 1 ? $" (also missing: {string.Join(", ", missing.Skip(1).Select(m => $"\"{m}\""))})" : "";
        throw new ImportFileException(file, header.Row, missing[0],
            $"this required column is missing from the header{others}; a column may have been renamed{hint}");
    }
}

/// <summary>The cells of one data row, read and checked: every error names the file, row and column.</summary>
internal sealed class RowCells(string file, Header header, bool rowsHaveAllColumns)
{
    private string[] cells = [];

    public int Row { get; private set; }

    public void Load(TableRow row)
    {
        Row = row.Number;
        cells = row.Cells;
        if (!rowsHaveAllColumns) return;
        if (cells.Length < header.Names.Length)
        {
            throw new ImportFileException(file, Row, header.Names[cells.Length],
                $"the row is short: it has {cells.Length} columns and the header has {header.Names.Length}, so this column and those after it are missing");
        }
        for (var i = header.Names.Length; i < cells.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(cells[i]))
            {
                throw new ImportFileException(file, Row, null,
                    $"the row has {cells.Length} columns and the header only {header.Names.Length} (column {i + 1} holds \"{Shorten(cells[i])}\"); a quote or comma may be misplaced");
            }
        }
    }

    public string Raw(int i) => i >= 0 && i < cells.Length ? cells[i].Trim() : "";

    public ImportFileException Error(int i, string message) =>
        new(file, Row, i >= 0 && i < header.Names.Length ? header.Names[i] : null, message);

    /// <summary>The text, or null when blank; longer than the register holds is an error.</summary>
    public string? Text(int i, int maxLength)
    {
        var v = Raw(i);
        if (v.Length == 0) return null;
        if (v.Length > maxLength) throw Error(i, $"\"{Shorten(v)}\" is {v.Length} characters long; the register holds at most {maxLength}");
        return v;
    }

    public string Required(int i, int maxLength) =>
        Text(i, maxLength) ?? throw Error(i, "is empty; every row needs a value here");

    /// <summary>
    /// The order to read slash dates in, when known (given by the person importing, or found by an earlier read);
    /// null reads each date by what it shows itself and ambiguous ones by <see cref="TentativeOrder"/>, while
    /// <see cref="Dates"/> gathers what the file's dates show, for <see cref="DateOrders.Decide"/> at the end.
    /// </summary>
    public DateOrder? FixedOrder { get; set; } = DateOrder.DayFirst;
    public DateOrder TentativeOrder { get; set; } = DateOrder.DayFirst;

    /// <summary>What the dates read so far show about their order.</summary>
    public DateEvidence Dates { get; private set; } = DateEvidence.None;

    /// <summary>Whether an ambiguous date (05/06/2024) was read by <see cref="TentativeOrder"/>, before the file showed its order.</summary>
    public bool ReadAmbiguousTentatively { get; private set; }

    public DateOnly? Date(int i)
    {
        var v = Raw(i);
        if (v.Length == 0) return null;
        if (TryIsoDate(v, out var iso)) return iso;
        Dates = DateOrders.Add(Dates, Row, i >= 0 && i < header.Names.Length ? header.Names[i] : null, v);
        var shown = DateOrders.Evidence(v);
        // An ambiguous date takes the order the file has shown so far; only one read before any was shown is a guess.
        var soFar = Dates.DayFirst is not null ? DateOrder.DayFirst : Dates.MonthFirst is not null ? DateOrder.MonthFirst : (DateOrder?)null;
        var order = FixedOrder ?? shown ?? soFar ?? TentativeOrder;
        if (FixedOrder is null && shown is null && soFar is null && DateOrders.IsAmbiguous(v)) ReadAmbiguousTentatively = true;
        if (TrySlashDate(v, order, out var d)) return d;
        var format = order == DateOrder.DayFirst ? "dd/mm/yyyy" : "mm/dd/yyyy";
        var other = shown is { } s && s != order
            ? $"; it is a date {DateOrders.Describe(s)}, but this file's dates are {DateOrders.Describe(order)}"
            : "";
        throw Error(i, $"\"{Shorten(v)}\" is not a date ({format}){other}");
    }

    private static readonly System.Text.RegularExpressions.Regex TimeOfDay =
        new(@"^\d{1,2}:\d{2}(:\d{2})?(\s?[AaPp][Mm])?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>An ISO date (yyyy-mm-dd), as .ods date cells give it, possibly with a time ("2024-02-28T00:00:00").</summary>
    private static bool TryIsoDate(string v, out DateOnly date)
    {
        if (v.Length > 10 && v[4] == '-' && v[10] is 'T' or ' ') v = v[..10];
        return DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>A slash date in the given order, possibly with a time of day after it ("1/2/2025 12:00:00 AM").</summary>
    internal static bool TrySlashDate(string v, DateOrder order, out DateOnly date)
    {
        date = default;
        var space = v.IndexOf(' ');
        if (space > 0 && !TimeOfDay.IsMatch(v[(space + 1)..].Trim())) return false;
        if (!DateOrders.TrySplit(v, out var first, out var second, out var year)) return false;
        var (day, month) = order == DateOrder.DayFirst ? (first, second) : (second, first);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    public int? WholeNumber(int i)
    {
        var v = Raw(i);
        if (v.Length == 0) return null;
        if (int.TryParse(v, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n)) return n;
        if (decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && d <= int.MaxValue && d == decimal.Truncate(d))
        {
            return (int)d;
        }
        throw Error(i, $"\"{Shorten(v)}\" is not a whole number");
    }

    public double? Number(int i, double min, double max, string what)
    {
        var v = Raw(i);
        if (v.Length == 0) return null;
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
        {
            throw Error(i, $"\"{Shorten(v)}\" is not a number");
        }
        if (d < min || d > max) throw Error(i, $"\"{Shorten(v)}\" is not a {what} (between {min} and {max})");
        return d;
    }

    public bool? YesNo(int i)
    {
        var v = Raw(i);
        return v.ToUpperInvariant() switch
        {
            "" => null,
            "Y" or "YES" or "TRUE" or "1" => true,
            "N" or "NO" or "FALSE" or "0" => false,
            _ => throw Error(i, $"\"{Shorten(v)}\" is not Y or N"),
        };
    }

    public RatingWord? Rating(int i)
    {
        var v = Raw(i);
        if (v.Length == 0) return null;
        if (RatingWords.TryParse(v, out var r)) return r;
        // The market export's word for a location inspected without a rating being given.
        if (TextKey.Of(v) == "inspectedbutnotrated") return RatingWord.NotRated;
        throw Error(i, $"\"{Shorten(v)}\" is not a CQC rating (Outstanding, Good, Requires improvement, Inadequate, " +
            "Insufficient evidence to rate, Not rated, Not applicable)");
    }

    /// <summary>The names of the wide columns marked Y.</summary>
    public List<string> Marked(IReadOnlyList<(int Index, string Name)> columns)
    {
        var marked = new List<string>();
        foreach (var (index, name) in columns)
        {
            if (YesNo(index) == true) marked.Add(name);
        }
        return marked;
    }

    internal static string Shorten(string v) => v.Length <= 60 ? v : v[..57] + "…";
}

/// <summary>Letters and digits only, lower case: how column names (and the publishers' words) are compared.</summary>
internal static class TextKey
{
    public static string Of(string text)
    {
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var n = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c)) buffer[n++] = char.ToLowerInvariant(c);
        }
        return new string(buffer[..n]);
    }
}
