using System.ComponentModel.DataAnnotations;
using CareMarket.Admin;
using CareMarket.Brokerage;
using CareMarket.Data;
using CareMarket.Files;
using CareMarket.Register;
using CareMarket.Register.CqcFiles;
using CareMarket.Web.Http;
using CareMarket.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Pages.Admin;

/// <summary>/api/v1/admin: the audit log, API keys for providers' systems, and the record of imports.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin").WithTags("Administration").RequireAuthorization(Policies.Administer);
        admin.MapGet("/audit", ListAudit).WithName("ListAudit").WithSummary("The audit log of the council, newest first");
        admin.MapGet("/imports", ListImports).WithName("ListImports").WithSummary("CQC imports and syncs, newest first");
        admin.MapPost("/imports/{kind}", ImportFile).WithName("ImportCqcFile").DisableAntiforgery()
            .WithSummary("Import a CQC file (kind: ActiveLocations, LatestRatings, CareDirectory, DeactivatedLocations); all or nothing")
            .WithMetadata(new RequestSizeLimitAttribute(1_000_000_000), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = 1_000_000_000 });
        admin.MapGet("/api-keys", ListApiKeys).WithName("ListApiKeys").WithSummary("API keys issued to providers");
        admin.MapPost("/api-keys", IssueApiKey).WithName("IssueApiKey")
            .WithSummary("Issue an API key to a provider; the key is returned once and never again");
        admin.MapDelete("/api-keys/{id:int}", RevokeApiKey).WithName("RevokeApiKey").WithSummary("Revoke an API key");
        admin.MapGet("/sourcing-targets", GetSourcingTargets).WithName("GetSourcingTargets")
            .WithSummary("The council's sourcing targets: working days by service type and priority, the usual target, and the share to source in time by service type");
        admin.MapPut("/sourcing-targets", SaveSourcingTargets).WithName("SaveSourcingTargets")
            .WithSummary("Replace the council's sourcing targets; refused if the settings changed since the version read");
        admin.MapGet("/users", ListUsers).WithName("ListUsers").WithSummary("The council's users, with their roles, status and provider links");
        admin.MapPost("/users", InviteUser).WithName("InviteUser")
            .WithSummary("Invite a user to the council: the answer has the one-time link to set their password, to send them (shown once)");
        var links = routes.MapGroup("/provider-users").WithTags("Administration").RequireAuthorization(Policies.ConfirmProviderLinks);
        links.MapGet("/waiting", WaitingProviderUsers).WithName("WaitingProviderUsers")
            .WithSummary("For a provider's approver: the users asking to be linked to the provider");
        links.MapPost("/confirm", ConfirmProviderUser).WithName("ConfirmProviderUser")
            .WithSummary("Confirm a user's link to the provider they asked for: the council's administrator, or an approver of that provider");
        routes.MapGet("/me", Me).WithTags("Account").WithName("Me").WithSummary("Who the caller is: name, council, provider");
        return routes;
    }

    /// <param name="Saved">False while the council uses the example targets, having saved none of its own.</param>
    public sealed record SourcingTargets(int Version, bool Saved, int OtherwiseWorkingDays, IReadOnlyList<TimescaleTarget> Targets, IReadOnlyList<PercentWithinTarget> PercentWithin);

    public static async Task<Ok<SourcingTargets>> GetSourcingTargets(Settings settings, CancellationToken ct)
    {
        var council = await settings.ForCouncilAsync(ct);
        var targets = await settings.TimescalesAsync(ct);
        return TypedResults.Ok(new SourcingTargets(council.Version, council.OtherwiseWorkingDays is not null, targets.OtherwiseWorkingDays, targets.Targets, targets.PercentWithin ?? []));
    }

    public sealed record SourcingTargetsBody(int? Version, int? OtherwiseWorkingDays, List<TimescaleTarget>? Targets, List<PercentWithinTarget>? PercentWithin);

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> SaveSourcingTargets(SourcingTargetsBody body, Settings settings, CancellationToken ct)
    {
        if (body.Version is null || body.OtherwiseWorkingDays is null)
            return Decisions.Missing("otherwiseWorkingDays", "Give the usual target and the version of the settings you read");
        var change = new TimescaleSettings(body.Targets ?? [], body.OtherwiseWorkingDays.Value, body.PercentWithin ?? []);
        return Decisions.Answer(await settings.SaveTimescalesAsync(change, body.Version.Value, ct));
    }

    public static async Task<Ok<List<AuditRow>>> ListAudit(Administration admin, string? entityType, int? page, CancellationToken ct) =>
        TypedResults.Ok(await admin.AuditAsync(entityType, page ?? 1, ct));

    public static async Task<Ok<List<ImportRun>>> ListImports(Administration admin, CancellationToken ct) =>
        TypedResults.Ok(await admin.ImportsAsync(100, ct));

    public static async Task<Results<Ok<ImportRun>, ValidationProblem>> ImportFile(string kind, IFormFile? file, Administration admin, CancellationToken ct)
    {
        if (!Enum.TryParse<CqcFileKind>(kind, true, out var fileKind))
            return Decisions.Missing("kind", "Choose a kind of CQC file: " + string.Join(", ", Enum.GetNames<CqcFileKind>()));
        if (file is null || file.Length == 0) return Decisions.Missing("file", "Choose a CQC file to import");
        try
        {
            await using var content = file.OpenReadStream();
            return TypedResults.Ok(await admin.ImportUploadAsync(fileKind, content, file.FileName, ct));
        }
        catch (ImportFileException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [e.Message] }, title: "The file was not imported; nothing was written");
        }
    }

    public static async Task<Ok<List<ApiKeyRow>>> ListApiKeys(Administration admin, CancellationToken ct) =>
        TypedResults.Ok(await admin.ApiKeysAsync(ct));

    public sealed record IssueApiKeyRequest([property: Required] int? ProviderId, [property: Required, MaxLength(200)] string? Name);
    public sealed record IssuedApiKey(string Key, string Prefix, string Note);

    public static async Task<Results<Ok<IssuedApiKey>, ProblemHttpResult, ValidationProblem>> IssueApiKey(IssueApiKeyRequest request, Administration admin, CancellationToken ct) =>
        Decisions.Answer(await admin.IssueApiKeyAsync(request.ProviderId, request.Name, ct), made => made is Decision.Created<string> { Value: var key }
            ? TypedResults.Ok(new IssuedApiKey(key, key[..12], "Copy the key now: it is not shown again."))
            : throw new InvalidOperationException("An issued key comes with the key."));

    public static async Task<Results<NoContent, NotFound>> RevokeApiKey(int id, Administration admin, ApiKeyCache keys, CancellationToken ct)
    {
        if (await admin.RevokeApiKeyAsync(id, ct) is not { } hash) return TypedResults.NotFound();
        keys.Forget(hash);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<List<UserRow>>> ListUsers(Users users, CancellationToken ct) => TypedResults.Ok(await users.ListAsync(ct: ct));

    public sealed record InviteUserRequest(string? Email, string? Name, List<string>? Roles, string? CqcProviderId);
    public sealed record Invited(string UserId, string Email, string Link, string Note);

    public static async Task<Results<Ok<Invited>, ProblemHttpResult, ValidationProblem>> InviteUser(InviteUserRequest request, Users users,
        IConfiguration configuration, HttpContext context, CancellationToken ct)
    {
        // Roles as a person writes them ("quality officer") or as the API lists them ("QualityOfficer"); unknown ones are named.
        var roles = (request.Roles ?? []).Select(r => UserRules.ParseRole(r) ?? r).ToList();
        return Decisions.Answer(await users.AddAsync(null, new NewUser(request.Email, request.Name, roles, request.CqcProviderId), ct),
            made => made is Decision.Created<UserLink> { Value: var link }
                ? TypedResults.Ok(new Invited(link.UserId, link.Email, LinkFor(configuration, context.Request, link),
                    $"Send the link to {link.Email}: it works once, for {(int)PasswordLinks.Lifetime.TotalDays} days, and is not shown again."))
                : throw new InvalidOperationException("An invitation comes with its link."));
    }

    /// <summary>A user's link to set their password, at the address people use (CareMarket:BaseUrl), else the one the request came to.</summary>
    public static string LinkFor(IConfiguration configuration, HttpRequest request, UserLink made) =>
        PasswordLinks.Url(configuration["CareMarket:BaseUrl"] is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}",
            made.UserId, made.Token ?? throw new InvalidOperationException("An invitation comes with a link"));

    public static async Task<Ok<List<UserRow>>> WaitingProviderUsers(Users users, CancellationToken ct) =>
        TypedResults.Ok(await users.WaitingForMyProviderAsync(ct));

    public sealed record ConfirmProviderUserRequest(string? UserId);

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> ConfirmProviderUser(ConfirmProviderUserRequest request, Users users, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(request.UserId)
            ? Decisions.Missing("userId", "Give the id of the user to confirm")
            : Decisions.Answer(await users.ConfirmProviderAsync(request.UserId, ct));

    public sealed record MeResponse(string Name, int? LocalAuthorityId, string? Council, int? ProviderId, string[] Roles);

    public static async Task<Ok<MeResponse>> Me(HttpContext context, CareMarketDb db, CancellationToken ct)
    {
        var actor = db.Actor;
        var council = await db.LocalAuthorities.Where(l => l.Id == actor.LocalAuthorityId).Select(l => l.Name).FirstOrDefaultAsync(ct);
        var roles = Data.Roles.All.Where(context.User.IsInRole).ToArray();
        return TypedResults.Ok(new MeResponse(actor.Name, actor.LocalAuthorityId, council, actor.ProviderId, roles));
    }
}
