using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SafeSocial.Web.Forms;

/// <summary>
/// A GOV.UK date input's three boxes, kept as typed so nothing entered is lost on error. Errors about the
/// day or the whole date go under the field's own key, others under "Key.Month" / "Key.Year", so the
/// error summary links to the box to fix.
/// </summary>
public sealed class DateParts
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public static DateParts Of(DateOnly? date) => date is { } d
        ? new DateParts { Day = d.Day.ToString(), Month = d.Month.ToString(), Year = d.Year.ToString() }
        : new DateParts();

    /// <summary>The date, or null with a GOV.UK error added when it is incomplete or not real.</summary>
    /// <param name="label">How the error names the date, e.g. "Date written".</param>
    /// <param name="whenMissing">The error for no date at all, or null when the date is optional.</param>
    public DateOnly? Read(ModelStateDictionary state, string key, string label, string? whenMissing = null)
    {
        if (IsEmpty)
        {
            if (whenMissing is not null) state.AddModelError(key, whenMissing);
            return null;
        }
        var missing = new[] { (Day, "day", key), (Month, "month", $"{key}.Month"), (Year, "year", $"{key}.Year") }
            .Where(p => string.IsNullOrWhiteSpace(p.Item1)).ToList();
        if (missing.Count > 0)
        {
            state.AddModelError(missing[0].Item3, $"{label} must include a {string.Join(" and ", missing.Select(m => m.Item2))}");
            return null;
        }
        if (!int.TryParse(Day!.Trim(), out var day) || !int.TryParse(Month!.Trim(), out var month) || !int.TryParse(Year!.Trim(), out var year))
        {
            state.AddModelError(key, $"{label} must be a real date");
            return null;
        }
        if (Year.Trim().Length != 4)
        {
            state.AddModelError($"{key}.Year", "Year must include 4 numbers");
            return null;
        }
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            state.AddModelError(key, $"{label} must be a real date");
            return null;
        }
        return new DateOnly(year, month, day);
    }

    public override string ToString() => $"{Day}/{Month}/{Year}";
}
