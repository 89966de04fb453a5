namespace SafeSocial.Core.Organisation;
using static Permission;

/// <summary>What each role may do before a policy adjusts it.</summary>
public static class DefaultPermissions
{
    // Leadership may open an official account only in an emergency, notifying everyone with custody: the seed
    // policies share passwords with no one but those the head of communications and headteacher authorise.
    private static readonly Permission[] Leadership =
        [ViewPeople, ViewPupilDetails, ManagePeople, ImportRoster, ManageRoles, ManagePolicy, ViewAudit, ApprovePosts, ViewSafeguardingConcerns, ManageConsent, ManageTakedowns, ManageAccounts, EmergencyAccountAccess];

    public static IReadOnlySet<Permission> For(Role role) => (role switch
    {
        Role.TrustExecutiveLeadership => Leadership,
        Role.TrustBoard => [ViewPeople, ViewAudit],
        Role.HeadOfCommunications => [ViewPeople, ApprovePosts, RevealCredentials, ManageConsent, ManageTakedowns, ManageAccounts],
        Role.ItStrategicLead => [ViewPeople, ImportRoster, ManagePeople],
        Role.DataProtectionOfficer => [ViewPeople, ViewPupilDetails, ViewAudit, ManageTakedowns],
        Role.DirectorOfHr => [ViewPeople, ManagePeople],
        Role.Headteacher => Leadership,
        Role.DesignatedSafeguardingLead => [ViewPeople, ViewPupilDetails, ViewSafeguardingConcerns, ViewAudit, ApprovePosts],
        Role.DeputyDesignatedSafeguardingLead => [ViewPeople, ViewPupilDetails, ViewSafeguardingConcerns],
        Role.ESafetyCoordinator => [ViewPeople, ApprovePosts, ManageAccounts],
        Role.SchoolBusinessManager => [ViewPeople, ViewPupilDetails, ManagePeople, ImportRoster, ManageConsent],
        Role.Governor => [ViewPeople],
        Role.Teacher => [ViewPeople, ViewPupilDetails],
        Role.SupportStaff => [ViewPeople],
        Role.Volunteer or Role.Contractor => [],
        _ => [],
    }).ToHashSet();
}
