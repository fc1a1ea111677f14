using CareMarket.Register;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareMarket.Data;

/// <summary>
/// A person who signs in. Belongs to one council; a provider user also to one provider, once the link is confirmed.
/// </summary>
public class AppUser : IdentityUser
{
    public required string DisplayName { get; set; }
    public int LocalAuthorityId { get; set; }
    /// <summary>
    /// The provider a provider user acts for: set only when the link is confirmed (by the council's administrator or
    /// the provider's own approver), because CQC provider ids are public. Until then the user sees no provider's data.
    /// </summary>
    public int? ProviderId { get; set; }
    /// <summary>The provider asked for (by its CQC provider id), waiting to be confirmed.</summary>
    public int? RequestedProviderId { get; set; }
    public DateTime? ProviderRequestedAt { get; set; }
    public string? ProviderRequestedBy { get; set; }
    public DateTime? ProviderConfirmedAt { get; set; }
    public string? ProviderConfirmedBy { get; set; }
    /// <summary>A provider user who may confirm other users' links to the same provider (as Capacity Tracker's approvers do).</summary>
    public bool IsProviderApprover { get; set; }
    /// <summary>When an administrator disabled the account: it cannot sign in, and its sessions end.</summary>
    public DateTime? DisabledAt { get; set; }
}

/// <summary>The roles of DESIGN.md. A user has one or more.</summary>
public static class Roles
{
    public const string Commissioner = "Commissioner";
    public const string Broker = "Broker";
    public const string QualityOfficer = "QualityOfficer";
    public const string SocialWorker = "SocialWorker";
    public const string Provider = "Provider";
    public const string Partner = "Partner";
    public const string Administrator = "Administrator";

    public static readonly string[] All =
        [Commissioner, Broker, QualityOfficer, SocialWorker, Provider, Partner, Administrator];

    /// <summary>Council staff: everyone who works for the council itself.</summary>
    public static readonly string[] CouncilStaff =
        [Commissioner, Broker, QualityOfficer, SocialWorker, Administrator];

    /// <summary>Makes the roles a database lacks: every database has them all, whether a council or the demo uses it.</summary>
    public static async Task EnsureAsync(CareMarketDb db, CancellationToken ct = default)
    {
        var existing = await db.Roles.Select(r => r.Name ?? "").ToListAsync(ct);
        foreach (var role in All.Except(existing))
        {
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        }
        await db.SaveChangesAsync(ct);
    }

    public static string Describe(string role) => role switch
    {
        Commissioner => "Commissioner",
        Broker => "Broker",
        QualityOfficer => "Quality officer",
        SocialWorker => "Social worker",
        Provider => "Provider user",
        Partner => "Partner (read-only)",
        Administrator => "Administrator",
        _ => role,
    };
}

/// <summary>
/// A key a provider's own system uses to call the API. Only a hash is stored; the key is shown once.
/// </summary>
public class ApiKey : ICouncilSetting
{
    public int Id { get; set; }
    public int LocalAuthorityId { get; set; }
    public int ProviderId { get; set; }
    public required string Name { get; set; }
    /// <summary>The first characters of the key, to recognise it in a list.</summary>
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> e)
    {
        e.Property(u => u.DisplayName).HasMaxLength(200);
        e.Property(u => u.ProviderRequestedBy).HasMaxLength(256);
        e.Property(u => u.ProviderConfirmedBy).HasMaxLength(256);
        e.HasIndex(u => u.LocalAuthorityId);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> e)
    {
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Prefix).HasMaxLength(12);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.HasIndex(x => x.Hash).IsUnique();
        e.HasOne<Provider>().WithMany().HasForeignKey(x => x.ProviderId);
    }
}

// Sign-in keys of 128 characters, as the Foundation migration made them (Identity's usual MaxLengthForKeys, set here
// so that the model is the same whichever host builds it).
internal sealed class UserLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<string>> e)
    {
        e.Property(l => l.LoginProvider).HasMaxLength(128);
        e.Property(l => l.ProviderKey).HasMaxLength(128);
    }
}

internal sealed class UserTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> e)
    {
        e.Property(t => t.LoginProvider).HasMaxLength(128);
        e.Property(t => t.Name).HasMaxLength(128);
    }
}
