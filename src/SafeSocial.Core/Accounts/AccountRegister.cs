using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.People;
using SafeSocial.Core.Policy;

namespace SafeSocial.Core.Accounts;

/// <summary>How an account is looked after, for the register: its current admins, their training, and when the password last changed.</summary>
public sealed record AccountCare(IReadOnlyList<string> Admins, string Training, DateTimeOffset? PasswordChangedAt);

/// <summary>The register of official accounts: requests for new ones and the accounts a school or trust runs.</summary>
public sealed class AccountRegister(SafeSocialDb db, PolicySettingsService settings, TimeProvider clock)
{
    public Task<List<OfficialAccount>> ListAsync(IReadOnlyCollection<Guid> orgIds, CancellationToken ct = default) =>
        db.OfficialAccounts.AsNoTracking().Where(a => orgIds.Contains(a.OrganisationId))
            .OrderBy(a => a.Status == AccountStatus.Closed).ThenBy(a => a.Handle).ToListAsync(ct);

    /// <summary>The register's columns for these accounts: admins who have not left, their training, the password's last change.</summary>
    public async Task<Dictionary<Guid, AccountCare>> CareAsync(IReadOnlyCollection<Guid> accountIds, CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        // A trust's staff member may run a school's account: their record and training live with the trust.
        var admins = await db.AccountAdmins.IgnoreQueryFilters().AsNoTracking()
            .Where(a => accountIds.Contains(a.OfficialAccountId) && (a.StaffMember!.LeavingDate == null || a.StaffMember.LeavingDate > today))
            .OrderBy(a => a.StaffMember!.LastName).ThenBy(a => a.StaffMember!.FirstName)
            .Select(a => new { a.OfficialAccountId, a.StaffMemberId, Name = a.StaffMember!.FirstName + " " + a.StaffMember.LastName }).ToListAsync(ct);
        var staffIds = admins.Select(a => a.StaffMemberId).Distinct().ToList();
        var training = await db.TrainingRecords.IgnoreQueryFilters().AsNoTracking()
            .Where(t => staffIds.Contains(t.StaffMemberId) && t.Type == TrainingRecord.OfficialAccountTraining && t.CompletedOn <= today
                        && (t.ExpiresOn == null || t.ExpiresOn >= today))
            .Select(t => new { t.StaffMemberId, Until = t.ExpiresOn ?? DateOnly.MaxValue }).ToListAsync(ct);
        var changed = await db.AccountCredentials.AsNoTracking().Where(c => accountIds.Contains(c.OfficialAccountId))
            .ToDictionaryAsync(c => c.OfficialAccountId, c => c.ChangedAt, ct);
        return accountIds.ToDictionary(id => id, id =>
        {
            var mine = admins.Where(a => a.OfficialAccountId == id).ToList();
            var untrained = mine.Where(a => training.All(t => t.StaffMemberId != a.StaffMemberId)).Select(a => a.Name).ToList();
            var firstExpiry = mine.Count == 0 || untrained.Count > 0 ? (DateOnly?)null
                : mine.Min(a => training.Where(t => t.StaffMemberId == a.StaffMemberId).Max(t => t.Until));
            var text = mine.Count == 0 ? "No admins"
                : untrained.Count > 0 ? $"Not current: {string.Join(", ", untrained)}"
                : firstExpiry == DateOnly.MaxValue ? "Current" : $"Current until {UkTime.Format(firstExpiry!.Value)}";
            return new AccountCare(mine.Select(a => a.Name).ToList(), text, changed.TryGetValue(id, out var at) ? at : null);
        });
    }

    /// <summary>The account with its approvals; null when there is no such account at this organisation.</summary>
    public Task<OfficialAccount?> FindAsync(Guid orgId, Guid accountId, CancellationToken ct = default) =>
        db.OfficialAccounts.AsNoTracking().Include(a => a.Approvals)
            .Where(a => a.OrganisationId == orgId && a.Id == accountId).SingleOrDefaultAsync(ct);

    /// <summary>The email domains the organisation's policy lists for official accounts.</summary>
    public async Task<IReadOnlyList<string>> AllowedDomainsAsync(Guid orgId, CancellationToken ct = default) =>
        (await settings.EffectiveForAsync(orgId, ct)).AccountEmailDomains;

    /// <summary>Records a request for a new account, waiting for the approvals the policy names. Audited.</summary>
    public async Task<(Guid? Id, Outcome Outcome)> RequestAsync(Guid orgId, AccountRequest r, CancellationToken ct = default)
    {
        var problems = r.Check(await AllowedDomainsAsync(orgId, ct), UkTime.Today(clock));
        if (problems.Count > 0) return (null, Outcome.Refused(problems));
        var platform = r.Platform!.Value;
        var account = new OfficialAccount
        {
            Id = Guid.NewGuid(), OrganisationId = orgId, Platform = platform,
            OtherPlatformName = platform == Platform.Other ? r.OtherPlatformName!.Trim() : null,
            Handle = r.Handle!.Trim(), Address = string.IsNullOrWhiteSpace(r.Address) ? null : r.Address.Trim(),
            Status = AccountStatus.Requested,
            Purpose = r.Purpose!.Trim(), IntendedOutcomes = r.IntendedOutcomes!.Trim(), Audience = r.Audience!.Trim(),
            PupilsMayContribute = r.PupilsMayContribute, StaffMayContribute = r.StaffMayContribute,
            ParentsMayContribute = r.ParentsMayContribute, PublicMayContribute = r.PublicMayContribute,
            ExpectedEngagement = r.ExpectedEngagement!.Trim(), StaffTime = r.StaffTime!.Trim(), Evaluation = r.Evaluation!.Trim(),
            Hazards = r.Hazards!.Trim(), Controls = r.Controls!.Trim(), AssessedBy = r.AssessedBy!.Trim(),
            AssessedOn = r.AssessedOn!.Value, NextReviewOn = r.NextReviewOn!.Value,
            OfficialEmail = r.OfficialEmail!.Trim().ToLowerInvariant(),
            MinimumUserAge = r.MinimumUserAge ?? Platforms.MinimumAge(platform),
            RequestedAt = clock.GetUtcNow(), RequestedBy = db.Audit.ActorName, RequestedByUserId = db.Audit.ActorUserId,
        };
        db.OfficialAccounts.Add(account);
        await db.SaveChangesAsync(ct);
        return (account.Id, Outcome.Done);
    }
}
