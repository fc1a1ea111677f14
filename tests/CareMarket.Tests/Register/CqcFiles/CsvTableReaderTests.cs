using System.Text;
using CareMarket.Files;

namespace CareMarket.Tests.Register.CqcFiles;

public class CsvTableReaderTests
{
    private static List<TableRow> ReadAll(byte[] bytes, IReadOnlyList<string>? names = null)
    {
        using var reader = new CsvTableReader(new MemoryStream(bytes), "test.csv") { ColumnNames = names };
        var rows = new List<TableRow>();
        while (reader.Read() is { } row) rows.Add(row);
        return rows;
    }

    private static List<TableRow> ReadAll(string text, bool bom = false) =>
        ReadAll(new UTF8Encoding(bom).GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray());

    [Fact]
    public void Reads_PlainFields_WithCrLfOrLf()
    {
        var rows = ReadAll("a,b,c\r\n1,2,3\n4,,6");
        rows.Select(r => r.Cells).ShouldBe([["a", "b", "c"], ["1", "2", "3"], ["4", "", "6"]]);
        rows.Select(r => r.Number).ShouldBe([1, 2, 3]);
    }

    [Fact]
    public void Reads_QuotedFields_WithCommasQuotesAndNewlines_NumberingRowsLikeASpreadsheet()
    {
        var rows = ReadAll("name,address\r\n\"Smith, J\",\"1 \"\"The\"\" Lane\r\nDerby\"\r\n\"\",last\r\n");
        rows.Count.ShouldBe(3);
        rows[1].Cells.ShouldBe(["Smith, J", "1 \"The\" Lane\r\nDerby"]);
        rows[2].Cells.ShouldBe(["", "last"]);
        rows[2].Number.ShouldBe(3);
    }

    [Fact]
    public void Skips_TheByteOrderMark()
    {
        ReadAll("Location ID,x\n1,2\n", bom: true)[0].Cells[0].ShouldBe("Location ID");
    }

    [Fact]
    public void Counts_ButDoesNotReturn_EmptyLines()
    {
        var rows = ReadAll("a\n\nb\n");
        rows.Select(r => (r.Number, r.Cells[0])).ShouldBe([(1, "a"), (3, "b")]);
    }

    [Fact]
    public void Reads_AFieldAcrossBufferBoundaries()
    {
        var big = new string('x', 200_000);
        var rows = ReadAll($"\"{big}\",\"é\"\"\"\n");
        rows[0].Cells[0].Length.ShouldBe(200_000);
        rows[0].Cells[1].ShouldBe("é\"");
    }

    [Fact]
    public void InvalidUtf8_NamesTheLine()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n1,2\n3,").Concat(new byte[] { 0xE9, 0x74, 0xE9 }).Concat(Encoding.UTF8.GetBytes("\n5,6\n")).ToArray();
        var e = Should.Throw<ImportFileException>(() => ReadAll(bytes));
        e.Line.ShouldBe(3);
        e.Message.ShouldStartWith("test.csv, line 3: ");
        e.Message.ShouldContain("UTF-8");
    }

    [Fact]
    public void InvalidUtf8_FarIntoTheFile_NamesTheLine()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 20_000; i++) sb.Append("row,").Append(i).Append('\n');
        var bytes = Encoding.UTF8.GetBytes(sb.ToString()).Concat(new byte[] { 0x41, 0xFF, 0x0A }).ToArray();
        Should.Throw<ImportFileException>(() => ReadAll(bytes)).Line.ShouldBe(20_001);
    }

    [Fact]
    public void AFieldOver1MB_IsAnError_NamingRowAndColumn()
    {
        var text = "a,b\n1,\"" + new string('z', 10 * 1024 * 1024) + "\"\n";
        var e = Should.Throw<ImportFileException>(() => ReadAll(Encoding.UTF8.GetBytes(text), ["a", "b"]));
        e.Row.ShouldBe(2);
        e.Column.ShouldBe("b");
        e.Message.ShouldContain("1 MB");
    }

    [Fact]
    public void AnUnclosedQuote_IsAnError()
    {
        var e = Should.Throw<ImportFileException>(() => ReadAll("a,b\n1,\"never closed\n2,3\n"));
        e.Row.ShouldBe(2);
        e.Message.ShouldContain("never ends");
    }
}
