using CareMarket.Admin;
using CareMarket.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Admin;

/// <summary>Administration in the web app: settings, imports, API keys, users, the audit log; /api/v1/admin, /api/v1/provider-users and /api/v1/me.</summary>
public static class AdminWeb
{
    public static IServiceCollection AddAdminWeb(this IServiceCollection services)
    {
        services.AddAdmin();
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin", Policies.Administer);
            // A provider's approver confirms the people asking to act for the provider (the use case checks the approver).
            o.Conventions.AuthorizeFolder("/ProviderUsers", Policies.ConfirmProviderLinks);
        });
        return services;
    }

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder api) => api.MapAdminApi();
}
