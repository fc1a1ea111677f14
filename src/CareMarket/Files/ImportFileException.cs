namespace CareMarket.Files;

/// <summary>
/// A file that cannot be imported (a CQC file, a capacity upload, any import), with where the problem is as a person sees it in a spreadsheet:
/// <c>active-locations.csv, row 17, column "Publication Date": "31/02/2024" is not a date (dd/mm/yyyy)</c>.
/// Nothing of the file has been written when this is thrown.
/// </summary>
public sealed class ImportFileException : Exception
{
    public ImportFileException(string file, int? row, string? column, string message, Exception? inner = null)
        : base(Format(file, row, null, column, message), inner)
    {
        File = file;
        Row = row;
        Column = column;
        Problem = message;
    }

    private ImportFileException(string file, int line, string message, Exception? inner)
        : base(Format(file, null, line, null, message), inner)
    {
        File = file;
        Line = line;
        Problem = message;
    }

    /// <summary>A problem found by physical line of the file (bytes that are not UTF-8), not by row.</summary>
    public static ImportFileException AtLine(string file, int line, string message, Exception? inner = null) =>
        new(file, line, message, inner);

    /// <summary>The file's name (without its folder).</summary>
    public string File { get; }
    /// <summary>The row as numbered in a spreadsheet (header row = 1; the directory's preamble lines counted).</summary>
    public int? Row { get; }
    /// <summary>The physical line of a text file, for problems found before rows are known.</summary>
    public int? Line { get; }
    /// <summary>The column's header name.</summary>
    public string? Column { get; }
    /// <summary>The problem alone, without the place.</summary>
    public string Problem { get; }
    /// <summary>
    /// The file's dates read both ways and it can be imported once the person says which order it uses (a CLI
    /// option, a choice on the import form): the caller says how.
    /// </summary>
    public bool AsksDateOrder { get; init; }

    internal ImportFileException WithColumn(string? column) =>
        column is null || Column is not null || Row is null ? this
            : new ImportFileException(File, Row, column, Problem, InnerException) { AsksDateOrder = AsksDateOrder };

    private static string Format(string file, int? row, int? line, string? column, string message)
    {
        var place = file;
        if (row is not null) place += $", row {row}";
        if (line is not null) place += $", line {line}";
        if (column is not null) place += $", column \"{column}\"";
        return $"{place}: {message}";
    }
}
