using CareMarket.Files;

namespace CareMarket.Register.CqcFiles;

/// <summary>The CQC files CareMarket imports.</summary>
public enum CqcFileKind
{
    /// <summary>"Care directory with filters": every active location, monthly (.ods, often saved as .csv).</summary>
    ActiveLocations,
    /// <summary>Latest ratings, monthly (.ods, sheet "Locations"): one row per location × group × key question.</summary>
    LatestRatings,
    /// <summary>The weekly care directory CSV (four preamble lines, header on line 5).</summary>
    CareDirectory,
    /// <summary>Deactivated locations, monthly (.ods): the active locations columns plus an end date.</summary>
    DeactivatedLocations,
    /// <summary>
    /// CQC's adult social care market export (.csv): one row per location, 45 columns, service types and service
    /// users as comma-separated lists, US dates with a time ("1/2/2025 12:00:00 AM"), the five key question ratings.
    /// </summary>
    MarketExport,
}

/// <summary>How far an import has got: rows read so far, and bytes read of the file (for a progress bar).</summary>
public sealed record ImportProgress(int RowsRead, long BytesRead, long TotalBytes, int RecordsWritten);

/// <summary>Choices for an import. The defaults suit the register.</summary>
public sealed record CqcImportOptions
{
    /// <summary>
    /// The active locations file and the care directory list every CQC location: GP practices, dentists and
    /// hospitals as well as social care. By default only adult social care is written to the register
    /// (see <see cref="CqcMappings.IsSocialCare"/>); rows of other sectors are read, checked and skipped.
    /// </summary>
    public bool AllSectors { get; init; }

    /// <summary>Rows written per batch; the change tracker is cleared between batches.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Sheet to read from an .ods file; null means the kind's usual sheet ("Locations" for ratings, else the first).</summary>
    public string? SheetName { get; init; }

    /// <summary>
    /// The order of the file's slash dates, as the person importing it says; null works it out from the dates
    /// themselves (see <see cref="DateOrders"/>) and refuses a file whose dates all read both ways.
    /// </summary>
    public DateOrder? Dates { get; init; }
}
