using Microsoft.Extensions.DependencyInjection;

namespace CareMarket.Capacity;

/// <summary>Capacity's use cases: returns, the council's picture, the CSV and Capacity Tracker files.</summary>
public static class CapacityServices
{
    public static IServiceCollection AddCapacity(this IServiceCollection services)
    {
        services.AddScoped<CapacityReports>();
        services.AddScoped<CapacityOverview>();
        services.AddScoped<CapacityFiles>();
        return services;
    }
}
