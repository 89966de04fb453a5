using SafeSocial.Core;
using SafeSocial.Core.Identity;

namespace SafeSocial.Web.Mail;

/// <summary>Emails telling a person about their own sign-in: a reset authenticator, or a run of wrong tries at their password or code.</summary>
public static class SignInMail
{
    private const string Help = "If this was not you, tell your headteacher or IT lead today.";

    public static OutgoingMail AuthenticatorReset(AppUser user, DateTimeOffset at) => new(user.Email!,
        "Your SafeSocial two-factor sign-in was reset",
        $"""
        Dear {user.DisplayName},

        The authenticator app for your SafeSocial sign-in was reset on {UkTime.Format(at)}, using your password and a code from your old app. The old app's codes no longer work, and every other device signed in as you was signed out.

        {Help}
        """);

    public static OutgoingMail WrongPasswords(AppUser user, DateTimeOffset at) => new(user.Email!,
        "Wrong passwords were entered for your SafeSocial account",
        $"""
        Dear {user.DisplayName},

        A wrong password was entered {SignInThrottle.FreeTriesPerAccount} times for your SafeSocial account, the last on {UkTime.Format(at)}. Nobody got in. Further tries now have to wait longer each time; your account is not locked, so you can still sign in.

        {Help}
        """);

    public static OutgoingMail WrongCodes(AppUser user, DateTimeOffset at) => new(user.Email!,
        "Wrong two-factor codes were entered for your SafeSocial account",
        $"""
        Dear {user.DisplayName},

        A wrong code from your authenticator app was entered {SignInThrottle.FreeTriesPerAccount} times for your SafeSocial account, the last on {UkTime.Format(at)}. Codes are only asked for after the right password, so someone else may know your password.

        {Help} Change your password as soon as you can.
        """);
}
