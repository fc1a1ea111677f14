using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CareMarket.Web.Http;

/// <summary>A table to download: column headings and rows of plain values.</summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Headings, IAsyncEnumerable<IReadOnlyList<object?>> Rows);

/// <summary>Every table can be downloaded as CSV and as XLSX, with the same columns as on screen.</summary>
public static class TableExport
{
    public static IResult Download(ExportTable table, string format) => format.ToLowerInvariant() switch
    {
        "xlsx" => Results.Stream(s => WriteXlsxAsync(table, s),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{table.Name}.xlsx"),
        "csv" => Results.Stream(s => WriteCsvAsync(table, s), "text/csv; charset=utf-8", $"{table.Name}.csv"),
        _ => Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["Choose a format: csv or xlsx"] }),
    };

    public static async Task WriteCsvAsync(ExportTable table, Stream output)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(true), 64 * 1024, leaveOpen: true);
        await writer.WriteLineAsync(string.Join(",", table.Headings.Select(Quote)));
        await foreach (var row in table.Rows)
        {
            await writer.WriteLineAsync(string.Join(",", row.Select(v => Quote(Text(v)))));
        }
    }

    /// <summary>
    /// Quotes a CSV field, and defuses a leading = + - @ so a spreadsheet does not run it as a formula.
    /// </summary>
    public static string Quote(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0]) && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    public static string Text(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Writes the sheet with the streaming writer, so a large register never sits in memory whole.</summary>
    public static async Task WriteXlsxAsync(ExportTable table, Stream output)
    {
        // OpenXml needs a seekable stream; build in a temporary file and copy.
        var path = Path.GetTempFileName();
        try
        {
            using (var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook))
            {
                var workbookPart = doc.AddWorkbookPart();
                var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
                using (var w = OpenXmlWriter.Create(sheetPart))
                {
                    w.WriteStartElement(new Worksheet());
                    w.WriteStartElement(new SheetData());
                    WriteRow(w, table.Headings);
                    await foreach (var row in table.Rows) WriteRow(w, row);
                    w.WriteEndElement();
                    w.WriteEndElement();
                }
                workbookPart.Workbook = new Workbook(new Sheets(new Sheet
                {
                    Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = table.Name.Length > 31 ? table.Name[..31] : table.Name,
                }));
                workbookPart.Workbook.Save();
            }
            await using var file = File.OpenRead(path);
            await file.CopyToAsync(output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void WriteRow(OpenXmlWriter w, IEnumerable<object?> values)
    {
        w.WriteStartElement(new Row());
        foreach (var v in values)
        {
            var cell = v switch
            {
                int or long or double or decimal => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Text(v)) },
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Text(v))) },
            };
            w.WriteElement(cell);
        }
        w.WriteEndElement();
    }
}
