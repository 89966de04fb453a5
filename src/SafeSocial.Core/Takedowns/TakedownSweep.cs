using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;

namespace SafeSocial.Core.Takedowns;

/// <summary>What one run of the daily check did, and whom it asks the caller to remind.</summary>
public sealed record TakedownSweepResult(int Opened, IReadOnlyList<TakedownReminder> Reminders);

/// <summary>
/// The daily takedown check, run for every school at once: opens a task for each consent that stopped counting
/// in the last <see cref="CatchUpDays"/> days because it lapsed (academic-year consent, on 1 September) or the
/// pupil left, then picks the overdue tasks whose owners are due a reminder. Running it again opens nothing new.
/// </summary>
/// Withdrawals open their task when they are recorded (<see cref="ConsentRegister"/>); this check finds the endings
/// nobody records, reading only the pupils who could have one: leavers of those days, and on a lapse day every
/// pupil of a school whose consent lasts one academic year.
public sealed class TakedownSweep(SafeSocialDb db, ConsentPolicyService policies, PolicySettingsService settings, TimeProvider clock)
{
    /// <summary>A night the check did not run, or a leaving date entered a few days late, still opens its tasks.</summary>
    public const int CatchUpDays = 7;
    private const int BatchSize = 1_000;

    public async Task<TakedownSweepResult> RunAsync(DateOnly on, CancellationToken ct = default)
    {
        var opened = await OpenForEndedConsentAsync(on, ct);
        var reminders = await new TakedownReminders(db, clock).DueAsync(on, ct);
        return new TakedownSweepResult(opened, reminders);
    }

    private async Task<int> OpenForEndedConsentAsync(DateOnly on, CancellationToken ct)
    {
        var from = on.AddDays(1 - CatchUpDays);
        var schoolIds = await db.Organisations.Where(o => o.Kind == OrganisationKind.School).Select(o => o.Id).ToListAsync(ct);
        var validity = await settings.EffectiveForManyAsync(schoolIds, ct);
        var lapsing = schoolIds.Where(id => HasLapseDay(validity[id].ConsentValidity, from, on)).ToList();

        // One query: each candidate pupil with their decisions up to the day.
        var candidates = await db.Pupils.AsNoTracking()
            .Where(p => (p.LeavingDate >= from && p.LeavingDate <= on) || lapsing.Contains(p.OrganisationId))
            .Where(p => db.ConsentRecords.Any(r => r.PupilId == p.Id && r.Decision == ConsentDecision.Given))
            .Select(p => new { Pupil = p, Records = db.ConsentRecords.Where(r => r.OrganisationId == p.OrganisationId && r.PupilId == p.Id && r.DecidedOn <= on).ToList() })
            .ToListAsync(ct);

        var found = new List<(Pupil Pupil, ConsentPurpose Purpose, ConsentEnding Ending)>();
        var policyOf = new Dictionary<Guid, ConsentPolicy>();
        foreach (var school in candidates.GroupBy(c => c.Pupil.OrganisationId))
        {
            var policy = policyOf[school.Key] = await policies.ForAsync(school.Key, ct);
            foreach (var c in school)
                foreach (var purpose in policy.Purposes)
                    found.AddRange(Endings(c.Records.Where(r => r.Purpose == purpose.Key).ToList(), policy, c.Pupil.LeavingDate, from, on)
                        .Select(e => (c.Pupil, purpose, e)));
        }
        if (found.Count == 0) return 0;

        var endedIds = found.Select(f => f.Ending.Given.Id).ToList();
        var existing = (await db.TakedownTasks.Where(t => t.PostId == null && endedIds.Contains(t.EndedConsentRecordId))
            .Select(t => t.EndedConsentRecordId).ToListAsync(ct)).ToHashSet();
        var toOpen = found.Where(f => !existing.Contains(f.Ending.Given.Id)).ToList();

        var now = clock.GetUtcNow();
        var opened = 0;
        var previous = db.Audit.Reason;
        db.Audit.Reason = "Consent ended (it lapsed, or the pupil left): takedown opened by the daily check";
        try
        {
            foreach (var school in toOpen.GroupBy(f => f.Pupil.OrganisationId))
            {
                var owner = await new TakedownOwners(db, clock).DefaultOwnerAsync(school.Key, ct);
                foreach (var batch in school.Chunk(BatchSize))
                {
                    db.TakedownTasks.AddRange(batch.Select(f => TakedownOpening.Task(school.Key, f.Pupil.Id, f.Pupil.KnownAs, f.Purpose, f.Ending,
                        now, on, policyOf[school.Key].TakedownDueDays, owner)));
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                    opened += batch.Length;
                }
            }
        }
        finally { db.Audit.Reason = previous; }
        return opened;
    }

    /// <summary>Each day in the window on which the purpose's consent counted the day before and not on the day.</summary>
    private static IEnumerable<ConsentEnding> Endings(List<ConsentRecord> history, ConsentPolicy policy, DateOnly? leaving, DateOnly from, DateOnly on)
    {
        if (!history.Any(r => r.Decision == ConsentDecision.Given)) yield break;
        var before = ConsentStanding.Derive(history, policy, from.AddDays(-1), leaving);
        for (var day = from; day <= on; day = day.AddDays(1))
        {
            var after = ConsentStanding.Derive(history, policy, day, leaving);
            if (TakedownOpening.Between(before, after, day, leaving) is { } ending) yield return ending;
            before = after;
        }
    }

    /// <summary>
    /// Whether any consent can lapse on a day in the range: consent given the day before lasting only that day means the
    /// period ends there (for academic-year consent, 1 September). Whole-enrolment consent never lapses by date.
    /// </summary>
    private static bool HasLapseDay(ConsentValidity validity, DateOnly from, DateOnly on)
    {
        var policy = ConsentPolicy.Default with { Validity = validity };
        for (var day = from; day <= on; day = day.AddDays(1))
            if (policy.LastValidDay(day.AddDays(-1)) == day.AddDays(-1)) return true;
        return false;
    }
}
