using System.Security.Claims;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Web.Auth;

/// <summary>The signed-in person of this request and where they may act, loaded once per request.</summary>
public sealed class CurrentPerson(IHttpContextAccessor http, AccessService accessService)
{
    private PersonAccess? _access;

    public ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();
    public Guid? UserId => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
    public string Name => User.FindFirstValue("display_name") ?? User.Identity?.Name ?? "Unknown";
    /// <summary>Signed in with a second factor in this session (Identity adds amr=mfa).</summary>
    public bool UsedTwoFactor => User.HasClaim("amr", "mfa");

    public async Task<PersonAccess> AccessAsync() =>
        _access ??= UserId is { } id ? await accessService.ForUserAsync(id) : PersonAccess.None;
}
