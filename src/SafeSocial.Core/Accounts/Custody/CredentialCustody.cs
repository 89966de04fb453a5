using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Core.Data;
using SafeSocial.Core.People;

namespace SafeSocial.Core.Accounts.Custody;

/// <summary>The details the person entered on a password change; a blank recovery code list, seed or notes keeps what is stored.</summary>
public sealed record CredentialChange(string? Username, string? Password, string? RecoveryCodes, string? TwoFactorSeed, string? Notes);

/// <summary>What a reveal shows: the password (with the username and notes), or, only when asked for, the recovery codes or the two-factor seed.</summary>
public enum SecretPart { Password, RecoveryCodes, TwoFactorSeed }

/// <summary>What an action on the vault came to: the outcome, the secret when one was revealed, and the people to email.</summary>
public sealed record CustodyResult(Outcome Outcome, CredentialSecret? Secret, IReadOnlyList<CustodyNotice> Notices)
{
    /// <summary>On a reveal of one part: whether recovery codes and a two-factor seed are stored, to offer them.</summary>
    public (bool RecoveryCodes, bool TwoFactorSeed) Stored { get; init; }

    public static CustodyResult Of(Outcome outcome) => new(outcome, null, []);
}

/// <summary>
/// Reveals, changes and emergency access to an official account's sign-in details, each checked against custody,
/// audited with its reason and told to the people with custody in the same transaction.
/// </summary>
public sealed class CredentialCustody(SafeSocialDb db, CredentialVault vault, AccountCustody custody, CustodyNotices notices, TimeProvider clock)
{
    public const string NothingStored = "No sign-in details are stored for this account yet";
    public const int MinimumPasswordLength = 12;

    /// <summary>
    /// Decrypts the details for an admin or a holder of the reveal permission, with their reason, and returns only the
    /// part asked for: each part is its own reveal, audited and told separately.
    /// </summary>
    public async Task<CustodyResult> RevealAsync(Guid orgId, Guid accountId, string? reason, SecretPart part = SecretPart.Password, CancellationToken ct = default)
    {
        if (await AccountAsync(orgId, accountId, ct) is null) return CustodyResult.Of(Outcome.NotFound);
        if (!(await custody.RightsAsync(orgId, accountId, db.Audit.ActorUserId, ct)).CanReveal)
            return CustodyResult.Of(Outcome.Refused("", "Only the account's admins and the roles the policy names can reveal its password"));
        if (ReasonProblem(reason, "Enter why you need the password") is { } problem) return CustodyResult.Of(problem);
        var (what, said) = part switch
        {
            SecretPart.RecoveryCodes => (CustodyEvent.RecoveryCodesRevealed, "Recovery codes revealed: "),
            SecretPart.TwoFactorSeed => (CustodyEvent.TwoFactorSeedRevealed, "Two-factor seed revealed: "),
            _ => (CustodyEvent.Revealed, ""),
        };
        var result = await RevealInTransactionAsync(orgId, accountId, what, reason!.Trim(), null, ct, said);
        return result.Secret is not { } s ? result : result with
        {
            Secret = part switch
            {
                SecretPart.RecoveryCodes => new CredentialSecret { RecoveryCodes = s.RecoveryCodes },
                SecretPart.TwoFactorSeed => new CredentialSecret { TwoFactorSeed = s.TwoFactorSeed },
                _ => s with { RecoveryCodes = [], TwoFactorSeed = null },
            },
            Stored = (s.RecoveryCodes.Count > 0, s.TwoFactorSeed is not null),
        };
    }

    /// <summary>Leadership opens the account while its admins are absent: recorded, told to everyone with custody, flagged.</summary>
    public async Task<CustodyResult> EmergencyAsync(Guid orgId, Guid accountId, string? reason, CancellationToken ct = default)
    {
        if (await AccountAsync(orgId, accountId, ct) is null) return CustodyResult.Of(Outcome.NotFound);
        if (!(await custody.RightsAsync(orgId, accountId, db.Audit.ActorUserId, ct)).CanUseEmergencyAccess)
            return CustodyResult.Of(Outcome.Refused("", "Emergency access is for leadership who are not the account's admins"));
        if (ReasonProblem(reason, "Enter the emergency, and why the admins cannot be reached") is { } problem) return CustodyResult.Of(problem);
        var access = new EmergencyAccess
        {
            Id = Guid.CreateVersion7(), OrganisationId = orgId, OfficialAccountId = accountId, AccessedAt = clock.GetUtcNow(),
            AccessedBy = db.Audit.ActorName, AccessedByUserId = db.Audit.ActorUserId, Reason = reason!.Trim(),
        };
        return await RevealInTransactionAsync(orgId, accountId, CustodyEvent.EmergencyAccess, access.Reason, access, ct);
    }

    /// <summary>Stores new details, keeping the stored username, recovery codes, seed and notes where left blank. Who and when are recorded.</summary>
    public async Task<CustodyResult> ChangeAsync(Guid orgId, Guid accountId, CredentialChange change, string? reason, CancellationToken ct = default)
    {
        if (await AccountAsync(orgId, accountId, ct) is null) return CustodyResult.Of(Outcome.NotFound);
        if (!(await custody.RightsAsync(orgId, accountId, db.Audit.ActorUserId, ct)).CanReveal)
            return CustodyResult.Of(Outcome.Refused("", "Only the account's admins and the roles the policy names can change its password"));
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var stored = await IsStoredAsync(orgId, accountId, ct);
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(change.Username) && !stored) problems.Add(new("Username", "Enter the username the account signs in with"));
        if (string.IsNullOrEmpty(change.Password)) problems.Add(new("Password", "Enter the new password, or generate one"));
        else if (change.Password.Length < MinimumPasswordLength)
            problems.Add(new("Password", $"The password must be at least {MinimumPasswordLength} characters: it has {change.Password.Length}. Type a longer one, or generate one"));
        if (reason is { Length: > EmergencyAccess.ReasonLength }) problems.Add(new("Reason", $"The reason must be {EmergencyAccess.ReasonLength} characters or fewer"));
        if (problems.Count > 0) return CustodyResult.Of(Outcome.Refused(problems));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var blank = new[] { change.Username, change.RecoveryCodes, change.TwoFactorSeed, change.Notes }.Any(string.IsNullOrWhiteSpace);
        // Keeping a stored field means reading it: recorded as such, never shown.
        var old = blank && stored
            ? await vault.DecryptAsync(orgId, accountId, "Read to keep the stored details left blank on a password change", ct)
            : null;
        var secret = new CredentialSecret
        {
            Username = string.IsNullOrWhiteSpace(change.Username) ? old?.Username ?? "" : change.Username.Trim(),
            Password = change.Password ?? "",
            RecoveryCodes = string.IsNullOrWhiteSpace(change.RecoveryCodes)
                ? old?.RecoveryCodes ?? []
                : change.RecoveryCodes.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            TwoFactorSeed = string.IsNullOrWhiteSpace(change.TwoFactorSeed) ? old?.TwoFactorSeed : change.TwoFactorSeed.Trim(),
            Notes = string.IsNullOrWhiteSpace(change.Notes) ? old?.Notes : change.Notes.Trim(),
        };
        db.Audit.Reason = reason;
        var added = await notices.AddAsync(orgId, accountId, CustodyEvent.PasswordChanged, reason, ct);
        var outcome = await vault.StoreAsync(orgId, accountId, secret, ct);
        if (!outcome.Succeeded)
        {
            foreach (var n in added) db.Entry(n).State = EntityState.Detached;
            return CustodyResult.Of(outcome); // the transaction is rolled back as it is disposed
        }
        await tx.CommitAsync(ct);
        return new CustodyResult(outcome, null, added);
    }

    /// <summary>Whether the vault holds details for the account, so that a change may leave fields blank to keep them.</summary>
    public Task<bool> IsStoredAsync(Guid orgId, Guid accountId, CancellationToken ct = default) =>
        db.AccountCredentials.AnyAsync(c => c.OrganisationId == orgId && c.OfficialAccountId == accountId, ct);

    /// <summary>Someone other than the person who used it records their review of an emergency access. Audited with the note.</summary>
    public async Task<Outcome> ReviewAsync(Guid orgId, Guid accessId, string? note, CancellationToken ct = default)
    {
        var access = await db.EmergencyAccesses.Where(e => e.OrganisationId == orgId && e.Id == accessId).SingleOrDefaultAsync(ct);
        if (access is null) return Outcome.NotFound;
        if (!(await custody.RightsAsync(orgId, access.OfficialAccountId, db.Audit.ActorUserId, ct)).CanReview)
            return Outcome.Refused("", "Only people with custody of the account's password can review an emergency access");
        if (access.ReviewedAt is not null) return Outcome.Refused("", $"This access was already reviewed by {access.ReviewedBy}");
        if (access.AccessedByUserId is { } by && by == db.Audit.ActorUserId)
            return Outcome.Refused("ReviewNote", "Someone other than the person who used emergency access must review it");
        note = note?.Trim();
        if (string.IsNullOrEmpty(note)) return Outcome.Refused("ReviewNote", "Enter what the review found: was the access needed, and what happens next");
        if (note.Length > EmergencyAccess.ReviewNoteLength) return Outcome.Refused("ReviewNote", $"The review note must be {EmergencyAccess.ReviewNoteLength} characters or fewer");
        (access.ReviewedAt, access.ReviewedBy, access.ReviewedByUserId, access.ReviewNote) = (clock.GetUtcNow(), db.Audit.ActorName, db.Audit.ActorUserId, note);
        db.Audit.Reason = note;
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <param name="auditPrefix">Says in the audit trail which part was revealed; the people told see the event itself.</param>
    private async Task<CustodyResult> RevealInTransactionAsync(Guid orgId, Guid accountId, CustodyEvent what, string reason, EmergencyAccess? access,
        CancellationToken ct, string auditPrefix = "")
    {
        if (!await db.AccountCredentials.AnyAsync(c => c.OrganisationId == orgId && c.OfficialAccountId == accountId, ct))
            return CustodyResult.Of(Outcome.Refused("", NothingStored));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Audit.Reason = reason;
        if (access is not null) db.EmergencyAccesses.Add(access);
        var added = await notices.AddAsync(orgId, accountId, what, reason, ct);
        // The vault's save writes the audited read, the access and the notices together.
        var secret = await vault.DecryptAsync(orgId, accountId, auditPrefix + reason, ct);
        await tx.CommitAsync(ct);
        return new CustodyResult(Outcome.Done, secret, added);
    }

    private static Outcome? ReasonProblem(string? reason, string missing) =>
        string.IsNullOrWhiteSpace(reason) ? Outcome.Refused("Reason", missing)
        : reason.Trim().Length > EmergencyAccess.ReasonLength ? Outcome.Refused("Reason", $"The reason must be {EmergencyAccess.ReasonLength} characters or fewer")
        : null;

    private Task<OfficialAccount?> AccountAsync(Guid orgId, Guid accountId, CancellationToken ct) =>
        db.OfficialAccounts.AsNoTracking().Where(a => a.OrganisationId == orgId && a.Id == accountId).SingleOrDefaultAsync(ct);
}
