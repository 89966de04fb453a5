using Microsoft.AspNetCore.Authorization;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Web.Auth;

/// <summary>The page needs this permission in the organisation named by the route's orgId.</summary>
public sealed class RequirePermissionAttribute(Permission permission) : AuthorizeAttribute(PolicyName(permission))
{
    public static string PolicyName(Permission permission) => $"Permission:{permission}";
}

/// <summary>The page needs only membership of the organisation named by the route's orgId.</summary>
public sealed class RequireMembershipAttribute() : AuthorizeAttribute(PolicyName)
{
    public const string PolicyName = "Membership";
}

public sealed record OrganisationRequirement(Permission? Permission) : IAuthorizationRequirement;
