using System.Security.Cryptography;
using System.Text;
using CareMarket.Data;
using CareMarket.Register;
using CareMarket.Files;
using CareMarket.Register.CqcFiles;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Admin;

public sealed record AuditRow(long Id, DateTime At, string UserName, string Action, string EntityType, string EntityKey, string? Before, string? After);

public sealed record ApiKeyRow(int Id, string Name, string Prefix, int ProviderId, string Provider, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>
/// An administrator's work for the council: the audit log, CQC imports, and API keys for providers' systems. A key
/// acts as a provider user of the council that issued it; only its SHA-256 hash is stored, the key is shown once.
/// </summary>
public sealed class Administration(CareMarketDb db)
{
    public const int AuditPageSize = 100;

    /// <summary>The council's audit log, newest first, a page at a time.</summary>
    public async Task<List<AuditRow>> AuditAsync(string? entityType, int page, CancellationToken ct = default)
    {
        var council = db.TenantId;
        var q = db.AuditEntries.AsNoTracking().Where(a => a.LocalAuthorityId == council);
        if (!string.IsNullOrWhiteSpace(entityType)) q = q.Where(a => a.EntityType == entityType);
        // By time: keys come in blocks per app instance (KeyBlocks), so they are unique but not in time order.
        return await q.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((Math.Max(1, page) - 1) * AuditPageSize).Take(AuditPageSize)
            .Select(a => new AuditRow(a.Id, a.At, a.UserName, a.Action, a.EntityType, a.EntityKey, a.Before, a.After))
            .ToListAsync(ct);
    }

    /// <summary>The kinds of record the council's audit log holds, to filter by.</summary>
    public async Task<List<string>> AuditedTypesAsync(CancellationToken ct = default)
    {
        var council = db.TenantId;
        return await db.AuditEntries.Where(a => a.LocalAuthorityId == council).Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
    }

    /// <summary>CQC imports and syncs, newest first.</summary>
    public Task<List<ImportRun>> ImportsAsync(int take, CancellationToken ct = default) =>
        db.ImportRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(take).ToListAsync(ct);

    /// <summary>
    /// Imports an uploaded CQC file: kept in a temporary file under its own name, imported, then deleted. The order
    /// of its dates, when the person importing gives it; null works it out from the dates.
    /// </summary>
    public async Task<ImportRun> ImportUploadAsync(CqcFileKind kind, Stream content, string? fileName, CancellationToken ct = default,
        DateOrder? dates = null)
    {
        var folder = Directory.CreateTempSubdirectory("caremarket-upload-");
        try
        {
            var path = Path.Combine(folder.FullName, Path.GetFileName(fileName) is { Length: > 0 } name ? name : "upload");
            await using (var target = File.Create(path))
            {
                await content.CopyToAsync(target, ct);
            }
            return await new CqcFileImporter(db, new CqcImportOptions { Dates = dates }).ImportAsync(kind, path, ct: ct);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public Task<List<ApiKeyRow>> ApiKeysAsync(CancellationToken ct = default) =>
        db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.ProviderId,
                db.Providers.Where(p => p.Id == k.ProviderId).Select(p => p.Name).First(), k.CreatedAt, k.RevokedAt))
            .ToListAsync(ct);

    /// <summary>Issues a key to a provider: the decision carries the key, to show once and never again.</summary>
    public async Task<Decision> IssueApiKeyAsync(int? providerId, string? name, CancellationToken ct = default)
    {
        if (db.Council is not { } council || !db.SeesCouncilRecords) return new Decision.Forbidden("Only a council's administrators issue API keys");
        var errors = new List<FieldError>();
        if (providerId is not { } provider || !await db.Providers.AnyAsync(p => p.Id == provider, ct))
            errors.Add(new("ProviderId", "Choose a provider in the register"));
        if (string.IsNullOrWhiteSpace(name)) errors.Add(new("Name", "Enter a name for the key, such as the provider's system"));
        else if (name.Trim().Length > 200) errors.Add(new("Name", "Enter a name of 200 characters or fewer"));
        if (errors.Count > 0) return new Decision.Invalid(errors);
        var key = "cmk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        db.ApiKeys.Add(new ApiKey
        {
            LocalAuthorityId = council, ProviderId = providerId!.Value, Name = name!.Trim(), Prefix = key[..12],
            Hash = HashOf(key), CreatedAt = db.Now,
        });
        await db.SaveChangesAsync(ct);
        return new Decision.Created<string>(key);
    }

    /// <summary>Revokes a key of the council's: its hash (for the web app to forget it at once), or null if there is none.</summary>
    public async Task<string?> RevokeApiKeyAsync(int id, CancellationToken ct = default)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id && k.RevokedAt == null, ct);
        if (key is null) return null;
        key.RevokedAt = db.Now;
        await db.SaveChangesAsync(ct);
        return key.Hash;
    }

    /// <summary>How a key is stored and looked up: its SHA-256, never the key.</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
