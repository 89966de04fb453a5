using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.People;

public static class StaffKinds
{
    public static string Title(this StaffKind kind) => kind switch
    {
        StaffKind.Staff => "Staff member",
        StaffKind.Governor => "Governor or trustee",
        StaffKind.Volunteer => "Volunteer",
        StaffKind.Contractor => "Contractor",
        _ => kind.ToString(),
    };

    public static string Title(this SignInStatus status) => status switch
    {
        SignInStatus.Active => "Active",
        SignInStatus.Invited => "Invited",
        SignInStatus.InvitationExpired => "Invitation expired",
        _ => "No sign-in",
    };
}
