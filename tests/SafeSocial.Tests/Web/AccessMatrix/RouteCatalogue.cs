using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;

namespace SafeSocial.Tests.Web.AccessMatrix;

/// <summary>One page or endpoint of the running application, as its routing and authorization metadata describe it.</summary>
public sealed record AppRoute(
    string Template,
    string Name,
    IReadOnlyList<string> Parameters,
    bool IsPublic,
    bool ChecksOrganisation,
    IReadOnlySet<Permission> RequiredPermissions,
    bool AnswersGet,
    IReadOnlyList<string?> PostHandlers,
    bool ChecksPerRecord = false,
    IReadOnlyList<string>? Fields = null)
{
    /// <summary>The names a page binds from its query string or form (bound properties and handler parameters), as a form would send them.</summary>
    public IReadOnlyList<string> FieldNames => Fields ?? [];

    public bool HasOrganisation => Parameters.Contains(OrganisationAuthorizationHandler.RouteKey, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Reads every endpoint from the application's EndpointDataSource, so a page added later is in the matrix
/// without anyone editing the test. Razor Pages are compiled to see their model's attributes and handlers.
/// </summary>
public static partial class RouteCatalogue
{
    public static async Task<IReadOnlyList<AppRoute>> ReadAsync(IServiceProvider services)
    {
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var loader = services.GetRequiredService<PageLoader>();
        var routes = new List<AppRoute>();
        foreach (var endpoint in endpoints)
        {
            var template = endpoint.RoutePattern.RawText;
            if (template is null) continue;
            var metadata = endpoint.Metadata.AsEnumerable();
            bool answersGet;
            var posts = new List<string?>();
            var fields = new List<string>();
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                // The page model's attributes ([AllowAnonymous], [RequirePermission]) are known only once compiled.
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                metadata = metadata.Concat(compiled.EndpointMetadata);
                answersGet = true; // a page renders on GET even without an OnGet handler
                posts.AddRange(compiled.HandlerMethods
                    .Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
                    .Select(h => h.Name).Distinct());
                var routeParameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                fields.AddRange(compiled.BoundProperties.Select(p => (p.Name, p.ParameterType))
                    .Concat(compiled.HandlerMethods.SelectMany(h => h.Parameters).Select(p => (p.Name, p.ParameterType)))
                    .Where(f => !routeParameters.Contains(f.Name))
                    .SelectMany(f => FieldNames(f.Name, f.ParameterType)).Distinct());
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
                answersGet = methods.Contains("GET", StringComparer.OrdinalIgnoreCase);
                if (methods.Contains("POST", StringComparer.OrdinalIgnoreCase)) posts.Add(null);
            }

            var all = metadata.ToList();
            var policies = all.OfType<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).Select(p => p!).ToList();
            var permissions = Enum.GetValues<Permission>()
                .Where(p => policies.Contains(RequirePermissionAttribute.PolicyName(p))).ToHashSet();
            routes.Add(new AppRoute(
                "/" + template.TrimStart('/'),
                endpoint.DisplayName ?? template,
                endpoint.RoutePattern.Parameters.Where(p => !p.IsOptional).Select(p => p.Name).ToList(),
                IsPublic: all.OfType<IAllowAnonymous>().Any(),
                ChecksOrganisation: permissions.Count > 0 || policies.Contains(RequireMembershipAttribute.PolicyName),
                permissions,
                answersGet,
                posts,
                ChecksPerRecord: all.OfType<ChecksAccessPerRecordAttribute>().Any(),
                fields));
        }
        return routes.DistinctBy(r => r.Template).OrderBy(r => r.Template, StringComparer.Ordinal).ToList();
    }

    /// <summary>A simple value by its own name; a class (a date's parts, a form's input) by each of its properties.</summary>
    private static IEnumerable<string> FieldNames(string name, Type type)
    {
        var simple = Nullable.GetUnderlyingType(type) ?? type;
        if (simple == typeof(CancellationToken)) return [];
        if (simple.IsPrimitive || simple.IsEnum || simple == typeof(string) || simple == typeof(Guid) || simple == typeof(DateOnly) || simple == typeof(decimal)
            || typeof(System.Collections.IEnumerable).IsAssignableFrom(simple))
            return [name];
        return simple.GetProperties().Where(p => p.CanWrite).Select(p => $"{name}.{p.Name}");
    }

    /// <summary>The route's URL with each parameter replaced by its value; optional parameters are left out.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        Parameter().Replace(template, m =>
        {
            var name = m.Groups["name"].Value;
            if (values.TryGetValue(name, out var value)) return Uri.EscapeDataString(value);
            if (m.Value.Contains('?', StringComparison.Ordinal)) return "";
            throw new InvalidOperationException($"No value for route parameter '{name}' in {template}");
        }).Replace("//", "/", StringComparison.Ordinal).TrimEnd('/') is { Length: > 0 } url ? url : "/";

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z_][A-Za-z0-9_]*)[^}]*\}")]
    private static partial Regex Parameter();
}
