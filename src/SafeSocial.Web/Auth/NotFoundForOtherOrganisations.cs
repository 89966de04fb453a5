using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace SafeSocial.Web.Auth;

/// <summary>
/// A person who is not a member of the organisation in the route is told "not found", never "forbidden",
/// so nobody can learn which schools or records exist.
/// </summary>
public sealed class NotFoundForOtherOrganisations(CurrentPerson person) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.GetRouteValue(OrganisationAuthorizationHandler.RouteKey) is string raw)
        {
            var member = Guid.TryParse(raw, out var orgId) && (await person.AccessAsync()).In(orgId) is not null;
            if (!member)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
