using System.Text.RegularExpressions;

namespace SafeSocial.Tests.Web.AccessMatrix;

/// <summary>
/// Script or style written into a page rather than loaded from a file: the Content-Security-Policy (script-src and
/// style-src 'self', no 'unsafe-inline') makes the browser ignore it, so a page with any is broken for its users.
/// </summary>
public static partial class InlineCode
{
    /// <summary>The first inline script, event handler or style attribute in the HTML, or null.</summary>
    public static string? Find(string html) =>
        Inline().Match(html) is { Success: true } m ? m.Value.Length > 120 ? m.Value[..120] + "…" : m.Value : null;

    // A <script> without src, a <style> element, or a tag with a style="" or on…="" attribute. Text cannot match:
    // Razor writes a "<" inside text as &lt;.
    [GeneratedRegex(@"<script\b(?![^>]*\ssrc\s*=)[^>]*>|<style\b[^>]*>|<[a-zA-Z][^>]*\s(?:style|on[a-z]+)\s*=[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Inline();
}
