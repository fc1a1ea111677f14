using Microsoft.Extensions.DependencyInjection;

namespace CareMarket.Quality.Restrictions;

/// <summary>Suspensions and embargoes: a council's restrictions on placing with a service.</summary>
public static class RestrictionServices
{
    public static IServiceCollection AddRestrictions(this IServiceCollection services) => services.AddScoped<ServiceRestrictions>();
}
