using SafeSocial.Core.Audit;
using SafeSocial.Core.Data;

namespace SafeSocial.Web.Auth;

/// <summary>
/// Opens the query filter to the signed-in person's own organisations, names them in the audit trail,
/// and sends anyone whose roles demand two-factor sign-in to set it up before anything else.
/// </summary>
public sealed class RequestScopeMiddleware(RequestDelegate next)
{
    private static readonly string[] AllowedBeforeTwoFactor = ["/account", "/sign-in", "/sign-out", "/lib", "/css", "/health", "/error", "/dev", "/parents"];

    public async Task InvokeAsync(HttpContext context, CurrentPerson person, OrganisationScope scope, AuditContext audit)
    {
        audit.ActAs(person.UserId, person.UserId is null ? "Anonymous" : person.Name, context.Connection.RemoteIpAddress?.ToString());
        if (person.UserId is null)
        {
            await next(context);
            return;
        }

        var access = await person.AccessAsync();
        scope.LimitTo(access.Memberships.Select(m => m.OrganisationId));

        var path = context.Request.Path.Value ?? "/";
        if (access.NeedsTwoFactor && !person.UsedTwoFactor && !AllowedBeforeTwoFactor.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect("/account/two-factor");
            return;
        }
        await next(context);
    }
}
