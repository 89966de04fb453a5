using System.Globalization;

namespace SafeSocial.Web.TagHelpers;

/// <summary>A GOV.UK date input's three boxes as typed, so nothing is lost when the date is not valid.</summary>
public sealed class DateParts
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public static DateParts From(DateOnly? date) => date is { } d
        ? new DateParts { Day = d.Day.ToString(CultureInfo.InvariantCulture), Month = d.Month.ToString(CultureInfo.InvariantCulture), Year = d.Year.ToString(CultureInfo.InvariantCulture) }
        : new DateParts();

    /// <summary>The date, or the GOV.UK message saying what to fix. <paramref name="what"/> is "Start date", "Leaving date"…</summary>
    public (DateOnly? Date, string? Error) Read(string what, bool required)
    {
        if (IsEmpty) return (null, required ? $"Enter the {what.ToLowerInvariant()}" : null);
        var missing = new[] { ("day", Day), ("month", Month), ("year", Year) }.Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1).ToList();
        if (missing.Count > 0) return (null, $"{what} must include a {string.Join(" and a ", missing)}");
        if (!int.TryParse(Day!.Trim(), out var d) || !int.TryParse(Month!.Trim(), out var m) || !int.TryParse(Year!.Trim(), out var y))
            return (null, $"{what} must be a real date, with numbers only");
        if (y < 1900 || y > 2200) return (null, $"{what} year must include 4 numbers, like 2024");
        if (m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return (null, $"{what} must be a real date");
        return (new DateOnly(y, m, d), null);
    }
}
