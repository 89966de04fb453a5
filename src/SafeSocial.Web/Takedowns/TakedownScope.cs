using SafeSocial.Core.Organisation;

namespace SafeSocial.Web.Takedowns;

/// <summary>Whose takedowns an organisation's pages show: a school's own, or for a trust those of each of its schools where the person may manage them.</summary>
public static class TakedownScope
{
    public static IReadOnlyList<Guid> SchoolIds(PersonAccess access, Membership membership) => membership.Kind == OrganisationKind.School
        ? membership.Permissions.Contains(Permission.ManageTakedowns) ? [membership.OrganisationId] : []
        : access.Memberships.Where(m => m.Kind == OrganisationKind.School && m.TrustId == membership.OrganisationId
            && m.Permissions.Contains(Permission.ManageTakedowns)).Select(m => m.OrganisationId).ToList();
}
