namespace CareMarket.Files;

/// <summary>One row of a sheet or CSV file, numbered as a spreadsheet shows it (first row = 1).</summary>
internal sealed record TableRow(int Number, string[] Cells)
{
    public bool IsBlank => Cells.All(c => string.IsNullOrWhiteSpace(c));
}

/// <summary>Reads rows one at a time from a CSV file or a sheet of an .ods file, never the whole file at once.</summary>
internal interface ITableReader : IDisposable
{
    /// <summary>The next row that has any content, or null at the end. Empty rows are counted but not returned.</summary>
    TableRow? Read();

    /// <summary>Bytes of the file read so far, and in all (for a progress bar).</summary>
    long BytesRead { get; }
    long TotalBytes { get; }

    /// <summary>
    /// Whether a row always carries every column up to its last value (CSV) or drops empty trailing cells (.ods),
    /// so that a short row can be told from a damaged one.
    /// </summary>
    bool RowsHaveAllColumns { get; }

    /// <summary>Header names, set once the header row is known, so that errors found while reading name the column.</summary>
    IReadOnlyList<string>? ColumnNames { get; set; }
}

internal static class TableReaders
{
    /// <summary>Opens a CSV or .ods file, told apart by its first bytes (an .ods is a zip), not by its extension.</summary>
    public static ITableReader Open(string path, string file, string? sheetName)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        try
        {
            if (stream.Length == 0) throw new ImportFileException(file, null, null, "the file is empty");
            Span<byte> magic = stackalloc byte[4];
            var n = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
            stream.Position = 0;
            return n == 4 && magic[0] == (byte)'P' && magic[1] == (byte)'K' && magic[2] == 3 && magic[3] == 4
                ? new OdsTableReader(stream, file, sheetName)
                : new CsvTableReader(stream, file);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public static string? NameOf(IReadOnlyList<string>? names, int index) =>
        names is not null && index >= 0 && index < names.Count ? names[index] : null;
}
