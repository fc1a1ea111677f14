using CareMarket.Brokerage;
using CareMarket.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Brokerage;

/// <summary>Brokerage in the web app: its use cases, who may open its pages, and /api/v1/brokerage.</summary>
public static class BrokerageWeb
{
    public static IServiceCollection AddBrokerageWeb(this IServiceCollection services)
    {
        services.AddBrokerage();
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizePage("/Brokerage/Index", Policies.ReadRequests);
            // Its send, award, hold, resume, cancel and meanwhile handlers check ManageRequests.
            o.Conventions.AuthorizePage("/Brokerage/Request", Policies.ReadRequests);
            o.Conventions.AuthorizePage("/Brokerage/Create", Policies.ManageRequests);
            o.Conventions.AuthorizePage("/Brokerage/Invitations", Policies.ReportCapacity);
            o.Conventions.AuthorizePage("/Brokerage/Reports", Policies.ReadRequests);
        });
        return services;
    }

    public static IEndpointRouteBuilder MapBrokerage(this IEndpointRouteBuilder api) => api.MapBrokerageApi();
}
