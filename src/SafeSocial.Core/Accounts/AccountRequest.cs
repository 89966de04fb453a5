using System.Net.Mail;
using SafeSocial.Core.People;

namespace SafeSocial.Core.Accounts;

/// <summary>What a person fills in to ask for a new official account; kept as typed so nothing is lost on error.</summary>
public sealed class AccountRequest
{
    public Platform? Platform { get; set; }
    public string? OtherPlatformName { get; set; }
    public string? Handle { get; set; }
    public string? Address { get; set; }
    public string? Purpose { get; set; }
    public string? IntendedOutcomes { get; set; }
    public string? Audience { get; set; }
    public bool PupilsMayContribute { get; set; }
    public bool StaffMayContribute { get; set; }
    public bool ParentsMayContribute { get; set; }
    public bool PublicMayContribute { get; set; }
    public string? ExpectedEngagement { get; set; }
    public string? StaffTime { get; set; }
    public string? Evaluation { get; set; }
    public string? Hazards { get; set; }
    public string? Controls { get; set; }
    public string? AssessedBy { get; set; }
    public DateOnly? AssessedOn { get; set; }
    public DateOnly? NextReviewOn { get; set; }
    public string? OfficialEmail { get; set; }
    /// <summary>Empty means the platform's own minimum age.</summary>
    public int? MinimumUserAge { get; set; }

    /// <summary>Every problem with the request, each named by its field, in the form's order.</summary>
    public List<Problem> Check(IReadOnlyList<string> allowedDomains, DateOnly today)
    {
        var problems = new List<Problem>();
        void Need(string? value, string field, string message, int max = 4000)
        {
            if (string.IsNullOrWhiteSpace(value)) problems.Add(new(field, message));
            else if (value.Trim().Length > max) problems.Add(new(field, $"{message.Replace("Enter", "Shorten", StringComparison.Ordinal)} to {max} characters or fewer"));
        }
        if (Platform is null) problems.Add(new(nameof(Platform), "Select the platform"));
        if (Platform == Accounts.Platform.Other) Need(OtherPlatformName, nameof(OtherPlatformName), "Enter the name of the platform", 100);
        Need(Handle, nameof(Handle), "Enter the account's handle or name", 200);
        if (!string.IsNullOrWhiteSpace(Address) && !(Uri.TryCreate(Address.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            problems.Add(new(nameof(Address), "Enter the address as a full web address, like https://www.facebook.com/ourschool"));
        Need(Purpose, nameof(Purpose), "Enter the purpose and objectives of the account");
        Need(IntendedOutcomes, nameof(IntendedOutcomes), "Enter the intended outcomes");
        Need(Audience, nameof(Audience), "Enter who the account is for");
        Need(ExpectedEngagement, nameof(ExpectedEngagement), "Enter the engagement you expect");
        Need(StaffTime, nameof(StaffTime), "Enter the time staff will commit");
        Need(Evaluation, nameof(Evaluation), "Enter how success will be evaluated");
        Need(Hazards, nameof(Hazards), "Enter the hazards the risk assessment found");
        Need(Controls, nameof(Controls), "Enter the controls that reduce those hazards");
        Need(AssessedBy, nameof(AssessedBy), "Enter who assessed the risks", 200);
        if (AssessedOn is null) problems.Add(new(nameof(AssessedOn), "Enter the date the risks were assessed"));
        else if (AssessedOn > today) problems.Add(new(nameof(AssessedOn), "The date the risks were assessed must be today or in the past"));
        if (NextReviewOn is null) problems.Add(new(nameof(NextReviewOn), "Enter the date of the next review of the risk assessment"));
        else if (AssessedOn is { } assessed && NextReviewOn <= assessed) problems.Add(new(nameof(NextReviewOn), "The next review must be after the date the risks were assessed"));
        CheckEmail(allowedDomains, problems);
        if (MinimumUserAge is { } age && age is < 13 or > 21)
            problems.Add(new(nameof(MinimumUserAge), "The minimum user age must be between 13 and 21"));
        return problems;
    }

    private void CheckEmail(IReadOnlyList<string> allowedDomains, List<Problem> problems)
    {
        var email = OfficialEmail?.Trim();
        if (string.IsNullOrEmpty(email)) { problems.Add(new(nameof(OfficialEmail), "Enter the official email address the account is registered with")); return; }
        if (!MailAddress.TryCreate(email, out var address) || address.Address != email || !address.Host.Contains('.'))
        { problems.Add(new(nameof(OfficialEmail), "Enter an email address in the correct format, like socialmedia@school.sch.uk")); return; }
        if (allowedDomains.Count == 0)
        { problems.Add(new(nameof(OfficialEmail), "The policy lists no email domains for official accounts yet: ask whoever manages the policy to add the school's or trust's domain")); return; }
        var host = address.Host.ToLowerInvariant();
        if (!allowedDomains.Contains(host))
            problems.Add(new(nameof(OfficialEmail), $"The official email must be on a domain the policy lists: {string.Join(", ", allowedDomains.Select(d => "@" + d))}"));
    }
}
