using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.People;
using SafeSocial.Core.Policy;

namespace SafeSocial.Core.Accounts;

/// <summary>The register of official accounts: requests for new ones and the accounts a school or trust runs.</summary>
public sealed class AccountRegister(SafeSocialDb db, PolicySettingsService settings, TimeProvider clock)
{
    public Task<List<OfficialAccount>> ListAsync(IReadOnlyCollection<Guid> orgIds, CancellationToken ct = default) =>
        db.OfficialAccounts.AsNoTracking().Where(a => orgIds.Contains(a.OrganisationId))
            .OrderBy(a => a.Status == AccountStatus.Closed).ThenBy(a => a.Handle).ToListAsync(ct);

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
