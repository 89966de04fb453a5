using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SafeSocial.Core.Consent.Portal;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Hosting;
using SafeSocial.Web.Mail;

namespace SafeSocial.Web.Pages.Parents;

/// <summary>
/// Where the emailed link lands. Opening it does not sign in: the parent presses a button, because email
/// security scanners open links before people do and would otherwise use up the single-use link.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(CredentialRateLimit.Policy)]
public class LinkModel(ParentSignIn signIn, ParentFamily families, MailOutbox outbox, ParentLinkRateLimit networkLimit, IConfiguration configuration) : PageModel
{
    public LinkView Link { get; private set; } = new(LinkState.Unknown, null);
    public LinkRefusal Refused { get; private set; }
    public int Minutes => (int)ParentSignIn.LinkLifetime.TotalMinutes;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        await LoadAsync(token, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        if (!Plausible(token)) { await LoadAsync(token, ct); return Page(); }
        var used = await signIn.UseAsync(token, ct);
        if (used.State != LinkState.Valid)
        {
            await LoadAsync(token, ct);
            return Page();
        }
        var family = await families.ForEmailAsync(used.Email!, ct);
        await ParentPortalAuth.SignInAsync(HttpContext, family.Email, family.Name);
        return Redirect("/parents");
    }

    /// <summary>A new link to the address the old one went to, so the parent need not type it.</summary>
    public async Task<IActionResult> OnPostNewLinkAsync(string token, CancellationToken ct)
    {
        if (!Plausible(token)) { await LoadAsync(token, ct); return Page(); }
        var (refusal, request) = await SignInModel.RequestLinkAsync(HttpContext, signIn, networkLimit, () => signIn.RequestAgainAsync(token, ct));
        if (refusal != LinkRefusal.None || request is null)
        {
            await LoadAsync(token, ct);
            Refused = refusal;
            if (refusal != LinkRefusal.None) Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        SignInModel.SendLink(request, outbox, Request, configuration);
        TempData["LinkSentTo"] = request.Email;
        return RedirectToPage("CheckEmail");
    }

    private static bool Plausible(string token) => token.Length is > 0 and <= 100;

    private async Task LoadAsync(string token, CancellationToken ct)
    {
        Link = Plausible(token) ? await signIn.ViewAsync(token, ct) : new LinkView(LinkState.Unknown, null);
        Response.StatusCode = Link.State switch
        {
            LinkState.Valid => StatusCodes.Status200OK,
            LinkState.Unknown => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status410Gone,
        };
    }
}
