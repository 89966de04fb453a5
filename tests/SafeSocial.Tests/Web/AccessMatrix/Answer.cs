namespace SafeSocial.Tests.Web.AccessMatrix;

/// <summary>What the application answered to one request of the matrix.</summary>
public sealed record Answer(int Status, string? Location, string Body)
{
    private static readonly Uri Base = new("http://localhost");

    public string? LocationPath => Location is null ? null : new Uri(Base, Location).AbsolutePath;

    public bool IsServerError => Status >= 500;
    public bool IsNotFound => Status == 404;
    public bool IsSignInRedirect => Status is 302 or 303 && LocationPath == "/sign-in";
    /// <summary>The parent portal's own sign-in: a staff sign-in does not open the portal.</summary>
    public bool IsParentSignInRedirect => Status is 302 or 303 && LocationPath == "/parents/sign-in";

    /// <summary>Refused: "forbidden" (403 or the redirect to the 403 page) or "not found".</summary>
    public bool IsRefused => Status is 403 or 404 || (Status is 302 or 303 && LocationPath == "/error/403");
    public bool IsForbidden => Status == 403 || (Status is 302 or 303 && LocationPath == "/error/403");

    public override string ToString() =>
        Status >= 500 ? $"{Status} {Excerpt(Body)}" : Location is null ? Status.ToString() : $"{Status} → {Location}";

    public static async Task<Answer> SendAsync(HttpClient http, HttpMethod method, string url, HttpContent? content = null)
    {
        try
        {
            using var request = new HttpRequestMessage(method, url) { Content = content };
            using var response = await http.SendAsync(request);
            return new Answer((int)response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // In tests the app has no exception page: an unhandled exception reaches the client. It is a 500.
            return new Answer(500, null, e.GetType().Name + ": " + e.Message);
        }
    }

    private static string Excerpt(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
