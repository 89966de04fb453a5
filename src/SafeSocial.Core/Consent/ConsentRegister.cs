using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Core.Takedowns;

namespace SafeSocial.Core.Consent;

/// <summary>
/// Who is deciding: a parent or carer, or the pupil themselves (18, or from the policy's competence age once judged competent
/// by a named person, in a named role, on a date).
/// </summary>
public sealed record ConsentDecider(Guid? ParentId, bool Pupil = false, string? CompetenceAssessedBy = null, DateOnly? CompetenceAssessedOn = null,
    Role? CompetenceAssessorRole = null)
{
    /// <summary>The roles in which staff judge a pupil's competence.</summary>
    public static readonly IReadOnlyList<Role> AssessorRoles =
        [Role.Headteacher, Role.DesignatedSafeguardingLead, Role.DeputyDesignatedSafeguardingLead, Role.ESafetyCoordinator, Role.Teacher];

    public static ConsentDecider ByParent(Guid parentId) => new(parentId);
    public static ConsentDecider ByPupil(string? assessedBy = null, DateOnly? assessedOn = null, Role? assessorRole = null) =>
        new(null, true, assessedBy, assessedOn, assessorRole);
}

/// <summary>Who entered a decision and from what.</summary>
public sealed record ConsentProvenance(ConsentSource Source, string RecordedBy, Guid? RecordedByUserId = null);

/// <summary>Adds decisions to the consent register; never changes one already there.</summary>
public sealed class ConsentRegister(SafeSocialDb db, TimeProvider clock)
{
    public async Task<Outcome> RecordAsync(Guid orgId, Guid pupilId, string purpose, ConsentDecision decision, ConsentDecider decider,
        ConsentProvenance provenance, ConsentPolicy policy, DateOnly? decidedOn = null, CancellationToken ct = default)
    {
        if (!policy.HasPurpose(purpose)) return Outcome.Refused("Purpose", "Choose a purpose from the school's consent list");
        var today = Today();
        var on = decidedOn ?? today;
        if (on > today) return Outcome.Refused("DecidedOn", "The date of the decision must be today or in the past");
        var who = await DeciderNameAsync(orgId, pupilId, decider, on, policy.CompetenceAge, ct);
        if (who.Outcome is { } refused) return refused;
        var record = new ConsentRecord
        {
            Id = Guid.NewGuid(), OrganisationId = orgId, PupilId = pupilId, Purpose = purpose, Decision = decision, DecidedOn = on,
            DecidedByParentId = decider.ParentId, DecidedByName = who.Name!, DecidedByPupil = decider.Pupil,
            CompetenceAssessedBy = decider.CompetenceAssessedBy, CompetenceAssessedOn = decider.CompetenceAssessedOn,
            CompetenceAssessorRole = decider.CompetenceAssessorRole,
            Source = provenance.Source, RecordedBy = provenance.RecordedBy, RecordedByUserId = provenance.RecordedByUserId,
            RecordedAt = clock.GetUtcNow(),
        };
        var pupil = await db.Pupils.AsNoTracking().Where(p => p.OrganisationId == orgId && p.Id == pupilId).FirstOrDefaultAsync(ct);
        if (pupil is null) return Outcome.NotFound;
        var history = await db.ConsentRecords.AsNoTracking()
            .Where(r => r.OrganisationId == orgId && r.PupilId == pupilId && r.Purpose == purpose).ToListAsync(ct);
        var before = ConsentStanding.Derive(history, policy, today, pupil.LeavingDate);
        var after = ConsentStanding.Derive(history.Append(record), policy, today, pupil.LeavingDate);
        // Withdrawing consent that counts today opens its takedown in the same transaction as the decision;
        // giving it again closes the takedowns still open, since nothing then needs to come down.
        var takedown = decision == ConsentDecision.Given ? null : await TakedownIfEndedAsync(pupil, policy, record, before, after, today, ct);
        if (decision == ConsentDecision.Given && after.Allowed) await CloseOpenTakedownsAsync(record, ct);
        db.ConsentRecords.Add(record);
        if (takedown is not null) db.TakedownTasks.Add(takedown);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (takedown is not null && db.Database.CurrentTransaction is null && TakedownOpening.IsDuplicate(e))
        {
            // The same consent's takedown was opened a moment ago (a second click, or the daily check): the decision still stands.
            db.Entry(takedown).State = EntityState.Detached;
            await db.SaveChangesAsync(ct);
        }
        return Outcome.Done;
    }

    private async Task<TakedownTask?> TakedownIfEndedAsync(Organisation.Pupil pupil, ConsentPolicy policy, ConsentRecord record,
        ConsentStanding before, ConsentStanding after, DateOnly today, CancellationToken ct)
    {
        if (TakedownOpening.Between(before, after, record.DecidedOn, pupil.LeavingDate) is not { } ending) return null;
        var orgId = record.OrganisationId;
        if (await db.TakedownTasks.AnyAsync(t => t.OrganisationId == orgId && t.EndedConsentRecordId == ending.Given.Id && t.PostId == null, ct)) return null;
        var owner = await new TakedownOwners(db, clock).DefaultOwnerAsync(orgId, ct);
        return TakedownOpening.Task(orgId, pupil.Id, pupil.KnownAs, policy.Purpose(record.Purpose)!, ending, record.RecordedAt, today, policy.TakedownDueDays, owner);
    }

    private async Task CloseOpenTakedownsAsync(ConsentRecord given, CancellationToken ct)
    {
        var open = await db.TakedownTasks.Where(t => t.OrganisationId == given.OrganisationId && t.PupilId == given.PupilId
            && t.Purpose == given.Purpose && t.Status == TakedownStatus.Open).ToListAsync(ct);
        if (open.Count == 0) return;
        foreach (var task in open)
        {
            task.Status = TakedownStatus.NoLongerNeeded;
            task.ClosedAt = given.RecordedAt;
            task.ClosedBy = given.RecordedBy;
            task.ClosedByUserId = given.RecordedByUserId;
            task.ClosedNote = $"Consent given again by {given.DecidedByName} on {UkTime.Format(given.DecidedOn)}";
        }
        db.Audit.Reason = $"Consent given again: {open.Count} open takedown{(open.Count == 1 ? "" : "s")} no longer needed";
    }

    public async Task<Outcome> RecordBiometricAsync(Guid orgId, Guid pupilId, BiometricDecision decision, ConsentDecider decider, bool inWriting,
        ConsentProvenance provenance, CancellationToken ct = default)
    {
        var on = Today();
        // A pupil's objection needs no competence assessment: the Act lets any pupil object.
        var who = decider.Pupil && decision == BiometricDecision.Objected
            ? await PupilObjectingAsync(orgId, pupilId, ct)
            : await DeciderNameAsync(orgId, pupilId, decider, on, null, ct);
        if (who.Outcome is { } refused) return refused;
        db.BiometricConsentRecords.Add(new BiometricConsentRecord
        {
            Id = Guid.NewGuid(), OrganisationId = orgId, PupilId = pupilId, Decision = decision, DecidedByParentId = decider.ParentId,
            DecidedByName = who.Name!, DecidedByPupil = decider.Pupil, InWriting = inWriting, DecidedOn = on,
            Source = provenance.Source, RecordedBy = provenance.RecordedBy, RecordedByUserId = provenance.RecordedByUserId,
            RecordedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>The current photo consent of one pupil for every purpose in the policy.</summary>
    public async Task<IReadOnlyDictionary<string, ConsentStanding>> StandingAsync(Guid orgId, Guid pupilId, ConsentPolicy policy, DateOnly on, CancellationToken ct = default)
    {
        var leaving = await db.Pupils.Where(p => p.OrganisationId == orgId && p.Id == pupilId).Select(p => p.LeavingDate).FirstOrDefaultAsync(ct);
        var history = await db.ConsentRecords.AsNoTracking().Where(r => r.OrganisationId == orgId && r.PupilId == pupilId).ToListAsync(ct);
        return policy.Purposes.ToDictionary(p => p.Key, p => ConsentStanding.Derive(history.Where(r => r.Purpose == p.Key), policy, on, leaving));
    }

    public async Task<bool> BiometricAllowedAsync(Guid orgId, Guid pupilId, CancellationToken ct = default) =>
        ConsentStanding.BiometricAllowed(await db.BiometricConsentRecords.AsNoTracking()
            .Where(r => r.OrganisationId == orgId && r.PupilId == pupilId).ToListAsync(ct));

    /// <param name="competenceAge">The policy's age from which a pupil judged competent decides; null where the law sets none (a biometric decision).</param>
    private async Task<(string? Name, Outcome? Outcome)> DeciderNameAsync(Guid orgId, Guid pupilId, ConsentDecider decider, DateOnly on, int? competenceAge,
        CancellationToken ct)
    {
        if (decider.Pupil)
        {
            var pupil = await db.Pupils.AsNoTracking().Where(p => p.OrganisationId == orgId && p.Id == pupilId).FirstOrDefaultAsync(ct);
            if (pupil is null) return (null, Outcome.NotFound);
            var adult = pupil.DateOfBirth is { } dob && dob.AddYears(18) <= on;
            if (adult) return (pupil.KnownAs, null);
            if (competenceAge is { } age && !ConsentPolicy.OldEnough(pupil.DateOfBirth, on, age))
                return (null, Outcome.Refused("Decider", pupil.DateOfBirth is null
                    ? $"{pupil.KnownAs}'s date of birth is not recorded, so they cannot be shown to be old enough to decide for themselves: select a parent or carer"
                    : $"The school's policy lets a pupil decide for themselves from the age of {age}: select a parent or carer"));
            if (string.IsNullOrWhiteSpace(decider.CompetenceAssessedBy) || decider.CompetenceAssessedOn is null || decider.CompetenceAssessorRole is null)
                return (null, Outcome.Refused("Decider", "A pupil under 18 can decide for themselves only once someone has judged them competent: say who assessed them, in what role, and when"));
            if (!ConsentDecider.AssessorRoles.Contains(decider.CompetenceAssessorRole.Value))
                return (null, Outcome.Refused("CompetenceAssessorRole", "Select the role in which they judged the pupil competent"));
            if (decider.CompetenceAssessedBy.Trim().Length > 200)
                return (null, Outcome.Refused("CompetenceAssessedBy", "Who judged them competent must be 200 characters or fewer"));
            if (decider.CompetenceAssessedOn > on)
                return (null, Outcome.Refused("CompetenceAssessedOn", "The competence assessment must be dated on or before the decision"));
            return (pupil.KnownAs, null);
        }
        if (decider.ParentId is not { } parentId) return (null, Outcome.Refused("Decider", "Say which parent or carer made the decision"));
        var link = await db.PupilParents.AsNoTracking().Include(l => l.Parent)
            .Where(l => l.OrganisationId == orgId && l.PupilId == pupilId && l.ParentId == parentId).FirstOrDefaultAsync(ct);
        if (link?.Parent is null) return (null, Outcome.NotFound);
        if (!link.HasParentalResponsibility)
            return (null, Outcome.Refused("Decider", $"{link.Parent.FullName} does not have parental responsibility for this pupil, so cannot give or withdraw consent"));
        return (link.Parent.FullName, null);
    }

    private async Task<(string? Name, Outcome? Outcome)> PupilObjectingAsync(Guid orgId, Guid pupilId, CancellationToken ct) =>
        await db.Pupils.AsNoTracking().Where(p => p.OrganisationId == orgId && p.Id == pupilId).FirstOrDefaultAsync(ct) is { } pupil
            ? (pupil.KnownAs, null)
            : (null, Outcome.NotFound);

    private DateOnly Today() => UkTime.Today(clock);
}
