using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Roster;

/// <summary>
/// Writes a plan in one transaction. Changes are saved in batches (the audit trail is written with each
/// batch, in the same transaction) and the change tracker is cleared between them, so a large import does
/// not slow down as it goes. Existing records are attached only when they change and only the changed
/// properties are set, so nothing unchanged is written or audited. Automatic change detection stays on:
/// with the tracker cleared per batch it costs little, and the audit writer relies on it to save the
/// trail's head.
/// </summary>
internal static class RosterApplier
{
    private const int BatchSize = 2000;

    public static async Task ApplyAsync(SafeSocialDb db, Guid schoolId, RosterPlan plan, IProgress<RosterProgress>? progress, CancellationToken ct)
    {
        var total = plan.OpCount;
        var done = 0;
        db.ChangeTracker.Clear();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (plan.NewSchoolSourcedId is { } sid)
            {
                var school = await db.Organisations.SingleAsync(o => o.Id == schoolId, ct);
                db.Entry(school).Property(o => o.SourcedId).CurrentValue = sid;
            }
            var pending = 0;
            foreach (var op in plan.Ops)
            {
                switch (op.Kind)
                {
                    case RosterOpKind.Add:
                        db.Add(op.Entity);
                        break;
                    case RosterOpKind.Remove:
                        db.Remove(op.Entity);
                        break;
                    default:
                        var entry = db.Attach(op.Entity);
                        foreach (var (property, value) in op.Values!) entry.Property(property).CurrentValue = value;
                        break;
                }
                if (++pending < BatchSize) continue;
                await SaveBatchAsync(db, ct);
                done += pending;
                pending = 0;
                progress?.Report(new RosterProgress("Saving changes", done, total, done));
            }
            await SaveBatchAsync(db, ct);
            // Staff the import records as leaving stop running official accounts with it.
            var leavers = plan.Ops.Where(o => o.Entity is StaffMember && o.Values?.Any(v => v.Property == nameof(StaffMember.LeavingDate) && v.Value is not null) == true)
                .Select(o => ((StaffMember)o.Entity).Id).ToList();
            if (leavers.Count > 0) await new Accounts.AdminAccessEnding(db, db.Clock).EndForLeaversAsync(UkTime.Today(db.Clock), leavers, ct);
            // Pupils it records as leaving lose their sign-ins on official accounts.
            var pupilLeavers = plan.Ops.Where(o => o.Entity is Pupil && o.Values?.Any(v => v.Property == nameof(Pupil.LeavingDate) && v.Value is not null) == true)
                .Select(o => ((Pupil)o.Entity).Id).ToList();
            if (pupilLeavers.Count > 0) await new Accounts.ContributorEnding(db).EndForLeaversAsync(UkTime.Today(db.Clock), pupilLeavers, ct);
            await transaction.CommitAsync(ct);
            progress?.Report(new RosterProgress("Saving changes", total, total, total));
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static async Task SaveBatchAsync(SafeSocialDb db, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
