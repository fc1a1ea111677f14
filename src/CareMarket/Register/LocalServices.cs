using System.Text.RegularExpressions;
using CareMarket.Data;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Register;

/// <summary>
/// A service CQC does not register (a day service, advocacy, some supported living), as a council describes it: by
/// hand or in a CSV. It then takes part in the register, capacity and brokerage like any other.
/// </summary>
public sealed record ImportedServices(int Added, int Updated);

public sealed record LocalServiceInput
{
    public string? Name { get; init; }
    /// <summary>A provider already in the register (CQC's or the council's own), or else <see cref="ProviderName"/>.</summary>
    public int? ProviderId { get; init; }
    public string? ProviderName { get; init; }
    public ServiceType? ServiceType { get; init; }
    public Specialism Specialisms { get; init; }
    public string? Street { get; init; }
    public string? City { get; init; }
    public string? Postcode { get; init; }
    public int? RegisteredBeds { get; init; }
    public string? Phone { get; init; }
    public string? Website { get; init; }
}

/// <summary>The checks on a local service, each in the words the form shows beside its field.</summary>
public static partial class LocalServiceRules
{
    // The shapes of a UK postcode: outward code (A9, A99, A9A, AA9, AA99, AA9A), a space or none, inward code (9AA).
    [GeneratedRegex(@"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex PostcodeShape();

    public static bool IsPostcode(string? postcode) =>
        postcode is not null && PostcodeShape().IsMatch(postcode.Trim().ToUpperInvariant());

    /// <summary>"nb45xy" → "NB4 5XY": the way the register stores postcodes.</summary>
    public static string TidyPostcode(string postcode)
    {
        var compact = postcode.Replace(" ", "").Trim().ToUpperInvariant();
        return $"{compact[..^3]} {compact[^3..]}";
    }

    public static bool TakesBeds(ServiceType type) =>
        type is ServiceType.CareHomeWithoutNursing or ServiceType.CareHomeWithNursing or ServiceType.RespiteAndShortBreaks;

    public static IReadOnlyList<FieldError> Problems(LocalServiceInput s)
    {
        var errors = new List<FieldError>();
        void Check(bool bad, string field, string message)
        {
            if (bad) errors.Add(new FieldError(field, message));
        }
        Check(string.IsNullOrWhiteSpace(s.Name), nameof(s.Name), "Enter the service's name");
        Check(s.Name is { Length: > 300 }, nameof(s.Name), "The name must be 300 characters or fewer");
        Check(s.ProviderId is null && string.IsNullOrWhiteSpace(s.ProviderName), nameof(s.ProviderName), "Enter the provider's name, or choose a provider already in the register");
        Check(s.ProviderName is { Length: > 300 }, nameof(s.ProviderName), "The provider's name must be 300 characters or fewer");
        Check(s.ServiceType is null, nameof(s.ServiceType), "Choose the type of service");
        Check(string.IsNullOrWhiteSpace(s.Postcode), nameof(s.Postcode), "Enter the postcode: it places the service in the council's areas");
        Check(!string.IsNullOrWhiteSpace(s.Postcode) && !IsPostcode(s.Postcode), nameof(s.Postcode), "Enter a real postcode, like NB4 5XY");
        Check(s.Street is { Length: > 300 }, nameof(s.Street), "The street must be 300 characters or fewer");
        Check(s.City is { Length: > 100 }, nameof(s.City), "The town must be 100 characters or fewer");
        Check(s.Phone is { Length: > 40 }, nameof(s.Phone), "The phone number must be 40 characters or fewer");
        Check(s.Website is { Length: > 300 }, nameof(s.Website), "The website must be 300 characters or fewer");
        Check(s.Website is { Length: > 0 } w && !(Uri.TryCreate(w.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"),
            nameof(s.Website), "Enter the website as a full address, like https://www.example.org.uk");
        if (s.RegisteredBeds is { } beds)
        {
            Check(s.ServiceType is { } t && !TakesBeds(t), nameof(s.RegisteredBeds), "Only care homes and respite services have beds: leave this empty");
            Check(beds is < 1 or > 500, nameof(s.RegisteredBeds), "Beds must be a whole number from 1 to 500");
        }
        return errors;
    }
}

/// <summary>
/// A council's own entries in the register, for services CQC does not register. The council that adds one keeps it:
/// only its staff may change or close it; everyone reads it, as the rest of the register. A CQC sync never touches it.
/// </summary>
public sealed class LocalServices(CareMarketDb db)
{
    public const string Source = "council";

    public async Task<Decision> AddAsync(LocalServiceInput input, CancellationToken ct = default)
    {
        if (Staff() is not { } council) return new Decision.Forbidden("Only a council's staff can add services to the register");
        if (LocalServiceRules.Problems(input) is { Count: > 0 } problems) return new Decision.Invalid(problems);
        var postcode = LocalServiceRules.TidyPostcode(input.Postcode!);
        var name = input.Name!.Trim();
        if (await db.Services.AnyAsync(s => s.KeptByLocalAuthorityId == council && s.Name == name && s.Postcode == postcode, ct))
            return new Decision.Conflict($"Your council already has \"{name}\" at {postcode} in the register");
        var provider = await ProviderForAsync(input, council, ct);
        if (provider is null) return new Decision.Refused(nameof(input.ProviderId), "Choose a provider that is in the register");

        var service = new Service
        {
            Name = name, Provider = provider, ProviderId = provider.Id, KeptByLocalAuthorityId = council,
            HostLocalAuthorityId = council, Status = ServiceStatus.Active, UpdatedAt = db.Now, RegisteredOn = db.Today,
        };
        await ApplyAsync(service, input, council, ct);
        db.Services.Add(service);
        await db.SaveChangesAsync(ct);
        return new Decision.Created<int>(service.Id);
    }

    public async Task<Decision> UpdateAsync(int id, LocalServiceInput input, int? expectedVersion, CancellationToken ct = default)
    {
        if (Staff() is not { } council) return new Decision.Forbidden("Only a council's staff can change services in the register");
        var service = await db.Services.Include(s => s.Provider).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (service is null) return new Decision.NotFound();
        if (service.KeptByLocalAuthorityId != council)
            return new Decision.Forbidden(service.CqcLocationId is null
                ? "Another council keeps this service's record: only its staff can change it"
                : "CQC keeps this service's record: it changes with CQC's data");
        if (LocalServiceRules.Problems(input) is { Count: > 0 } problems) return new Decision.Invalid(problems);
        if (expectedVersion is not { } expected)
            return new Decision.Refused("Version", "Give the version of the service you are changing (from the service you read)");
        if (service.Version != expected)
            return new Decision.Conflict("Someone else changed this service while you were editing it. Review their change and try again.");
        var provider = input.ProviderId is null && string.Equals(input.ProviderName?.Trim(), service.Provider!.Name, StringComparison.Ordinal)
            ? service.Provider
            : await ProviderForAsync(input, council, ct);
        if (provider is null) return new Decision.Refused(nameof(input.ProviderId), "Choose a provider that is in the register");
        service.Name = input.Name!.Trim();
        service.Provider = provider;
        await ApplyAsync(service, input, council, ct);
        return await SaveAsync(service);
    }

    /// <summary>The service has closed: it leaves the active register, and the exit is recorded with its beds.</summary>
    public async Task<Decision> CloseAsync(int id, DateOnly closedOn, int? expectedVersion, CancellationToken ct = default)
    {
        if (Staff() is not { } council) return new Decision.Forbidden("Only a council's staff can close services in the register");
        var service = await db.Services.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (service is null) return new Decision.NotFound();
        if (service.KeptByLocalAuthorityId != council)
            return new Decision.Forbidden("Only the council that keeps this service's record can close it");
        if (service.Status == ServiceStatus.Exited) return new Decision.Conflict("The service is closed already");
        if (closedOn > db.Today) return new Decision.Refused("ClosedOn", "The date it closed must be today or in the past");
        if (expectedVersion != service.Version)
            return new Decision.Conflict("Someone else changed this service while you were editing it. Review their change and try again.");
        service.Status = ServiceStatus.Exited;
        db.ServiceExits.Add(new ServiceExit { ServiceId = service.Id, EndedOn = closedOn, BedsAtExit = service.RegisteredBeds, Source = Source, RecordedAt = db.Now });
        return await SaveAsync(service);
    }

    /// <summary>
    /// Adds or updates (same name and postcode) every service in the council's CSV, or, if any row is wrong, nothing:
    /// the file's first problem is thrown naming its row and column.
    /// </summary>
    public async Task<Decision> ImportAsync(Stream csv, string file, CancellationToken ct = default)
    {
        if (Staff() is not { } council) return new Decision.Forbidden("Only a council's staff can add services to the register");
        var rows = LocalServiceFile.Read(csv, file);
        var kept = await db.Services.Include(s => s.Provider).Where(s => s.KeptByLocalAuthorityId == council).ToListAsync(ct);
        int added = 0, updated = 0;
        foreach (var input in rows)
        {
            var postcode = LocalServiceRules.TidyPostcode(input.Postcode!);
            var service = kept.FirstOrDefault(s => string.Equals(s.Name, input.Name!.Trim(), StringComparison.OrdinalIgnoreCase) && s.Postcode == postcode);
            if (service is null)
            {
                service = new Service
                {
                    Name = input.Name!.Trim(), KeptByLocalAuthorityId = council, Status = ServiceStatus.Active, RegisteredOn = db.Today,
                    Provider = await ProviderForAsync(input, council, ct),
                };
                db.Services.Add(service);
                kept.Add(service);
                added++;
            }
            else
            {
                if (!string.Equals(service.Provider!.Name, input.ProviderName!.Trim(), StringComparison.Ordinal))
                    service.Provider = await ProviderForAsync(input, council, ct);
                service.Version++;
                updated++;
            }
            service.UpdatedAt = db.Now;
            await ApplyAsync(service, input, council, ct);
        }
        await db.SaveChangesAsync(ct);
        return new Decision.Created<ImportedServices>(new ImportedServices(added, updated));
    }

    /// <summary>The council's staff, not its providers or partners.</summary>
    private int? Staff() => db.Actor.SeesCouncilRecords ? db.Council : null;

    private async Task<Decision> SaveAsync(Service service)
    {
        service.UpdatedAt = db.Now;
        service.Version++;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Decision.Conflict("Someone else changed this service while you were editing it. Review their change and try again.");
        }
        return Decision.Ok;
    }

    private async Task<Provider?> ProviderForAsync(LocalServiceInput input, int council, CancellationToken ct)
    {
        if (input.ProviderId is { } id) return await db.Providers.FirstOrDefaultAsync(p => p.Id == id, ct);
        var name = input.ProviderName!.Trim();
        // The council's own provider of that name, if it has one: a second service of the same organisation.
        var provider = db.Providers.Local.FirstOrDefault(p => p.KeptByLocalAuthorityId == council && p.Name == name)
                       ?? await db.Providers.FirstOrDefaultAsync(p => p.KeptByLocalAuthorityId == council && p.Name == name, ct);
        if (provider is not null) return provider;
        provider = new Provider { Name = name, KeptByLocalAuthorityId = council, UpdatedAt = db.Now };
        db.Providers.Add(provider);
        return provider;
    }

    private async Task ApplyAsync(Service s, LocalServiceInput input, int council, CancellationToken ct)
    {
        var type = input.ServiceType!.Value;
        s.ServiceType = type;
        s.ServiceTypes = ServiceTypeSet.Of(type); // the council records one type; a change of type leaves no other behind
        s.Specialisms = input.Specialisms;
        s.Street = Blank(input.Street);
        s.City = Blank(input.City);
        s.Postcode = LocalServiceRules.TidyPostcode(input.Postcode!);
        s.Phone = Blank(input.Phone);
        s.Website = Blank(input.Website);
        s.IsCareHome = LocalServiceRules.TakesBeds(type);
        s.RegisteredBeds = s.IsCareHome ? input.RegisteredBeds : null;
        s.HostLocalAuthorityId = council;
        var district = Postcodes.District(s.Postcode);
        var areas = await db.Areas.AsNoTracking().Where(a => a.LocalAuthorityId == council && a.Kind == AreaKind.Locality).ToListAsync(ct);
        s.AreaId = areas.FirstOrDefault(a => a.PostcodeDistricts.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Contains(district, StringComparer.OrdinalIgnoreCase))?.Id;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// The CSV a council fills in for its own services: one row a service, columns by name in any order (Service name,
/// Provider name, Service type, Street, Town, Postcode, Beds, Phone, Website, Specialisms separated by "|" or ";").
/// </summary>
public static class LocalServiceFile
{
    private static readonly Files.Col Name = new("Service name", "Name");
    private static readonly Files.Col Provider = new("Provider name", "Provider");
    private static readonly Files.Col Type = new("Service type", "Type");
    private static readonly Files.Col Street = new("Street", "Address");
    private static readonly Files.Col City = new("Town", "City", "Town or city");
    private static readonly Files.Col Postcode = new("Postcode");
    private static readonly Files.Col Beds = new("Beds", "Registered beds");
    private static readonly Files.Col Phone = new("Phone", "Telephone");
    private static readonly Files.Col Website = new("Website");
    private static readonly Files.Col Specialisms = new("Specialisms");

    public const string Template = "Service name,Provider name,Service type,Street,Town,Postcode,Beds,Phone,Website,Specialisms";

    /// <summary>Every row, checked: the first problem is thrown naming the file, row and column.</summary>
    public static List<LocalServiceInput> Read(Stream stream, string file)
    {
        using var reader = new Files.CsvTableReader(stream, file);
        var first = reader.Read() ?? throw new Files.ImportFileException(file, null, null, "the file is empty");
        var header = new Files.Header(first);
        reader.ColumnNames = header.Names;
        var bind = new Files.ColumnBinder(file, header, $"; the columns are: {Template}");
        var (name, provider, type, postcode) = (bind.Required(Name), bind.Required(Provider), bind.Required(Type), bind.Required(Postcode));
        bind.ThrowIfMissing();
        var (street, city, beds, phone, website, specialisms) = (Files.ColumnBinder.Optional(header, Street), Files.ColumnBinder.Optional(header, City),
            Files.ColumnBinder.Optional(header, Beds), Files.ColumnBinder.Optional(header, Phone), Files.ColumnBinder.Optional(header, Website),
            Files.ColumnBinder.Optional(header, Specialisms));
        var columns = new Dictionary<string, int>
        {
            [nameof(LocalServiceInput.Name)] = name, [nameof(LocalServiceInput.ProviderName)] = provider,
            [nameof(LocalServiceInput.ServiceType)] = type, [nameof(LocalServiceInput.Postcode)] = postcode,
            [nameof(LocalServiceInput.Street)] = street, [nameof(LocalServiceInput.City)] = city,
            [nameof(LocalServiceInput.RegisteredBeds)] = beds, [nameof(LocalServiceInput.Phone)] = phone,
            [nameof(LocalServiceInput.Website)] = website,
        };
        var cells = new Files.RowCells(file, header, reader.RowsHaveAllColumns);
        var rows = new List<LocalServiceInput>();
        var seen = new Dictionary<(string, string), int>();
        while (reader.Read() is { } row)
        {
            cells.Load(row);
            var input = new LocalServiceInput
            {
                Name = cells.Text(name, 300), ProviderName = cells.Text(provider, 300), ServiceType = TypeOf(cells, type),
                Postcode = cells.Text(postcode, 10), Street = cells.Text(street, 300), City = cells.Text(city, 100),
                RegisteredBeds = cells.WholeNumber(beds), Phone = cells.Text(phone, 40), Website = cells.Text(website, 300),
                Specialisms = SpecialismsOf(cells, specialisms),
            };
            if (LocalServiceRules.Problems(input) is [var problem, ..])
                throw cells.Error(columns.GetValueOrDefault(problem.Field, -1), problem.Message);
            var key = (input.Name!.Trim().ToUpperInvariant(), LocalServiceRules.TidyPostcode(input.Postcode!));
            if (seen.TryGetValue(key, out var earlier))
                throw cells.Error(name, $"\"{input.Name}\" at {key.Item2} is also on row {earlier}: each service once");
            seen[key] = cells.Row;
            rows.Add(input);
        }
        if (rows.Count == 0) throw new Files.ImportFileException(file, null, null, "the file has a header but no services");
        return rows;
    }

    private static ServiceType? TypeOf(Files.RowCells cells, int column)
    {
        var v = cells.Raw(column);
        if (v.Length == 0) return null;
        var key = Files.TextKey.Of(v);
        foreach (var t in Enum.GetValues<ServiceType>())
        {
            if (Files.TextKey.Of(RegisterWords.Of(t)) == key || Files.TextKey.Of(t.ToString()) == key) return t;
        }
        throw cells.Error(column, $"\"{Files.RowCells.Shorten(v)}\" is not a service type: use one of " +
            string.Join(", ", Enum.GetValues<ServiceType>().Select(RegisterWords.Of)));
    }

    private static Specialism SpecialismsOf(Files.RowCells cells, int column)
    {
        var result = Specialism.None;
        foreach (var part in cells.Raw(column).Split(['|', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var key = Files.TextKey.Of(part);
            var match = Enum.GetValues<Specialism>().Where(s => s != Specialism.None)
                .FirstOrDefault(s => Files.TextKey.Of(RegisterWords.Of(s)) == key || Files.TextKey.Of(s.ToString()) == key);
            if (match == Specialism.None)
                throw cells.Error(column, $"\"{Files.RowCells.Shorten(part)}\" is not a specialism: use one of " +
                    string.Join(", ", Enum.GetValues<Specialism>().Where(s => s != Specialism.None).Select(RegisterWords.Of)));
            result |= match;
        }
        return result;
    }
}
