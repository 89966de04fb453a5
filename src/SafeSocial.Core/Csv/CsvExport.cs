using CsvHelper;

namespace SafeSocial.Core.Csv;

/// <summary>
/// Every CSV file SafeSocial gives out. UTF-8 with a byte order mark, so Excel reads "Zoë" as typed; and a cell that starts
/// like a formula (= + - @, tab or carriage return) gets a leading apostrophe, so a name imported as "=HYPERLINK(…)" opens
/// as text in a spreadsheet instead of running (CSV injection, as OWASP describes it).
/// </summary>
public static class CsvExport
{
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true))
        {
            csv.WriteRecord(header.ToArray());
            foreach (var row in rows) csv.WriteRecord(row.ToArray());
        }
        return stream.ToArray();
    }

    /// <summary>The content type to serve the file with.</summary>
    public const string ContentType = "text/csv; charset=utf-8";
}
