using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Policy;

/// <summary>One version of a school's (or trust's) social media policy: its key details, ratification and review.</summary>
public class PolicyVersion : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public int Version { get; set; }
    public DateOnly DateWritten { get; set; }
    /// <summary>Names as the policy prints them, captured when the version was written.</summary>
    public string Headteachers { get; set; } = "";
    public string SafeguardingLeads { get; set; } = "";
    public string NamedGovernor { get; set; } = "";
    /// <summary>"Governing body", "Trust ELT"…</summary>
    public string? RatifiedBy { get; set; }
    public DateOnly? RatifiedOn { get; set; }
    /// <summary>Months between reviews; null inherits the trust's setting (12 if none).</summary>
    public int? ReviewCycleMonths { get; set; }
    public DateOnly NextReviewDue { get; set; }
}
