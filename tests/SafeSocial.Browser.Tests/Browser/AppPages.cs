using Microsoft.AspNetCore.Razor.Hosting;

namespace SafeSocial.Browser.Tests.Browser;

/// <summary>Which Razor Pages the application has, read from its compiled pages, so a journey can wait for its page to be merged.</summary>
public static class AppPages
{
    private static readonly string[] Routes = typeof(Program).Assembly.GetTypes()
        .SelectMany(t => t.GetCustomAttributes(typeof(RazorCompiledItemMetadataAttribute), false).Cast<RazorCompiledItemMetadataAttribute>())
        .Where(a => a.Key == "RouteTemplate").Select(a => a.Value).ToArray();

    public static bool Has(string routeTemplate) => Routes.Contains(routeTemplate, StringComparer.OrdinalIgnoreCase);

    public static bool HasPupilPages => Has("/o/{orgId:guid}/pupils") && Routes.Any(r => r.StartsWith("/o/{orgId:guid}/pupils/{", StringComparison.OrdinalIgnoreCase));
    public static bool HasImportPage => Has("/o/{orgId:guid}/import");
}
