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

        var auditEachRow = db.AuditEachRow;
        db.AuditEachRow = false;
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var run = new Run(db, options, kind, file, progress, ct);
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
                UserName = db.Actor.Name,
            };
            db.ImportRuns.Add(import);
            await db.SaveChangesAsync(ct);
            db.Audit("Imported", nameof(ImportRun), import.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new
            {
                Kind = import.Kind, File = import.Source, import.Sha256, import.Rows, import.Added, import.Updated, import.Unchanged,
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

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1024 * 1024, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    /// <summary>One import in progress.</summary>
    private sealed class Run(CareMarketDb db, CqcImportOptions options, CqcFileKind kind, string file,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        private readonly RegisterWriter writer = new(db, SourceOf(kind));
        private readonly int batchSize = Math.Max(1, options.BatchSize);
        private ITableReader reader = null!;

        public ImportCounts Counts { get; private set; } = ImportCounts.None;
        public int RowsRead { get; private set; }

        public async Task ImportAsync(ITableReader tableReader)
        {
            reader = tableReader;
            var header = FindHeader(out var detected);
            reader.ColumnNames = header.Names;
            var cells = new RowCells(file, header, reader.RowsHaveAllColumns);
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
                        var batch = new List<(string, CqcRating)>(batchSize);
                        foreach (var rating in parser.Ratings())
                        {
                            batch.Add(rating);
                            if (batch.Count >= batchSize) await FlushAsync(batch, b => writer.UpsertRatingsAsync(b, ct));
                        }
                        await FlushAsync(batch, b => writer.UpsertRatingsAsync(b, ct));
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
                if (!wanted(cells)) continue;
                batch.Add(record);
                if (batch.Count >= batchSize) await FlushAsync(batch, write);
            }
            RequireRows();
            await FlushAsync(batch, write);
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
        /// kind of CQC file is an error naming both kinds; with none, the row most like the wanted header is used,
        /// so that the error names the columns it lacks.
        /// </summary>
        private Header FindHeader(out CqcFileKind? detected)
        {
            Header? best = null;
            var bestScore = 0;
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
                var score = h.Names.Count(n => n.Length > 0 && KnownKeys.Contains(CqcMappings.Key(n)));
                if (score > bestScore) { best = h; bestScore = score; }
            }
            detected = null;
            if (firstRow is null) throw new ImportFileException(file, null, null, "the file is empty: it has no rows");
            return best ?? throw new ImportFileException(file, firstRow, null,
                $"no header row of a {CqcColumns.Describe(kind)} file in the first 10 rows: this is not a CQC {CqcColumns.Describe(kind)} file");
        }

        private static string A(CqcFileKind k) => CqcColumns.Describe(k) is var d && "aeiou".Contains(d[0]) ? "an " + d : "a " + d;

        private HashSet<string> KnownKeys => field ??= typeof(CqcColumns).GetFields()
            .Where(f => f.FieldType == typeof(Col)).Select(f => (Col)f.GetValue(null)!)
            .SelectMany(c => c.Variants.Prepend(c.Name)).Select(CqcMappings.Key).ToHashSet();
    }
}
