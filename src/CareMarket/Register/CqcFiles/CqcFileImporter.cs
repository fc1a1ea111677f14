using System.Security.Cryptography;
using CareMarket.Data;
using CareMarket.Files;

namespace CareMarket.Register.CqcFiles;

/// <summary>
/// Imports a CQC file (.ods or .csv, told apart by content) into the register, all or nothing: the whole import runs
/// in one transaction, and any problem in the file (<see cref="ImportFileException"/>) or the database rolls it back,
/// leaving the database exactly as it was. Rows are written in batches through <see cref="RegisterWriter"/>, so a
/// national file is never held in memory. On success one <see cref="ImportRun"/> and one audit record are written.
/// Importing the same file again changes nothing.
/// </summary>
public sealed class CqcFileImporter(CareMarketDb db, CqcImportOptions? options = null)
{
    private readonly CqcImportOptions options = options ?? new CqcImportOptions();

    /// <summary>The Source written on ratings and exits for each kind of file.</summary>
    public static string SourceOf(CqcFileKind kind) => kind switch
    {
        CqcFileKind.ActiveLocations => "CQC active locations file",
        CqcFileKind.LatestRatings => "CQC latest ratings file",
        CqcFileKind.CareDirectory => "CQC care directory file",
        CqcFileKind.DeactivatedLocations => "CQC deactivated locations file",
        CqcFileKind.MarketExport => "CQC adult social care market export",
        _ => "CQC file",
    };

    /// <summary>
    /// Imports one file. Returns the saved <see cref="ImportRun"/>: Rows is the number of data rows read; Added,
    /// Updated and Unchanged count locations (ratings for the ratings file, exits for the deactivated file).
    /// Rows of other sectors, population-group ratings and locations unknown to the register are read and checked but
    /// not counted as any of those.
    /// </summary>
    /// <exception cref="ImportFileException">The file cannot be imported; the message names the file, row and column.</exception>
    public async Task<ImportRun> ImportAsync(CqcFileKind kind, string path, IProgress<ImportProgress>? progress = null,
        CancellationToken ct = default)
    {
        var file = Path.GetFileName(path);
        if (!File.Exists(path)) throw new ImportFileException(file, null, null, $"the file does not exist ({path})");
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("A CQC file import runs in its own transaction; one is already open on this context.");
        }
        var startedAt = db.Now;
        var sha256 = await HashAsync(path, ct);
        try
        {
            return await ImportOnceAsync(kind, path, file, sha256, startedAt, options.Dates, progress, ct);
        }
        catch (ReadAgain again)
        {
            // The file's dates proved to be month first after ambiguous ones had been read day first: everything
            // was rolled back, and the file is read again in the order it showed.
            return await ImportOnceAsync(kind, path, file, sha256, startedAt, again.Order, progress, ct);
        }
    }

    /// <summary>
    /// Which kind of CQC file this is, from its header (in the first ten rows; an .ods's first sheet, or its
    /// "Locations" sheet for the ratings file). A file of none of the kinds is refused naming the kind it is most
    /// like and the columns that kind has and it lacks.
    /// </summary>
    /// <exception cref="ImportFileException">The file is of no kind CareMarket reads.</exception>
    public static CqcFileKind Recognise(string path, string? sheetName = null)
    {
        var file = Path.GetFileName(path);
        if (!File.Exists(path)) throw new ImportFileException(file, null, null, $"the file does not exist ({path})");
        (int Has, int Of, CqcFileKind Kind, Header Header, List<string> Missing)? best = null;
        foreach (var sheet in sheetName is null ? new[] { null, "Locations" } : [sheetName])
        {
            ITableReader reader;
            try
            {
                reader = TableReaders.Open(path, file, sheet);
            }
            catch (ImportFileException) when (sheet is not null && sheetName is null)
            {
                continue; // no "Locations" sheet: the first sheet was the one to look at
            }
            using (reader)
            {
                for (var i = 0; i < 10 && reader.Read() is { } row; i++)
                {
                    var h = new Header(row);
                    if (CqcColumns.Detect(h) is { } kind) return kind;
                    foreach (var k in Enum.GetValues<CqcFileKind>())
                    {
                        var (has, of, missing) = CqcColumns.Resemblance(h, k);
                        if (best is null || has * best.Value.Of > best.Value.Has * of) best = (has, of, k, h, missing);
                    }
                }
                if (reader is not OdsTableReader) break; // a CSV has no other sheet to look at
            }
        }
        if (best is not { Has: > 0 } b)
        {
            throw new ImportFileException(file, null, null,
                "no header row of a CQC file in the first 10 rows: this is none of the CQC files CareMarket reads " +
                "(active locations, latest ratings, care directory, deactivated locations, adult social care market export)");
        }
        throw NotAKnownKind(file, b.Header, b.Kind, b.Has, b.Of, b.Missing);
    }

    private static ImportFileException NotAKnownKind(string file, Header h, CqcFileKind closest, int has, int of, List<string> missing) =>
        new(file, h.Row, missing.FirstOrDefault(),
            $"this is none of the CQC files CareMarket reads: it is most like {A(closest)} file, but has only {has} of that file's " +
            $"{of} columns; missing: {string.Join(", ", missing.Take(12).Select(m => $"\"{m}\""))}{(missing.Count > 12 ? $" and {missing.Count - 12} more" : "")}");

    internal static string A(CqcFileKind k) => CqcColumns.Describe(k) is var d && "aeiou".Contains(d[0]) ? "an " + d : "a " + d;

    private async Task<ImportRun> ImportOnceAsync(CqcFileKind kind, string path, string file, string sha256, DateTime startedAt,
        DateOrder? dates, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var auditEachRow = db.AuditEachRow;
        db.AuditEachRow = false;
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var run = new Run(db, options, kind, file, dates, progress, ct);
            using (var reader = TableReaders.Open(path, file, options.SheetName ?? (kind == CqcFileKind.LatestRatings ? "Locations" : null)))
            {
                await run.ImportAsync(reader);
            }

            var counts = run.Counts;
            var import = new ImportRun
            {
                Kind = kind.ToString(),
                Source = file.Length > 500 ? file[..500] : file,
                Sha256 = sha256,
                StartedAt = startedAt,
                FinishedAt = db.Now,
                Rows = run.RowsRead,
                Added = counts.Added,
                Updated = counts.Updated,
                Unchanged = counts.Unchanged,
                OtherSectors = run.OtherSectors,
                UserName = db.Actor.Name,
            };
            db.ImportRuns.Add(import);
            await db.SaveChangesAsync(ct);
            db.Audit("Imported", nameof(ImportRun), import.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new
            {
                Kind = import.Kind, File = import.Source, import.Sha256, import.Rows, import.Added, import.Updated, import.Unchanged,
                import.OtherSectors, Dates = run.DateOrder?.ToString(),
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return import;
        }
        catch
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            db.AuditEachRow = auditEachRow;
        }
    }

    /// <summary>Thrown inside an import to have it rolled back and read again with the dates in this order.</summary>
    private sealed class ReadAgain(DateOrder order) : Exception
    {
        public DateOrder Order { get; } = order;
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1024 * 1024, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    /// <summary>One import in progress.</summary>
    private sealed class Run(CareMarketDb db, CqcImportOptions options, CqcFileKind kind, string file, DateOrder? dates,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        private readonly RegisterWriter writer = new(db, SourceOf(kind));
        private readonly int batchSize = Math.Max(1, options.BatchSize);
        private ITableReader reader = null!;

        public ImportCounts Counts { get; private set; } = ImportCounts.None;
        public int RowsRead { get; private set; }
        /// <summary>Rows of sectors other than adult social care: read, not written.</summary>
        public int OtherSectors { get; private set; }
        /// <summary>The order the file's slash dates were read in: null when none of them shows or needs an order.</summary>
        public DateOrder? DateOrder { get; private set; }

        public async Task ImportAsync(ITableReader tableReader)
        {
            reader = tableReader;
            var header = FindHeader(out var detected);
            reader.ColumnNames = header.Names;
            var cells = new RowCells(file, header, reader.RowsHaveAllColumns) { FixedOrder = dates };
            switch (kind)
            {
                case CqcFileKind.ActiveLocations:
                    {
                        var parser = new ActiveLocationParser(file, header);
                        await BatchAsync(cells, r => parser.Parse(r), r => options.AllSectors || parser.IsSocialCare(r),
                            b => writer.UpsertLocationsAsync(b, ct));
                        break;
                    }
                case CqcFileKind.CareDirectory:
                    {
                        var parser = new DirectoryParser(file, header);
                        await BatchAsync(cells, r => parser.Parse(r), r => options.AllSectors || parser.IsSocialCare(r),
                            b => writer.UpsertLocationsAsync(b, ct));
                        break;
                    }
                case CqcFileKind.DeactivatedLocations:
                    {
                        var parser = new DeactivatedLocationParser(file, header, detected == CqcFileKind.ActiveLocations);
                        await BatchAsync(cells, r => parser.Parse(r), _ => true, b => writer.RecordExitsAsync(b, ct));
                        break;
                    }
                case CqcFileKind.MarketExport:
                    {
                        // Every row is adult social care; one with an end date is an exit, not an active location.
                        var parser = new MarketExportParser(file, header);
                        await BatchAsync(cells, r => parser.Parse(r), _ => true, WriteMarketAsync);
                        break;
                    }
                case CqcFileKind.LatestRatings:
                    {
                        // A location's rows are gathered before its rating is written; the file is read whole first
                        // (a few bytes per location), then written in batches.
                        var parser = new RatingsParser(file, header);
                        while (Next() is { } row)
                        {
                            cells.Load(row);
                            parser.Add(cells);
                        }
                        RequireRows();
                        CheckDates(cells);
                        OtherSectors = parser.OtherSectorRows;
                        var batch = new List<(string, CqcRating)>(batchSize);
                        foreach (var rating in parser.Ratings())
                        {
                            batch.Add(rating);
                            if (batch.Count >= batchSize) await FlushAsync(batch, b => writer.UpsertRatingsAsync(b, ct));
                        }
                        await FlushAsync(batch, b => writer.UpsertRatingsAsync(b, ct));
                        if (parser.Locations > 0 && Counts.Added + Counts.Updated + Counts.Unchanged == 0)
                        {
                            throw new ImportFileException(file, null, null,
                                $"none of the {parser.Locations:N0} location{(parser.Locations == 1 ? "" : "s")} rated in this file is in the register; import the locations " +
                                "first (the active locations file, the market export or a CQC sync), then import this ratings file again");
                        }
                        break;
                    }
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
            }
            await writer.FinishAsync(ct);
            Report();
        }

        private async Task BatchAsync<T>(RowCells cells, Func<RowCells, T> parse, Func<RowCells, bool> wanted,
            Func<IReadOnlyList<T>, Task<ImportCounts>> write)
        {
            var batch = new List<T>(batchSize);
            while (Next() is { } row)
            {
                cells.Load(row);
                var record = parse(cells); // every row is checked, wanted or not
                if (!wanted(cells))
                {
                    OtherSectors++;
                    continue;
                }
                batch.Add(record);
                if (batch.Count >= batchSize) await FlushAsync(batch, write);
            }
            RequireRows();
            CheckDates(cells);
            await FlushAsync(batch, write);
        }

        private async Task<ImportCounts> WriteMarketAsync(IReadOnlyList<(CqcLocation? Location, CqcExit? Exit)> batch)
        {
            var locations = await writer.UpsertLocationsAsync(batch.Select(b => b.Location).OfType<CqcLocation>().ToList(), ct);
            var exits = await writer.RecordExitsAsync(batch.Select(b => b.Exit).OfType<CqcExit>().ToList(), ct);
            // Locations are counted; an exit recorded is a location updated.
            return new ImportCounts(batch.Count, locations.Added, locations.Updated + exits.Added, locations.Unchanged + exits.Unchanged);
        }

        /// <summary>
        /// Once every row is read: the order of the file's dates (see <see cref="DateOrders.Decide"/>). A file that
        /// proved month first after ambiguous dates were read day first is read again (<see cref="ReadAgain"/>).
        /// </summary>
        private void CheckDates(RowCells cells)
        {
            var (order, problem) = DateOrders.Decide(cells.Dates, dates);
            if (problem is not null)
            {
                throw new ImportFileException(file, null, null, problem) { AsksDateOrder = cells.Dates is { DayFirst: null, MonthFirst: null } };
            }
            if (dates is null && cells.ReadAmbiguousTentatively && order != cells.TentativeOrder) throw new ReadAgain(order!.Value);
            DateOrder = dates ?? (cells.Dates.Ambiguous is null && cells.Dates.DayFirst is null && cells.Dates.MonthFirst is null ? null : order);
        }

        private async Task FlushAsync<T>(List<T> batch, Func<IReadOnlyList<T>, Task<ImportCounts>> write)
        {
            if (batch.Count == 0) return;
            Counts = Counts.Plus(await write(batch));
            batch.Clear();
            db.ChangeTracker.Clear();
            Report();
        }

        private int Written => Counts.Rows;

        private TableRow? Next()
        {
            var row = reader.Read();
            if (row is null) return null;
            RowsRead++;
            if (RowsRead % 1000 == 0)
            {
                ct.ThrowIfCancellationRequested();
                Report();
            }
            return row;
        }

        private void RequireRows()
        {
            if (RowsRead == 0) throw new ImportFileException(file, null, null, "the file has a header but no data rows");
        }

        private void Report() => progress?.Report(new ImportProgress(RowsRead, reader.BytesRead, reader.TotalBytes, Written));

        /// <summary>
        /// The header row: the first of the first ten rows that has the columns of a CQC file. A header of another
        /// kind of CQC file is an error naming both kinds. With none, the row most like any kind's header is judged:
        /// most like the kind wanted, it is used, so that the error names the columns it lacks; most like another
        /// kind, the error names that kind and what it lacks.
        /// </summary>
        private Header FindHeader(out CqcFileKind? detected)
        {
            (int Has, int Of, CqcFileKind Kind, Header Header, List<string> Missing)? best = null;
            int? firstRow = null;
            for (var i = 0; i < 10 && reader.Read() is { } row; i++)
            {
                firstRow ??= row.Number;
                var h = new Header(row);
                detected = CqcColumns.Detect(h);
                if (detected == kind || (kind == CqcFileKind.DeactivatedLocations && detected == CqcFileKind.ActiveLocations)) return h;
                if (detected is { } other)
                {
                    throw new ImportFileException(file, row.Number, null,
                        $"this is {A(other)} file, not {A(kind)} file (judging by its header)");
                }
                // The wanted kind first, so that it wins a tie.
                foreach (var k in Enum.GetValues<CqcFileKind>().OrderBy(k => k != kind))
                {
                    var (has, of, missing) = CqcColumns.Resemblance(h, k);
                    if (best is null || has * best.Value.Of > best.Value.Has * of) best = (has, of, k, h, missing);
                }
            }
            detected = null;
            if (firstRow is null) throw new ImportFileException(file, null, null, "the file is empty: it has no rows");
            if (best is not { Has: > 0 } b)
            {
                throw new ImportFileException(file, firstRow, null,
                    $"no header row of a {CqcColumns.Describe(kind)} file in the first 10 rows: this is not a CQC {CqcColumns.Describe(kind)} file");
            }
            if (b.Kind != kind) throw NotAKnownKind(file, b.Header, b.Kind, b.Has, b.Of, b.Missing);
            return b.Header;
        }
    }
}
