using CareMarket.Register.CqcFiles;
using Microsoft.Extensions.DependencyInjection;

namespace CareMarket.Register;

/// <summary>The register's use cases, for the web app and the command line (the CQC API client: AddCqcApi).</summary>
public static class RegisterServices
{
    public static IServiceCollection AddRegister(this IServiceCollection services)
    {
        services.AddScoped<RegisterQueries>();
        services.AddScoped<RegisterOverview>();
        services.AddScoped<Contracts>();
        services.AddScoped<LocalServices>();
        services.AddScoped(sp => new CqcFileImporter(sp.GetRequiredService<Data.CareMarketDb>()));
        return services;
    }
}
