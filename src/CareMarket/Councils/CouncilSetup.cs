using CareMarket.Data;
using CareMarket.Files;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Councils;

public sealed record CouncilAdded(int Id, string OnsCode, string Name, bool AlreadyTenant, int ServicesAttached);

public sealed record NeighboursAdded(IReadOnlyList<string> Added, IReadOnlyList<string> AlreadyNeighbours, int ServicesAttached);

public sealed record AreasImported(int Added, int Changed, int Unchanged, IReadOnlyList<string> LeftAsTheyAre, int ServicesPlaced);

public sealed record AreaRow(int Id, string Name, AreaKind Kind, IReadOnlyList<string> Districts, int Services);

public sealed record NeighbourRow(int Id, string OnsCode, string Name, string Region, int Services);

public sealed record CouncilView(int Id, string OnsCode, string Name, string Region, string? CassrCode, IReadOnlyList<AreaRow> Areas,
    IReadOnlyList<NeighbourRow> Neighbours, int Services, int ServicesWithoutArea);

/// <summary>
/// Setting up a council from the reference list (<see cref="CouncilCatalogue"/>): the council itself as a tenant, its
/// neighbours, and its localities and homecare patches by postcode district. Services in the register are attached to
/// a council as soon as it is known, and placed in its localities whenever they change. The command line acts as the
/// system; on the administration pages a council's administrator changes only their own council.
/// </summary>
public sealed class CouncilSetup(CareMarketDb db)
{
    /// <summary>
    /// Makes the council with this ONS code a tenant: created from the list (or a neighbour already known made a
    /// tenant), with the register's services for its local authority attached. The command line only.
    /// </summary>
    public async Task<Decision> AddTenantAsync(string? onsCode, CancellationToken ct = default)
    {
        if (!db.Actor.IsSystem) return new Decision.Forbidden("A council is created from the command line (caremarket council add)");
        if (Unknown(onsCode, "OnsCode") is { } unknown) return unknown;
        var entry = CouncilCatalogue.Find(onsCode)!;
        if (!entry.IsCurrent)
        {
            return new Decision.Refused("OnsCode",
                $"{entry.Name} ({entry.OnsCode}) ceased on {entry.CeasedOn:d MMMM yyyy}; its area is now {string.Join(" and ", entry.SucceededBy.Select(Describe))}");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (council, known) = await EnsureAsync(entry, ct);
        var wasTenant = council.IsTenant;
        council.IsTenant = true;
        await db.SaveChangesAsync(ct);
        var attached = await AttachServicesAsync(council, ct);
        await tx.CommitAsync(ct);
        return new Decision.Created<CouncilAdded>(new CouncilAdded(council.Id, council.OnsCode, council.Name, known && wasTenant, attached));
    }

    /// <summary>
    /// Adds neighbours from the list to a council, in both directions, each created if not yet known, with the
    /// register's services for their local authorities attached to them. All or none: one unknown code refuses all.
    /// </summary>
    public async Task<Decision> AddNeighboursAsync(int councilId, IReadOnlyList<string> onsCodes, CancellationToken ct = default)
    {
        if (Guard(councilId) is { } forbidden) return forbidden;
        var council = await db.LocalAuthorities.FirstOrDefaultAsync(c => c.Id == councilId, ct);
        if (council is null) return new Decision.NotFound();
        if (onsCodes.Count == 0) return new Decision.Refused("Neighbours", "Choose at least one neighbouring council");
        var errors = new List<FieldError>();
        foreach (var code in onsCodes)
        {
            if (Unknown(code, "Neighbours") is Decision.Refused r) errors.Add(new(r.Field, r.Reason));
            else if (string.Equals(code.Trim(), council.OnsCode, StringComparison.OrdinalIgnoreCase))
                errors.Add(new("Neighbours", $"{council.Name} cannot be its own neighbour"));
            else if (CouncilCatalogue.Find(code) is { IsCurrent: false } ceased)
                errors.Add(new("Neighbours", $"{ceased.Name} ({ceased.OnsCode}) ceased on {ceased.CeasedOn:d MMMM yyyy}; choose {string.Join(" or ", ceased.SucceededBy.Select(Describe))}"));
        }
        if (errors.Count > 0) return new Decision.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.Neighbours.Where(n => n.LocalAuthorityId == councilId).Select(n => n.NeighbourId).ToListAsync(ct);
        var added = new List<string>();
        var already = new List<string>();
        var attached = 0;
        foreach (var code in onsCodes.Select(c => c.Trim().ToUpperInvariant()).Distinct())
        {
            var (neighbour, _) = await EnsureAsync(CouncilCatalogue.Find(code)!, ct);
            if (existing.Contains(neighbour.Id))
            {
                already.Add(neighbour.Name);
                continue;
            }
            db.Neighbours.Add(new LocalAuthorityNeighbour { LocalAuthorityId = councilId, NeighbourId = neighbour.Id });
            if (!await db.Neighbours.AnyAsync(n => n.LocalAuthorityId == neighbour.Id && n.NeighbourId == councilId, ct))
                db.Neighbours.Add(new LocalAuthorityNeighbour { LocalAuthorityId = neighbour.Id, NeighbourId = councilId });
            await db.SaveChangesAsync(ct);
            attached += await AttachServicesAsync(neighbour, ct);
            existing.Add(neighbour.Id);
            added.Add(neighbour.Name);
        }
        await tx.CommitAsync(ct);
        return new Decision.Created<NeighboursAdded>(new NeighboursAdded(added, already, attached));
    }

    /// <summary>
    /// Imports a council's areas from a CSV of area,kind,district (<see cref="AreaFile"/>): areas it names are created
    /// or given its districts; the council's other areas are left as they are. Then every service of the council is
    /// placed in its locality. A file with a problem writes nothing and is refused naming its row and column.
    /// </summary>
    public async Task<Decision> ImportAreasAsync(int councilId, Stream content, string fileName, CancellationToken ct = default)
    {
        if (Guard(councilId) is { } forbidden) return forbidden;
        if (!await db.LocalAuthorities.AnyAsync(c => c.Id == councilId, ct)) return new Decision.NotFound();
        var current = await db.Areas.Where(a => a.LocalAuthorityId == councilId).ToListAsync(ct);
        IReadOnlyList<AreaDefinition> file;
        try
        {
            file = AreaFile.Read(content, Path.GetFileName(fileName), current.Select(Definition).ToList());
        }
        catch (ImportFileException e)
        {
            return new Decision.Refused("File", e.Message);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        int added = 0, changed = 0, unchanged = 0;
        foreach (var area in file)
        {
            var districts = string.Join(' ', area.Districts);
            var held = current.FirstOrDefault(a => string.Equals(a.Name, area.Name, StringComparison.OrdinalIgnoreCase));
            if (held is null)
            {
                db.Areas.Add(new Area { LocalAuthorityId = councilId, Name = area.Name, Kind = area.Kind, PostcodeDistricts = districts });
                added++;
            }
            else if (held.Kind != area.Kind || held.PostcodeDistricts != districts || held.Name != area.Name)
            {
                (held.Name, held.Kind, held.PostcodeDistricts) = (area.Name, area.Kind, districts);
                changed++;
            }
            else unchanged++;
        }
        await db.SaveChangesAsync(ct);
        var placed = await PlaceServicesAsync(councilId, ct);
        await tx.CommitAsync(ct);
        var left = current.Where(a => !file.Any(f => string.Equals(f.Name, a.Name, StringComparison.OrdinalIgnoreCase)))
            .Select(a => a.Name).Order(StringComparer.Ordinal).ToList();
        return new Decision.Created<AreasImported>(new AreasImported(added, changed, unchanged, left, placed));
    }

    /// <summary>Adds an area (no <paramref name="areaId"/>) or changes one, from the administration form; then places the council's services.</summary>
    public async Task<Decision> SaveAreaAsync(int councilId, int? areaId, string? name, string? kind, string? districts, CancellationToken ct = default)
    {
        if (Guard(councilId) is { } forbidden) return forbidden;
        var areas = await db.Areas.Where(a => a.LocalAuthorityId == councilId).ToListAsync(ct);
        var area = areaId is { } id ? areas.FirstOrDefault(a => a.Id == id) : null;
        if (areaId is not null && area is null) return new Decision.NotFound();
        var (definition, errors) = ParseForm(name, kind, districts);
        if (definition is not null)
        {
            if (areas.Any(a => a != area && string.Equals(a.Name, definition.Name, StringComparison.OrdinalIgnoreCase)))
                errors.Add(new("Name", $"The council already has an area called \"{definition.Name}\""));
            foreach (var other in areas.Where(a => a != area && a.Kind == definition.Kind))
            {
                var shared = AreaRules.DistrictsOf(other).Intersect(definition.Districts, StringComparer.OrdinalIgnoreCase).ToList();
                if (shared.Count > 0)
                {
                    errors.Add(new("Districts",
                        $"{string.Join(", ", shared)} {(shared.Count == 1 ? "is" : "are")} already in the {AreaRules.Describe(other.Kind)} \"{other.Name}\"; a postcode district is in one {AreaRules.Describe(other.Kind)} only"));
                }
            }
        }
        if (errors.Count > 0) return new Decision.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (area is null)
        {
            area = new Area { LocalAuthorityId = councilId, Name = definition!.Name, Kind = definition.Kind, PostcodeDistricts = "" };
            db.Areas.Add(area);
        }
        (area.Name, area.Kind, area.PostcodeDistricts) = (definition!.Name, definition.Kind, string.Join(' ', definition.Districts));
        await db.SaveChangesAsync(ct);
        await PlaceServicesAsync(councilId, ct);
        await tx.CommitAsync(ct);
        return new Decision.Created<int>(area.Id);
    }

    /// <summary>
    /// Places every service of the council in the locality its postcode district falls in (none, when no locality
    /// covers it). Returns how many services moved.
    /// </summary>
    public async Task<int> PlaceServicesAsync(int councilId, CancellationToken ct = default)
    {
        var localities = await db.Areas.AsNoTracking().Where(a => a.LocalAuthorityId == councilId && a.Kind == AreaKind.Locality).ToListAsync(ct);
        var services = await db.Services.Where(s => s.HostLocalAuthorityId == councilId).ToListAsync(ct);
        var moved = 0;
        foreach (var s in services)
        {
            var area = AreaRules.LocalityFor(s.Postcode, localities)?.Id;
            if (s.AreaId == area) continue;
            s.AreaId = area;
            moved++;
        }
        await db.SaveChangesAsync(ct);
        return moved;
    }

    /// <summary>The council as its administrator sees it: areas with their districts, neighbours, services placed.</summary>
    public async Task<CouncilView?> ViewAsync(int councilId, CancellationToken ct = default)
    {
        var council = await db.LocalAuthorities.AsNoTracking().FirstOrDefaultAsync(c => c.Id == councilId, ct);
        if (council is null) return null;
        var counts = await db.Services.Where(s => s.HostLocalAuthorityId == councilId && s.Status == ServiceStatus.Active)
            .GroupBy(s => s.AreaId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        // Localities first, then patches (the kind is stored as text, so it is ordered here).
        var areas = (await db.Areas.AsNoTracking().Where(a => a.LocalAuthorityId == councilId).ToListAsync(ct))
            .OrderBy(a => a.Kind).ThenBy(a => a.Name, StringComparer.Ordinal).ToList();
        var neighbours = await db.Neighbours.AsNoTracking().Where(n => n.LocalAuthorityId == councilId)
            .Select(n => new NeighbourRow(n.Neighbour!.Id, n.Neighbour.OnsCode, n.Neighbour.Name, n.Neighbour.Region,
                db.Services.Count(s => s.HostLocalAuthorityId == n.NeighbourId && s.Status == ServiceStatus.Active)))
            .ToListAsync(ct);
        return new CouncilView(council.Id, council.OnsCode, council.Name, council.Region, council.CassrCode,
            areas.Select(a => new AreaRow(a.Id, a.Name, a.Kind, AreaRules.DistrictsOf(a),
                a.Kind == AreaKind.Locality ? counts.Where(c => c.Key == a.Id).Sum(c => c.Count) : 0)).ToList(),
            neighbours.OrderBy(n => n.Name, StringComparer.Ordinal).ToList(),
            counts.Sum(c => c.Count), counts.Where(c => c.Key is null).Sum(c => c.Count));
    }

    /// <summary>The tenant council with this ONS code, or null.</summary>
    public Task<LocalAuthority?> TenantAsync(string onsCode, CancellationToken ct = default) =>
        db.LocalAuthorities.AsNoTracking().FirstOrDefaultAsync(c => c.OnsCode == onsCode.Trim().ToUpper() && c.IsTenant, ct);

    /// <summary>A code not in the list, refused with the councils it most likely meant; null when the code is in the list.</summary>
    public static Decision.Refused? Unknown(string? onsCode, string field)
    {
        if (string.IsNullOrWhiteSpace(onsCode)) return new Decision.Refused(field, "Give the council's ONS code, such as E08000004 for Oldham");
        if (CouncilCatalogue.Find(onsCode) is not null) return null;
        var closest = CouncilCatalogue.Closest(onsCode);
        return new Decision.Refused(field,
            $"\"{onsCode.Trim()}\" is not the ONS code of an English council with adult social care responsibilities. Did you mean: {string.Join("; ", closest.Select(Describe))}?");
    }

    private static string Describe(CatalogueCouncil c) =>
        $"{c.Name} ({c.OnsCode}{(c.IsCurrent ? "" : $", ceased {c.CeasedOn:yyyy}")})";

    private static string Describe(string onsCode) => CouncilCatalogue.Find(onsCode) is { } c ? $"{c.Name} ({c.OnsCode})" : onsCode;

    // The system (the command line) sets up any council; a council's administrator only their own.
    private Decision? Guard(int councilId) =>
        db.Actor.IsSystem || (db.Council == councilId && db.SeesCouncilRecords) ? null
            : new Decision.Forbidden("Only the council's own administrators change its neighbours and areas");

    /// <summary>The council from the list, created if CareMarket does not know it yet, its list facts brought up to date.</summary>
    private async Task<(LocalAuthority Council, bool Known)> EnsureAsync(CatalogueCouncil entry, CancellationToken ct)
    {
        var council = await db.LocalAuthorities.FirstOrDefaultAsync(c => c.OnsCode == entry.OnsCode, ct);
        var known = council is not null;
        council ??= db.LocalAuthorities.Add(new LocalAuthority { OnsCode = entry.OnsCode, Name = entry.Name, Region = entry.Region }).Entity;
        var other = string.Join('|', entry.OtherNames);
        if (council.Name != entry.Name) council.Name = entry.Name;
        if (council.Region != entry.Region) council.Region = entry.Region;
        if (council.CqcName != entry.CqcName) council.CqcName = entry.CqcName;
        if (council.OtherNames != other) council.OtherNames = other;
        if (council.CassrCode != entry.CassrCode) council.CassrCode = entry.CassrCode;
        if (council.BeganOn != entry.BeganOn) council.BeganOn = entry.BeganOn;
        if (council.CeasedOn != entry.CeasedOn) council.CeasedOn = entry.CeasedOn;
        await db.SaveChangesAsync(ct);
        return (council, known);
    }

    /// <summary>
    /// Attaches to the council the register's services whose CQC local authority is one of its spellings and that
    /// stand in no current council yet, and places them in its localities. Returns how many were attached.
    /// </summary>
    private async Task<int> AttachServicesAsync(LocalAuthority council, CancellationToken ct)
    {
        var spellings = council.Spellings().Select(s => s.ToLowerInvariant()).ToList();
        var ceased = await db.LocalAuthorities.Where(c => c.CeasedOn != null).Select(c => c.Id).ToListAsync(ct);
        var services = await db.Services
            .Where(s => s.CqcLocalAuthority != null && spellings.Contains(s.CqcLocalAuthority.Trim().ToLower()))
            .Where(s => s.HostLocalAuthorityId == null || ceased.Contains(s.HostLocalAuthorityId.Value))
            .Where(s => s.HostLocalAuthorityId != council.Id)
            .ToListAsync(ct);
        foreach (var s in services) s.HostLocalAuthorityId = council.Id;
        await db.SaveChangesAsync(ct);
        if (services.Count > 0) await PlaceServicesAsync(council.Id, ct);
        return services.Count;
    }

    private static AreaDefinition Definition(Area a) => new(a.Name, a.Kind, AreaRules.DistrictsOf(a));

    private static (AreaDefinition? Area, List<FieldError> Errors) ParseForm(string? name, string? kind, string? districts)
    {
        var errors = new List<FieldError>();
        var n = name?.Trim() ?? "";
        if (n.Length == 0) errors.Add(new("Name", "Enter the area's name"));
        else if (n.Length > 200) errors.Add(new("Name", "Enter a name of 200 characters or fewer"));
        var k = kind is null ? null : AreaRules.ParseKind(kind) ?? (Enum.TryParse<AreaKind>(kind, out var e) ? e : null);
        if (k is null) errors.Add(new("Kind", "Choose whether the area is a locality or a homecare patch"));
        var parsed = new List<string>();
        foreach (var part in (districts ?? "").Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var (district, problem) = AreaRules.ParseDistrict(part);
            if (district is null) errors.Add(new("Districts", char.ToUpperInvariant(problem![0]) + problem[1..]));
            else if (!parsed.Contains(district)) parsed.Add(district);
        }
        if (parsed.Count == 0 && !errors.Any(x => x.Field == "Districts")) errors.Add(new("Districts", "Enter the postcode districts the area covers, such as OL1 OL2 OL3"));
        if (string.Join(' ', parsed).Length > AreaRules.MaxDistrictsLength)
            errors.Add(new("Districts", $"An area holds at most {AreaRules.MaxDistrictsLength} characters of districts; split it in two"));
        return errors.Count > 0 ? (null, errors) : (new AreaDefinition(n, k!.Value, parsed), errors);
    }
}
