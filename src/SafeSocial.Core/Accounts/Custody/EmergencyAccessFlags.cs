using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Accounts.Custody;

/// <summary>An emergency access not yet closed: what it was, and what is still needed (a review, a password change or both).</summary>
public sealed record EmergencyFlag(EmergencyAccess Access, string AccountHandle, string PlatformName, IReadOnlyList<string> StillNeeded)
{
    public string Text => $"{AccountHandle} ({PlatformName}) was opened in an emergency by {Access.AccessedBy} on {UkTime.Format(Access.AccessedAt)}: "
        + $"it still needs {string.Join(" and ", StillNeeded)}";
    public string Href => $"/o/{Access.OrganisationId}/accounts/{Access.OfficialAccountId}/emergency";
}

/// <summary>
/// Flags every account opened in an emergency until the access has been reviewed by someone else and the password
/// has been changed since: on the dashboard, the account register and the account's own page.
/// </summary>
public sealed class EmergencyAccessFlags(SafeSocialDb db)
{
    /// <summary>Who is shown the flags: those who manage accounts, reveal passwords or may use emergency access.</summary>
    public static readonly Permission[] Concerned = [Permission.ManageAccounts, Permission.RevealCredentials, Permission.EmergencyAccountAccess];

    /// <summary>The dashboard's items for those concerned with accounts, over the dashboard's organisations (a trust's covers its schools).</summary>
    public async Task<IReadOnlyList<AttentionItem>> ForAsync(Membership m, IReadOnlyCollection<Guid> orgIds, CancellationToken ct = default)
    {
        if (!Concerned.Any(m.Permissions.Contains)) return [];
        var flags = await OpenAsync(orgIds, null, ct);
        return flags.Select(f => new AttentionItem("Emergency access", "govuk-tag--red", f.Text, f.Href)).ToList();
    }

    /// <summary>The open flags of these organisations' accounts.</summary>
    public Task<IReadOnlyList<EmergencyFlag>> ForOrganisationsAsync(IReadOnlyCollection<Guid> orgIds, CancellationToken ct = default) =>
        OpenAsync(orgIds, null, ct);

    /// <summary>The open flags of one account.</summary>
    public Task<IReadOnlyList<EmergencyFlag>> ForAccountAsync(Guid orgId, Guid accountId, CancellationToken ct = default) =>
        OpenAsync([orgId], accountId, ct);

    private async Task<IReadOnlyList<EmergencyFlag>> OpenAsync(IReadOnlyCollection<Guid> orgIds, Guid? accountId, CancellationToken ct)
    {
        var rows = await db.EmergencyAccesses.AsNoTracking()
            .Where(e => orgIds.Contains(e.OrganisationId) && (accountId == null || e.OfficialAccountId == accountId))
            .Select(e => new
            {
                Access = e,
                Changed = db.AccountCredentials.Where(c => c.OfficialAccountId == e.OfficialAccountId).Select(c => (DateTimeOffset?)c.ChangedAt).FirstOrDefault(),
                Account = db.OfficialAccounts.Where(a => a.Id == e.OfficialAccountId).Select(a => new { a.Handle, a.Platform, a.OtherPlatformName }).First(),
            })
            .Where(x => x.Access.ReviewedAt == null || x.Changed == null || x.Changed <= x.Access.AccessedAt)
            .OrderBy(x => x.Access.AccessedAt)
            .ToListAsync(ct);
        return rows.Select(r => new EmergencyFlag(r.Access, r.Account.Handle,
                r.Account.Platform == Platform.Other ? r.Account.OtherPlatformName ?? "Other" : Platforms.Title(r.Account.Platform),
                r.Access.StillNeeded(r.Changed)))
            .ToList();
    }
}
