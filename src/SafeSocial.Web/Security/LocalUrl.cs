namespace SafeSocial.Web.Security;

/// <summary>
/// The one check for every "return to" address a request carries: only a path on this site, never one a browser
/// would read as another site ("//host", "/\host", or "/\t/host" once the browser drops the tab).
/// </summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url) =>
        url is ['/', ..] && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) && !url.Any(char.IsControl);

    /// <summary>The address when it is on this site, otherwise the home page.</summary>
    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";
}
