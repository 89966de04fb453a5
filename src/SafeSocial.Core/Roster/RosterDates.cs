using System.Globalization;
using System.Text.RegularExpressions;

namespace SafeSocial.Core.Roster;

/// <summary>
/// Reads the dates of an import. ISO dates (2023-05-01) are read at once. Dates with slashes are held until
/// every file has been read, then read in one order for the whole import: day/month (as in the UK) unless
/// some date can only be month/day (8/24/2021, as School Data Sync's samples have). Dates that fit neither,
/// or have two-digit years, are errors.
/// </summary>
public sealed partial class RosterDates
{
    private readonly List<Pending> _pending = [];
    private RosterPosition? _dayFirstExample;
    private string? _dayFirstRaw;
    private RosterPosition? _monthFirstExample;
    private string? _monthFirstRaw;

    private sealed record Pending(string Raw, int A, int B, int Year, RosterPosition At, Action<DateOnly> Assign);

    [GeneratedRegex(@"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")]
    private static partial Regex SlashDate();

    [GeneratedRegex(@"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}$")]
    private static partial Regex ShortYear();

    private static readonly string[] IsoFormats = ["yyyy-MM-dd", "yyyyMMdd", "yyyy-M-d"];

    /// <summary>Reads a date now or later; problems are said through <paramref name="problems"/>.</summary>
    public void Read(string? raw, RosterPosition at, RosterProblems problems, Action<DateOnly> assign)
    {
        if (raw is null) return;
        if (DateOnly.TryParseExact(raw, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)) { Check(iso, raw, at, problems, assign); return; }
        if (raw.Length > 10 && raw[4] == '-' && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp))
        {
            Check(DateOnly.FromDateTime(stamp.UtcDateTime), raw, at, problems, assign);
            return;
        }
        var m = SlashDate().Match(raw);
        if (m.Success)
        {
            var (a, b, year) = (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
            if (a > 12 && b <= 12 && _dayFirstExample is null) (_dayFirstExample, _dayFirstRaw) = (at, raw);
            if (b > 12 && a <= 12 && _monthFirstExample is null) (_monthFirstExample, _monthFirstRaw) = (at, raw);
            _pending.Add(new Pending(raw, a, b, year, at, assign));
            return;
        }
        at.Error(problems, ShortYear().IsMatch(raw)
            ? $"\"{raw}\" has a two-digit year. Write the year in full, for example 01/05/2023 or 2023-05-01."
            : $"\"{raw}\" is not a date SafeSocial can read. Write dates as YYYY-MM-DD (2023-05-01) or day/month/year (01/05/2023).");
    }

    /// <summary>Reads the held dates in the one order the files allow. Call once, after every file.</summary>
    public void Resolve(RosterProblems problems, List<string> notes)
    {
        var monthFirst = _monthFirstExample is not null && _dayFirstExample is null;
        foreach (var p in _pending)
        {
            var (day, month) = monthFirst ? (p.B, p.A) : (p.A, p.B);
            if (month is >= 1 and <= 12 && p.Year >= 1900 && day >= 1 && day <= DateTime.DaysInMonth(p.Year, month))
            {
                Check(new DateOnly(p.Year, month, day), p.Raw, p.At, problems, p.Assign);
                continue;
            }
            var swapped = p.A is >= 1 and <= 12 && p.B >= 1 && p.Year >= 1900 && p.B <= DateTime.DaysInMonth(p.Year, p.A);
            if (swapped && _dayFirstExample is { } d)
                p.At.Error(problems, $"\"{p.Raw}\" is month/day/year, but other dates in these files are day/month/year (such as \"{_dayFirstRaw}\" in {d.File} line {d.Line}). Write every date one way, preferably YYYY-MM-DD.");
            else
                p.At.Error(problems, $"\"{p.Raw}\" is not a real date. Write dates as YYYY-MM-DD (2023-05-01) or day/month/year (01/05/2023).");
        }
        if (monthFirst && _pending.Count > 0)
            notes.Add($"Dates with slashes were read as month/day/year (American order), because \"{_monthFirstRaw}\" in {_monthFirstExample!.File} line {_monthFirstExample.Line} can only be read that way. Check the dates of birth in the changes below.");
        else if (_pending.Count > 0 && _dayFirstExample is null)
        {
            var example = _pending[0];
            var read = new DateOnly(example.Year, Math.Clamp(example.B, 1, 12), Math.Clamp(example.A, 1, 28));
            notes.Add($"Dates with slashes, such as \"{example.Raw}\", were read as day/month/year ({read.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}), as UK systems write them.");
        }
        _pending.Clear();
    }

    private static void Check(DateOnly date, string raw, RosterPosition at, RosterProblems problems, Action<DateOnly> assign)
    {
        if (date.Year < 1900) at.Error(problems, $"\"{raw}\" is before 1900. Check the date.");
        else assign(date);
    }
}
