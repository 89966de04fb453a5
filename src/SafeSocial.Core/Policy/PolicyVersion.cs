using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Policy;

/// <summary>One version of a school's (or trust's) social media policy: its key details, ratification and review.</summary>
public class PolicyVersion : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public int Version { get; set; }
    public DateOnly DateWritten { get; set; }
    /// <summary>Names as the policy prints them, captured from the role holders when the version was recorded.</summary>
    public string Headteachers { get; set; } = "";
    /// <summary>The designated safeguarding lead(s).</summary>
    public string SafeguardingLeads { get; set; } = "";
    public string DeputySafeguardingLeads { get; set; } = "";
    /// <summary>The governor named with lead responsibility for online safety.</summary>
    public string NamedGovernor { get; set; } = "";
    /// <summary>"Governing body", "Trust executive leadership team"…</summary>
    public string? RatifiedBy { get; set; }
    public DateOnly? RatifiedOn { get; set; }
    /// <summary>Months between reviews chosen for this version; null inherits the effective policy setting.</summary>
    public int? ReviewCycleMonths { get; set; }
    /// <summary>The next review date as worked out when the version was recorded. While the cycle is inherited, use <see cref="ReviewDue"/>.</summary>
    public DateOnly NextReviewDue { get; set; }
    /// <summary>What changed in this version, or that the review found nothing to change.</summary>
    public string? Notes { get; set; }

    /// <summary>Reviews count from ratification, when the policy came into force, or else from when it was written.</summary>
    public DateOnly ReviewCountsFrom => RatifiedOn ?? DateWritten;

    /// <summary>The review date in force: this version's own date if it chose a cycle, or else its start plus the school's effective cycle.</summary>
    public DateOnly ReviewDue(int effectiveCycleMonths) =>
        ReviewCycleMonths is null ? ReviewCountsFrom.AddMonths(effectiveCycleMonths) : NextReviewDue;
}
