using System.IO.Compression;
using System.Text;
using CareMarket.Files;

namespace CareMarket.Tests.Register.CqcFiles;

public sealed class OdsTableReaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cqc-ods-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static List<TableRow> ReadAll(string path, string? sheet = null)
    {
        using var reader = new OdsTableReader(File.OpenRead(path), Path.GetFileName(path), sheet);
        var rows = new List<TableRow>();
        while (reader.Read() is { } row) rows.Add(row);
        return rows;
    }

    /// <summary>An .ods whose content.xml is exactly the given table body.</summary>
    private string WriteRaw(string tables)
    {
        var path = Path.Combine(folder, $"raw-{Guid.NewGuid():N}.ods");
        using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        using (var w = new StreamWriter(zip.CreateEntry("mimetype", CompressionLevel.NoCompression).Open())) w.Write("application/vnd.oasis.opendocument.spreadsheet");
        using (var w = new StreamWriter(zip.CreateEntry("META-INF/manifest.xml").Open()))
        {
            w.Write("""<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>""");
        }
        using (var w = new StreamWriter(zip.CreateEntry("content.xml").Open(), new UTF8Encoding(false)))
        {
            w.Write("""<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>""");
            w.Write(tables);
            w.Write("</office:spreadsheet></office:body></office:document-content>");
        }
        return path;
    }

    [Fact]
    public void Reads_TextFloatAndDateCells()
    {
        var path = CqcFixtures.WriteOds(folder, "cells.ods", ("Sheet1", [
            ["Location ID", "Care homes beds", "Publication Date"],
            ["1-101", OdsCell.Float(40, "40"), OdsCell.Date(new DateOnly(2024, 2, 28))],
            ["1-102", OdsCell.Float(51.5074, "51.51"), new OdsCell("28/02/2024")],
        ]));
        var rows = ReadAll(path);
        rows.Select(r => r.Cells).ShouldBe([
            ["Location ID", "Care homes beds", "Publication Date"],
            ["1-101", "40", "2024-02-28"],
            ["1-102", "51.5074", "28/02/2024"],
        ]);
        rows.Select(r => r.Number).ShouldBe([1, 2, 3]);
    }

    [Fact]
    public void RepeatedColumns_AreExpandedBetweenValues_ButTrailingEmptiesAreNotAllocated()
    {
        var path = CqcFixtures.WriteOds(folder, "repeat.ods", ("Sheet1", [
            [new OdsCell("a"), new OdsCell("", Repeat: 3), new OdsCell("Y", Repeat: 2), new OdsCell("", Repeat: 1_000_000_000)],
        ]));
        var rows = ReadAll(path);
        rows.Single().Cells.ShouldBe(["a", "", "", "", "Y", "Y"]);
    }

    [Fact]
    public void RepeatedRows_AreReturnedOnce_EachWithItsOwnNumber_AndEmptyRowsAreCounted()
    {
        var path = WriteRaw("""
            <table:table table:name="S">
             <table:table-row><table:table-cell office:value-type="string"><text:p>h</text:p></table:table-cell></table:table-row>
             <table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="string"><text:p>same</text:p></table:table-cell></table:table-row>
             <table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="5"/></table:table-row>
             <table:table-row><table:table-cell office:value-type="string"><text:p>after</text:p></table:table-cell></table:table-row>
             <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
            </table:table>
            """);
        var rows = ReadAll(path);
        rows.Select(r => (r.Number, r.Cells[0])).ShouldBe([(1, "h"), (2, "same"), (3, "same"), (7, "after")]);
    }

    [Fact]
    public void Reads_SpacesSpansLineBreaksAndParagraphs_AndSkipsAnnotations()
    {
        var path = WriteRaw("""
            <table:table table:name="S"><table:table-row>
             <table:table-cell office:value-type="string"><office:annotation><text:p>a comment</text:p></office:annotation><text:p>1<text:s text:c="2"/>High <text:span>Street</text:span><text:line-break/>Derby</text:p><text:p>DE1</text:p></table:table-cell>
             <table:table-cell office:value-type="string"><text:p>a<text:s/>b</text:p></table:table-cell>
             <table:covered-table-cell/>
             <table:table-cell office:value-type="float" office:value="3"><text:p>3.00</text:p></table:table-cell>
            </table:table-row></table:table>
            """);
        ReadAll(path).Single().Cells.ShouldBe(["1  High Street\nDerby\nDE1", "a b", "", "3"]);
    }

    [Fact]
    public void SelectsASheetByName_OrTheFirst()
    {
        var path = CqcFixtures.WriteOds(folder, "sheets.ods",
            ("Providers", [["provider sheet"]]),
            ("Locations", [["location sheet"]]));
        ReadAll(path).Single().Cells[0].ShouldBe("provider sheet");
        ReadAll(path, "Locations").Single().Cells[0].ShouldBe("location sheet");
        ReadAll(path, "locations").Single().Cells[0].ShouldBe("location sheet");
        var e = Should.Throw<ImportFileException>(() => ReadAll(path, "Ratings"));
        e.Message.ShouldContain("no sheet named \"Ratings\"");
        e.Message.ShouldContain("\"Providers\", \"Locations\"");
    }

    [Fact]
    public void ATruncatedFile_IsAnError()
    {
        var path = CqcFixtures.WriteOds(folder, "whole.ods", "Sheet1", CqcFixtures.ActiveRows(CqcFixtures.ActiveLocations));
        var bytes = File.ReadAllBytes(path);
        var cut = Path.Combine(folder, "cut.ods");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var e = Should.Throw<ImportFileException>(() => ReadAll(cut));
        e.Message.ShouldStartWith("cut.ods: ");
        e.Message.ShouldContain("damaged or cut short");
    }

    [Fact]
    public void ACorruptContentXml_IsAnError_NamingTheRow()
    {
        var path = WriteRaw("""<table:table table:name="S"><table:table-row><table:table-cell><text:p>ok</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>broken</text:table-cell></table:table-row></table:table>""");
        var e = Should.Throw<ImportFileException>(() => ReadAll(path));
        e.Row.ShouldBe(2);
        e.Message.ShouldContain("damaged");
    }

    [Fact]
    public void AZipWithoutContentXml_IsNotAnOds()
    {
        var path = Path.Combine(folder, "book.xlsx");
        using (var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create))
        {
            using var w = new StreamWriter(zip.CreateEntry("xl/workbook.xml").Open());
            w.Write("<workbook/>");
        }
        Should.Throw<ImportFileException>(() => ReadAll(path)).Message.ShouldContain("no content.xml");
    }
}
