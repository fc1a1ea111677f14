using Microsoft.EntityFrameworkCore;

namespace CareMarket.Data;

/// <summary>Reading and changing a council's settings. A change that read an older version is refused.</summary>
public sealed class Settings(CareMarketDb db)
{
    public async Task<CouncilSettings> ForCouncilAsync(CancellationToken ct = default) =>
        db.TenantId is { } council
            ? await db.CouncilSettings.AsNoTracking().FirstOrDefaultAsync(s => s.LocalAuthorityId == council, ct) ?? CouncilSettings.Defaults(council)
            : new CouncilSettings();

    public static IEnumerable<FieldError> Check(CouncilSettings s)
    {
        if (s.CapacityStaleAfterDays is < 1 or > 90)
            yield return new(nameof(s.CapacityStaleAfterDays), "Enter a number of days from 1 to 90");
        if (Capacity.Brokerage.Weights.Check(s.Weights) is Decision.Refused r)
            yield return new(r.Field == "Weights" ? "Weights" : "Weight" + r.Field, r.Reason);
    }

    /// <summary>The council's ranking weights (the defaults until an administrator changes them).</summary>
    public async Task<Capacity.Brokerage.Weights> WeightsAsync(CancellationToken ct = default) => (await ForCouncilAsync(ct)).Weights;

    public async Task<Decision> SaveAsync(CouncilSettings change, CancellationToken ct = default)
    {
        if (db.TenantId is not { } council || !db.SeesCouncilRecords) return new Decision.Refused("", "Only a council's administrator can change its settings");
        if (Check(change).ToList() is { Count: > 0 } errors) return new Decision.Invalid(errors);
        var held = await db.CouncilSettings.FirstOrDefaultAsync(s => s.LocalAuthorityId == council, ct);
        if (held is null)
        {
            if (change.Version != 0) return new Decision.Conflict("Someone else changed the settings meanwhile. Review them and try again.");
            held = CouncilSettings.Defaults(council);
            held.Version = 1; // version 0 means "no settings saved yet"
            db.CouncilSettings.Add(held);
        }
        else if (held.Version != change.Version)
        {
            return new Decision.Conflict("Someone else changed the settings meanwhile. Review them and try again.");
        }
        held.CapacityStaleAfterDays = change.CapacityStaleAfterDays;
        held.WeightQuality = change.WeightQuality;
        held.WeightDistance = change.WeightDistance;
        held.WeightPrice = change.WeightPrice;
        held.WeightContinuity = change.WeightContinuity;
        held.WeightFairness = change.WeightFairness;
        held.WeightStart = change.WeightStart;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new Decision.Conflict("Someone else changed the settings meanwhile. Review them and try again.");
        }
        return Decision.Ok;
    }
}
