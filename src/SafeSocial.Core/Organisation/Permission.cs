namespace SafeSocial.Core.Organisation;

/// <summary>A named capability. Roles hold them by default; a school's policy settings can adjust that.</summary>
public enum Permission
{
    ViewPeople,
    ViewPupilDetails,
    ManagePeople,
    ImportRoster,
    ManageRoles,
    ManagePolicy,
    ViewAudit,
    ApprovePosts,
    ViewSafeguardingConcerns,
    RevealCredentials,
    ManageConsent,
    ManageTakedowns,
    ManageAccounts,
    EmergencyAccountAccess,
}

public static class Permissions
{
    /// <summary>Holding any of these means two-factor sign-in is mandatory.</summary>
    public static readonly Permission[] RequireTwoFactor =
        [Permission.ApprovePosts, Permission.ViewSafeguardingConcerns, Permission.RevealCredentials, Permission.EmergencyAccountAccess];

    /// <summary>Giving a role any of these takes a second person who can give roles (the first asks, the second confirms).</summary>
    public static readonly Permission[] NeedSecondPerson =
        [Permission.RevealCredentials, Permission.EmergencyAccountAccess, Permission.ApprovePosts, Permission.ViewSafeguardingConcerns, Permission.ManageRoles];

    public static string Title(this Permission p) => p switch
    {
        Permission.ViewPeople => "See staff and pupil lists",
        Permission.ViewPupilDetails => "See a pupil's details and parents",
        Permission.ManagePeople => "Add, change and invite people",
        Permission.ImportRoster => "Import the roster from the MIS",
        Permission.ManageRoles => "Give and remove roles",
        Permission.ManagePolicy => "Change the policy and its settings",
        Permission.ViewAudit => "See and verify the audit trail",
        Permission.ApprovePosts => "Approve posts (second person)",
        Permission.ViewSafeguardingConcerns => "See safeguarding concerns",
        Permission.RevealCredentials => "Reveal official account passwords",
        Permission.ManageConsent => "Record photo consent and run consent campaigns",
        Permission.ManageTakedowns => "Take down images when consent ends",
        Permission.ManageAccounts => "Request official accounts and choose their admins",
        Permission.EmergencyAccountAccess => "Open an official account in an emergency",
        _ => p.ToString(),
    };
}
