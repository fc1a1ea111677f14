using Microsoft.EntityFrameworkCore;

namespace CareMarket.Data;

/// <summary>
/// PostgreSQL only: the keys of the tables written on every capacity return and every audited change are taken in
/// blocks of <see cref="Size"/> from each identity column's own sequence (EF Core's hi-lo), so a new row's key is
/// known before it is written and its audit records go in the same batch (see CareMarketDb.SaveChangesAsync).
/// The sequence itself steps by the block size, so bulk loads and plain INSERTs that take one value each still
/// never collide with a block. Keys are unique but not in time order across app instances: order by time.
/// SQLite keeps AUTOINCREMENT (one writer, no round trips to save).
/// </summary>
public static class KeyBlocks
{
    public const int Size = 100;

    public static readonly string[] Tables = ["AuditEntries", "CapacityReturns", "BedLines", "HoursLines"];

    /// <summary>The name PostgreSQL gives an identity column's sequence.</summary>
    public static string Sequence(string table) => $"{table}_Id_seq";

    internal static void Configure(ModelBuilder builder)
    {
        foreach (var table in Tables)
        {
            builder.HasSequence<long>(Sequence(table)).IncrementsBy(Size);
        }
        builder.Entity<AuditEntry>().Property(x => x.Id).UseHiLo(Sequence("AuditEntries"));
        builder.Entity<Capacity.CapacityReturn>().Property(x => x.Id).UseHiLo(Sequence("CapacityReturns"));
        builder.Entity<Capacity.BedLine>().Property(x => x.Id).UseHiLo(Sequence("BedLines"));
        builder.Entity<Capacity.HoursLine>().Property(x => x.Id).UseHiLo(Sequence("HoursLines"));
    }
}
