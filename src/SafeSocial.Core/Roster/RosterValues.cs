namespace SafeSocial.Core.Roster;

/// <summary>The role, grade and relationship words of OneRoster and School Data Sync, in a school's own terms.</summary>
public static class RosterValues
{
    private static readonly Dictionary<string, (RosterPersonKind Kind, string Title)> UserRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["student"] = (RosterPersonKind.Pupil, "Pupil"),
        ["teacher"] = (RosterPersonKind.Staff, "Teacher"),
        ["aide"] = (RosterPersonKind.Staff, "Teaching assistant"),
        ["administrator"] = (RosterPersonKind.Staff, "Administrator"),
        ["siteAdministrator"] = (RosterPersonKind.Staff, "Administrator"),
        ["districtAdministrator"] = (RosterPersonKind.Staff, "Trust administrator"),
        ["systemAdministrator"] = (RosterPersonKind.Staff, "IT administrator"),
        ["principal"] = (RosterPersonKind.Staff, "Headteacher"),
        ["counselor"] = (RosterPersonKind.Staff, "Counsellor"),
        ["proctor"] = (RosterPersonKind.Staff, "Invigilator"),
        ["staff"] = (RosterPersonKind.Staff, "Staff"),
        ["educator"] = (RosterPersonKind.Staff, "Teacher"),
        ["professor"] = (RosterPersonKind.Staff, "Teacher"),
        ["instructor"] = (RosterPersonKind.Staff, "Teacher"),
        ["lecturer"] = (RosterPersonKind.Staff, "Teacher"),
        ["faculty"] = (RosterPersonKind.Staff, "Teacher"),
        ["parent"] = (RosterPersonKind.Parent, "Parent"),
        ["guardian"] = (RosterPersonKind.Parent, "Guardian"),
        ["relative"] = (RosterPersonKind.Parent, "Relative"),
    };

    /// <summary>School Data Sync relationships that are not parents or carers: read, but not linked.</summary>
    private static readonly HashSet<string> OtherRelationships = new(StringComparer.OrdinalIgnoreCase)
        { "aide", "doctor", "emergencyContact", "other", "child", "sibling", "exchangeStudent" };

    public static IEnumerable<string> RoleNames => UserRoles.Keys;

    public static bool TryRole(string role, out RosterPersonKind kind, out string title)
    {
        var found = UserRoles.TryGetValue(role, out var r);
        (kind, title) = r;
        return found;
    }

    public static string UnknownRoleMessage(string role) =>
        Spelling.Closest(role, UserRoles.Keys) is { } meant
            ? $"\"{role}\" is not a role SafeSocial knows. Did you mean \"{meant}\"?"
            : $"\"{role}\" is not a role SafeSocial knows. Use student, teacher, aide, administrator, parent, guardian or relative.";

    /// <summary>Parent, guardian and relative link a parent or carer; null for a relationship that is not one.</summary>
    public static (string Relationship, bool ParentalResponsibility)? Relationship(string role) => role.ToLowerInvariant() switch
    {
        "parent" => ("Parent", true),
        "guardian" => ("Guardian", true),
        "relative" => ("Relative", false),
        _ => null,
    };

    public static bool IsOtherRelationship(string role) => OtherRelationships.Contains(role);

    /// <summary>"R" for Reception, "N" for nursery, "1" to "13"; null when the grade is not a school year.</summary>
    public static string? YearGroup(string grade)
    {
        var g = grade.Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        switch (g)
        {
            case "KG" or "K" or "R" or "YR" or "REC" or "RECEPTION" or "YEARR": return "R";
            case "PK" or "PR" or "TK" or "N" or "N1" or "N2" or "NURSERY": return "N";
        }
        if (g.StartsWith("YEAR", StringComparison.Ordinal)) g = g[4..];
        else if (g.StartsWith('Y')) g = g[1..];
        return int.TryParse(g, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 13
            ? n.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    public static string UnknownGradeMessage(string grade) =>
        $"\"{grade}\" is not a school year. Use KG for Reception, 01 to 13 for Years 1 to 13, or PK for nursery.";

    public static bool? Boolean(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "true" or "yes" or "y" or "1" => true,
        "false" or "no" or "n" or "0" => false,
        _ => null,
    };

    public static IEnumerable<string> SplitList(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
