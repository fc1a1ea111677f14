using CareMarket.Files;
using System.ComponentModel.DataAnnotations;
using CareMarket.Brokerage;
using CareMarket.Data;
using CareMarket.Register;
using CareMarket.Register.CqcFiles;
using Microsoft.AspNetCore.Mvc;
using CareMarket.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Web.Api;

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
        routes.MapGet("/me", Me).WithTags("Account").WithName("Me").WithSummary("Who the caller is: name, council, provider");
        return routes;
    }

    /// <param name="Saved">False while the council uses the example targets, having saved none of its own.</param>
    public sealed record SourcingTargets(int Version, bool Saved, int OtherwiseWorkingDays, IReadOnlyList<TimescaleTarget> Targets, IReadOnlyList<PercentWithinTarget> PercentWithin);

    public static async Task<Ok<SourcingTargets>> GetSourcingTargets(CareMarketDb db, CancellationToken ct)
    {
        var settings = new Data.Settings(db);
        var council = await settings.ForCouncilAsync(ct);
        var targets = await settings.TimescalesAsync(ct);
        return TypedResults.Ok(new SourcingTargets(council.Version, council.OtherwiseWorkingDays is not null, targets.OtherwiseWorkingDays, targets.Targets, targets.PercentWithin ?? []));
    }

    public sealed record SourcingTargetsBody(int? Version, int? OtherwiseWorkingDays, List<TimescaleTarget>? Targets, List<PercentWithinTarget>? PercentWithin);

    public static async Task<Results<NoContent, ValidationProblem, Conflict<ProblemDetails>>> SaveSourcingTargets(SourcingTargetsBody body, CareMarketDb db, CancellationToken ct)
    {
        if (body.Version is null || body.OtherwiseWorkingDays is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["otherwiseWorkingDays"] = ["Give the usual target and the version of the settings you read"] });
        var change = new TimescaleSettings(body.Targets ?? [], body.OtherwiseWorkingDays.Value, body.PercentWithin ?? []);
        return await new Data.Settings(db).SaveTimescalesAsync(change, body.Version.Value, ct) switch
        {
            Decision.Allowed => TypedResults.NoContent(),
            Decision.Conflict c => TypedResults.Conflict(new ProblemDetails { Title = "Not saved", Detail = c.Reason, Status = 409 }),
            Decision.Invalid i => TypedResults.ValidationProblem(i.Errors.GroupBy(e => char.ToLowerInvariant(e.Field[0]) + e.Field[1..]).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray())),
            Decision.Refused r => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = [r.Reason] }),
            _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = ["Not saved"] }),
        };
    }

    public sealed record AuditRow(long Id, DateTime At, string UserName, string Action, string EntityType, string EntityKey, string? Before, string? After);

    public static async Task<Ok<List<AuditRow>>> ListAudit(CareMarketDb db, string? entityType, int? page, CancellationToken ct)
    {
        var council = db.TenantId;
        var q = db.AuditEntries.AsNoTracking().Where(a => a.LocalAuthorityId == council);
        if (!string.IsNullOrWhiteSpace(entityType)) q = q.Where(a => a.EntityType == entityType);
        // By time: keys come in blocks per app instance (KeyBlocks), so they are unique but not in time order.
        var rows = await q.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((Math.Max(1, page ?? 1) - 1) * 100).Take(100)
            .Select(a => new AuditRow(a.Id, a.At, a.UserName, a.Action, a.EntityType, a.EntityKey, a.Before, a.After))
            .ToListAsync(ct);
        return TypedResults.Ok(rows);
    }

    public static async Task<Ok<List<ImportRun>>> ListImports(CareMarketDb db, CancellationToken ct) =>
        TypedResults.Ok(await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(100).ToListAsync(ct));

    public static async Task<Results<Ok<ImportRun>, ValidationProblem>> ImportFile(string kind, IFormFile? file, CareMarketDb db, CancellationToken ct)
    {
        if (!Enum.TryParse<CqcFileKind>(kind, true, out var fileKind))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = ["Choose a kind of CQC file: " + string.Join(", ", Enum.GetNames<CqcFileKind>())] });
        if (file is null || file.Length == 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Choose a CQC file to import"] });
        try
        {
            return TypedResults.Ok(await ImportUploadAsync(db, fileKind, file, ct));
        }
        catch (ImportFileException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [e.Message] }, title: "The file was not imported; nothing was written");
        }
    }

    /// <summary>Imports an uploaded CQC file: kept in a temporary file under its own name, imported, then deleted.</summary>
    public static async Task<ImportRun> ImportUploadAsync(CareMarketDb db, CqcFileKind kind, IFormFile file, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("caremarket-upload-");
        try
        {
            var path = Path.Combine(folder.FullName, Path.GetFileName(file.FileName) is { Length: > 0 } name ? name : "upload");
            await using (var target = File.Create(path))
            {
                await file.CopyToAsync(target, ct);
            }
            return await new CqcFileImporter(db).ImportAsync(kind, path, ct: ct);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public sealed record ApiKeyRow(int Id, string Name, string Prefix, int ProviderId, string Provider, DateTime CreatedAt, DateTime? RevokedAt);

    public static async Task<Ok<List<ApiKeyRow>>> ListApiKeys(CareMarketDb db, CancellationToken ct) =>
        TypedResults.Ok(await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.ProviderId,
                db.Providers.Where(p => p.Id == k.ProviderId).Select(p => p.Name).First(), k.CreatedAt, k.RevokedAt))
            .ToListAsync(ct));

    public sealed record IssueApiKeyRequest([property: Required] int? ProviderId, [property: Required, MaxLength(200)] string? Name);
    public sealed record IssuedApiKey(string Key, string Prefix, string Note);

    public static async Task<Results<Ok<IssuedApiKey>, ValidationProblem>> IssueApiKey(IssueApiKeyRequest request, CareMarketDb db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.ProviderId is not { } providerId || !await db.Providers.AnyAsync(p => p.Id == providerId, ct))
            errors["providerId"] = ["Choose a provider in the register"];
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["Enter a name for the key, such as the provider's system"];
        if (errors.Count > 0 || db.TenantId is not { } council) return TypedResults.ValidationProblem(errors);
        var key = await ApiKeys.IssueAsync(db, council, request.ProviderId!.Value, request.Name!.Trim(), ct);
        return TypedResults.Ok(new IssuedApiKey(key, key[..12], "Copy the key now: it is not shown again."));
    }

    public static async Task<Results<NoContent, NotFound>> RevokeApiKey(int id, CareMarketDb db, ApiKeyCache keys, CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id && k.RevokedAt == null, ct);
        if (key is null) return TypedResults.NotFound();
        key.RevokedAt = db.Now;
        await db.SaveChangesAsync(ct);
        keys.Forget(key.Hash);
        return TypedResults.NoContent();
    }

    public sealed record MeResponse(string Name, int? LocalAuthorityId, string? Council, int? ProviderId, string[] Roles);

    public static async Task<Ok<MeResponse>> Me(HttpContext context, CareMarketDb db, CancellationToken ct)
    {
        var actor = db.Actor;
        var council = await db.LocalAuthorities.Where(l => l.Id == actor.LocalAuthorityId).Select(l => l.Name).FirstOrDefaultAsync(ct);
        var roles = Data.Roles.All.Where(context.User.IsInRole).ToArray();
        return TypedResults.Ok(new MeResponse(actor.Name, actor.LocalAuthorityId, council, actor.ProviderId, roles));
    }
}
