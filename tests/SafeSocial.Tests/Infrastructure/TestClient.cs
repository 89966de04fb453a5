using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using SafeSocial.Core.Demo;
using SafeSocial.Core.Identity;

namespace SafeSocial.Tests.Infrastructure;

/// <summary>An HTTP client that behaves like a browser's forms: it reads the page, then posts with its anti-forgery token.</summary>
public sealed class TestClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
            Assert.Fail($"GET {url} answered {(int)response.StatusCode}: {(await response.Content.ReadAsStringAsync())[..Math.Min(3000, (int)(response.Content.Headers.ContentLength ?? 3000))]}");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>Fetches the form page for its anti-forgery token, then posts the fields to it (or to <paramref name="action"/>).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var page = await GetPageAsync(pageUrl);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{pageUrl} has no anti-forgery token");
        return await PostWithTokenAsync(action ?? pageUrl, token, fields);
    }

    public async Task<HttpResponseMessage> PostWithTokenAsync(string url, string token, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var all = fields.Append(new("__RequestVerificationToken", token));
        return await Http.PostAsync(url, new FormUrlEncodedContent(all));
    }

    public async Task<HttpResponseMessage> PostMultipartAsync(string pageUrl, MultipartFormDataContent content, string? action = null)
    {
        var page = await GetPageAsync(pageUrl);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        content.Add(new StringContent(token), "__RequestVerificationToken");
        return await Http.PostAsync(action ?? pageUrl, content);
    }

    public async Task SignInAsync(string email, string password = DemoSeeder.Password)
    {
        var response = await PostFormAsync("/sign-in", [new("Email", email), new("Password", password)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location!.OriginalString.StartsWith("/sign-in/code", StringComparison.Ordinal))
        {
            var code = Totp.Code(DemoSeeder.AuthenticatorKey, TimeProvider.System.GetUtcNow());
            response = await PostFormAsync("/sign-in/code", [new("Code", code)]);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
    }
}
