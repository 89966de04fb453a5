using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Takedowns;

/// <summary>Why consent that was given stopped counting.</summary>
public enum TakedownReason
{
    /// <summary>A parent (or the pupil) withdrew or refused it.</summary>
    Withdrawn,
    /// <summary>It ran out: academic-year consent ends on 31 August.</summary>
    Lapsed,
    /// <summary>The pupil left the school.</summary>
    Left,
}

public enum TakedownStatus
{
    Open,
    Done,
    Unable,
    /// <summary>Consent was given again before anything came down (the September answers after an academic year lapses).</summary>
    NoLongerNeeded,
}

/// <summary>
/// Images of a pupil that must come down because their consent for one purpose ended. Opened by the consent
/// register when given consent is withdrawn, and by the daily takedown check when it lapses or the pupil leaves.
/// </summary>
public class TakedownTask : IOrganisationOwned
{
    public Guid Id { get; set; }
    /// <summary>The pupil's school.</summary>
    public Guid OrganisationId { get; set; }
    public Guid PupilId { get; set; }
    /// <summary>The consent purpose's key, and its name as the school called it when the task opened.</summary>
    public required string Purpose { get; set; }
    public required string PurposeName { get; set; }
    public TakedownReason Reason { get; set; }
    /// <summary>The first day the consent no longer counted.</summary>
    public DateOnly ConsentEndedOn { get; set; }
    /// <summary>The "given" decision that ended: one ending of one consent opens one task, however often the check runs.</summary>
    public Guid EndedConsentRecordId { get; set; }
    /// <summary>What must come down and where, in words, e.g. "Remove images of Sam Ash from the school website".</summary>
    public required string WhatToTakeDown { get; set; }
    /// <summary>
    /// The one published post this task is about, for the posting capability to set when it opens a task per post.
    /// Null (always, for now): the task is about every image of the pupil used for the purpose.
    /// </summary>
    public Guid? PostId { get; set; }

    /// <summary>A staff member of the school or its trust; null when nobody could be chosen.</summary>
    public Guid? OwnerStaffMemberId { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    /// <summary>Opened date plus the school's takedown days (ConsentPolicy.TakedownDueDays).</summary>
    public DateOnly DueOn { get; set; }
    public TakedownStatus Status { get; set; }
    /// <summary>When it was marked done or unable, and by whom.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public Guid? ClosedByUserId { get; set; }
    /// <summary>Done: an optional note of what was taken down. Unable: the reason, which is required.</summary>
    public string? ClosedNote { get; set; }
    /// <summary>When the owner was last emailed about it being overdue: at most once a day.</summary>
    public DateTimeOffset? LastRemindedAt { get; set; }
}
