using CareMarket.Data;
using CareMarket.Files;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Capacity;

/// <summary>A problem on one row of an uploaded file.</summary>
public sealed record RowError(int Row, string? Column, string Message)
{
    public override string ToString() => Column is null ? $"row {Row}: {Message}" : $"row {Row}, column \"{Column}\": {Message}";
}

/// <summary>What an upload did: returns written, and rows it could not use (listed, never silently dropped).</summary>
public sealed record UploadResult(int Rows, int ReturnsWritten, IReadOnlyList<RowError> Errors, IReadOnlyList<RowError> Skipped)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Capacity from files: a provider's bulk upload (all its services in one CSV) and a council's NHS Capacity Tracker
/// extract. Both are all or nothing: every row is checked first, and if any row is wrong nothing is written and
/// every wrong row is listed.
/// </summary>
public sealed class CapacityFiles(CareMarketDb db)
{
    private static readonly Col LocationId = new("CQC location ID", "Location ID", "CQC ID", "CQC Location Id");
    private static readonly Col Category = new("Bed category", "Category");
    private static readonly Col MaxCapacity = new("Maximum capacity", "Max capacity", "Max Capacity", "Total beds", "Bed capacity");
    private static readonly Col Occupied = new("Occupied", "Occupied beds");
    private static readonly Col Reserved = new("Vacant reserved", "Vacant reserved beds", "Reserved beds");
    private static readonly Col Accepting = new("Vacant accepting admissions", "Vacant beds accepting admissions", "Vacancies accepting admissions", "Vacant accepting");
    private static readonly Col AcceptingAdmissions = new("Accepting admissions", "Accepting admissions (Y/N)", "Accepting new admissions");
    private static readonly Col Reason = new("Reason not accepting", "Reason not accepting admissions");
    private static readonly Col Patch = new("Patch", "Homecare patch");
    private static readonly Col Band = new("Time band", "Timeband");
    private static readonly Col HoursAvailable = new("Hours available", "Hours available a week");
    private static readonly Col People = new("People supported");
    private static readonly Col Delivered = new("Hours delivered a week", "Hours delivered per week", "Hours delivered");
    private static readonly Col EarliestStart = new("Earliest start", "Earliest start date");
    private static readonly Col ReportedOn = new("Reported date", "Date", "Last updated", "Updated", "Date of update", "Last Updated Date");

    /// <summary>The columns of the provider's bulk upload, in the order of the template.</summary>
    public static readonly string[] UploadHeadings =
    [
        "CQC location ID", "Service", "Bed category", "Maximum capacity", "Occupied", "Vacant reserved",
        "Vacant accepting admissions", "Accepting admissions", "Reason not accepting", "Patch", "Time band",
        "Hours available", "People supported", "Hours delivered a week", "Earliest start",
    ];

    /// <summary>
    /// A provider's bulk return: one row per bed category of a care home, or per patch and time band of a homecare
    /// service, identified by CQC location ID. Rows of one service make one return.
    /// </summary>
    public async Task<UploadResult> UploadAsync(Stream csv, string fileName, CancellationToken ct = default)
    {
        using var reader = new CsvTableReader(csv, fileName);
        var errors = new List<RowError>();
        var rows = 0;
        var reports = new Dictionary<int, (CapacityReport Report, List<BedReport> Beds, List<HoursReport> Hours, int FirstRow)>();
        var visible = await new CapacityReports(db).Visible().AsNoTracking()
            .Where(s => s.CqcLocationId != null && s.Status == ServiceStatus.Active)
            .Select(s => new { s.Id, s.CqcLocationId, s.IsCareHome, s.ServiceType, s.HostLocalAuthorityId }).ToListAsync(ct);
        var councils = visible.ToDictionary(s => s.Id, s => s.HostLocalAuthorityId);
        var kinds = visible.ToDictionary(s => s.Id, s => CapacityReports.KindOf(s.IsCareHome, s.ServiceType));
        var services = visible.ToDictionary(s => s.CqcLocationId!, s => s.Id, StringComparer.OrdinalIgnoreCase);
        var patches = await db.Areas.AsNoTracking().Where(a => a.Kind == AreaKind.HomecarePatch).ToListAsync(ct);

        try
        {
            var header = ReadHeader(reader, fileName);
            var bind = new ColumnBinder(fileName, header, "; download the template to see the columns");
            var id = bind.Required(LocationId);
            bind.ThrowIfMissing();
            int C(Col c) => ColumnBinder.Optional(header, c);
            var (cat, max, occ, res, acc, ok, why, patch, band, hours, people, delivered, start) =
                (C(Category), C(MaxCapacity), C(Occupied), C(Reserved), C(Accepting), C(AcceptingAdmissions), C(Reason),
                 C(Patch), C(Band), C(HoursAvailable), C(People), C(Delivered), C(EarliestStart));
            var cells = new RowCells(fileName, header, reader.RowsHaveAllColumns);
            while (reader.Read() is { } row)
            {
                rows++;
                try
                {
                    cells.Load(row);
                    var location = cells.Required(id, 20);
                    if (!services.TryGetValue(location, out var serviceId))
                        throw cells.Error(id, $"\"{location}\" is not one of your services in the register");
                    if (!reports.TryGetValue(serviceId, out var entry))
                    {
                        entry = (new CapacityReport { ServiceId = serviceId }, [], [], row.Number);
                        reports[serviceId] = entry;
                    }
                    var report = entry.Report;
                    if (cells.Text(cat, 40) is { } categoryText)
                    {
                        var category = ParseCategory(categoryText) ?? throw cells.Error(cat,
                            $"\"{categoryText}\" is not a bed category ({string.Join(", ", Enum.GetValues<BedCategory>().Select(CapacityWords.Of))})");
                        entry.Beds.Add(new BedReport(category, Need(cells, max), Need(cells, occ), cells.WholeNumber(res) ?? 0, Need(cells, acc)));
                    }
                    else if (cells.Text(patch, 200) is { } patchName)
                    {
                        // Patches are the service's own council's: two councils may both have a "North patch".
                        var theirs = patches.Where(p => p.LocalAuthorityId == councils[serviceId]).ToList();
                        var area = theirs.FirstOrDefault(p => string.Equals(p.Name, patchName, StringComparison.OrdinalIgnoreCase))
                            ?? throw cells.Error(patch, $"\"{patchName}\" is not one of the service's council's homecare patches ({string.Join(", ", theirs.Select(p => p.Name))})");
                        var bandText = cells.Required(band, 10);
                        if (!Enum.TryParse<TimeBand>(bandText, true, out var timeBand) || !Enum.IsDefined(timeBand))
                            throw cells.Error(band, $"\"{bandText}\" is not a time band (Morning, Lunch, Tea, Bed, Night)");
                        var h = cells.Number(hours, 0, 10_000, "number of hours") ?? throw cells.Error(hours, "is empty; give the hours available");
                        entry.Hours.Add(new HoursReport(area.Id, timeBand, (decimal)h));
                    }
                    else if (cells.Raw(people).Length == 0 && cells.Raw(ok).Length == 0)
                    {
                        throw cells.Error(cat, "give a bed category (care homes) or a patch and time band (homecare) on every row");
                    }
                    report = report with
                    {
                        AcceptingAdmissions = cells.YesNo(ok) ?? report.AcceptingAdmissions,
                        NotAcceptingReason = cells.Text(why, 500) ?? report.NotAcceptingReason,
                        PeopleSupported = cells.WholeNumber(people) ?? report.PeopleSupported,
                        HoursDeliveredPerWeek = (decimal?)cells.Number(delivered, 0, 1_000_000, "number of hours") ?? report.HoursDeliveredPerWeek,
                        EarliestStart = cells.Date(start) ?? report.EarliestStart,
                    };
                    reports[serviceId] = entry with { Report = report };
                }
                catch (ImportFileException e)
                {
                    errors.Add(new RowError(e.Row ?? row.Number, e.Column, e.Problem));
                }
            }
        }
        catch (ImportFileException e)
        {
            return new UploadResult(rows, 0, [new RowError(e.Row ?? 0, e.Column, e.Problem)], []);
        }
        if (rows == 0) errors.Add(new RowError(1, null, "the file has a header but no rows"));

        // Every service's return is checked with the same rules as the form.
        var capacity = new CapacityReports(db);
        var today = db.Today;
        var entities = new List<CapacityReturn>();
        foreach (var (report, beds, hours, firstRow) in reports.Values)
        {
            var full = report with { Beds = beds, Hours = hours };
            var entity = capacity.ToEntity(full, CapacitySource.Provider);
            errors.AddRange(CapacityRules.Check(entity, today).Concat(CapacityReports.KindErrors(kinds[report.ServiceId], full))
                .Select(e => new RowError(firstRow, null, e.Message)));
            entities.Add(entity);
        }
        if (errors.Count > 0) return new UploadResult(rows, 0, errors.OrderBy(e => e.Row).ToList(), []);

        db.CapacityReturns.AddRange(entities);
        await db.SaveChangesAsync(ct);
        return new UploadResult(rows, entities.Count, [], []);
    }

    /// <summary>
    /// An NHS Capacity Tracker extract: one row per care home with its CQC location ID, the reported date and the four
    /// capacity figures. Homes not in the register (or not care homes) are listed as skipped; a row already imported
    /// (same home and date) is not imported twice.
    /// </summary>
    public async Task<UploadResult> ImportCapacityTrackerAsync(Stream csv, string fileName, CancellationToken ct = default)
    {
        using var reader = new CsvTableReader(csv, fileName);
        var errors = new List<RowError>();
        var skipped = new List<RowError>();
        var homes = await db.Services.AsNoTracking().Where(s => s.CqcLocationId != null && s.Status == ServiceStatus.Active)
            .Select(s => new { s.Id, s.CqcLocationId, s.IsCareHome, s.ServiceType, s.Specialisms })
            .ToDictionaryAsync(s => s.CqcLocationId!, StringComparer.OrdinalIgnoreCase, ct);
        var entities = new List<CapacityReturn>();
        var rows = 0;
        try
        {
            var header = ReadHeader(reader, fileName);
            var bind = new ColumnBinder(fileName, header, "; the extract needs the CQC location ID, the date and the four capacity figures");
            var (id, date, max, occ, res, acc) = (bind.Required(LocationId), bind.Required(ReportedOn), bind.Required(MaxCapacity),
                bind.Required(Occupied), bind.Required(Reserved), bind.Required(Accepting));
            bind.ThrowIfMissing();
            var cells = new RowCells(fileName, header, reader.RowsHaveAllColumns);
            while (reader.Read() is { } row)
            {
                rows++;
                try
                {
                    cells.Load(row);
                    var location = cells.Required(id, 20);
                    var reported = cells.Date(date) ?? throw cells.Error(date, "is empty; every row needs the date it was reported");
                    var line = new BedLine { MaxCapacity = Need(cells, max), Occupied = Need(cells, occ), VacantReserved = Need(cells, res), VacantAccepting = Need(cells, acc) };
                    if (!homes.TryGetValue(location, out var home))
                    {
                        skipped.Add(new RowError(row.Number, header.Names[id], $"\"{location}\" is not in the register"));
                        continue;
                    }
                    if (CapacityReports.KindOf(home.IsCareHome, home.ServiceType) != CapacityKind.Beds)
                    {
                        skipped.Add(new RowError(row.Number, header.Names[id], $"\"{location}\" is not a care home in the register"));
                        continue;
                    }
                    // The tracker gives totals: they are filed under the home's main bed category.
                    line.Category = home.ServiceType == ServiceType.CareHomeWithNursing
                        ? (home.Specialisms.HasFlag(Specialism.Dementia) ? BedCategory.DementiaNursing : BedCategory.Nursing)
                        : home.ServiceType == ServiceType.RespiteAndShortBreaks ? BedCategory.RespiteShortStay
                        : home.Specialisms.HasFlag(Specialism.Dementia) ? BedCategory.DementiaResidential : BedCategory.Residential;
                    foreach (var e in CapacityRules.Check(line)) errors.Add(new RowError(row.Number, null, e.Message));
                    entities.Add(new CapacityReturn
                    {
                        ServiceId = home.Id, ReportedAt = reported.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc),
                        ReportedBy = db.Actor.Name, Source = CapacitySource.CapacityTracker, Beds = [line],
                    });
                }
                catch (ImportFileException e)
                {
                    errors.Add(new RowError(e.Row ?? row.Number, e.Column, e.Problem));
                }
            }
        }
        catch (ImportFileException e)
        {
            return new UploadResult(rows, 0, [new RowError(e.Row ?? 0, e.Column, e.Problem)], []);
        }
        if (rows == 0) errors.Add(new RowError(1, null, "the file has a header but no rows"));
        if (errors.Count > 0) return new UploadResult(rows, 0, errors, skipped);

        // Importing the same extract twice changes nothing.
        var ids = entities.Select(e => e.ServiceId).Distinct().ToList();
        var known = (await db.CapacityReturns.Where(r => ids.Contains(r.ServiceId) && r.Source == CapacitySource.CapacityTracker)
            .Select(r => new { r.ServiceId, r.ReportedAt }).ToListAsync(ct)).Select(r => (r.ServiceId, r.ReportedAt)).ToHashSet();
        var fresh = entities.Where(e => !known.Contains((e.ServiceId, e.ReportedAt))).GroupBy(e => (e.ServiceId, e.ReportedAt)).Select(g => g.Last()).ToList();
        if (fresh.Count > 0)
        {
            var audit = db.AuditEachRow;
            db.AuditEachRow = false;
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                db.CapacityReturns.AddRange(fresh);
                db.Audit("Imported", "CapacityTracker", fileName, new { rows, imported = fresh.Count, skipped = skipped.Count });
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            finally
            {
                db.AuditEachRow = audit;
            }
        }
        return new UploadResult(rows, fresh.Count, [], skipped);
    }

    private static Header ReadHeader(CsvTableReader reader, string fileName)
    {
        var first = reader.Read() ?? throw new ImportFileException(fileName, null, null, "the file is empty");
        var header = new Header(first);
        reader.ColumnNames = header.Names;
        return header;
    }

    private static int Need(RowCells cells, int column)
    {
        var n = cells.WholeNumber(column) ?? throw cells.Error(column, "is empty; give a number (0 if none)");
        if (n < 0) throw cells.Error(column, "cannot be negative");
        return n;
    }

    public static BedCategory? ParseCategory(string text)
    {
        var key = new string(text.Where(char.IsLetter).ToArray()).ToLowerInvariant();
        foreach (var c in Enum.GetValues<BedCategory>())
        {
            if (key == c.ToString().ToLowerInvariant() || key == new string(CapacityWords.Of(c).Where(char.IsLetter).ToArray()).ToLowerInvariant()) return c;
        }
        return null;
    }
}
