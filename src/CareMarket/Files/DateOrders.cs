using System.Globalization;

namespace CareMarket.Files;

/// <summary>Which part of a date such as 05/06/2024 is the day: the first (UK, as CQC publishes) or the second (US).</summary>
public enum DateOrder
{
    /// <summary>Day first: 29/05/2026.</summary>
    DayFirst,
    /// <summary>Month first: 05/29/2026, as a spreadsheet set to US dates saves a CSV.</summary>
    MonthFirst,
}

/// <summary>Where a file's dates showed their order: the first date that could only be read one way, or was ambiguous.</summary>
public sealed record DateSighting(int Row, string? Column, string Value);

/// <summary>What a file's dates say about their order, gathered as the file is read.</summary>
public sealed record DateEvidence(DateSighting? DayFirst, DateSighting? MonthFirst, DateSighting? Ambiguous)
{
    public static readonly DateEvidence None = new(null, null, null);
}

/// <summary>
/// The date-order rule, as pure functions. A date's first part over 12 can only be a day (day first); its second part
/// over 12 can only be a day (month first). A file's order is what its dates show; a file showing both is refused
/// (naming a row of each), and a file whose every slash date reads both ways is refused unless the person importing
/// it says which order it uses. Day and month are never swapped silently.
/// </summary>
public static class DateOrders
{
    /// <summary>The words used in messages and on the command line.</summary>
    public static string Describe(DateOrder order) => order == DateOrder.DayFirst ? "day first (dd/mm/yyyy)" : "month first (mm/dd/yyyy)";

    public static string OptionValue(DateOrder order) => order == DateOrder.DayFirst ? "day-first" : "month-first";

    /// <summary>Reads "day-first" / "month-first" (as the CLI and the import form give them).</summary>
    public static bool TryParseOption(string? text, out DateOrder order)
    {
        order = DateOrder.DayFirst;
        switch (TextKey.Of(text ?? ""))
        {
            case "dayfirst" or "dmy" or "uk": order = DateOrder.DayFirst; return true;
            case "monthfirst" or "mdy" or "us": order = DateOrder.MonthFirst; return true;
            default: return false;
        }
    }

    /// <summary>
    /// Splits a slash date ("5/29/2026", "29/05/2026 00:00", "1/2/2025 12:00:00 AM") into its two leading parts and
    /// the year; false for anything else (ISO dates, blanks, words).
    /// </summary>
    public static bool TrySplit(string value, out int first, out int second, out int year)
    {
        first = second = year = 0;
        var v = value.AsSpan().Trim();
        var space = v.IndexOf(' ');
        if (space > 0) v = v[..space]; // a time after the date says nothing about its order
        var a = v.IndexOf('/');
        if (a <= 0) return false;
        var rest = v[(a + 1)..];
        var b = rest.IndexOf('/');
        if (b <= 0) return false;
        return a <= 2 && b <= 2
            && int.TryParse(v[..a], NumberStyles.None, CultureInfo.InvariantCulture, out first)
            && int.TryParse(rest[..b], NumberStyles.None, CultureInfo.InvariantCulture, out second)
            && rest[(b + 1)..].Length == 4
            && int.TryParse(rest[(b + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out year);
    }

    /// <summary>
    /// What one date says: day first, month first, or nothing (null: both parts 12 or under, or not a slash date).
    /// A date whose two parts are equal (05/05/2024) reads the same either way and needs no order.
    /// </summary>
    public static DateOrder? Evidence(string value) =>
        !TrySplit(value, out var first, out var second, out _) ? null
        : first is > 12 and <= 31 && second is >= 1 and <= 12 ? DateOrder.DayFirst
        : second is > 12 and <= 31 && first is >= 1 and <= 12 ? DateOrder.MonthFirst
        : null;

    /// <summary>Whether a slash date reads as two different dates, day first or month first.</summary>
    public static bool IsAmbiguous(string value) =>
        TrySplit(value, out var first, out var second, out var year) && first is >= 1 and <= 12 && second is >= 1 and <= 12
        && first != second && year >= 1;

    /// <summary>Adds one date to what a file has shown so far (keeping the first sighting of each kind).</summary>
    public static DateEvidence Add(DateEvidence evidence, int row, string? column, string value)
    {
        if (evidence.DayFirst is not null && evidence.MonthFirst is not null) return evidence;
        return Evidence(value) switch
        {
            DateOrder.DayFirst when evidence.DayFirst is null => evidence with { DayFirst = new(row, column, value) },
            DateOrder.MonthFirst when evidence.MonthFirst is null => evidence with { MonthFirst = new(row, column, value) },
            null when evidence.Ambiguous is null && IsAmbiguous(value) => evidence with { Ambiguous = new(row, column, value) },
            _ => evidence,
        };
    }

    /// <summary>
    /// The order to read a file's dates in, from what its dates showed and the order the person importing it gave
    /// (null if none). Returns the order, or the problem to refuse the file with. With no slash dates that read two
    /// ways, any order will do and the given one (else day first) is returned.
    /// </summary>
    public static (DateOrder? Order, string? Problem) Decide(DateEvidence evidence, DateOrder? given)
    {
        if (evidence is { DayFirst: { } d, MonthFirst: { } m })
        {
            return (null, $"its dates are written both ways: {Place(d)} can only be day first and {Place(m)} can only be month first; " +
                "correct the dates so that the file uses one order, and import it again");
        }
        var shown = evidence.DayFirst is not null ? DateOrder.DayFirst : evidence.MonthFirst is not null ? DateOrder.MonthFirst : (DateOrder?)null;
        if (given is { } g && shown is { } s && s != g)
        {
            var where = (s == DateOrder.DayFirst ? evidence.DayFirst : evidence.MonthFirst)!;
            return (null, $"the dates were said to be {Describe(g)}, but {Place(where)} can only be {Describe(s)}; " +
                "check which order the file uses and import it again");
        }
        if (shown is { } known) return (known, null);
        if (given is { } chosen) return (chosen, null);
        if (evidence.Ambiguous is { } a)
        {
            return (null, $"its dates do not show whether they are day first or month first: every date reads both ways " +
                $"(such as {Place(a)}, which is {Read(a.Value, DateOrder.DayFirst)} day first or {Read(a.Value, DateOrder.MonthFirst)} month first). " +
                "A spreadsheet set to US dates saves them month first. Say which order the file uses and import it again");
        }
        return (DateOrder.DayFirst, null);
    }

    private static string Place(DateSighting s) =>
        $"row {s.Row}{(s.Column is null ? "" : $", column \"{s.Column}\"")}, \"{s.Value}\"";

    private static string Read(string value, DateOrder order)
    {
        TrySplit(value, out var first, out var second, out var year);
        var (day, month) = order == DateOrder.DayFirst ? (first, second) : (second, first);
        return new DateOnly(year, month, day).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
    }
}
