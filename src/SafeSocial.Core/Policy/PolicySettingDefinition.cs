using SafeSocial.Core.Accounts;
using SafeSocial.Core.Accounts.Custody;
using SafeSocial.Core.Consent;

namespace SafeSocial.Core.Policy;

/// <summary>One of the named answers a choice setting offers, stored as a number.</summary>
public sealed record SettingChoice(int Value, string Label, string Hint);

/// <summary>
/// One setting a trust sets for its schools and a school may override: how the settings pages name,
/// explain, bound and read it. A setting with <see cref="Choices"/> is picked from them; otherwise it is a
/// whole number between <see cref="Min"/> and <see cref="Max"/>. A later capability that adds a field to
/// <see cref="PolicySettings"/> adds its line here.
/// </summary>
public sealed record PolicySettingDefinition(
    string Key, string Title, string Hint, string Unit, int Min, int Max,
    Func<PolicySettings, int?> Get, Action<PolicySettings, int?> Set, Func<EffectivePolicySettings, int> Effective,
    IReadOnlyList<SettingChoice>? Choices = null)
{
    /// <summary>"12 months", "1 day", or the choice's label.</summary>
    public string Describe(int value) => Choices is { } choices
        ? choices.FirstOrDefault(c => c.Value == value)?.Label ?? value.ToString()
        : $"{value} {(value == 1 ? Unit.TrimEnd('s') : Unit)}";

    public bool Allows(int value) => Choices is { } choices ? choices.Any(c => c.Value == value) : value >= Min && value <= Max;

    public static readonly IReadOnlyList<PolicySettingDefinition> All =
    [
        new("review-cycle", "Policy review cycle",
            "How often the policy is reviewed and ratified again. Most schools review every 12 months.", "months", 1, 60,
            s => s.ReviewCycleMonths, (s, v) => s.ReviewCycleMonths = v, e => e.ReviewCycleMonths),
        new("invitation-valid", "Staff invitations last",
            "How long the link in a staff invitation email works before a new one is needed.", "days", 1, 30,
            s => s.InvitationValidDays, (s, v) => s.InvitationValidDays = v, e => e.InvitationValidDays),
        new("consent-validity", "Photo consent lasts",
            "How long a parent's photo and video consent counts before it must be sought again. Without a current consent, a pupil may not appear.", "", 0, 1,
            s => (int?)s.ConsentValidity, (s, v) => s.ConsentValidity = (ConsentValidity?)v, e => (int)e.ConsentValidity,
            [
                new((int)ConsentValidity.WholeEnrolment, "For the whole time at the school",
                    "Consent stands until it is withdrawn or the pupil leaves."),
                new((int)ConsentValidity.AcademicYear, "For one academic year",
                    "Consent is sought every September and lapses at the end of August."),
            ]),
        new("consent-competence-age", "Pupils may decide their own photo consent from the age of",
            "Below this age only a parent or carer with parental responsibility decides. From it, a pupil decides for themselves once a named member of staff has judged them competent; at 18 every pupil decides.", "years", 8, 18,
            s => s.ConsentCompetenceAge, (s, v) => s.ConsentCompetenceAge = v, e => e.ConsentCompetenceAge),
        new("takedown-due", "Images taken down within",
            "When consent is withdrawn or lapses, how long staff have to remove the pupil's images. The ICO expects about a month.", "days", 1, 90,
            s => s.TakedownDueDays, (s, v) => s.TakedownDueDays = v, e => e.TakedownDueDays),
        new("account-approvals", "Official accounts are approved by",
            "Who must approve a request for a new official social media account before it is set up.", "", 0, 1,
            s => (int?)s.AccountApprovals, (s, v) => s.AccountApprovals = (AccountApprovalRoute?)v, e => (int)e.AccountApprovals,
            [
                new((int)AccountApprovalRoute.HeadteacherOnly, "The headteacher",
                    "The headteacher of the school (or the trust's executive leadership for a trust account) approves."),
                new((int)AccountApprovalRoute.HeadteacherThenHeadOfCommunications, "The headteacher, then the head of communications",
                    "As the trust policies say: the headteacher approves first, then the trust's head of communications."),
            ]),
        new("account-password-days", "Official account passwords are changed every",
            "How long an official account's password may stay the same before the people who manage accounts are reminded to change it.", "days", 30, 730,
            s => s.AccountPasswordDays, (s, v) => s.AccountPasswordDays = v, e => e.AccountPasswordDays),
        new("account-admin-grace", "A new official account needs a trained admin within",
            "How long after its approval an official account may go without a trained admin before it shows as overdue.", "days", 1, 90,
            s => s.AccountAdminGraceDays, (s, v) => s.AccountAdminGraceDays = v, e => e.AccountAdminGraceDays),
        new("custody-notices", "Password reveals and changes are told to",
            "Who is emailed each time someone reveals or changes an official account's password.", "", 0, 2,
            s => (int?)s.CustodyNotices, (s, v) => s.CustodyNotices = (CustodyNoticeRecipients?)v, e => (int)e.CustodyNotices,
            [
                new((int)CustodyNoticeRecipients.HeadOfCommunications, "The head of communications",
                    "As the seed policies say: the head of communications is told of every change."),
                new((int)CustodyNoticeRecipients.Headteacher, "The headteacher",
                    "The headteacher of the school (or the trust's executive leadership for a trust account)."),
                new((int)CustodyNoticeRecipients.Both, "Both the head of communications and the headteacher",
                    "Both are told of every reveal and change."),
            ]),
    ];

    public static PolicySettingDefinition? Find(string key) => All.FirstOrDefault(d => d.Key == key);
}
