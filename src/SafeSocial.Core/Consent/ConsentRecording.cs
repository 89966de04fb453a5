using SafeSocial.Core.Data;
using SafeSocial.Core.People;

namespace SafeSocial.Core.Consent;

/// <summary>
/// Records one form's decisions (a paper form or an email usually answers several purposes at once) through
/// <see cref="ConsentRegister"/>, all or none: a refusal of any leaves the register as it was.
/// </summary>
public sealed class ConsentRecording(SafeSocialDb db, ConsentRegister register)
{
    /// <summary>The field a refusal about one purpose is reported against.</summary>
    public static string PurposeField(string purpose) => $"Decisions[{purpose}]";

    public async Task<Outcome> RecordAsync(Guid orgId, Guid pupilId, IReadOnlyDictionary<string, ConsentDecision> decisions, ConsentDecider decider,
        ConsentProvenance provenance, ConsentPolicy policy, DateOnly decidedOn, CancellationToken ct = default)
    {
        if (decisions.Count == 0) return Outcome.Refused("Decisions", "Choose a decision for at least one purpose");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (purpose, decision) in decisions)
        {
            var outcome = await register.RecordAsync(orgId, pupilId, purpose, decision, decider, provenance, policy, decidedOn, ct);
            if (outcome.Succeeded) continue;
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return outcome.Found
                ? Outcome.Refused(outcome.Problems.Select(p => p.Field == "Purpose" ? p with { Field = PurposeField(purpose) } : p).ToList())
                : outcome;
        }
        await transaction.CommitAsync(ct);
        return Outcome.Done;
    }
}
