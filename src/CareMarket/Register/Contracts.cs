using CareMarket.Data;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Register;

public sealed record ContractChange(int ServiceId, ContractArrangement Arrangement, string? Reference, int? LotAreaId,
    DateOnly StartsOn, DateOnly? EndsOn, int? ContractId, int? ExpectedVersion);

/// <summary>A council records how it buys from a service. Only its own contracts, never another council's.</summary>
public sealed class Contracts(CareMarketDb db)
{
    public static Decision Check(ContractChange change)
    {
        if (change.EndsOn is { } end && end < change.StartsOn)
            return new Decision.Refused(nameof(change.EndsOn), "The end date must be on or after the start date");
        if (change.Reference is { Length: > 100 })
            return new Decision.Refused(nameof(change.Reference), "The reference must be 100 characters or fewer");
        return Decision.Ok;
    }

    public async Task<Decision> SaveAsync(ContractChange change, CancellationToken ct = default)
    {
        if (db.Council is not { } council) return new Decision.Forbidden("Only a council's staff can record its contracts");
        if (Check(change) is Decision.Refused refused) return refused;
        if (!await db.Services.AnyAsync(s => s.Id == change.ServiceId, ct)) return new Decision.NotFound();
        if (change.LotAreaId is { } lot && !await db.Areas.AnyAsync(a => a.Id == lot && a.LocalAuthorityId == council, ct))
            return new Decision.Refused(nameof(change.LotAreaId), "Choose one of your council's patches");

        Contract? contract;
        if (change.ContractId is { } id)
        {
            // The query filter keeps other councils' contracts out of reach: they are simply not found.
            contract = await db.Contracts.FirstOrDefaultAsync(c => c.Id == id && c.ServiceId == change.ServiceId, ct);
            if (contract is null) return new Decision.NotFound();
            // A change must say which version it changes, or it could silently overwrite someone else's.
            if (change.ExpectedVersion is not { } expected)
                return new Decision.Refused("Version", "Give the version of the contract you are changing (from the contract you read)");
            if (contract.Version != expected)
                return new Decision.Conflict("Someone else changed this contract while you were editing it. Review their change and try again.");
        }
        else
        {
            contract = new Contract { LocalAuthorityId = council, ServiceId = change.ServiceId };
            db.Contracts.Add(contract);
        }
        contract.Arrangement = change.Arrangement;
        contract.Reference = string.IsNullOrWhiteSpace(change.Reference) ? null : change.Reference.Trim();
        contract.LotAreaId = change.LotAreaId;
        contract.StartsOn = change.StartsOn;
        contract.EndsOn = change.EndsOn;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Decision.Conflict("Someone else changed this contract while you were editing it. Review their change and try again.");
        }
        return Decision.Ok;
    }
}
