using Microsoft.Extensions.DependencyInjection;

namespace CareMarket.Brokerage;

/// <summary>Brokerage's use cases: care requests, matching, offers, awards and the reports.</summary>
public static class BrokerageServices
{
    public static IServiceCollection AddBrokerage(this IServiceCollection services)
    {
        services.AddScoped<CareRequests>();
        services.AddScoped<Matching>();
        services.AddScoped<BrokerageReports>();
        return services;
    }
}
