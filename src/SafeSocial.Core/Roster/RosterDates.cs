using System.Globalization;
using System.Text.RegularExpressions;

namespace SafeSocial.Core.Roster;

/// <summary>
/// Reads the dates of an import. Dates are held until every file has been read, then read in one order:
/// year-first dates (2023-05-01) as year-month-day, unless some date in the same column can only be
/// year-day-month (2023-24-05), when the whole column is read that way; day, month and year separated by
/// slashes, dots or dashes (01/05/2023, 01.05.2023) as day/month for the whole import (as in the UK), unless
/// some date can only be month/day (8/24/2021, as School Data Sync's samples have). Dates that fit no order,
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

    private static readonly string[] IsoFormats = ["yyyyMMdd"];

    [GeneratedRegex(@"^(\d{4})-(\d{1,2})-(\d{1,2})$")]
    private static partial Regex YearFirst();

    /// <summary>What SafeSocial reads, for messages about dates it cannot.</summary>
    public const string Readable = "Write dates as YYYY-MM-DD (2023-05-01), or as day, month and year separated by slashes, dots or dashes (01/05/2023, 01.05.2023 or 01-05-2023)";

    private readonly List<Pending> _yearFirst = [];

    /// <summary>Reads a date now or later; problems are said through <paramref name="problems"/>.</summary>
    public void Read(string? raw, RosterPosition at, RosterProblems problems, Action<DateOnly> assign)
    {
        if (raw is null) return;
        if (DateOnly.TryParseExact(raw, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)) { Check(iso, raw, at, problems, assign); return; }
        if (YearFirst().Match(raw) is { Success: true } y)
        {
            _yearFirst.Add(new Pending(raw, Int(y.Groups[2].Value), Int(y.Groups[3].Value), Int(y.Groups[1].Value), at, assign));
            return;
        }
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
            : $"\"{raw}\" is not a date SafeSocial can read. {Readable}.");
    }

    private static int Int(string digits) => int.Parse(digits, CultureInfo.InvariantCulture);

    private static bool Real(int year, int month, int day) => month is >= 1 and <= 12 && year >= 1 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    /// <summary>
    /// Year-first dates, one column at a time: a column is year-month-day unless one of its dates can only be
    /// year-day-month, so that 2023-05-12 is not read as 12 May in a column that also holds 2023-24-05.
    /// </summary>
    private void ResolveYearFirst(RosterProblems problems, List<string> notes)
    {
        foreach (var column in _yearFirst.GroupBy(p => (p.At.File, p.At.Column)))
        {
            var dayFirst = column.FirstOrDefault(p => !Real(p.Year, p.A, p.B) && Real(p.Year, p.B, p.A));
            var monthFirst = column.FirstOrDefault(p => Real(p.Year, p.A, p.B) && !Real(p.Year, p.B, p.A) && p.A != p.B);
            foreach (var p in column)
            {
                if (dayFirst is null || monthFirst is not null)
                {
                    if (Real(p.Year, p.A, p.B)) Check(new DateOnly(p.Year, p.A, p.B), p.Raw, p.At, problems, p.Assign);
                    else p.At.Error(problems, monthFirst is not null && Real(p.Year, p.B, p.A)
                        ? $"\"{p.Raw}\" is year-day-month, but other dates in this column are year-month-day (such as \"{monthFirst.Raw}\" on line {monthFirst.At.Line}). Write every date as YYYY-MM-DD."
                        : $"\"{p.Raw}\" is not a real date. {Readable}.");
                    continue;
                }
                if (Real(p.Year, p.B, p.A)) Check(new DateOnly(p.Year, p.B, p.A), p.Raw, p.At, problems, p.Assign);
                else p.At.Error(problems, $"\"{p.Raw}\" is not a real date. {Readable}.");
            }
            if (dayFirst is not null && monthFirst is null)
                notes.Add($"Dates in the {column.Key.Column} column of {column.Key.File} were read as year-day-month, because \"{dayFirst.Raw}\" on line {dayFirst.At.Line} can only be read that way. Check the dates in the changes below, and export dates as YYYY-MM-DD.");
        }
        _yearFirst.Clear();
    }

    /// <summary>Reads the held dates in the one order the files allow. Call once, after every file.</summary>
    public void Resolve(RosterProblems problems, List<string> notes)
    {
        ResolveYearFirst(problems, notes);
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
                p.At.Error(problems, $"\"{p.Raw}\" is not a real date. {Readable}.");
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
