using Microsoft.Extensions.DependencyInjection;

namespace CareMarket.Admin;

/// <summary>Administration: the council's settings (targets, weights, staleness), imports, API keys and the audit log.</summary>
public static class AdminServices
{
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddScoped<Settings>();
        services.AddScoped<Administration>();
        return services;
    }
}
