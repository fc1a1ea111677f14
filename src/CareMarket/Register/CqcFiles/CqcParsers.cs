using CareMarket.Files;
namespace CareMarket.Register.CqcFiles;

/// <summary>The columns of each CQC file, by their real header names and known variants.</summary>
internal static class CqcColumns
{
    // Active and deactivated locations.
    public static readonly Col LocationId = new("Location ID", "Location Id", "CQC Location ID");
    public static readonly Col RegisteredOn = new("Location HSCA start date", "HSCA start date", "Location HSCA Registration Date");
    public static readonly Col Dormant = new("Dormant (Y/N)", "Dormant");
    public static readonly Col CareHome = new("Care home?", "Care home", "Care home (Y/N)");
    public static readonly Col LocationName = new("Location Name");
    public static readonly Col Beds = new("Care homes beds", "Care home beds", "Care homes beds (number)");
    public static readonly Col Sector = new("Location Type/Sector", "Location Type", "Location Sector");
    public static readonly Col Directorate = new("Location Inspection Directorate", "Inspection Directorate");
    public static readonly Col Category = new("Location Primary Inspection Category", "Primary Inspection Category");
    public static readonly Col OverallRating = new("Location Latest Overall Rating", "Latest Overall Rating");
    public static readonly Col PublishedOn = new("Publication Date", "Location Publication Date", "Latest Rating Publication Date");
    public static readonly Col LocalAuthority = new("Location Local Authority");
    public static readonly Col Region = new("Location Region");
    public static readonly Col Street = new("Location Street Address", "Location Address");
    public static readonly Col City = new("Location City", "Location Town/City");
    public static readonly Col Postcode = new("Location Postal Code", "Location Postcode");
    public static readonly Col Latitude = new("Location Latitude");
    public static readonly Col Longitude = new("Location Longitude");
    public static readonly Col BrandId = new("Brand ID");
    public static readonly Col BrandName = new("Brand Name");
    public static readonly Col ProviderId = new("Provider ID");
    public static readonly Col ProviderName = new("Provider Name");
    public static readonly Col Phone = new("Location Telephone Number", "Location Phone Number");
    public static readonly Col Website = new("Location Web Address", "Location Website");
    public const string RegulatedActivity = "Regulated activity";
    public const string ServiceType = "Service type";
    public const string ServiceUserBand = "Service user band";
    public static readonly Col EndedOn = new("Location HSCA End Date", "HSCA End Date", "Location HSCA De-registration Date");
    public static readonly Col BedsAtExit = new("Care homes beds at point location de-activated", "Care home beds at point location de-activated");

    // Latest ratings.
    public static readonly Col Group = new("Service / Population Group", "Service Population Group", "Population Group");
    public static readonly Col Domain = new("Domain", "Key Question");
    public static readonly Col LatestRating = new("Latest Rating", "Rating");
    public static readonly Col Inherited = new("Inherited Rating (Y/N)", "Inherited Rating");

    // Care directory.
    public static readonly Col DirName = new("Name");
    public static readonly Col DirAlsoKnownAs = new("Also known as");
    public static readonly Col DirAddress = new("Address");
    public static readonly Col DirPostcode = new("Postcode");
    public static readonly Col DirPhone = new("Phone number");
    public static readonly Col DirWebsite = new("Service's website (if available)", "Service’s website (if available)", "Website");
    public static readonly Col DirServiceTypes = new("Service types");
    public static readonly Col DirLastChecked = new("Date of latest check");
    public static readonly Col DirSpecialisms = new("Specialisms/services", "Specialisms");
    public static readonly Col DirProviderName = new("Provider name");
    public static readonly Col DirLocalAuthority = new("Local authority");
    public static readonly Col DirRegion = new("Region");
    public static readonly Col DirLocationId = new("CQC Location ID (for office use only)", "CQC Location ID");
    public static readonly Col DirProviderId = new("CQC Provider ID (for office use only)", "CQC Provider ID");

    // Adult social care market export (one row per location; shares several names above).
    public static readonly Col MarketServiceTypes = new("Service Types");
    public static readonly Col MarketServiceUsers = new("Service users supported");
    public static readonly Col MarketRegion = new("Location ADASS Region");
    public static readonly Col MarketManager = new("Registered manager");
    public static readonly Col MarketSafe = new("Location safe rating");
    public static readonly Col MarketEffective = new("Location effective rating");
    public static readonly Col MarketCaring = new("Location caring rating");
    public static readonly Col MarketResponsive = new("Location responsive rating");
    public static readonly Col MarketWellLed = new("Location well-led rating");

    /// <summary>The columns each kind of file must have (and the wide Y/N column groups), to say which kind a file is most like.</summary>
    public static (IReadOnlyList<Col> Columns, IReadOnlyList<string> Prefixes) Required(CqcFileKind kind) => kind switch
    {
        CqcFileKind.ActiveLocations => ([LocationId, RegisteredOn, Dormant, CareHome, LocationName, Beds, Sector, Directorate, Category,
            OverallRating, PublishedOn, LocalAuthority, Region, Street, City, Postcode, Latitude, Longitude, BrandId, BrandName,
            ProviderId, ProviderName], [RegulatedActivity, ServiceType, ServiceUserBand]),
        CqcFileKind.DeactivatedLocations => ([LocationId, LocationName, ProviderId, ProviderName, EndedOn, BedsAtExit], []),
        CqcFileKind.LatestRatings => ([LocationId, Group, Domain, LatestRating, PublishedOn, Inherited], []),
        CqcFileKind.CareDirectory => ([DirName, DirAlsoKnownAs, DirAddress, DirPostcode, DirPhone, DirWebsite, DirServiceTypes,
            DirLastChecked, DirSpecialisms, DirProviderName, DirLocalAuthority, DirRegion, DirLocationId, DirProviderId], []),
        CqcFileKind.MarketExport => ([LocationName, LocationId, LocalAuthority, Category, MarketServiceTypes, Beds, RegisteredOn,
            EndedOn, Dormant, OverallRating, PublishedOn, MarketServiceUsers, MarketSafe, MarketEffective, MarketCaring,
            MarketResponsive, MarketWellLed, ProviderName, ProviderId, BrandName, BrandId], []),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The required columns of a kind that a header lacks, and how many it has.</summary>
    public static (int Has, int Of, List<string> Missing) Resemblance(Header h, CqcFileKind kind)
    {
        var (columns, prefixes) = Required(kind);
        var missing = columns.Where(c => !h.Has(c)).Select(c => c.Name)
            .Concat(prefixes.Where(p => h.WithPrefix(p).Count == 0).Select(p => $"{p} - …")).ToList();
        var of = columns.Count + prefixes.Count;
        return (of - missing.Count, of, missing);
    }

    /// <summary>Which kind of file a header row belongs to, from the columns only that kind has; null if none.</summary>
    public static CqcFileKind? Detect(Header h)
    {
        // First: the market export also has an end date column, and is no deactivated locations file.
        if (h.Has(MarketServiceUsers) || h.Has(MarketRegion) || (h.Has(MarketServiceTypes) && h.Has(EndedOn) && !h.Has(BedsAtExit)))
        {
            return CqcFileKind.MarketExport;
        }
        if (h.Has(Group) || (h.Has(LocationId) && h.Has(Domain) && h.Has(LatestRating))) return CqcFileKind.LatestRatings;
        if (h.Has(DirLocationId) || (h.Has(DirServiceTypes) && h.Has(DirSpecialisms))) return CqcFileKind.CareDirectory;
        if (h.Has(EndedOn) || h.Has(BedsAtExit)) return CqcFileKind.DeactivatedLocations;
        if ((h.Has(LocationId) || h.Has(LocationName)) && (h.Has(RegisteredOn) || h.Has(CareHome) || h.Has(OverallRating)))
        {
            return CqcFileKind.ActiveLocations;
        }
        return null;
    }

    public static string Describe(CqcFileKind kind) => kind switch
    {
        CqcFileKind.ActiveLocations => "active locations",
        CqcFileKind.LatestRatings => "latest ratings",
        CqcFileKind.CareDirectory => "care directory",
        CqcFileKind.DeactivatedLocations => "deactivated locations",
        CqcFileKind.MarketExport => "adult social care market export",
        _ => kind.ToString(),
    };
}

/// <summary>A row of the active locations file ("care directory with filters") as a <see cref="CqcLocation"/>.</summary>
internal sealed class ActiveLocationParser
{
    private readonly int id, registeredOn, dormant, careHome, name, beds, sector, directorate, category, rating, published,
        localAuthority, region, street, city, postcode, latitude, longitude, brandId, brandName, providerId, providerName,
        phone, website;
    private readonly IReadOnlyList<(int, string)> activities, serviceTypes, bands;

    public ActiveLocationParser(string file, Header h)
    {
        var b = new ColumnBinder(file, h);
        id = b.Required(CqcColumns.LocationId);
        registeredOn = b.Required(CqcColumns.RegisteredOn);
        dormant = b.Required(CqcColumns.Dormant);
        careHome = b.Required(CqcColumns.CareHome);
        name = b.Required(CqcColumns.LocationName);
        beds = b.Required(CqcColumns.Beds);
        sector = b.Required(CqcColumns.Sector);
        directorate = b.Required(CqcColumns.Directorate);
        category = b.Required(CqcColumns.Category);
        rating = b.Required(CqcColumns.OverallRating);
        published = b.Required(CqcColumns.PublishedOn);
        localAuthority = b.Required(CqcColumns.LocalAuthority);
        region = b.Required(CqcColumns.Region);
        street = b.Required(CqcColumns.Street);
        city = b.Required(CqcColumns.City);
        postcode = b.Required(CqcColumns.Postcode);
        latitude = b.Required(CqcColumns.Latitude);
        longitude = b.Required(CqcColumns.Longitude);
        brandId = b.Required(CqcColumns.BrandId);
        brandName = b.Required(CqcColumns.BrandName);
        providerId = b.Required(CqcColumns.ProviderId);
        providerName = b.Required(CqcColumns.ProviderName);
        activities = b.RequiredPrefix(CqcColumns.RegulatedActivity);
        serviceTypes = b.RequiredPrefix(CqcColumns.ServiceType);
        bands = b.RequiredPrefix(CqcColumns.ServiceUserBand);
        phone = ColumnBinder.Optional(h, CqcColumns.Phone);
        website = ColumnBinder.Optional(h, CqcColumns.Website);
        b.ThrowIfMissing();
    }

    /// <summary>Whether the row is adult social care (the rest of the row is still checked).</summary>
    public bool IsSocialCare(RowCells r) => CqcMappings.IsSocialCare(r.Raw(sector));

    public CqcLocation Parse(RowCells r)
    {
        var types = r.Marked(serviceTypes);
        var acts = r.Marked(activities);
        if (string.Join("|", types).Length > 1000) throw r.Error(serviceTypes[0].Item1, "the service types marked Y come to more than 1000 characters");
        if (string.Join("|", acts).Length > 1000) throw r.Error(activities[0].Item1, "the regulated activities marked Y come to more than 1000 characters");
        var word = r.Rating(rating);
        var date = r.Date(published);
        CqcRating? latest = null;
        if (word is { } w)
        {
            if (date is { } d) latest = new CqcRating { Overall = w, PublishedOn = d };
            else if (w is not (RatingWord.NotRated or RatingWord.NotApplicable))
            {
                throw r.Error(published, $"is empty, but the location has a rating (\"{r.Raw(rating)}\"): a rating needs its publication date");
            }
        }
        return new CqcLocation
        {
            LocationId = r.Required(id, 20),
            Name = r.Required(name, 300),
            ProviderId = r.Required(providerId, 20),
            ProviderName = r.Text(providerName, 300),
            BrandId = r.Text(brandId, 20),
            BrandName = r.Text(brandName, 300),
            RegisteredOn = r.Date(registeredOn),
            Dormant = r.YesNo(dormant),
            IsCareHome = r.YesNo(careHome),
            RegisteredBeds = r.WholeNumber(beds),
            InspectionDirectorate = r.Text(directorate, 100),
            PrimaryInspectionCategory = r.Text(category, 200),
            LocalAuthority = r.Text(localAuthority, 200),
            Region = r.Text(region, 100),
            Street = r.Text(street, 300),
            City = r.Text(city, 100),
            Postcode = r.Text(postcode, 10),
            Latitude = r.Number(latitude, -90, 90, "latitude"),
            Longitude = r.Number(longitude, -180, 180, "longitude"),
            Phone = phone >= 0 ? r.Text(phone, 40) : null,
            Website = website >= 0 ? r.Text(website, 300) : null,
            CqcServiceTypes = types,
            RegulatedActivities = acts,
            ServiceType = CqcMappings.MainServiceType(types),
            Specialisms = CqcMappings.Specialisms(r.Marked(bands)),
            Rating = latest,
        };
    }
}

/// <summary>A row of the deactivated locations file as a <see cref="CqcExit"/>.</summary>
internal sealed class DeactivatedLocationParser
{
    private readonly int id, name, providerId, providerName, endedOn, bedsAtExit;

    public DeactivatedLocationParser(string file, Header h, bool looksActive)
    {
        var b = new ColumnBinder(file, h, looksActive ? " (this looks like an active locations file, not a deactivated locations file)" : null);
        id = b.Required(CqcColumns.LocationId);
        name = b.Required(CqcColumns.LocationName);
        providerId = b.Required(CqcColumns.ProviderId);
        providerName = b.Required(CqcColumns.ProviderName);
        endedOn = b.Required(CqcColumns.EndedOn);
        bedsAtExit = b.Required(CqcColumns.BedsAtExit);
        b.ThrowIfMissing();
    }

    public CqcExit Parse(RowCells r) => new(
        r.Required(id, 20),
        r.Date(endedOn) ?? throw r.Error(endedOn, "is empty; a deactivated location needs its end date"),
        r.WholeNumber(bedsAtExit),
        r.Text(name, 300),
        r.Text(providerId, 20),
        r.Text(providerName, 300));
}

/// <summary>Rows of the latest ratings file, gathered into one <see cref="CqcRating"/> per location.</summary>
internal sealed class RatingsParser
{
    private readonly int id, group, domain, rating, published, inherited, sector, directorate, category;
    private readonly Dictionary<string, Builder> byLocation = [];
    private readonly List<Builder> inOrder = [];

    public RatingsParser(string file, Header h)
    {
        var b = new ColumnBinder(file, h);
        id = b.Required(CqcColumns.LocationId);
        group = b.Required(CqcColumns.Group);
        domain = b.Required(CqcColumns.Domain);
        rating = b.Required(CqcColumns.LatestRating);
        published = b.Required(CqcColumns.PublishedOn);
        inherited = b.Required(CqcColumns.Inherited);
        // The sector columns tell adult social care from the rest; an edition without them is read whole.
        sector = ColumnBinder.Optional(h, CqcColumns.Sector);
        directorate = ColumnBinder.Optional(h, CqcColumns.Directorate);
        category = ColumnBinder.Optional(h, CqcColumns.Category);
        b.ThrowIfMissing();
    }

    /// <summary>Rows of other sectors (GPs and dentists rated "Regulations met", hospitals…): skipped, not checked.</summary>
    public int OtherSectorRows { get; private set; }

    public void Add(RowCells r)
    {
        var locationId = r.Required(id, 20);
        if (!CqcMappings.IsAdultSocialCare(r.Raw(sector), r.Raw(directorate), r.Raw(category)))
        {
            OtherSectorRows++;
            return;
        }
        var word = r.Rating(rating);
        var date = r.Date(published);
        var isInherited = r.YesNo(inherited) ?? false;
        // Population groups (older people, people with dementia…) are not kept: only the location as a whole.
        if (CqcMappings.Key(r.Raw(group)) != "overall") return;
        var question = CqcMappings.Key(r.Raw(domain)) switch
        {
            "overall" => KeyQuestion.Overall,
            "safe" => KeyQuestion.Safe,
            "effective" => KeyQuestion.Effective,
            "caring" => KeyQuestion.Caring,
            "responsive" => KeyQuestion.Responsive,
            "wellled" => KeyQuestion.WellLed,
            _ => throw r.Error(domain, $"\"{RowCells.Shorten(r.Raw(domain))}\" is not a key question (Overall, Safe, Effective, Caring, Responsive, Well-led)"),
        };
        if (word is null) return;
        if (!byLocation.TryGetValue(locationId, out var b))
        {
            b = new Builder(locationId);
            byLocation[locationId] = b;
            inOrder.Add(b);
        }
        if (question == KeyQuestion.Overall)
        {
            // "Not rated" has no publication date: the location has no rating to keep.
            b.PublishedOn = date ?? (word is RatingWord.NotRated or RatingWord.NotApplicable ? null
                : throw r.Error(published, "is empty; an overall rating needs its publication date"));
            b.Inherited = isInherited;
        }
        b.Words[(int)question] = word;
    }

    /// <summary>One rating per location that has an overall rating, in the order the file first gave them.</summary>
    public IEnumerable<(string LocationId, CqcRating Rating)> Ratings() =>
        inOrder.Where(b => b.Words[0] is not null && b.PublishedOn is not null).Select(b => (b.LocationId, new CqcRating
        {
            PublishedOn = b.PublishedOn!.Value,
            Overall = b.Words[(int)KeyQuestion.Overall]!.Value,
            Safe = b.Words[(int)KeyQuestion.Safe],
            Effective = b.Words[(int)KeyQuestion.Effective],
            Caring = b.Words[(int)KeyQuestion.Caring],
            Responsive = b.Words[(int)KeyQuestion.Responsive],
            WellLed = b.Words[(int)KeyQuestion.WellLed],
            Inherited = b.Inherited,
        }));

    public int Locations => inOrder.Count;

    private sealed class Builder(string locationId)
    {
        public string LocationId { get; } = locationId;
        public RatingWord?[] Words { get; } = new RatingWord?[6];
        public DateOnly? PublishedOn { get; set; }
        public bool Inherited { get; set; }
    }
}

/// <summary>A row of the weekly care directory CSV as a <see cref="CqcLocation"/> (it has no ratings).</summary>
internal sealed class DirectoryParser
{
    private readonly int name, alsoKnownAs, address, postcode, phone, website, serviceTypes, lastChecked, specialisms,
        providerName, localAuthority, region, locationId, providerId;

    public DirectoryParser(string file, Header h)
    {
        var b = new ColumnBinder(file, h);
        name = b.Required(CqcColumns.DirName);
        alsoKnownAs = b.Required(CqcColumns.DirAlsoKnownAs);
        address = b.Required(CqcColumns.DirAddress);
        postcode = b.Required(CqcColumns.DirPostcode);
        phone = b.Required(CqcColumns.DirPhone);
        website = b.Required(CqcColumns.DirWebsite);
        serviceTypes = b.Required(CqcColumns.DirServiceTypes);
        lastChecked = b.Required(CqcColumns.DirLastChecked);
        specialisms = b.Required(CqcColumns.DirSpecialisms);
        providerName = b.Required(CqcColumns.DirProviderName);
        localAuthority = b.Required(CqcColumns.DirLocalAuthority);
        region = b.Required(CqcColumns.DirRegion);
        locationId = b.Required(CqcColumns.DirLocationId);
        providerId = b.Required(CqcColumns.DirProviderId);
        b.ThrowIfMissing();
    }

    private static string[] List(string text) => CqcMappings.SplitList(text);

    public bool IsSocialCare(RowCells r) => CqcMappings.HasSocialCareType(List(r.Raw(serviceTypes)));

    public CqcLocation Parse(RowCells r)
    {
        var types = List(r.Raw(serviceTypes));
        var type = CqcMappings.MainServiceType(types);
        return new CqcLocation
        {
            LocationId = r.Required(locationId, 20),
            ProviderId = r.Required(providerId, 20),
            Name = r.Required(name, 300),
            AlsoKnownAs = r.Text(alsoKnownAs, 300),
            Street = r.Text(address, 300),
            Postcode = r.Text(postcode, 10),
            Phone = r.Text(phone, 40),
            Website = r.Text(website, 300),
            // The directory's words ("Homecare agencies") are kept as the CQC service types the other files name.
            CqcServiceTypes = types.Length > 0 ? CqcMappings.CqcServiceTypeNames(types) : null,
            ServiceType = types.Length > 0 ? type : null,
            IsCareHome = types.Length > 0 ? type is ServiceType.CareHomeWithNursing or ServiceType.CareHomeWithoutNursing : null,
            LastCheckedOn = r.Date(lastChecked),
            Specialisms = CqcMappings.Specialisms(List(r.Raw(specialisms))),
            ProviderName = r.Text(providerName, 300),
            LocalAuthority = r.Text(localAuthority, 200),
            Region = r.Text(region, 100),
        };
    }
}

/// <summary>
/// A row of CQC's adult social care market export as a <see cref="CqcLocation"/>, or, when it has an end date, as a
/// <see cref="CqcExit"/> (a location that has left is not written as active).
/// </summary>
internal sealed class MarketExportParser
{
    private readonly int name, id, localAuthority, region, category, serviceTypes, beds, registeredOn, endedOn, dormant,
        rating, published, serviceUsers, safe, effective, caring, responsive, wellLed, providerName, providerId, brandName,
        brandId, phone, website;

    public MarketExportParser(string file, Header h)
    {
        var b = new ColumnBinder(file, h);
        name = b.Required(CqcColumns.LocationName);
        id = b.Required(CqcColumns.LocationId);
        localAuthority = b.Required(CqcColumns.LocalAuthority);
        category = b.Required(CqcColumns.Category);
        serviceTypes = b.Required(CqcColumns.MarketServiceTypes);
        beds = b.Required(CqcColumns.Beds);
        registeredOn = b.Required(CqcColumns.RegisteredOn);
        endedOn = b.Required(CqcColumns.EndedOn);
        dormant = b.Required(CqcColumns.Dormant);
        rating = b.Required(CqcColumns.OverallRating);
        published = b.Required(CqcColumns.PublishedOn);
        serviceUsers = b.Required(CqcColumns.MarketServiceUsers);
        safe = b.Required(CqcColumns.MarketSafe);
        effective = b.Required(CqcColumns.MarketEffective);
        caring = b.Required(CqcColumns.MarketCaring);
        responsive = b.Required(CqcColumns.MarketResponsive);
        wellLed = b.Required(CqcColumns.MarketWellLed);
        providerName = b.Required(CqcColumns.ProviderName);
        providerId = b.Required(CqcColumns.ProviderId);
        brandName = b.Required(CqcColumns.BrandName);
        brandId = b.Required(CqcColumns.BrandId);
        region = ColumnBinder.Optional(h, CqcColumns.MarketRegion);
        phone = ColumnBinder.Optional(h, CqcColumns.Phone);
        website = ColumnBinder.Optional(h, CqcColumns.Website);
        b.ThrowIfMissing();
    }

    public (CqcLocation? Location, CqcExit? Exit) Parse(RowCells r)
    {
        var locationId = r.Required(id, 20);
        var locationName = r.Required(name, 300);
        var provider = r.Required(providerId, 20);
        var words = CqcMappings.SplitList(r.Raw(serviceTypes));
        var types = CqcMappings.CqcServiceTypeNames(words);
        if (string.Join("|", types).Length > 1000) throw r.Error(serviceTypes, "the service types come to more than 1000 characters");
        var registeredBeds = r.WholeNumber(beds);
        var ended = r.Date(endedOn);
        var overall = r.Rating(rating);
        var date = r.Date(published);
        var (s, e, c, re, w) = (r.Rating(safe), r.Rating(effective), r.Rating(caring), r.Rating(responsive), r.Rating(wellLed));
        var isDormant = r.YesNo(dormant);
        var start = r.Date(registeredOn);
        var providerText = r.Text(providerName, 300);
        if (ended is { } endedOnDate)
        {
            return (null, new CqcExit(locationId, endedOnDate, registeredBeds, locationName, provider, providerText));
        }
        CqcRating? latest = null;
        if (overall is { } o)
        {
            if (date is { } d)
            {
                latest = new CqcRating { Overall = o, PublishedOn = d, Safe = s, Effective = e, Caring = c, Responsive = re, WellLed = w };
            }
            else if (o is not (RatingWord.NotRated or RatingWord.NotApplicable))
            {
                throw r.Error(published, $"is empty, but the location has a rating (\"{r.Raw(rating)}\"): a rating needs its publication date");
            }
        }
        var main = CqcMappings.MainServiceType(types);
        return (new CqcLocation
        {
            LocationId = locationId,
            Name = locationName,
            ProviderId = provider,
            ProviderName = providerText,
            BrandId = r.Text(brandId, 20),
            BrandName = r.Text(brandName, 300),
            LocalAuthority = r.Text(localAuthority, 200),
            Region = region >= 0 ? r.Text(region, 100) : null,
            PrimaryInspectionCategory = r.Text(category, 200),
            Phone = phone >= 0 ? r.Text(phone, 40) : null,
            Website = website >= 0 ? r.Text(website, 300) : null,
            CqcServiceTypes = types,
            ServiceType = main,
            IsCareHome = types.Count > 0 ? main is ServiceType.CareHomeWithNursing or ServiceType.CareHomeWithoutNursing : null,
            RegisteredBeds = registeredBeds,
            RegisteredOn = start,
            Dormant = isDormant,
            Specialisms = CqcMappings.Specialisms(CqcMappings.SplitList(r.Raw(serviceUsers))),
            Rating = latest,
        }, null);
    }
}
