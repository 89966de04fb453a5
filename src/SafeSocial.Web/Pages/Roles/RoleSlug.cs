using SafeSocial.Core.Organisation;

namespace SafeSocial.Web.Pages.Roles;

/// <summary>Roles in addresses read like the demo accounts: /roles/designated-safeguarding-lead.</summary>
public static class RoleSlug
{
    public static string Of(Role role) =>
        string.Concat(role.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + c : c.ToString())).ToLowerInvariant();

    public static Role? Parse(string? slug) =>
        Enum.GetValues<Role>().Cast<Role?>().FirstOrDefault(r => string.Equals(Of(r!.Value), slug, StringComparison.OrdinalIgnoreCase));
}
