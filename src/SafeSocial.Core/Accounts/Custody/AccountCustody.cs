using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;

namespace SafeSocial.Core.Accounts.Custody;

/// <summary>A person told of what happens to an account's sign-in details, and why them.</summary>
public sealed record Custodian(Guid StaffMemberId, Guid? UserId, string Name, string? Email, string Capacity);

/// <summary>What the signed-in person may do with one account's sign-in details.</summary>
public sealed record CustodyRights(bool IsAdmin, bool CanReveal, bool CanUseEmergencyAccess, bool CanReview)
{
    public static readonly CustodyRights None = new(false, false, false, false);
    /// <summary>Sees the vault section at all: reveals, changes, uses emergency access or reviews one.</summary>
    public bool Any => CanReveal || CanUseEmergencyAccess || CanReview;
}

/// <summary>
/// Who has custody of an official account's sign-in details: its current admins, the roles holding
/// <see cref="Permission.RevealCredentials"/> at its school (trust roles count in every school), and the role the
/// policy names to be told of reveals and changes ("custody-notices").
/// </summary>
public sealed class AccountCustody(SafeSocialDb db, AccessService access, AccountAdmins admins, PolicySettingsService settings, TimeProvider clock)
{
    public async Task<CustodyRights> RightsAsync(Guid orgId, Guid accountId, Guid? userId, CancellationToken ct = default)
    {
        if (userId is not { } user) return CustodyRights.None;
        var membership = (await access.ForUserAsync(user, ct)).In(orgId);
        if (membership is null) return CustodyRights.None;
        var admin = await admins.IsAdminAsync(orgId, accountId, user, ct);
        var p = membership.Permissions;
        var reveal = admin || p.Contains(Permission.RevealCredentials);
        return new CustodyRights(admin, reveal,
            // Admins open the account the ordinary way, and the ordinary way is told of less: no emergency for them.
            !admin && p.Contains(Permission.EmergencyAccountAccess),
            reveal || p.Contains(Permission.EmergencyAccountAccess) || p.Contains(Permission.ManageAccounts));
    }

    /// <summary>
    /// Everyone to tell of the event, once each. The person acting is left out unless nobody else would be told.
    /// A reveal or change is told to the role the policy names; an emergency access to everyone with custody at once.
    /// </summary>
    public async Task<IReadOnlyList<Custodian>> RecipientsAsync(Guid orgId, Guid accountId, CustodyEvent what, Guid? actorUserId, CancellationToken ct = default)
    {
        var all = new List<Custodian>();
        if (what == CustodyEvent.EmergencyAccess)
        {
            all.AddRange(await AdminsAsync(orgId, accountId, ct));
            all.AddRange(await RevealHoldersAsync(orgId, ct));
        }
        all.AddRange(await NamedRoleAsync(orgId, ct));
        // One person may be on the list as a school's and the trust's staff member, or in several capacities.
        var once = all.GroupBy(c => c.UserId is { } u ? u.ToString() : c.StaffMemberId.ToString())
            .Select(g => g.First() with { Capacity = string.Join("; ", g.Select(c => c.Capacity).Distinct()) })
            .OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var others = once.Where(c => actorUserId is null || c.UserId != actorUserId).ToList();
        return others.Count > 0 ? others : once;
    }

    public async Task<IReadOnlyList<Custodian>> AdminsAsync(Guid orgId, Guid accountId, CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        return await db.AccountAdmins.IgnoreQueryFilters()
            .Where(a => a.OrganisationId == orgId && a.OfficialAccountId == accountId
                        && (a.StaffMember!.LeavingDate == null || a.StaffMember.LeavingDate > today))
            .Select(a => new Custodian(a.StaffMemberId, a.StaffMember!.UserId, a.StaffMember.FirstName + " " + a.StaffMember.LastName,
                a.StaffMember.Email, "Admin of the account"))
            .ToListAsync(ct);
    }

    /// <summary>Holders of a role that may reveal passwords here, as the trust's and school's role settings leave it.</summary>
    public async Task<IReadOnlyList<Custodian>> RevealHoldersAsync(Guid orgId, CancellationToken ct = default)
    {
        var (org, orgIds) = await OrganisationAsync(orgId, ct);
        var roleSettings = await db.RolePermissionSettings.IgnoreQueryFilters().AsNoTracking()
            .Where(s => orgIds.Contains(s.OrganisationId)).ToListAsync(ct);
        var roles = Enum.GetValues<Role>()
            .Where(r => AccessService.Effective(r, org.Id, org.TrustId, roleSettings).Contains(Permission.RevealCredentials)).ToList();
        return await HoldersAsync(orgIds, roles, ct);
    }

    /// <summary>The role the policy names for reveals and changes; the other one when nobody holds it, so someone is always told.</summary>
    public async Task<IReadOnlyList<Custodian>> NamedRoleAsync(Guid orgId, CancellationToken ct = default)
    {
        var (org, orgIds) = await OrganisationAsync(orgId, ct);
        var choice = (await settings.EffectiveForAsync(orgId, ct)).CustodyNotices;
        // For a trust's own account, its executive leadership stands where a headteacher would.
        var head = org.Kind == OrganisationKind.Trust ? Role.TrustExecutiveLeadership : Role.Headteacher;
        Role[] named = choice switch
        {
            CustodyNoticeRecipients.Headteacher => [head],
            CustodyNoticeRecipients.Both => [Role.HeadOfCommunications, head],
            _ => [Role.HeadOfCommunications],
        };
        var found = await HoldersAsync(orgIds, [.. named], ct);
        return found.Count > 0 ? found : await HoldersAsync(orgIds, [Role.HeadOfCommunications, head], ct);
    }

    private async Task<IReadOnlyList<Custodian>> HoldersAsync(List<Guid> orgIds, List<Role> roles, CancellationToken ct)
    {
        if (roles.Count == 0) return [];
        var today = UkTime.Today(clock);
        var rows = await db.RoleAssignments.IgnoreQueryFilters()
            .Where(r => orgIds.Contains(r.OrganisationId) && roles.Contains(r.Role)
                        && (r.StaffMember!.LeavingDate == null || r.StaffMember.LeavingDate > today))
            .Select(r => new { r.StaffMemberId, r.StaffMember!.UserId, r.StaffMember.FirstName, r.StaffMember.LastName, r.StaffMember.Email, r.Role })
            .ToListAsync(ct);
        return rows.Select(r => new Custodian(r.StaffMemberId, r.UserId, r.FirstName + " " + r.LastName, r.Email, r.Role.Title())).ToList();
    }

    private async Task<(Organisation.Organisation Org, List<Guid> OrgIds)> OrganisationAsync(Guid orgId, CancellationToken ct)
    {
        var org = await db.Organisations.IgnoreQueryFilters().AsNoTracking().SingleAsync(o => o.Id == orgId, ct);
        return (org, org.TrustId is { } t ? [orgId, t] : [orgId]);
    }
}
