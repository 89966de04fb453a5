namespace SafeSocial.Core.Organisation;

/// <summary>One organisation a person may act in, with the roles and permissions they hold there.</summary>
public sealed record Membership(Guid OrganisationId, string OrganisationName, OrganisationKind Kind, Guid? TrustId,
    IReadOnlySet<Role> Roles, IReadOnlySet<Permission> Permissions);

/// <summary>Everything a signed-in person may reach: the schools and trusts they belong to.</summary>
public sealed class PersonAccess(IReadOnlyList<Membership> memberships)
{
    public static readonly PersonAccess None = new([]);

    public IReadOnlyList<Membership> Memberships { get; } = memberships;

    public Membership? In(Guid organisationId) => Memberships.FirstOrDefault(m => m.OrganisationId == organisationId);

    public bool Can(Guid organisationId, Permission permission) => In(organisationId)?.Permissions.Contains(permission) == true;

    public bool NeedsTwoFactor => Memberships.Any(m => Permissions.RequireTwoFactor.Any(m.Permissions.Contains));
}
