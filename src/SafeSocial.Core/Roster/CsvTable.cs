using System.Buffers;
using System.Text;
using CsvHelper;

namespace SafeSocial.Core.Roster;

/// <summary>
/// A column a roster file may have. Used: SafeSocial reads it, so a misspelling of it loses data. Aliases: other
/// names for the same column (School Data Sync's UK format says "ID" where the classic one says "SIS ID").
/// </summary>
public sealed record RosterColumn(string Name, bool Required = false, bool Used = true, string[]? Aliases = null)
{
    public IEnumerable<string> Names => Aliases is null ? [Name] : [Name, .. Aliases];
}

public sealed record CsvFileSpec(string Name, params RosterColumn[] Columns);

/// <summary>
/// Reads one roster CSV file row by row, checking its header first and stopping early on junk: binary
/// content, a header with no expected column, an unclosed quote that would swallow the file, or more
/// problems than a person could fix by hand.
/// </summary>
public static class CsvTable
{
    private const int SniffBytes = 64 * 1024;
    private const int MaxRecordBytes = 256 * 1024;

    /// <summary>Reads the file if present; returns false (with the problems said) when it could not be read at all.</summary>
    public static bool Read(RosterFiles files, CsvFileSpec spec, RosterProblems problems, RosterReadProgress progress,
        Action<CsvRow> onRow, CancellationToken ct)
    {
        var file = files.NameOf(spec.Name);
        var length = files.LengthOf(spec.Name);
        progress.StartFile(file);
        var read = false;
        try
        {
            if (!Sniff(files, spec.Name, file, problems)) return false;
            using var stream = files.Open(spec.Name);
            long malformed = 0;
            var options = CsvReaderOptions.Default with
            {
                Separator = ',', HasHeader = true, TrackLineNumbers = true, TrimWhitespace = true,
                MaxRecordSize = MaxRecordBytes,
                OnMalformedRecord = m =>
                {
                    malformed = m.RecordNumber;
                    Malformed(problems, file, m);
                },
            };
            using var reader = CsvReader.Create(stream, options);
            var columns = CheckHeader(reader.Headers, spec, file, problems);
            if (columns is null) return false;
            var headerNames = columns.ToDictionary(c => c.Key, c => reader.Headers[c.Value].Trim().TrimStart('\uFEFF'), StringComparer.OrdinalIgnoreCase);

            var lastNamed = reader.Headers.Select((h, i) => (h, i)).LastOrDefault(x => !string.IsNullOrWhiteSpace(x.h)).i;
            var row = new CsvRow(file, reader, columns, headerNames, problems);
            var width = new RowWidth(reader.Headers.Count, lastNamed + 1);
            while (reader.Read())
            {
                if (problems.TooManyIn(file))
                {
                    problems.Error(file, row.Line, null, null,
                        $"Stopped checking {file} after {RosterProblems.PerFileLimit} problems. Fix these (the file may not be a roster export at all) and upload it again.");
                    return false;
                }
                if (reader.FieldCount == 1 && reader.IsEmpty(0)) continue;
                // A record with bad quoting has been reported once; it is not read, nor counted again.
                if (malformed == reader.RowNumber + 1 || !width.Fits(reader, row, problems))
                {
                    problems.Rejected(row["sourcedId"]);
                    continue;
                }
                onRow(row);
                progress.Row(reader.ByteOffset);
                if (reader.RowNumber % 500 == 0) ct.ThrowIfCancellationRequested();
            }
            progress.EndFile(length);
            return read = true;
        }
        catch (CsvFormatException e)
        {
            var line = e.LineNumber > 0 ? (int?)e.LineNumber : null;
            problems.Error(file, line, null, null,
                $"A value starting around line {line?.ToString() ?? "?"} runs on for more than {MaxRecordBytes / 1024} KB, usually because a quote mark (\") opens a value and never closes. Check the quote marks on that line; the rest of {file} could not be read.");
            return false;
        }
        catch (RosterFileTooLargeException e)
        {
            problems.Error(file, $"{file} is too large to be a roster file. {e.Message}");
            return false;
        }
        finally
        {
            if (!read) problems.Unread(spec.Name);
        }
    }

    /// <summary>
    /// Looks at the start of the file: empty, binary or not UTF-8. Text in another encoding (Excel's "CSV (comma
    /// delimited)") is refused rather than guessed at: a guess turns a damaged name into "BadÿþName" without a word.
    /// Invalid UTF-8 past the sample is caught value by value (see <see cref="CsvRow"/>).
    /// </summary>
    private static bool Sniff(RosterFiles files, string name, string file, RosterProblems problems)
    {
        var buffer = new byte[SniffBytes];
        int n;
        using (var s = files.Open(name)) n = s.ReadAtLeast(buffer, SniffBytes, throwOnEndOfStream: false);
        var head = buffer.AsSpan(0, n);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) head = head[3..];
        if (head.IsEmpty)
        {
            problems.Error(file, $"{file} is empty. Export it from your MIS again; it should start with a line of column names.");
            return false;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return true;
        var control = 0;
        foreach (var b in head)
            if (b == 0) { control = int.MaxValue; break; }
            else if (b < 0x20 && b is not (byte)'\t' and not (byte)'\r' and not (byte)'\n' and not 0x0C) control++;
        if (control > head.Length / 100)
        {
            problems.Error(file, $"{file} is not a CSV file: it holds binary data, not text. Export the roster again as CSV (comma-separated values).");
            return false;
        }
        if (FirstInvalidUtf8(head, wholeFile: n < SniffBytes) is { } bad)
        {
            var line = head[..bad].Count((byte)'\n') + 1;
            problems.Error(file, line, null, null,
                $"{file} is not saved as UTF-8 text: line {line} has a character that is not UTF-8 (byte {head[bad]:X2}), so its names cannot be read reliably. In Excel, choose Save As, then \"CSV UTF-8 (Comma delimited)\", and upload the file again.");
            return false;
        }
        return true;
    }

    /// <summary>Where the first byte that is not UTF-8 is; a character cut at the end of a sample is not counted.</summary>
    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> text, bool wholeFile)
    {
        for (var i = 0; i < text.Length;)
        {
            if (text[i] < 0x80) { i++; continue; }
            switch (Rune.DecodeFromUtf8(text[i..], out _, out var used))
            {
                case OperationStatus.Done: i += used; break;
                case OperationStatus.NeedMoreData when !wholeFile: return null;
                default: return i;
            }
        }
        return null;
    }

    private static Dictionary<string, int>? CheckHeader(IReadOnlyList<string> headers, CsvFileSpec spec, string file, RosterProblems problems)
    {
        var known = spec.Columns.SelectMany(c => c.Names.Select(n => (n, c))).ToDictionary(x => x.n, x => x.c, StringComparer.OrdinalIgnoreCase);
        var found = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++)
        {
            var h = headers[i].Trim().TrimStart('\uFEFF');
            if (known.TryGetValue(h, out var column) && !found.ContainsKey(column.Name)) found[column.Name] = i;
            // OneRoster's extension columns; a MIS may give the relationship ("Mother") in metadata.relationship.
            else if (h.StartsWith("metadata.", StringComparison.OrdinalIgnoreCase)) found.TryAdd(h, i);
        }
        if (!found.Keys.Any(k => known.ContainsKey(k)))
        {
            var start = string.Join(",", headers.Take(4));
            if (start.Length > 60) start = start[..60] + "…";
            if (headers.Count == 1 && (start.Contains(';', StringComparison.Ordinal) || start.Contains('\t', StringComparison.Ordinal)))
            {
                problems.Error(file, 1, null, null,
                    $"{file} separates its values with {(start.Contains(';', StringComparison.Ordinal) ? "semicolons" : "tabs")}, not commas. Save it as \"CSV (comma delimited)\" or \"CSV UTF-8\" and upload it again.");
                return null;
            }
            problems.Error(file, 1, null, null,
                $"The first line of {file} should name its columns ({string.Join(", ", spec.Columns.Where(c => c.Required).Select(c => c.Name))}…) but it reads \"{start}\". Check that this is the roster export's {spec.Name}.");
            return null;
        }

        var explained = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++)
        {
            var h = headers[i].Trim();
            if (h.Length == 0 || known.ContainsKey(h) || h.StartsWith("metadata.", StringComparison.OrdinalIgnoreCase)) continue;
            var meant = Spelling.Closest(h, spec.Columns.Where(c => !found.ContainsKey(c.Name)).SelectMany(c => c.Names));
            if (meant is null) continue; // another system's extra column: allowed, and not read
            explained.Add(known[meant].Name);
            if (known[meant].Used)
                problems.Error(file, 1, h, i + 1, $"Column \"{h}\" looks like a misspelling of \"{meant}\". Rename the column to {meant} so SafeSocial can read it.");
            else
                problems.Warning(file, 1, h, i + 1, $"Column \"{h}\" looks like a misspelling of \"{meant}\". SafeSocial does not use {meant}, so this column was ignored.");
        }
        var complete = true;
        foreach (var missing in spec.Columns.Where(c => c.Required && !found.ContainsKey(c.Name)))
        {
            complete = false;
            if (!explained.Contains(missing.Name))
                problems.Error(file, 1, missing.Name, null, $"{file} has no \"{missing.Name}\" column. Add the column (the first line names the columns) or export the file again.");
        }
        // Without a required column every row would be wrong in the same way: one message is enough.
        return complete ? found : null;
    }

    /// <summary>
    /// Checks that a row has as many values as the others: a missing or extra comma shifts every later value
    /// into the wrong column. The first row sets the usual width, so an export that leaves off empty trailing
    /// values, or adds a trailing comma to every row, is read as it is.
    /// </summary>
    private sealed class RowWidth(int headerCount, int named)
    {
        private int? _usual;

        public bool Fits(CsvReader reader, CsvRow row, RosterProblems problems)
        {
            var count = reader.FieldCount;
            var extraValues = count > headerCount && !Enumerable.Range(headerCount, count - headerCount).All(reader.IsEmpty);
            _usual ??= extraValues ? headerCount : count;
            if (count == _usual || (count >= named && count <= headerCount)) return true;
            if (count < _usual)
            {
                problems.Error(row.File, row.Line, null, null,
                    $"Line {row.Line} has {count} values but the other lines have {_usual}. A comma may be missing, or a line break may have split the row.");
                return false;
            }
            problems.Error(row.File, row.Line, null, null,
                $"Line {row.Line} has more values than there are columns. A value with a comma in it (such as \"Smith, Jo\") must be in quote marks.");
            return false;
        }
    }

    private static void Malformed(RosterProblems problems, string file, CsvMalformedRecord m)
    {
        var line = m.LineNumber > 0 ? (int?)m.LineNumber : null;
        var message = m.Reason switch
        {
            CsvMalformedReason.UnterminatedQuote => "A quote mark (\") opens a value that never closes, so everything after it was read as one value. Check the quote marks on this line.",
            CsvMalformedReason.StrayQuote => "A quote mark (\") is inside a value that is not in quotes. Put the whole value in quotes and double the inner quote (\"\"), or remove it.",
            CsvMalformedReason.TextAfterClosingQuote => "A quote mark (\") on this line is not where CSV expects one, so the values run together. A value with a quote mark in it must be in quotes, with the mark doubled (\"\"); check the quote marks on this line.",
            _ => "This line does not follow the CSV rules. Check its quote marks and commas.",
        };
        problems.Error(file, line, null, null, message);
    }
}

/// <summary>One row of a roster file, with what it needs to say where a problem is.</summary>
public sealed class CsvRow
{
    private readonly CsvReader _reader;
    private readonly Dictionary<string, int> _columns;
    private readonly Dictionary<string, string> _headerNames;
    private readonly RosterProblems _problems;
    // Each value is checked once per row, however often it is read, so a problem is said once.
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);
    private long _valuesOfRow = -1;

    internal CsvRow(string file, CsvReader reader, Dictionary<string, int> columns, Dictionary<string, string> headerNames, RosterProblems problems) =>
        (File, _reader, _columns, _headerNames, _problems) = (file, reader, columns, headerNames, problems);

    public string File { get; }
    public int Line => (int)_reader.LineNumber;
    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The trimmed, checked value (see <see cref="RosterText"/>); null when the column is absent or the value blank.</summary>
    public string? this[string column]
    {
        get
        {
            if (_valuesOfRow != _reader.RowNumber)
            {
                _values.Clear();
                _valuesOfRow = _reader.RowNumber;
            }
            if (_values.TryGetValue(column, out var known)) return known;
            string? value = null;
            if (_columns.TryGetValue(column, out var i) && i < _reader.FieldCount && !_reader.IsEmpty(i))
            {
                value = _reader.GetString(i)?.Trim();
                value = string.IsNullOrEmpty(value) ? null : RosterText.Check(value, column, this);
            }
            return _values[column] = value;
        }
    }

    public int? ColumnNumber(string column) => _columns.TryGetValue(column, out var i) ? i + 1 : null;

    /// <summary>The column as the file names it (School Data Sync's UK files say "ID" for "SIS ID").</summary>
    private string Named(string column) => _headerNames.TryGetValue(column, out var n) ? n : column;

    public RosterPosition At(string? column = null) => new(File, Line, column is null ? null : Named(column), column is null ? null : ColumnNumber(column));

    public void Error(string column, string message) => _problems.Error(File, Line, Named(column), ColumnNumber(column), message);
    public void Warning(string column, string message) => _problems.Warning(File, Line, Named(column), ColumnNumber(column), message);
}

/// <summary>Where a value came from, kept with parsed records so later checks can point at it.</summary>
public sealed record RosterPosition(string File, int Line, string? Column, int? ColumnNumber)
{
    public void Error(RosterProblems problems, string message) => problems.Error(File, Line, Column, ColumnNumber, message);
    public void Warning(RosterProblems problems, string message) => problems.Warning(File, Line, Column, ColumnNumber, message);
}
