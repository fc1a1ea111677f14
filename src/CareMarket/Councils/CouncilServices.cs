using Microsoft.Extensions.DependencyInjection;

namespace CareMarket.Councils;

/// <summary>Councils: the reference list, a council's set-up (neighbours, areas and patches), used by the command line and the web app.</summary>
public static class CouncilServices
{
    public static IServiceCollection AddCouncils(this IServiceCollection services)
    {
        services.AddScoped<CouncilSetup>();
        return services;
    }
}
