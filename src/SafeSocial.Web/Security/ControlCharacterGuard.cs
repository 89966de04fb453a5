using Microsoft.AspNetCore.Diagnostics;

namespace SafeSocial.Web.Security;

/// <summary>What the guard refused, for the 400 page to say.</summary>
public sealed record RefusedInput(string Problem);

/// <summary>
/// One check for every page: an address or form holding control characters is refused with a 400 page that
/// names the field, before any page sees it. Otherwise a NUL byte reaches PostgreSQL, or a line break a
/// redirect's header, and the person gets "Sorry, there is a problem". Form fields may hold tabs and line
/// breaks (a textarea's text); the address may hold no control character at all.
/// </summary>
public sealed class ControlCharacterGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // The 400 page is the same request run again, form and all: it must not be refused in turn.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is null && await ProblemAsync(context) is { } problem)
        {
            context.Features.Set(new RefusedInput(problem));
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        await next(context);
    }

    private static async Task<string?> ProblemAsync(HttpContext context)
    {
        var request = context.Request;
        if (Find(request.Path.Value, inForm: false) is { } inPath) return $"The web address holds {inPath}. Check the address and try again.";
        foreach (var (key, values) in request.Query)
            if (Find(key, values, inForm: false) is { } inQuery)
                return $"The web address holds {inQuery} in {Name(key)}. Check the address, or what you typed in that box, and try again.";

        if (!request.HasFormContentType) return null;
        IFormCollection form;
        try { form = await request.ReadFormAsync(context.RequestAborted); }
        catch (InvalidDataException) { return "The form could not be read. Go back, fill it in again and send it."; }
        foreach (var (key, values) in form)
            if (Find(key, values, inForm: true) is { } inForm)
                return $"What you sent holds {inForm} in {Name(key)}. Go back, take it out of that box and send the form again.";
        return null;
    }

    /// <summary>The first control character in the text, described; null when there is none.</summary>
    public static string? Find(string? text, bool inForm)
    {
        foreach (var c in text ?? "")
            if (char.IsControl(c) && !(inForm && c is '\t' or '\r' or '\n'))
                return c switch
                {
                    '\0' => "a null character",
                    '\t' => "a tab",
                    '\r' or '\n' => "a line break",
                    _ => $"the control character U+{(int)c:X4}",
                };
        return null;
    }

    private static string? Find(string key, Microsoft.Extensions.Primitives.StringValues values, bool inForm) =>
        Find(key, inForm) ?? values.Select(v => Find(v, inForm)).FirstOrDefault(p => p is not null);

    private static string Name(string key) => Find(key, inForm: false) is null ? $"“{key}”" : "a field's name";
}
