using Microsoft.AspNetCore.Authorization;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Web.Auth;

/// <summary>
/// The one check behind every organisation page: the person belongs to the organisation in the route
/// and holds the permission there. A missing route value throws rather than silently authorising.
/// </summary>
public sealed class OrganisationAuthorizationHandler(IHttpContextAccessor http, CurrentPerson person)
    : AuthorizationHandler<OrganisationRequirement>
{
    public const string RouteKey = "orgId";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OrganisationRequirement requirement)
    {
        var httpContext = http.HttpContext ?? throw new InvalidOperationException("Organisation authorization needs an HTTP request.");
        var raw = httpContext.GetRouteValue(RouteKey) as string
            ?? throw new InvalidOperationException($"The page is protected by organisation but its route has no '{RouteKey}'.");
        if (!Guid.TryParse(raw, out var orgId)) return;

        var membership = (await person.AccessAsync()).In(orgId);
        if (membership is null) return;
        if (requirement.Permission is { } p)
        {
            if (!membership.Permissions.Contains(p)) return;
            if (Permissions.RequireTwoFactor.Contains(p) && !person.UsedTwoFactor) return;
        }
        context.Succeed(requirement);
    }
}
