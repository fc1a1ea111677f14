using Microsoft.Extensions.DependencyInjection;

namespace CareMarket.Brokerage;

/// <summary>Brokerage's use cases: care requests, matching, offers, awards, the reports and the read models.</summary>
public static class BrokerageServices
{
    public static IServiceCollection AddBrokerage(this IServiceCollection services)
    {
        services.AddScoped<CareRequests>();
        services.AddScoped<Matching>();
        services.AddScoped<BrokerageReports>();
        services.AddScoped<CareRequestViews>();
        return services;
    }
}
