using CareMarket.Quality.Restrictions;

namespace CareMarket.Web.Pages.Quality;

/// <summary>
/// Quality in the web app: suspensions and embargoes (placed and lifted on the service's page in the register, and
/// through /api/v1/register/services/{id}/restrictions). Audits, concerns and action plans land here next.
/// </summary>
public static class QualityWeb
{
    public static IServiceCollection AddQualityWeb(this IServiceCollection services) => services.AddRestrictions();

    public static IEndpointRouteBuilder MapQuality(this IEndpointRouteBuilder api) => api.MapRestrictionsApi();
}
