using System.Globalization;
using System.Linq.Expressions;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Quality.Restrictions;

/// <summary>What a quality officer or commissioner enters to suspend or embargo a service.</summary>
public sealed record NewRestriction(RestrictionKind Kind, RestrictionReason Reason, string? Details, DateOnly StartsOn, DateOnly? ReviewOn);

/// <summary>
/// A restriction as a viewer may see it. Council staff see everything of their own council's. A provider user sees the
/// restrictions any council has placed on its own services, because it must know it will get no new placements
/// there (the council writes to it anyway), but not the reason, the details nor the officers' names: those may carry
/// safeguarding detail that stays with the council. Partners see none (as with contracts: shared on purpose, later,
/// not by accident).
/// </summary>
public sealed record RestrictionView(int Id, string Council, RestrictionKind Kind, RestrictionReason? Reason, string? Details,
    DateOnly StartsOn, DateOnly? ReviewOn, DateTime CreatedAt, string? CreatedBy, DateTime? LiftedAt, string? LiftedBy,
    string? LiftReason, bool Active, int Version);

/// <summary>
/// Suspensions and embargoes of services: placed and lifted by a council's quality officers, commissioners and
/// administrators; honoured by brokerage (matching, sending and awarding). Rules are static and pure; the rest are
/// use cases over the database, one audited save each.
/// </summary>
public sealed class ServiceRestrictions(CareMarketDb db)
{
    public const int MaxText = 500;

    /// <summary>
    /// In force at an instant: from the start of its start date until it is lifted. A review date that has passed
    /// does not end it; only a decision to lift does. One expression for the database and for memory.
    /// </summary>
    public static Expression<Func<ServiceRestriction, bool>> ActiveAt(DateTime at)
    {
        var day = DateOnly.FromDateTime(at);
        return r => r.StartsOn <= day && (r.LiftedAt == null || r.LiftedAt > at);
    }

    /// <inheritdoc cref="ActiveAt"/>
    public static bool IsActive(ServiceRestriction r, DateTime at) => ActiveAt(at).Compile()(r);

    /// <summary>Whether a planned review date has come and the restriction is still in force.</summary>
    public static bool ReviewDue(ServiceRestriction r, DateTime at) =>
        r.ReviewOn is { } review && review <= DateOnly.FromDateTime(at) && IsActive(r, at);

    public static List<FieldError> Check(NewRestriction r)
    {
        var errors = new List<FieldError>();
        if (!Enum.IsDefined(r.Kind)) errors.Add(new(nameof(r.Kind), "Choose suspension or embargo"));
        if (!Enum.IsDefined(r.Reason)) errors.Add(new(nameof(r.Reason), "Choose the reason"));
        if (r.Reason == RestrictionReason.Other && string.IsNullOrWhiteSpace(r.Details))
            errors.Add(new(nameof(r.Details), "Describe the reason"));
        if (r.Details is { Length: > MaxText }) errors.Add(new(nameof(r.Details), "The details must be 500 characters or fewer"));
        if (r.ReviewOn is { } review && review < r.StartsOn)
            errors.Add(new(nameof(r.ReviewOn), "The review date must be on or after the start date"));
        return errors;
    }

    public static List<FieldError> CheckLift(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? [new("Reason", "Enter why the restriction is lifted")]
        : reason.Length > MaxText ? [new("Reason", "The reason must be 500 characters or fewer")]
        : [];

    /// <summary>What brokerage tells a broker about a service it may not place with.</summary>
    public static string Refusal(string service, RestrictionKind kind, DateOnly from) =>
        $"{service} is {(kind == RestrictionKind.Suspension ? "suspended" : "under an embargo")} from "
        + $"{from.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}: the council is not placing new people there";

    /// <summary>The council's restrictions in force now on these services, by service.</summary>
    public static async Task<Dictionary<int, ServiceRestriction>> InForceAsync(CareMarketDb db, int council, IReadOnlyCollection<int> serviceIds, CancellationToken ct)
    {
        var rows = await db.ServiceRestrictions.AsNoTracking().Where(ActiveAt(db.Now))
            .Where(r => r.LocalAuthorityId == council && serviceIds.Contains(r.ServiceId)).ToListAsync(ct);
        return rows.GroupBy(r => r.ServiceId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.StartsOn).First());
    }

    /// <summary>A service's restrictions the actor may see, newest first; null when the actor may not see the service.</summary>
    public async Task<List<RestrictionView>?> ListAsync(int serviceId, CancellationToken ct = default)
    {
        if (!await VisibleServices().AnyAsync(s => s.Id == serviceId, ct)) return null;
        var rows = await db.ServiceRestrictions.AsNoTracking().Where(r => r.ServiceId == serviceId)
            .OrderByDescending(r => r.StartsOn).ThenByDescending(r => r.Id)
            .Select(r => new { r, Council = db.LocalAuthorities.Where(l => l.Id == r.LocalAuthorityId).Select(l => l.Name).First() })
            .ToListAsync(ct);
        var active = ActiveAt(db.Now).Compile();
        var full = db.SeesCouncilRecords;
        return rows.Select(x => new RestrictionView(x.r.Id, x.Council, x.r.Kind, full ? x.r.Reason : null, full ? x.r.Details : null,
            x.r.StartsOn, x.r.ReviewOn, x.r.CreatedAt, full ? x.r.CreatedBy : null, x.r.LiftedAt, full ? x.r.LiftedBy : null,
            full ? x.r.LiftReason : null, active(x.r), x.r.Version)).ToList();
    }

    /// <summary>
    /// Places a restriction. Refused while another of the council's restrictions on the service is not lifted: lift it
    /// first, so the history reads as one decision after another (the database holds to this too).
    /// </summary>
    public async Task<Decision> AddAsync(int serviceId, NewRestriction r, CancellationToken ct = default)
    {
        if (db.Council is not { } council || !db.SeesCouncilRecords)
            return new Decision.Forbidden("Only a council's staff can suspend or embargo a service");
        if (!await db.Services.AnyAsync(s => s.Id == serviceId, ct)) return new Decision.NotFound();
        var errors = Check(r);
        if (errors.Count > 0) return new Decision.Invalid(errors);
        if (await db.ServiceRestrictions.AnyAsync(x => x.ServiceId == serviceId && x.LocalAuthorityId == council && x.LiftedAt == null, ct))
            return Clash;

        var row = new ServiceRestriction
        {
            LocalAuthorityId = council, ServiceId = serviceId, Kind = r.Kind, Reason = r.Reason,
            Details = string.IsNullOrWhiteSpace(r.Details) ? null : r.Details.Trim(), StartsOn = r.StartsOn, ReviewOn = r.ReviewOn,
            CreatedAt = db.Now, CreatedBy = db.Actor.Name,
        };
        db.ServiceRestrictions.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index on unlifted restrictions: someone placed one at the same moment.
            return Clash;
        }
        return new Decision.Created<int>(row.Id);
    }

    private static readonly Decision Clash =
        new Decision.Conflict("This service already has a suspension or embargo in place. Lift it before placing another.");

    /// <summary>Lifts a restriction: records when, by whom and why. The row stays, as history.</summary>
    public async Task<Decision> LiftAsync(int serviceId, int restrictionId, string? reason, int expectedVersion, CancellationToken ct = default)
    {
        if (!db.SeesCouncilRecords || db.Council is null) return new Decision.Forbidden("Only a council's staff can lift a suspension or embargo");
        // The query filter keeps other councils' restrictions out of reach: they are simply not found.
        var row = await db.ServiceRestrictions.FirstOrDefaultAsync(x => x.Id == restrictionId && x.ServiceId == serviceId, ct);
        if (row is null) return new Decision.NotFound();
        if (row.LiftedAt is { } lifted)
            return new Decision.Conflict($"This was already lifted by {row.LiftedBy} on {lifted.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}.");
        if (row.Version != expectedVersion) return Changed;
        if (CheckLift(reason) is [var error]) return new Decision.Invalid([error]);

        row.LiftedAt = db.Now;
        row.LiftedBy = db.Actor.Name;
        row.LiftReason = reason!.Trim();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Changed;
        }
        return Decision.Ok;
    }

    private static readonly Decision Changed =
        new Decision.Conflict("Someone else changed this restriction meanwhile. Review it and try again.");

    private IQueryable<Service> VisibleServices() =>
        db.Actor.ProviderId is { } own ? db.Services.Where(s => s.ProviderId == own) : db.Services;
}

/// <summary>How restrictions read to a commissioner.</summary>
public static class RestrictionWords
{
    public static string Of(RestrictionKind kind) => kind switch
    {
        RestrictionKind.Suspension => "Suspended: no new placements",
        _ => "Embargo",
    };

    /// <summary>The short form, for a tag in a table.</summary>
    public static string Tag(RestrictionKind kind) => kind == RestrictionKind.Suspension ? "Suspended" : "Embargo";

    public static string Of(RestrictionReason reason) => reason switch
    {
        RestrictionReason.Safeguarding => "Safeguarding",
        RestrictionReason.QualityConcerns => "Quality concerns",
        RestrictionReason.ContractDefault => "Contract default",
        RestrictionReason.CqcEnforcement => "CQC enforcement action",
        _ => "Other",
    };
}
