using CareMarket.Register;
using CareMarket.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Register;

/// <summary>The register in the web app: its use cases, who may open its pages, and /api/v1/register.</summary>
public static class RegisterWeb
{
    public static IServiceCollection AddRegisterWeb(this IServiceCollection services)
    {
        services.AddRegister();
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Register", Policies.ReadRegister);
            // Services CQC does not register: the council's contract managers keep their records.
            o.Conventions.AuthorizePage("/Register/LocalService", Policies.ManageContracts);
        });
        return services;
    }

    public static IEndpointRouteBuilder MapRegister(this IEndpointRouteBuilder api) => api.MapRegisterApi();
}
