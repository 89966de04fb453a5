using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.People;

namespace SafeSocial.Core.Takedowns;

public sealed record TakedownRow(Guid Id, Guid OrganisationId, string SchoolName, Guid PupilId, string PupilName, string PurposeName,
    TakedownReason Reason, DateOnly ConsentEndedOn, string WhatToTakeDown, DateTimeOffset OpenedAt, DateOnly DueOn, TakedownStatus Status,
    Guid? OwnerStaffMemberId, string? OwnerName, DateOnly? OwnerLeftOn, DateTimeOffset? ClosedAt, string? ClosedBy, string? ClosedNote, DateTimeOffset? LastRemindedAt)
{
    public bool IsOverdue(DateOnly today) => Status == TakedownStatus.Open && DueOn < today;
    public bool OwnerHasLeft(DateOnly today) => OwnerLeftOn is { } d && d <= today;
}

public sealed record TakedownCounts(int Open, int Overdue);

/// <summary>What the takedown pages read and change. Each change is audited with the reason the person gave.</summary>
public sealed class TakedownService(SafeSocialDb db, TimeProvider clock)
{
    public const int PageSize = 50;
    public const int NoteLength = 2000;

    /// <summary>The tasks of these schools: open ones first, soonest due first; then closed ones, latest first.</summary>
    public async Task<ResultPage<TakedownRow>> ListAsync(IReadOnlyCollection<Guid> schoolIds, TakedownStatus? status, int page, CancellationToken ct = default)
    {
        var tasks = db.TakedownTasks.AsNoTracking().Where(t => schoolIds.Contains(t.OrganisationId));
        if (status is { } s) tasks = tasks.Where(t => t.Status == s);
        var total = await tasks.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await Rows(tasks, q => q
                .OrderBy(j => j.Task.Status == TakedownStatus.Open ? 0 : 1)
                .ThenBy(j => j.Task.Status == TakedownStatus.Open ? j.Task.DueOn : DateOnly.MinValue)
                .ThenByDescending(j => j.Task.ClosedAt).ThenBy(j => j.Task.Id)
                .Skip((page - 1) * PageSize).Take(PageSize))
            .ToListAsync(ct);
        return new ResultPage<TakedownRow>(rows, total, page, PageSize);
    }

    /// <summary>How many are open and how many of those overdue: one query, for the navigation.</summary>
    public async Task<TakedownCounts> CountsAsync(IReadOnlyCollection<Guid> schoolIds, CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        var counts = await db.TakedownTasks.Where(t => schoolIds.Contains(t.OrganisationId) && t.Status == TakedownStatus.Open)
            .GroupBy(t => t.DueOn < today).Select(g => new { Overdue = g.Key, Count = g.Count() }).ToListAsync(ct);
        return new TakedownCounts(counts.Sum(c => c.Count), counts.Where(c => c.Overdue).Sum(c => c.Count));
    }

    public async Task<IReadOnlyList<TakedownRow>> ForPupilAsync(Guid schoolId, Guid pupilId, CancellationToken ct = default) =>
        await Rows(db.TakedownTasks.AsNoTracking().Where(t => t.OrganisationId == schoolId && t.PupilId == pupilId),
            q => q.OrderBy(j => j.Task.Status == TakedownStatus.Open ? 0 : 1).ThenByDescending(j => j.Task.OpenedAt)).ToListAsync(ct);

    /// <summary>One task of this school; another school's is simply not found.</summary>
    public async Task<TakedownRow?> FindAsync(Guid schoolId, Guid taskId, CancellationToken ct = default) =>
        await Rows(db.TakedownTasks.AsNoTracking().Where(t => t.OrganisationId == schoolId && t.Id == taskId), q => q).FirstOrDefaultAsync(ct);

    public Task<Outcome> MarkDoneAsync(Guid schoolId, Guid taskId, string? note, CancellationToken ct = default) =>
        CloseAsync(schoolId, taskId, TakedownStatus.Done, Clean(note), ct);

    public Task<Outcome> MarkUnableAsync(Guid schoolId, Guid taskId, string? reason, CancellationToken ct = default) =>
        Clean(reason) is { } why
            ? CloseAsync(schoolId, taskId, TakedownStatus.Unable, why, ct)
            : Task.FromResult(Outcome.Refused("UnableReason", "Enter why the images cannot be taken down"));

    public async Task<Outcome> ChangeOwnerAsync(Guid schoolId, Guid taskId, Guid? ownerId, CancellationToken ct = default)
    {
        var task = await OpenTaskAsync(schoolId, taskId, ct);
        if (task.Outcome is { } problem) return problem;
        var candidates = await new TakedownOwners(db, clock).CandidatesAsync(schoolId, ct);
        if (candidates.FirstOrDefault(c => c.StaffMemberId == ownerId) is not { } owner)
            return Outcome.Refused("OwnerId", "Choose who will own this takedown");
        if (task.Task!.OwnerStaffMemberId == owner.StaffMemberId) return Outcome.Done;
        task.Task.OwnerStaffMemberId = owner.StaffMemberId;
        db.Audit.Reason = $"Owner changed to {owner.Name}";
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    private async Task<Outcome> CloseAsync(Guid schoolId, Guid taskId, TakedownStatus status, string? note, CancellationToken ct)
    {
        var field = status == TakedownStatus.Done ? "Note" : "UnableReason";
        if (note?.Length > NoteLength) return Outcome.Refused(field, $"{(status == TakedownStatus.Done ? "The note" : "The reason")} must be {NoteLength:N0} characters or fewer");
        var (task, problem) = await OpenTaskAsync(schoolId, taskId, ct);
        if (problem is not null) return problem;
        task!.Status = status;
        task.ClosedAt = clock.GetUtcNow();
        task.ClosedBy = db.Audit.ActorName;
        task.ClosedByUserId = db.Audit.ActorUserId;
        task.ClosedNote = note;
        db.Audit.Reason = status == TakedownStatus.Done
            ? note is null ? "Takedown done" : $"Takedown done: {note}"
            : $"Takedown could not be done: {note}";
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    private async Task<(TakedownTask? Task, Outcome? Outcome)> OpenTaskAsync(Guid schoolId, Guid taskId, CancellationToken ct)
    {
        var task = await db.TakedownTasks.FirstOrDefaultAsync(t => t.OrganisationId == schoolId && t.Id == taskId, ct);
        if (task is null) return (null, Outcome.NotFound);
        if (task.Status != TakedownStatus.Open)
            return (null, Outcome.Refused("", $"This takedown was closed on {UkTime.Format(task.ClosedAt!.Value)} by {task.ClosedBy}, so it cannot be changed"));
        return (task, null);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private sealed class Joined
    {
        public required TakedownTask Task { get; init; }
        public required string PupilName { get; init; }
        public required string SchoolName { get; init; }
        public string? OwnerName { get; init; }
        public DateOnly? OwnerLeftOn { get; init; }
    }

    /// <summary>
    /// Tasks with their pupil, school and owner, arranged (ordered, paged) after the joins so the order holds. The owner
    /// may belong to the trust, which a school-only reader's filter hides: owners are read past it, by id, and are only
    /// ever people of the task's school or its trust.
    /// </summary>
    private IQueryable<TakedownRow> Rows(IQueryable<TakedownTask> tasks, Func<IQueryable<Joined>, IQueryable<Joined>> arrange) =>
        arrange(from t in tasks
                join p in db.Pupils on t.PupilId equals p.Id
                join o in db.Organisations on t.OrganisationId equals o.Id
                join s in db.StaffMembers.IgnoreQueryFilters() on t.OwnerStaffMemberId equals s.Id into owners
                from s in owners.DefaultIfEmpty()
                select new Joined
                {
                    Task = t, SchoolName = o.Name,
                    PupilName = (p.PreferredFirstName ?? p.LegalFirstName) + " " + (p.PreferredLastName ?? p.LegalLastName),
                    OwnerName = s == null ? null : s.FirstName + " " + s.LastName, OwnerLeftOn = s == null ? null : s.LeavingDate,
                })
            .Select(j => new TakedownRow(j.Task.Id, j.Task.OrganisationId, j.SchoolName, j.Task.PupilId, j.PupilName, j.Task.PurposeName,
                j.Task.Reason, j.Task.ConsentEndedOn, j.Task.WhatToTakeDown, j.Task.OpenedAt, j.Task.DueOn, j.Task.Status,
                j.Task.OwnerStaffMemberId, j.OwnerName, j.OwnerLeftOn, j.Task.ClosedAt, j.Task.ClosedBy, j.Task.ClosedNote, j.Task.LastRemindedAt));
}
