namespace SafeSocial.Web.Auth;

/// <summary>
/// The page refuses (403) some members who pass its [RequireMembership] or [RequirePermission], by a rule about the
/// record itself: an official account's password is for its own admins and the roles the policy names. The page's
/// own tests prove that rule; the access matrix accepts a 403 from such a page.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ChecksAccessPerRecordAttribute : Attribute;
