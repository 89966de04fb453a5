namespace SafeSocial.Core.Organisation;

/// <summary>The roles the seed policies name. Trust roles apply to every school in the trust.</summary>
public enum Role
{
    // Trust
    TrustExecutiveLeadership,
    TrustBoard,
    HeadOfCommunications,
    ItStrategicLead,
    DataProtectionOfficer,
    DirectorOfHr,
    // School
    Headteacher,
    DesignatedSafeguardingLead,
    DeputyDesignatedSafeguardingLead,
    ESafetyCoordinator,
    SchoolBusinessManager,
    Governor,
    Teacher,
    SupportStaff,
    Volunteer,
    Contractor,
}

public static class Roles
{
    public static readonly Role[] TrustRoles =
    [
        Role.TrustExecutiveLeadership, Role.TrustBoard, Role.HeadOfCommunications,
        Role.ItStrategicLead, Role.DataProtectionOfficer, Role.DirectorOfHr,
    ];

    public static readonly Role[] SchoolRoles = Enum.GetValues<Role>().Except(TrustRoles).ToArray();

    public static bool IsTrustRole(this Role role) => TrustRoles.Contains(role);

    public static string Title(this Role role) => role switch
    {
        Role.TrustExecutiveLeadership => "Trust executive leadership",
        Role.TrustBoard => "Trust board member",
        Role.HeadOfCommunications => "Head of communications",
        Role.ItStrategicLead => "IT strategic lead",
        Role.DataProtectionOfficer => "Data protection officer",
        Role.DirectorOfHr => "Director of HR",
        Role.Headteacher => "Headteacher",
        Role.DesignatedSafeguardingLead => "Designated safeguarding lead",
        Role.DeputyDesignatedSafeguardingLead => "Deputy designated safeguarding lead",
        Role.ESafetyCoordinator => "E-safety coordinator / computing lead",
        Role.SchoolBusinessManager => "School business manager",
        Role.Governor => "Governor",
        Role.Teacher => "Teacher",
        Role.SupportStaff => "Support staff",
        Role.Volunteer => "Volunteer",
        Role.Contractor => "Contractor",
        _ => role.ToString(),
    };
}
