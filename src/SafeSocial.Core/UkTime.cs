using System.Globalization;

namespace SafeSocial.Core;

/// <summary>Schools work in UK time: "today" and every time shown are Europe/London, not UTC.</summary>
public static class UkTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    public static DateTimeOffset ToUk(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToUk(clock.GetUtcNow()).DateTime);

    /// <summary>
    /// The instant a UK calendar day starts (midnight in London, whatever the season), in UTC: PostgreSQL's
    /// timestamptz takes no other offset, and a summer midnight is 23:00 UTC the day before.
    /// </summary>
    public static DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>"14 March 2026 at 3:05pm", the GOV.UK style.</summary>
    public static string Format(DateTimeOffset instant)
    {
        var uk = ToUk(instant);
        var time = (uk.Hour, uk.Minute) switch
        {
            (0, 0) => "midnight",
            (12, 0) => "midday",
            _ => uk.ToString("h:mm", Culture) + (uk.Hour < 12 ? "am" : "pm"),
        };
        return $"{uk.ToString("d MMMM yyyy", Culture)} at {time}";
    }

    public static string Format(DateOnly day) => day.ToString("d MMMM yyyy", Culture);
}
