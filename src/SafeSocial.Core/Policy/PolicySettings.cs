using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Policy;

/// <summary>
/// The settings a trust sets for all its schools and a school may override. Each null field inherits.
/// Later capabilities add their own fields here.
/// </summary>
public class PolicySettings : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public int? ReviewCycleMonths { get; set; }
    public int? InvitationValidDays { get; set; }
    public Consent.ConsentValidity? ConsentValidity { get; set; }
    /// <summary>Days allowed to take an image down once consent is withdrawn or lapses; the ICO expects about a month.</summary>
    public int? TakedownDueDays { get; set; }
    /// <summary>The age from which a pupil judged competent may decide about their own photo consent.</summary>
    public int? ConsentCompetenceAge { get; set; }
    /// <summary>Who must approve a new official account.</summary>
    public Accounts.AccountApprovalRoute? AccountApprovals { get; set; }
    /// <summary>The email domains official accounts may be registered with, comma-separated; replaces (not adds to) what is inherited.</summary>
    public string? AccountEmailDomains { get; set; }
    /// <summary>Days an official account's password may stay unchanged before a reminder.</summary>
    public int? AccountPasswordDays { get; set; }
    /// <summary>Days a newly approved official account may go without a trained admin before it is overdue.</summary>
    public int? AccountAdminGraceDays { get; set; }
    /// <summary>Who is told when an official account's password is revealed or changed.</summary>
    public Accounts.Custody.CustodyNoticeRecipients? CustodyNotices { get; set; }
}

/// <summary>The settings in force for one school once defaults, trust and school are layered.</summary>
public sealed record EffectivePolicySettings(int ReviewCycleMonths, int InvitationValidDays, Consent.ConsentValidity ConsentValidity, int TakedownDueDays)
{
    public static readonly EffectivePolicySettings Defaults = new(12, 7, Consent.ConsentValidity.WholeEnrolment, 30);

    public Accounts.AccountApprovalRoute AccountApprovals { get; init; } = Accounts.AccountApprovalRoute.HeadteacherOnly;
    /// <summary>No domain by default: the trust or school must list its own before an account can be requested.</summary>
    public IReadOnlyList<string> AccountEmailDomains { get; init; } = [];
    public int AccountPasswordDays { get; init; } = 365;
    public int AccountAdminGraceDays { get; init; } = 14;
    /// <summary>
    /// 12: the ICO's starting point for a child's competence to decide about their own data (the age Scots law presumes).
    /// A policy saying pupils are assessed only at 18 sets 18.
    /// </summary>
    public int ConsentCompetenceAge { get; init; } = 12;
    /// <summary>The seed policies: the head of communications is told of every change.</summary>
    public Accounts.Custody.CustodyNoticeRecipients CustodyNotices { get; init; } = Accounts.Custody.CustodyNoticeRecipients.HeadOfCommunications;

    public EffectivePolicySettings Over(PolicySettings? s) => s is null ? this : new(
        s.ReviewCycleMonths ?? ReviewCycleMonths,
        s.InvitationValidDays ?? InvitationValidDays,
        s.ConsentValidity ?? ConsentValidity,
        s.TakedownDueDays ?? TakedownDueDays)
    {
        AccountApprovals = s.AccountApprovals ?? AccountApprovals,
        AccountEmailDomains = s.AccountEmailDomains is { } d ? Domains(d) : AccountEmailDomains,
        AccountPasswordDays = s.AccountPasswordDays ?? AccountPasswordDays,
        AccountAdminGraceDays = s.AccountAdminGraceDays ?? AccountAdminGraceDays,
        ConsentCompetenceAge = s.ConsentCompetenceAge ?? ConsentCompetenceAge,
        CustodyNotices = s.CustodyNotices ?? CustodyNotices,
    };

    /// <summary>"cit.org.uk, @school.sch.uk" as a list of lower-case domains.</summary>
    public static IReadOnlyList<string> Domains(string text) =>
        text.Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.TrimStart('@').ToLowerInvariant()).Distinct().ToList();
}
