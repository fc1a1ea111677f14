using CareMarket.Capacity;
using CareMarket.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Capacity;

/// <summary>Capacity in the web app: its use cases, who may open its pages, and /api/v1/capacity.</summary>
public static class CapacityWeb
{
    public static IServiceCollection AddCapacityWeb(this IServiceCollection services)
    {
        services.AddCapacity();
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizePage("/Capacity/Index", Policies.ReadCapacity);
            o.Conventions.AuthorizePage("/Capacity/Service", Policies.ReadRegister);
            o.Conventions.AuthorizePage("/Capacity/Import", Policies.ImportCapacity);
            o.Conventions.AuthorizeFolder("/Capacity/Provider", Policies.ReportCapacity);
        });
        return services;
    }

    public static IEndpointRouteBuilder MapCapacity(this IEndpointRouteBuilder api) => api.MapCapacityApi();
}
