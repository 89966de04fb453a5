using System.Net.Mail;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SafeSocial.Core.Consent.Portal;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Hosting;
using SafeSocial.Web.Mail;

namespace SafeSocial.Web.Pages.Parents;

public enum LinkRefusal { None, ThisAddress, ThisNetwork }

/// <summary>
/// A parent asks for a sign-in link by email address. The answer is the same whether or not a school knows the
/// address, so nobody can use the page to learn who is a parent where.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(CredentialRateLimit.Policy)]
public class SignInModel(ParentSignIn signIn, MailOutbox outbox, ParentLinkRateLimit networkLimit, IConfiguration configuration) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public LinkRefusal Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if ((await HttpContext.AuthenticateAsync(ParentPortalAuth.Scheme)).Succeeded) return Redirect("/parents");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var email = Email?.Trim();
        if (string.IsNullOrEmpty(email)) ModelState.AddModelError(nameof(Email), "Enter your email address");
        else if (email.Length > 320 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !email.Contains('.', StringComparison.Ordinal))
            ModelState.AddModelError(nameof(Email), "Enter an email address in the correct format, like name@example.com");
        if (!ModelState.IsValid) return Page();

        var (refusal, request) = await RequestLinkAsync(HttpContext, signIn, networkLimit, async () => await signIn.RequestAsync(email!, ct));
        if (refusal != LinkRefusal.None)
        {
            Refused = refusal;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        SendLink(request!, outbox, Request, configuration);
        TempData["LinkSentTo"] = request!.Email;
        return RedirectToPage("CheckEmail");
    }

    /// <summary>Both limits, the network's then the address's, around asking for a link.</summary>
    public static async Task<(LinkRefusal, LinkRequest?)> RequestLinkAsync(HttpContext http, ParentSignIn signIn, ParentLinkRateLimit networkLimit, Func<Task<LinkRequest?>> request)
    {
        if (!networkLimit.TryAcquire(http)) return (LinkRefusal.ThisNetwork, null);
        var result = await request();
        return result?.Result == LinkRequestResult.TooMany ? (LinkRefusal.ThisAddress, result) : (LinkRefusal.None, result);
    }

    /// <summary>Queues the link's email when the address is known; either way the parent is told the same.</summary>
    public static void SendLink(LinkRequest request, MailOutbox outbox, HttpRequest http, IConfiguration configuration)
    {
        if (request is { Result: LinkRequestResult.Sent, Token: { } token })
            outbox.Enqueue(ParentPortalMail.SignInLink(request, $"{ParentPortalMail.Root(http, configuration)}/parents/link/{token}"));
    }
}
