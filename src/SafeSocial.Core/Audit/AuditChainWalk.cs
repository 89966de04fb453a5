namespace SafeSocial.Core.Audit;

/// <summary>The first thing found wrong in a trail: which entry, and what, in plain words.</summary>
/// <param name="Sequence">The entry's number in its organisation's trail (for a deleted entry, the number it had).</param>
/// <param name="EntryId">The row's id, when the entry is still there to point at.</param>
public sealed record AuditBreak(long Sequence, long? EntryId, string Problem);

/// <summary>
/// Walks one organisation's trail in sequence order, entry by entry, and stops at the first break:
/// an edited entry (its hash no longer matches), an inserted or replaced one (the link to the one
/// before is wrong, a number repeats, or it lies past the recorded end), or a deleted one (a gap,
/// or a recorded end beyond the last entry).
/// </summary>
internal sealed class AuditChainWalk(AuditChainHead? head, bool mustHaveEntries)
{
    private long _expected = 1;
    private string _previousHash = AuditHash.Genesis;
    private AuditEntry? _last;

    public long Checked { get; private set; }

    public AuditBreak? Next(AuditEntry e)
    {
        Checked++;
        if (e.Sequence < _expected)
            return new(e.Sequence, e.Id, e.Sequence >= 1
                ? $"Entry {e.Sequence} appears twice: this copy was inserted outside SafeSocial."
                : $"An entry numbered {e.Sequence} was inserted outside SafeSocial: the trail starts at 1.");
        if (e.Sequence > _expected)
            return new(_expected, null, (e.Sequence == _expected + 1
                ? $"Entry {_expected} is missing: it was deleted."
                : $"Entries {_expected} to {e.Sequence - 1} are missing: they were deleted.")
                + $" The next entry still there is {e.Sequence} (id {e.Id}).");
        if (head is not null && e.Sequence > head.Sequence)
            return new(e.Sequence, e.Id,
                $"Entry {e.Sequence} comes after the recorded end of the trail (entry {head.Sequence}): it was added outside SafeSocial.");
        if (AuditHash.Compute(e) != e.Hash)
            return new(e.Sequence, e.Id,
                $"Entry {e.Sequence} was changed after it was written: what it says no longer matches its fingerprint.");
        if (e.PreviousHash != _previousHash)
            return new(e.Sequence, e.Id, e.Sequence == 1
                ? "Entry 1 does not start the trail: it was replaced or inserted."
                : $"Entry {e.Sequence} does not follow on from entry {e.Sequence - 1}: entry {e.Sequence - 1} was replaced, or this entry was inserted.");

        _expected++;
        _previousHash = e.Hash;
        _last = e;
        return null;
    }

    /// <summary>After the last entry: does the trail end where SafeSocial recorded it ends?</summary>
    public AuditBreak? Finish()
    {
        var lastSequence = _expected - 1;
        if (head is null)
        {
            if (_last is not null)
                return new(lastSequence, _last.Id,
                    "The record of where the trail ends is missing, so entries may have been deleted from the end.");
            return mustHaveEntries
                ? new(1, null, "The trail has no entries at all, though the organisation's creation is always recorded: the whole trail was deleted.")
                : null;
        }
        if (head.Sequence > lastSequence)
            return new(lastSequence + 1, null, head.Sequence == lastSequence + 1
                ? $"Entry {head.Sequence}, the last one, is missing: it was deleted."
                : $"Entries {lastSequence + 1} to {head.Sequence}, at the end of the trail, are missing: they were deleted.");
        if (_last is not null && _last.Hash != head.Hash)
            return new(lastSequence, _last.Id,
                $"Entry {lastSequence}, the last one, is not the entry SafeSocial wrote there: it was replaced.");
        return null;
    }
}
