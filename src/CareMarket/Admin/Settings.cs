using CareMarket.Brokerage;
using CareMarket.Data;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Admin;

/// <summary>Reading and changing a council's settings. A change that read an older version is refused.</summary>
public sealed class Settings(CareMarketDb db)
{
    public async Task<CouncilSettings> ForCouncilAsync(CancellationToken ct = default) =>
        db.Council is { } council
            ? await db.CouncilSettings.AsNoTracking().FirstOrDefaultAsync(s => s.LocalAuthorityId == council, ct) ?? CouncilSettings.Defaults(council)
            : new CouncilSettings();

    public static IEnumerable<FieldError> Check(CouncilSettings s)
    {
        if (s.CapacityStaleAfterDays is < 1 or > 90)
            yield return new(nameof(s.CapacityStaleAfterDays), "Enter a number of days from 1 to 90");
        if (Brokerage.Weights.Check(s.Weights) is Decision.Refused r)
            yield return new(r.Field == "Weights" ? "Weights" : "Weight" + r.Field, r.Reason);
    }

    /// <summary>The council's ranking weights (the defaults until an administrator changes them).</summary>
    public async Task<Brokerage.Weights> WeightsAsync(CancellationToken ct = default) => (await ForCouncilAsync(ct)).Weights;

    /// <summary>
    /// The council's sourcing targets: the ones an administrator saved, or <see cref="TimescaleSettings.Example"/>
    /// until then (and for the system, which acts for no council).
    /// </summary>
    public async Task<TimescaleSettings> TimescalesAsync(CancellationToken ct = default)
    {
        if (db.Council is not { } council) return TimescaleSettings.Example;
        var otherwise = await db.CouncilSettings.Where(s => s.LocalAuthorityId == council).Select(s => s.OtherwiseWorkingDays).FirstOrDefaultAsync(ct);
        if (otherwise is null) return TimescaleSettings.Example;
        var targets = await db.SourcingTargets.AsNoTracking().Where(t => t.LocalAuthorityId == council)
            .OrderBy(t => t.ServiceType).ThenBy(t => t.Priority)
            .Select(t => new TimescaleTarget(t.ServiceType, t.Priority, t.WorkingDays)).ToListAsync(ct);
        var percents = await db.WithinTimescaleTargets.AsNoTracking().Where(t => t.LocalAuthorityId == council)
            .OrderBy(t => t.ServiceType).Select(t => new PercentWithinTarget(t.ServiceType, t.Percent)).ToListAsync(ct);
        return new TimescaleSettings(targets, otherwise.Value, percents);
    }

    /// <summary>
    /// Replaces the council's sourcing targets and aims. Guarded by the settings' version, like the other settings:
    /// a change made from an older read is refused, and saving moves the version on even when only targets changed.
    /// </summary>
    public async Task<Decision> SaveTimescalesAsync(TimescaleSettings change, int expectedVersion, CancellationToken ct = default)
    {
        if (db.Council is not { } council || !db.SeesCouncilRecords) return new Decision.Forbidden("Only a council's administrator can change its settings");
        if (TimescaleSettings.Check(change) is Decision.Invalid invalid) return invalid;
        var held = await HeldAsync(council, expectedVersion, ct);
        if (held is null) return Stale;
        held.OtherwiseWorkingDays = change.OtherwiseWorkingDays;
        if (db.Entry(held).State != EntityState.Added) db.Entry(held).Property(s => s.Version).IsModified = true;

        // Only the rows that differ are written, so the audit log shows what changed.
        var targets = await db.SourcingTargets.Where(t => t.LocalAuthorityId == council).ToListAsync(ct);
        foreach (var gone in targets.Where(t => !change.Targets.Any(c => c.Type == t.ServiceType && c.Priority == t.Priority))) db.SourcingTargets.Remove(gone);
        foreach (var c in change.Targets)
        {
            if (targets.FirstOrDefault(t => t.ServiceType == c.Type && t.Priority == c.Priority) is { } row) row.WorkingDays = c.WorkingDays;
            else db.SourcingTargets.Add(new SourcingTarget { LocalAuthorityId = council, ServiceType = c.Type, Priority = c.Priority, WorkingDays = c.WorkingDays });
        }
        var percents = await db.WithinTimescaleTargets.Where(t => t.LocalAuthorityId == council).ToListAsync(ct);
        var wanted = change.PercentWithin ?? [];
        foreach (var gone in percents.Where(t => !wanted.Any(c => c.Type == t.ServiceType))) db.WithinTimescaleTargets.Remove(gone);
        foreach (var c in wanted)
        {
            if (percents.FirstOrDefault(t => t.ServiceType == c.Type) is { } row) row.Percent = c.Percent;
            else db.WithinTimescaleTargets.Add(new WithinTimescaleTarget { LocalAuthorityId = council, ServiceType = c.Type, Percent = c.Percent });
        }
        return await SaveOrConflictAsync(ct);
    }

    public async Task<Decision> SaveAsync(CouncilSettings change, CancellationToken ct = default)
    {
        if (db.Council is not { } council || !db.SeesCouncilRecords) return new Decision.Forbidden("Only a council's administrator can change its settings");
        if (Check(change).ToList() is { Count: > 0 } errors) return new Decision.Invalid(errors);
        var held = await HeldAsync(council, change.Version, ct);
        if (held is null) return Stale;
        held.CapacityStaleAfterDays = change.CapacityStaleAfterDays;
        held.WeightQuality = change.WeightQuality;
        held.WeightDistance = change.WeightDistance;
        held.WeightPrice = change.WeightPrice;
        held.WeightContinuity = change.WeightContinuity;
        held.WeightFairness = change.WeightFairness;
        held.WeightStart = change.WeightStart;
        held.PlaceWithInadequateWithReason = change.PlaceWithInadequateWithReason;
        return await SaveOrConflictAsync(ct);
    }

    private static readonly Decision Stale = new Decision.Conflict("Someone else changed the settings meanwhile. Review them and try again.");

    /// <summary>The council's settings row to change, made on first save; null when the version read is not the one held.</summary>
    private async Task<CouncilSettings?> HeldAsync(int council, int expectedVersion, CancellationToken ct)
    {
        var held = await db.CouncilSettings.FirstOrDefaultAsync(s => s.LocalAuthorityId == council, ct);
        if (held is null)
        {
            if (expectedVersion != 0) return null;
            held = CouncilSettings.Defaults(council);
            held.Version = 1; // version 0 means "no settings saved yet"
            db.CouncilSettings.Add(held);
            return held;
        }
        return held.Version == expectedVersion ? held : null;
    }

    private async Task<Decision> SaveOrConflictAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Stale;
        }
        return Decision.Ok;
    }
}
