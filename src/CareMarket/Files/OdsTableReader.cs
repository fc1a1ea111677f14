using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace CareMarket.Files;

/// <summary>
/// Reads one sheet of an OpenDocument spreadsheet (.ods) as a stream: content.xml (over 1 GB in the national
/// files) is inflated and parsed as it is read, never held whole. Repeated cells and rows
/// (<c>table:number-columns-repeated</c>, <c>table:number-rows-repeated</c>) are expanded only where they hold
/// something: the million empty cells a spreadsheet writes at the end of a row cost nothing.
/// A float or date cell gives its <c>office:value</c> / <c>office:date-value</c> (ISO, such as 2024-02-28), else
/// its text.
/// </summary>
internal sealed class OdsTableReader : ITableReader
{
    public const string OfficeNs = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    public const string TableNs = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    public const string TextNs = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

    /// <summary>Columns beyond this are ignored (LibreOffice's own limit).</summary>
    public const int MaxColumns = 16384;
    public const int MaxCellChars = CsvTableReader.MaxFieldChars;

    private readonly Stream fileStream;
    private readonly string file;
    private readonly ZipArchive zip;
    private readonly XmlReader xml;
    private readonly int tableDepth;
    private bool tableDone;
    private int rowNumber;
    private int repeatsLeft;
    private string[] lastCells = [];
    private readonly StringBuilder text = new();
    private readonly List<string> cells = [];

    public OdsTableReader(Stream fileStream, string file, string? sheetName)
    {
        this.fileStream = fileStream;
        this.file = file;
        TotalBytes = fileStream.Length;
        try
        {
            zip = new ZipArchive(fileStream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new ImportFileException(file, null, null, $"the .ods file is damaged or cut short: it cannot be opened as a zip ({e.Message})", e);
        }
        var entry = zip.GetEntry("content.xml");
        if (entry is null)
        {
            zip.Dispose();
            throw new ImportFileException(file, null, null,
                "the file is a zip but not an OpenDocument spreadsheet (it has no content.xml); save it as .ods or .csv");
        }
        try
        {
            xml = XmlReader.Create(entry.Open(), new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                CloseInput = true,
            });
            var sheets = new List<string>();
            xml.MoveToContent();
            while (!xml.EOF)
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "table" && xml.NamespaceURI == TableNs)
                {
                    var name = xml.GetAttribute("name", TableNs) ?? "";
                    if (sheetName is null || string.Equals(name.Trim(), sheetName.Trim(), StringComparison.OrdinalIgnoreCase))
                    {
                        SheetName = name;
                        tableDepth = xml.Depth;
                        tableDone = xml.IsEmptyElement;
                        return;
                    }
                    sheets.Add(name);
                    xml.Skip();
                    continue;
                }
                xml.Read();
            }
            throw new ImportFileException(file, null, null, sheetName is null
                ? "the spreadsheet has no sheets"
                : $"the spreadsheet has no sheet named \"{sheetName}\" (its sheets: {string.Join(", ", sheets.Select(s => $"\"{s}\""))})");
        }
        catch (Exception e) when (e is XmlException or InvalidDataException or IOException)
        {
            Dispose();
            throw Damaged(e, null);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string? SheetName { get; }
    public long BytesRead => fileStream.Position;
    public long TotalBytes { get; }
    public bool RowsHaveAllColumns => false;
    public IReadOnlyList<string>? ColumnNames { get; set; }

    public TableRow? Read()
    {
        if (repeatsLeft > 0)
        {
            repeatsLeft--;
            return new TableRow(++rowNumber, lastCells);
        }
        try
        {
            while (!tableDone && xml.Read())
            {
                if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == tableDepth)
                {
                    tableDone = true;
                    break;
                }
                if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "table-row" || xml.NamespaceURI != TableNs) continue;

                var repeat = RepeatCount("number-rows-repeated");
                var row = ReadRowCells(rowNumber + 1);
                if (row.Length == 0)
                {
                    rowNumber = (int)Math.Min(int.MaxValue, (long)rowNumber + repeat);
                    continue;
                }
                lastCells = row;
                repeatsLeft = repeat - 1;
                return new TableRow(++rowNumber, row);
            }
            return null;
        }
        catch (Exception e) when (e is XmlException or InvalidDataException or IOException)
        {
            throw Damaged(e, rowNumber + 1);
        }
    }

    private ImportFileException Damaged(Exception e, int? row) =>
        new(file, row, null, $"the .ods file is damaged or cut short: its content.xml cannot be read ({e.Message})", e);

    private int RepeatCount(string attribute)
    {
        var value = xml.GetAttribute(attribute, TableNs);
        return value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
    }

    /// <summary>Reads a row's cells, positioned on its start element; leaves the reader on its end.</summary>
    private string[] ReadRowCells(int row)
    {
        cells.Clear();
        if (xml.IsEmptyElement) return [];
        var depth = xml.Depth;
        long pendingEmpty = 0;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth) break;
            if (xml.NodeType != XmlNodeType.Element || xml.NamespaceURI != TableNs
                || xml.LocalName is not ("table-cell" or "covered-table-cell")) continue;

            var repeat = RepeatCount("number-columns-repeated");
            var value = ReadCell(row, cells.Count + pendingEmpty);
            if (value.Length == 0)
            {
                pendingEmpty += repeat;
                continue;
            }
            while (pendingEmpty > 0 && cells.Count < MaxColumns) { cells.Add(""); pendingEmpty--; }
            pendingEmpty = 0;
            for (var i = 0; i < repeat && cells.Count < MaxColumns; i++) cells.Add(value);
        }
        return cells.ToArray();
    }

    /// <summary>A cell's value, positioned on its start element; leaves the reader on its last node.</summary>
    private string ReadCell(int row, long column)
    {
        var type = xml.GetAttribute("value-type", OfficeNs);
        var value = type switch
        {
            "float" or "percentage" or "currency" => xml.GetAttribute("value", OfficeNs),
            "date" => xml.GetAttribute("date-value", OfficeNs),
            "boolean" => xml.GetAttribute("boolean-value", OfficeNs),
            _ => null,
        };
        if (xml.IsEmptyElement) return value ?? "";
        if (value is not null)
        {
            SkipToEnd();
            return value;
        }

        text.Clear();
        var depth = xml.Depth;
        var paragraphs = 0;
        var inParagraph = 0;
        var advance = true;
        while (true)
        {
            if (advance && !xml.Read()) break;
            advance = true;
            if (xml.NodeType == XmlNodeType.EndElement)
            {
                if (xml.Depth == depth) break;
                if (xml.NamespaceURI == TextNs && xml.LocalName is "p" or "h") inParagraph--;
                continue;
            }
            if (xml.NodeType == XmlNodeType.Element)
            {
                if (xml.NamespaceURI == OfficeNs && xml.LocalName == "annotation")
                {
                    xml.Skip();
                    advance = false;
                    continue;
                }
                if (xml.NamespaceURI != TextNs) continue;
                switch (xml.LocalName)
                {
                    case "p" or "h":
                        if (paragraphs++ > 0) text.Append('\n');
                        if (!xml.IsEmptyElement) inParagraph++;
                        break;
                    case "s":
                        var c = xml.GetAttribute("c", TextNs);
                        var spaces = c is not null && int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : 1;
                        text.Append(' ', Math.Clamp(spaces, 1, 1000));
                        break;
                    case "tab":
                        text.Append('\t');
                        break;
                    case "line-break":
                        text.Append('\n');
                        break;
                }
            }
            else if (inParagraph > 0 && xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA
                         or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                text.Append(xml.Value);
            }
            if (text.Length > MaxCellChars)
            {
                throw new ImportFileException(file, row, TableReaders.NameOf(ColumnNames, (int)Math.Min(int.MaxValue, column)),
                    $"a cell is longer than 1 MB ({MaxCellChars:N0} characters): the file is damaged or not the file expected");
            }
        }
        return text.ToString();
    }

    private void SkipToEnd()
    {
        var depth = xml.Depth;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth)) { }
    }

    public void Dispose()
    {
        xml?.Dispose();
        zip?.Dispose();
        fileStream.Dispose();
    }
}
