namespace SafeSocial.Core.Roster;

/// <summary>A roles.csv row (OneRoster 1.2 and School Data Sync alike): whose role, where, and which.</summary>
internal static class RoleRows
{
    /// <summary>The role the row names, or null once what to fix has been recorded against the row.</summary>
    public static (RosterUser User, RosterUserRole Role)? Read(CsvRow row, RosterData data, RosterProblems problems, bool deleted)
    {
        var userId = row["userSourcedId"];
        var org = row["orgSourcedId"];
        var role = row["role"];
        if (userId is null || !data.Users.TryGetValue(userId, out var user))
        {
            if (userId is not null && problems.Explained("users.csv", userId)) return null;
            row.Error("userSourcedId", userId is null ? "userSourcedId is blank. Say whose role this is." : $"\"{userId}\" is not a person in users.csv. Check the sourcedId.");
            return null;
        }
        if (org is null || !data.Orgs.ContainsKey(org))
        {
            if (org is not null && problems.Explained("orgs.csv", org)) return null;
            row.Error("orgSourcedId", org is null ? "orgSourcedId is blank. Say where the person has this role." : $"\"{org}\" is not an organisation in orgs.csv. Check the sourcedId.");
            return null;
        }
        if (role is null || !RosterValues.TryRole(role, out var kind, out _))
        {
            row.Error("role", role is null ? "role is blank." : RosterValues.UnknownRoleMessage(role));
            return null;
        }
        return (user, new RosterUserRole(kind, role, org, null, deleted, row.At("role")));
    }
}
