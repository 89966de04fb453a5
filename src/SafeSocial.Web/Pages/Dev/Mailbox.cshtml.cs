using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Web.Mail;

namespace SafeSocial.Web.Pages.Dev;

/// <summary>Development only (the route exists nowhere else): the mails SafeSocial wrote to the data folder, so invitation links can be followed.</summary>
[AllowAnonymous]
public partial class MailboxModel(IWebHostEnvironment env, IServiceProvider services) : PageModel
{
    public IReadOnlyList<StoredMail> Mails { get; private set; } = [];
    public bool SentBySmtp { get; private set; }

    public IActionResult OnGet()
    {
        if (!env.IsDevelopment()) return NotFound();
        var folder = services.GetService<FolderMailSender>();
        SentBySmtp = folder is null;
        Mails = folder?.Read() ?? [];
        return Page();
    }

    /// <summary>The body as text with its web addresses made into links.</summary>
    public static IHtmlContent Linked(string body)
    {
        var enc = HtmlEncoder.Default;
        var html = new HtmlContentBuilder();
        var last = 0;
        foreach (Match m in WebAddress().Matches(body))
        {
            html.Append(body[last..m.Index]);
            html.AppendHtml($"<a class=\"govuk-link\" href=\"{enc.Encode(m.Value)}\">{enc.Encode(m.Value)}</a>");
            last = m.Index + m.Length;
        }
        html.Append(body[last..]);
        return html;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex WebAddress();
}
