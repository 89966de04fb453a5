namespace SafeSocial.Core.Policy;

public enum ReviewUrgency { NotDue, Within60Days, Within30Days, Within7Days, Overdue }

/// <summary>How close a policy is to its review date; the dashboard warns at 60, 30 and 7 days and when overdue.</summary>
public static class PolicyReview
{
    public static ReviewUrgency Urgency(DateOnly nextReviewDue, DateOnly today)
    {
        var days = nextReviewDue.DayNumber - today.DayNumber;
        return days switch
        {
            < 0 => ReviewUrgency.Overdue,
            <= 7 => ReviewUrgency.Within7Days,
            <= 30 => ReviewUrgency.Within30Days,
            <= 60 => ReviewUrgency.Within60Days,
            _ => ReviewUrgency.NotDue,
        };
    }

    /// <summary>The GOV.UK tag for an urgency: words as well as colour, so colour is never the only signal.</summary>
    public static (string Text, string CssClass) Tag(ReviewUrgency urgency) => urgency switch
    {
        ReviewUrgency.Overdue => ("Overdue", "govuk-tag--red"),
        ReviewUrgency.Within7Days => ("Due within 7 days", "govuk-tag--orange"),
        ReviewUrgency.Within30Days => ("Due within 30 days", "govuk-tag--yellow"),
        ReviewUrgency.Within60Days => ("Due within 60 days", "govuk-tag--blue"),
        _ => ("Up to date", "govuk-tag--green"),
    };

    public static string Describe(DateOnly nextReviewDue, DateOnly today)
    {
        var days = nextReviewDue.DayNumber - today.DayNumber;
        return days switch
        {
            < 0 => $"The policy review is overdue: it was due on {nextReviewDue:d MMMM yyyy}",
            0 => "The policy review is due today",
            1 => "The policy review is due tomorrow",
            _ => $"The policy review is due in {days} days, on {nextReviewDue:d MMMM yyyy}",
        };
    }
}
