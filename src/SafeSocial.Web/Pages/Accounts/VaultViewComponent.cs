using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts.Custody;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Accounts;

/// <summary>The vault section of an account's page: when the password last changed, what the person may do, open emergency flags.</summary>
public sealed record VaultSection(Guid OrgId, Guid AccountId, DateTimeOffset? ChangedAt, string? ChangedBy, CustodyRights Rights,
    IReadOnlyList<EmergencyFlag> Flags, IReadOnlyList<CustodyNotice> RecentNotices);

public sealed class VaultViewComponent(SafeSocialDb db, AccountCustody custody, EmergencyAccessFlags flags, CustodyNotices notices, CurrentPerson person)
    : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid orgId, Guid accountId)
    {
        var ct = HttpContext.RequestAborted;
        var rights = await custody.RightsAsync(orgId, accountId, person.UserId, ct);
        var concerned = rights.Any || (await person.AccessAsync()).Can(orgId, Permission.ManageAccounts);
        var stored = await db.AccountCredentials.AsNoTracking().Where(c => c.OrganisationId == orgId && c.OfficialAccountId == accountId)
            .Select(c => new { c.ChangedAt, c.ChangedBy }).FirstOrDefaultAsync(ct);
        return View("~/Pages/Accounts/_Vault.cshtml", new VaultSection(orgId, accountId, stored?.ChangedAt, stored?.ChangedBy, rights,
            concerned ? await flags.ForAccountAsync(orgId, accountId, ct) : [],
            rights.CanReview ? await notices.RecentAsync(orgId, accountId, 10, ct) : []));
    }
}

/// <summary>The register's warning of accounts opened in an emergency and not yet closed, where the person is concerned.</summary>
public sealed class EmergencyFlagsViewComponent(EmergencyAccessFlags flags, CurrentPerson person) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(IReadOnlyCollection<Guid> orgIds)
    {
        var access = await person.AccessAsync();
        var concerned = orgIds.Where(id => access.In(id) is { } m && EmergencyAccessFlags.Concerned.Any(m.Permissions.Contains)).ToList();
        var open = concerned.Count > 0 ? await flags.ForOrganisationsAsync(concerned, HttpContext.RequestAborted) : [];
        return View("~/Pages/Accounts/_EmergencyFlags.cshtml", open);
    }
}
