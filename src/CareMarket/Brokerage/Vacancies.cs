using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareMarket.Brokerage;

/// <summary>
/// Takes a bed or homecare hours from a service for an award, safely under concurrency. The ledger row starts from the
/// service's latest capacity return; each award takes from it with a guarded update that changes no row when there is
/// not enough left, so of two brokers awarding the last bed at once exactly one succeeds.
/// </summary>
public static class Vacancies
{
    public const string HoursKind = "Hours";

    public static string KindOf(BedCategory? category) => category?.ToString() ?? HoursKind;

    /// <summary>What an award took: from which capacity return's figures, of what kind, how much, and what is left.</summary>
    public sealed record Taken(long FromReturnId, string Kind, double Amount, double Left);

    /// <summary>Takes <paramref name="amount"/> (a bed, or hours a week). Returns null when there is not enough left.</summary>
    public static async Task<Taken?> TakeAsync(CareMarketDb db, int serviceId, BedCategory? category, double amount, CancellationToken ct)
    {
        var kind = KindOf(category);
        var now = db.Now;
        var latest = await db.CapacityReturns.AsNoTracking().Where(r => r.ServiceId == serviceId)
            .OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id)
            .Select(r => new
            {
                r.Id, r.AcceptingAdmissions, r.HoursAvailablePerWeek,
                Beds = r.Beds.Where(b => category != null && b.Category == category).Select(b => (int?)b.VacantAccepting).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (latest is null) return null;
        var fromReturn = category is null
            ? (double)(latest.HoursAvailablePerWeek ?? 0)
            : latest.AcceptingAdmissions == false ? 0 : latest.Beds ?? 0;

        // Bring the ledger up to the latest return (only if it is behind: a return written since resets what is left).
        var updated = await db.Vacancies.Where(v => v.ServiceId == serviceId && v.Kind == kind && (v.FromReturnId == null || v.FromReturnId < latest.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Available, fromReturn).SetProperty(v => v.FromReturnId, latest.Id).SetProperty(v => v.UpdatedAt, now), ct);
        if (updated == 0 && !await db.Vacancies.AnyAsync(v => v.ServiceId == serviceId && v.Kind == kind, ct))
        {
            // PostgreSQL aborts a transaction on a failed statement, so the insert that may race gets a savepoint.
            var tx = db.Database.CurrentTransaction;
            if (tx is not null) await tx.CreateSavepointAsync("vacancy", ct);
            var row = new Vacancy { ServiceId = serviceId, Kind = kind, Available = fromReturn, FromReturnId = latest.Id, UpdatedAt = now };
            try
            {
                db.Vacancies.Add(row);
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another award made the row at the same moment: use theirs.
                if (tx is not null) await tx.RollbackToSavepointAsync("vacancy", ct);
                db.Entry(row).State = EntityState.Detached;
            }
        }

        // The guard is in the WHERE clause: no row changes when there is not enough left.
        var taken = await db.Vacancies.Where(v => v.ServiceId == serviceId && v.Kind == kind && v.Available >= amount)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Available, v => v.Available - amount).SetProperty(v => v.UpdatedAt, now), ct);
        if (taken != 1) return null;
        // Read inside the award's transaction, after the guarded update: what this award left.
        var left = await db.Vacancies.Where(v => v.ServiceId == serviceId && v.Kind == kind).Select(v => v.Available).FirstAsync(ct);
        return new Taken(latest.Id, kind, amount, left);
    }
}

/// <summary>
/// What can still be placed into a service now: beds of a category, or homecare hours a week. Set from each capacity
/// return and taken down by awards with a guarded update (<c>… WHERE Available &gt;= n</c>), so two brokers awarding
/// the last bed at once cannot both succeed.
/// </summary>
public class Vacancy : IReferenceData
{
    public int ServiceId { get; set; }
    /// <summary>A bed category, or "Hours" for homecare hours a week.</summary>
    public required string Kind { get; set; }
    public double Available { get; set; }
    public long? FromReturnId { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class VacancyConfiguration : IEntityTypeConfiguration<Vacancy>
{
    public void Configure(EntityTypeBuilder<Vacancy> e)
    {
        e.HasKey(x => new { x.ServiceId, x.Kind });
        e.Property(x => x.Kind).HasMaxLength(30);
        e.HasOne<Service>().WithMany().HasForeignKey(x => x.ServiceId);
    }
}
