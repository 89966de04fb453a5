using System.Text;
using SafeSocial.Core.Csv;

namespace SafeSocial.Tests.Csv;

/// <summary>The one CSV writer every download uses: a cell that a spreadsheet would run as a formula opens as text.</summary>
public class CsvExportTests
{
    private static string Text(byte[] csv)
    {
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), csv[..3]); // Excel reads "Zoë" right only with the mark
        return Encoding.UTF8.GetString(csv[3..]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"Click\")")]
    [InlineData("+44 7700 900123")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void ACellThatStartsLikeAFormula_GetsALeadingApostrophe(string cell)
    {
        var lines = Text(CsvExport.Write(["Pupil"], [[cell]])).Split("\r\n");

        Assert.Equal("Pupil", lines[0]);
        Assert.StartsWith("\"'", lines[1]); // quoted, so the apostrophe and what follows stay one cell
        Assert.Contains(cell[1..].Replace("\"", "\"\"", StringComparison.Ordinal), string.Join("\r\n", lines[1..]));
    }

    [Fact]
    public void OrdinaryCells_AreWrittenAsTheyAre_QuotedOnlyWhenTheyMustBe()
    {
        var text = Text(CsvExport.Write(["Pupil", "Class", "Note"], [["Zoë O'Brien", "3B, Oak", null], ["Sam \"Sammy\" Lee", "", "Year 3 - Oak"]]));

        Assert.Equal("Pupil,Class,Note\r\nZoë O'Brien,\"3B, Oak\",\r\n\"Sam \"\"Sammy\"\" Lee\",,Year 3 - Oak\r\n", text);
    }
}
