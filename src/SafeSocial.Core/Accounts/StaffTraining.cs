using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.People;

namespace SafeSocial.Core.Accounts;

/// <summary>What a form says about training someone completed.</summary>
public sealed record TrainingEntry(string? Type, DateOnly? CompletedOn, DateOnly? ExpiresOn);

/// <summary>A person's training records: listed, and recorded with checks (the training capability will own these later).</summary>
public sealed class StaffTraining(SafeSocialDb db, AccountAdmins admins, TimeProvider clock)
{
    public Task<List<TrainingRecord>> ListAsync(Guid orgId, Guid staffId, CancellationToken ct = default) =>
        db.TrainingRecords.AsNoTracking().Where(t => t.OrganisationId == orgId && t.StaffMemberId == staffId)
            .OrderByDescending(t => t.CompletedOn).ThenBy(t => t.Type).ToListAsync(ct);

    /// <summary>Records training for a staff member of this organisation. Audited.</summary>
    public async Task<Outcome> RecordAsync(Guid orgId, Guid staffId, TrainingEntry entry, CancellationToken ct = default)
    {
        if (!await db.StaffMembers.AnyAsync(s => s.OrganisationId == orgId && s.Id == staffId, ct)) return Outcome.NotFound;
        var problems = Check(entry, UkTime.Today(clock));
        if (problems.Count > 0) return Outcome.Refused(problems);
        await admins.RecordTrainingAsync(staffId, entry.Type!.Trim(), entry.CompletedOn!.Value, entry.ExpiresOn, ct);
        return Outcome.Done;
    }

    public static List<Problem> Check(TrainingEntry e, DateOnly today)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(e.Type)) problems.Add(new(nameof(e.Type), "Enter the name of the training"));
        else if (e.Type.Trim().Length > 200) problems.Add(new(nameof(e.Type), "The name of the training must be 200 characters or fewer"));
        if (e.CompletedOn is not { } done) problems.Add(new(nameof(e.CompletedOn), "Enter the date the training was completed"));
        else if (done > today) problems.Add(new(nameof(e.CompletedOn), "The date the training was completed must be today or in the past"));
        else if (done < today.AddYears(-20)) problems.Add(new(nameof(e.CompletedOn), "The date the training was completed must be within the last 20 years"));
        if (e.ExpiresOn is { } expires && e.CompletedOn is { } completed && expires <= completed)
            problems.Add(new(nameof(e.ExpiresOn), "The expiry date must be after the date the training was completed"));
        return problems;
    }
}
