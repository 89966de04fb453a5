using Microsoft.Extensions.DependencyInjection;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core;

public static class CoreServices
{
    /// <summary>The concrete services pages call; each writes its change and audit entry in one transaction.</summary>
    public static IServiceCollection AddCoreServices(this IServiceCollection services)
    {
        services.AddScoped<AccessService>();
        services.AddScoped<AttentionService>();
        services.AddScoped<Roster.RosterImportService>();
        return services;
    }
}
