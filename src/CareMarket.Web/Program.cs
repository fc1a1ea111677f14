using CareMarket.Admin;
using CareMarket.Data;
using CareMarket.Register.CqcApi;
using CareMarket.Web;
using CareMarket.Web.Pages.Admin;
using CareMarket.Web.Pages.Brokerage;
using CareMarket.Web.Pages.Capacity;
using CareMarket.Web.Pages.Quality;
using CareMarket.Web.Pages.Register;
using CareMarket.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
var connectionString = Database.ConnectionString(builder.Configuration.GetConnectionString("CareMarket"));

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<ActorHolder>();
// Contexts come from EF Core's pool (making one from scratch was a tenth of a capacity return's cost); each request's
// reads its actor (set after authentication) and the clock.
builder.Services.AddPooledDbContextFactory<CareMarketDb>(o => o.UseCareMarket(connectionString));
builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<CareMarketDb>>().CreateDbContext()
    .ForRequest(sp.GetRequiredService<ActorHolder>(), sp.GetRequiredService<TimeProvider>()));
// The CQC API, when a subscription key is configured (Cqc:ApiKey, Cqc:PartnerCode).
builder.Services.AddCqcApi(CqcApiOptions.FromConfiguration(builder.Configuration));

// Passwords as the NCSC advises (length, a list of common passwords, no composition rules) and the one-time links to
// set them: AddCareMarketAccounts, which the command line uses too.
builder.Services.AddIdentity<AppUser, IdentityRole>(o =>
    {
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
    })
    .AddEntityFrameworkStores<CareMarketDb>()
    .AddCareMarketAccounts()
    .AddSignInManager<CareMarketSignIn>()
    .AddClaimsPrincipalFactory<ClaimsFactory>();
// Each session's security stamp is checked this often: a disabled user's sessions end within it, and changed roles or
// a confirmed provider link reach the session as soon.
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/account/sign-in";
    o.LogoutPath = "/account/sign-out";
    o.AccessDeniedPath = "/account/access-denied";
    o.Cookie.Name = "caremarket";
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.SlidingExpiration = true;
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
    // The API answers 401/403; only pages redirect to the sign-in page.
    o.Events.OnRedirectToLogin = c => ApiOr(c, StatusCodes.Status401Unauthorized);
    o.Events.OnRedirectToAccessDenied = c => ApiOr(c, StatusCodes.Status403Forbidden);
});
builder.Services.AddSingleton<ApiKeyCache>();
builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeys.Scheme, null);
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddPolicy(Policies.ReadRegister, p => p.RequireRole(Policies.RegisterReaders))
    .AddPolicy(Policies.ManageContracts, p => p.RequireRole(Policies.ContractManagers))
    .AddPolicy(Policies.Administer, p => p.RequireRole(Policies.Administrators))
    .AddPolicy(Policies.ConfirmProviderLinks, p => p.RequireRole(Policies.ProviderLinkConfirmers))
    .AddPolicy(Policies.ReadCapacity, p => p.RequireRole(Policies.CapacityReaders))
    .AddPolicy(Policies.ReportCapacity, p => p.RequireRole(Policies.CapacityReporters))
    .AddPolicy(Policies.ImportCapacity, p => p.RequireRole(Policies.CapacityImporters))
    .AddPolicy(Policies.ReadRequests, p => p.RequireRole(Policies.RequestReaders))
    .AddPolicy(Policies.ManageRequests, p => p.RequireRole(Policies.RequestManagers))
    .AddPolicy(Policies.ManageRestrictions, p => p.RequireRole(Policies.RestrictionManagers));

builder.Services.AddRazorPages(o => o.Conventions.AllowAnonymousToFolder("/Account"));
// Each area wires itself: its use cases, who may open its pages (and, below, its endpoints). After AddRazorPages:
// registered before it, the areas' page conventions were not applied (AuthorisationTests caught it).
builder.Services.AddRegisterWeb();
builder.Services.AddCapacityWeb();
builder.Services.AddBrokerageWeb();
builder.Services.AddQualityWeb();
builder.Services.AddAdminWeb();

builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
builder.Services.AddOpenApi();
builder.Services.AddHttpContextAccessor();

var app = builder.Build();

if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error");
app.UseStatusCodePages();
app.UseStaticFiles();
// The API documentation is public, like the OpenAPI document it shows (the code is open source).
app.UseSwaggerUI(o =>
{
    o.SwaggerEndpoint("/openapi/v1.json", "CareMarket API v1");
    o.RoutePrefix = "swagger";
});
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
// From here the request's user is known (cookie or API key, which authorisation authenticates), and every use of
// the database in this request acts as that user, scoped to its council and provider.
app.Use((context, next) =>
{
    context.RequestServices.GetRequiredService<ActorHolder>().Actor = Policies.ActorOf(context.User);
    return next(context);
});

app.MapRazorPages();
app.MapOpenApi().AllowAnonymous();
var api = app.MapGroup("/api/v1")
    .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = $"{IdentityConstants.ApplicationScheme},{ApiKeys.Scheme}" });
api.MapRegister();
api.MapCapacity();
api.MapBrokerage();
api.MapQuality();
api.MapAdmin();

await Startup.PrepareDatabaseAsync(app);
app.Run();

static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> c, int status)
{
    if (c.Request.Path.StartsWithSegments("/api"))
    {
        c.Response.StatusCode = status;
        return Task.CompletedTask;
    }
    c.Response.Redirect(c.RedirectUri);
    return Task.CompletedTask;
}

public partial class Program;
