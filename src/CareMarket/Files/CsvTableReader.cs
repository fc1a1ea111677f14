using System.Text;

namespace CareMarket.Files;

/// <summary>
/// A streaming RFC 4180 reader: fields separated by commas, optionally in double quotes, where a quoted field may
/// hold commas, doubled quotes and line breaks; records end with CRLF, LF or CR. Decodes strict UTF-8 (a byte
/// order mark is skipped) and names the line of any bytes that are not UTF-8. Rows are numbered by record, the way a
/// spreadsheet numbers them, so a quoted line break does not shift the numbering.
/// </summary>
internal sealed class CsvTableReader : ITableReader
{
    /// <summary>A longer field is refused: no published field comes near it, and a damaged file could hold gigabytes.</summary>
    public const int MaxFieldChars = 1024 * 1024;
    public const int MaxFields = 16384;

    private static readonly string[] SingleChars = Enumerable.Range(0, 128).Select(i => ((char)i).ToString()).ToArray();

    private readonly Stream stream;
    private readonly string file;
    private readonly Decoder decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
    private readonly byte[] bytes = new byte[64 * 1024];
    private readonly char[] chars = new char[64 * 1024 + 4];
    private readonly List<string> fields = [];
    private char[] field = new char[256];
    private int fieldLength;
    private int charPos, charLength;
    private bool endOfBytes, endOfChars, started;
    private int linesBeforeChunk; // newline bytes before the current chunk of bytes
    private int row;

    public CsvTableReader(Stream stream, string file)
    {
        this.stream = stream;
        this.file = file;
        TotalBytes = stream.CanSeek ? stream.Length : 0;
        if (stream.CanSeek) RefuseUtf16();
    }

    /// <summary>
    /// A file saved as UTF-16 ("Unicode text") reads as UTF-8 without error when its text is plain English (every
    /// other byte is zero), and would then be refused for columns it seems to lack: it is named for what it is.
    /// </summary>
    private void RefuseUtf16()
    {
        var sample = new byte[4096];
        var n = stream.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        if (Encodings.LooksUtf16(sample.AsSpan(0, n)) is { } which)
        {
            throw new ImportFileException(file, null, null,
                $"the file is saved as {which}, not UTF-8 (Excel calls it \"Unicode Text\"); open it and save it again as \"CSV UTF-8\"");
        }
    }

    public long BytesRead => stream.CanSeek ? stream.Position : 0;
    public long TotalBytes { get; }
    public bool RowsHaveAllColumns => true;
    public IReadOnlyList<string>? ColumnNames { get; set; }

    public TableRow? Read()
    {
        while (true)
        {
            var cells = ReadRecord();
            if (cells is null) return null;
            if (cells.Length == 1 && cells[0].Length == 0) continue; // an empty line: counted, not returned
            return new TableRow(row, cells);
        }
    }

    private string[]? ReadRecord()
    {
        if (!HasChar()) return null;
        row++;
        fields.Clear();
        fieldLength = 0;
        var quoted = false;
        var wasQuoted = false;
        while (true)
        {
            if (!HasChar())
            {
                if (quoted)
                {
                    throw new ImportFileException(file, row, TableReaders.NameOf(ColumnNames, fields.Count),
                        "a quoted field starts here and never ends: the file is cut short or a quote is missing");
                }
                EndField();
                return fields.ToArray();
            }
            var c = chars[charPos++];
            if (quoted)
            {
                if (c == '"')
                {
                    if (HasChar() && chars[charPos] == '"') { Append('"'); charPos++; }
                    else quoted = false;
                }
                else Append(c);
                continue;
            }
            switch (c)
            {
                case ',':
                    EndField();
                    wasQuoted = false;
                    break;
                case '\r':
                    if (HasChar() && chars[charPos] == '\n') charPos++;
                    EndField();
                    return fields.ToArray();
                case '\n':
                    EndField();
                    return fields.ToArray();
                case '"' when fieldLength == 0 && !wasQuoted:
                    quoted = wasQuoted = true;
                    break;
                default:
                    Append(c);
                    break;
            }
        }
    }

    private void Append(char c)
    {
        if (fieldLength == field.Length)
        {
            if (fieldLength >= MaxFieldChars)
            {
                var column = TableReaders.NameOf(ColumnNames, fields.Count);
                throw new ImportFileException(file, row, column,
                    $"a field is longer than 1 MB ({MaxFieldChars:N0} characters){(column is null ? $" in field {fields.Count + 1}" : "")}: " +
                    "no published field is anywhere near that long, so the file is damaged or not the file expected");
            }
            Array.Resize(ref field, Math.Min(field.Length * 2, MaxFieldChars));
        }
        field[fieldLength++] = c;
    }

    private void EndField()
    {
        if (fields.Count >= MaxFields)
        {
            throw new ImportFileException(file, row, null, $"the row has more than {MaxFields:N0} fields: the file is damaged or not the file expected");
        }
        fields.Add(fieldLength switch
        {
            0 => "",
            1 when field[0] < 128 => SingleChars[field[0]],
            _ => new string(field, 0, fieldLength),
        });
        fieldLength = 0;
    }

    private bool HasChar()
    {
        while (charPos == charLength)
        {
            if (endOfChars) return false;
            Fill();
        }
        return true;
    }

    private void Fill()
    {
        var n = endOfBytes ? 0 : stream.Read(bytes, 0, bytes.Length);
        if (n == 0) endOfBytes = true;
        try
        {
            charLength = decoder.GetChars(bytes, 0, n, chars, 0, flush: endOfBytes);
        }
        catch (DecoderFallbackException e)
        {
            var at = Math.Clamp(e.Index, 0, n);
            var line = linesBeforeChunk + bytes.AsSpan(0, at).Count((byte)'\n') + 1;
            throw ImportFileException.AtLine(file, line,
                $"the file is not UTF-8 text: this line has bytes that are not valid UTF-8{Encodings.Guess(e.BytesUnknown)}; " +
                "open it and save it again as \"CSV UTF-8\"", e);
        }
        linesBeforeChunk += bytes.AsSpan(0, n).Count((byte)'\n');
        charPos = 0;
        if (!started && charLength > 0)
        {
            started = true;
            if (chars[0] == '\uFEFF') charPos = 1;
        }
        if (endOfBytes) endOfChars = true;
    }

    public void Dispose() => stream.Dispose();
}
