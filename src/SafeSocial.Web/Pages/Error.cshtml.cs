using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SafeSocial.Web.Pages;

[AllowAnonymous]
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "";
    public string Advice { get; private set; } = "";

    public void OnGet(int code) => Describe(code);
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Heading, Advice) = code switch
        {
            400 => ("SafeSocial cannot use what was sent", HttpContext.Features.Get<Security.RefusedInput>()?.Problem
                ?? "Something in the web address or the form could not be read. Go back and try again."),
            404 => ("Page not found", "If you typed the web address, check it is correct. If you followed a link, the page may belong to another school or no longer exist."),
            429 => ("Too many attempts", "You have tried too many times in a short while. Wait a minute, then try again."),
            403 => ("You do not have permission to see this page", "Your role does not include this. Ask your headteacher if you need it."),
            _ => ("Sorry, there is a problem with SafeSocial", "Try again later. Nothing you entered has been saved unless a page told you so."),
        };
        // Keep the original status (ReExecute preserves it unless we set it).
        if (HttpContext.Response.StatusCode == 200 && code >= 400) HttpContext.Response.StatusCode = code;
    }
}
