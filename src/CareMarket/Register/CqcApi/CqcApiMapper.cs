using System.Globalization;
using CareMarket.Register.CqcFiles;

namespace CareMarket.Register.CqcApi;

/// <summary>A location as the API gave it, in our words, with what the API says of its registration and what was odd.</summary>
public sealed record MappedLocation(CqcLocation Location, string? RegistrationStatus, IReadOnlyList<string> Warnings)
{
    /// <summary>CQC lists the location as deregistered. The register's exits come from the deactivated-locations file.</summary>
    public bool IsDeregistered => string.Equals(RegistrationStatus, "Deregistered", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Pure functions from the CQC API's JSON to our records. No I/O: everything here is unit tested on its own.
/// </summary>
internal static class CqcApiMapper
{
    /// <summary>Maps a full location. Returns null when the record lacks what every location has (ids, name).</summary>
    public static MappedLocation? Map(ApiLocation api)
    {
        if (string.IsNullOrWhiteSpace(api.LocationId) || string.IsNullOrWhiteSpace(api.ProviderId)
            || string.IsNullOrWhiteSpace(api.Name))
        {
            return null;
        }
        var warnings = new List<string>();
        var (current, history) = Ratings(api, warnings);
        var deregistered = string.Equals(api.RegistrationStatus, "Deregistered", StringComparison.OrdinalIgnoreCase);
        var gacNames = api.GacServiceTypes?.Select(t => t.Name?.Trim()).OfType<string>().Where(n => n.Length > 0).ToList();

        var location = new CqcLocation
        {
            LocationId = api.LocationId.Trim(),
            ProviderId = api.ProviderId.Trim(),
            Name = api.Name.Trim(),
            BrandId = Blank(api.BrandId),
            BrandName = Blank(api.BrandName),
            ServiceType = ServiceTypeOf(api.GacServiceTypes, YesNo(api.CareHome)),
            CqcServiceTypes = gacNames,
            RegulatedActivities = api.RegulatedActivities?.Select(a => a.Name?.Trim()).OfType<string>()
                .Where(n => n.Length > 0).ToList(),
            Specialisms = api.Specialisms is null ? null : SpecialismsOf(api.Specialisms.Select(s => s.Name)),
            Street = Street(api.PostalAddressLine1, api.PostalAddressLine2),
            City = Blank(api.PostalAddressTownCity),
            Postcode = Blank(api.PostalCode),
            Latitude = api.OnspdLatitude,
            Longitude = api.OnspdLongitude,
            Phone = Blank(api.MainPhoneNumber),
            Website = Blank(api.Website),
            LocalAuthority = Blank(api.LocalAuthority),
            Region = Blank(api.Region),
            IsCareHome = YesNo(api.CareHome),
            RegisteredBeds = api.NumberOfBeds,
            InspectionDirectorate = Blank(api.InspectionDirectorate),
            PrimaryInspectionCategory = Blank((api.InspectionCategories?.FirstOrDefault(c => c.Primary == true)
                ?? (api.InspectionCategories?.Count == 1 ? api.InspectionCategories[0] : null))?.Name),
            RegisteredOn = Date(api.RegistrationDate),
            // The writer takes a non-null dormancy as "listed as active": a deregistered location must not say so,
            // or it would bring back a service the deactivated-locations file took out.
            Dormant = deregistered ? null : YesNo(api.Dormancy),
            LastCheckedOn = Date(api.LastInspection?.Date),
            Rating = current,
            History = history,
        };
        return new MappedLocation(location, Blank(api.RegistrationStatus), warnings);
    }

    public static ProviderInfo? Map(ApiProvider api) =>
        string.IsNullOrWhiteSpace(api.ProviderId) || string.IsNullOrWhiteSpace(api.Name)
            ? null
            : new ProviderInfo(api.ProviderId.Trim(), api.Name.Trim(), Blank(api.BrandId), Blank(api.BrandName),
                (api.LocationIds ?? []).Where(id => !string.IsNullOrWhiteSpace(id)).ToList(),
                Street(api.PostalAddressLine1, api.PostalAddressLine2), Blank(api.PostalAddressTownCity),
                Blank(api.PostalCode), Blank(api.RegistrationStatus));

    /// <summary>
    /// Every published rating the record gives (currentRatings, historicRatings, and the newer assessment[] shape),
    /// one per publication date. The latest is the current rating; the rest are history, newest first.
    /// A rating whose overall word is unknown or whose date is missing is skipped with a warning; an unknown
    /// key-question word leaves that key question empty, with a warning.
    /// </summary>
    internal static (CqcRating? Current, IReadOnlyList<CqcRating>? History) Ratings(ApiLocation api, List<string> warnings)
    {
        var found = new List<CqcRating>();
        var id = api.LocationId;
        if (api.CurrentRatings?.Overall is { } overall && !string.IsNullOrWhiteSpace(overall.Rating))
        {
            Add(found, FromOverall(overall, overall.ReportDate ?? api.CurrentRatings.ReportDate, id, "currentRatings", warnings));
        }
        foreach (var h in api.HistoricRatings ?? [])
        {
            if (h.Overall is { } o && !string.IsNullOrWhiteSpace(o.Rating))
            {
                Add(found, FromOverall(o, h.ReportDate ?? o.ReportDate, id, "historicRatings", warnings));
            }
        }
        foreach (var a in api.Assessment ?? [])
        {
            Add(found, FromAssessment(a, id, warnings));
        }
        if (found.Count == 0) return (null, null);
        var ordered = found.OrderByDescending(r => r.PublishedOn).ToList();
        return (ordered[0], ordered.Skip(1).ToList());
    }

    /// <summary>One rating per date: the first seen wins (current before historic), the others fill its gaps.</summary>
    private static void Add(List<CqcRating> found, CqcRating? rating)
    {
        if (rating is null) return;
        var i = found.FindIndex(r => r.PublishedOn == rating.PublishedOn);
        if (i < 0) { found.Add(rating); return; }
        var held = found[i];
        found[i] = held with
        {
            Safe = held.Safe ?? rating.Safe,
            Effective = held.Effective ?? rating.Effective,
            Caring = held.Caring ?? rating.Caring,
            Responsive = held.Responsive ?? rating.Responsive,
            WellLed = held.WellLed ?? rating.WellLed,
        };
    }

    private static CqcRating? FromOverall(ApiOverallRating overall, string? date, string? id, string where, List<string> warnings)
    {
        var published = Date(date);
        if (published is null)
        {
            warnings.Add($"{id}: {where} rating \"{overall.Rating}\" has no report date; skipped.");
            return null;
        }
        if (!RatingWords.TryParse(overall.Rating, out var word))
        {
            warnings.Add($"{id}: {where} overall rating \"{overall.Rating}\" of {published:yyyy-MM-dd} is not a CQC rating word; skipped.");
            return null;
        }
        return WithKeyQuestions(new CqcRating { PublishedOn = published.Value, Overall = word },
            (overall.KeyQuestionRatings ?? []).Select(k => (k.Name, k.Rating)), id, where, warnings);
    }

    private static CqcRating? FromAssessment(ApiAssessment a, string? id, List<string> warnings)
    {
        var overall = a.Ratings?.Overall?.FirstOrDefault(r => !string.IsNullOrWhiteSpace(r.Rating) && IsPublished(r.Status));
        if (overall is null) return null;
        var published = DateOfTimestamp(a.AssessmentPlanPublishedDateTime);
        if (published is null)
        {
            warnings.Add($"{id}: assessment rating \"{overall.Rating}\" has no publication date; skipped.");
            return null;
        }
        if (!RatingWords.TryParse(overall.Rating, out var word))
        {
            warnings.Add($"{id}: assessment overall rating \"{overall.Rating}\" of {published:yyyy-MM-dd} is not a CQC rating word; skipped.");
            return null;
        }
        return WithKeyQuestions(new CqcRating { PublishedOn = published.Value, Overall = word },
            (a.Ratings?.AsgRatings ?? []).Where(r => IsPublished(r.Status)).Select(r => (r.Name, r.Rating)), id,
            "assessment", warnings);
    }

    /// <summary>Ratings with no status are taken as published (the older shape has none).</summary>
    private static bool IsPublished(string? status) =>
        string.IsNullOrWhiteSpace(status) || status.Trim().Equals("Published", StringComparison.OrdinalIgnoreCase);

    private static CqcRating WithKeyQuestions(CqcRating rating, IEnumerable<(string? Name, string? Word)> questions,
        string? id, string where, List<string> warnings)
    {
        foreach (var (name, text) in questions)
        {
            var question = KeyQuestionOf(name);
            if (question is null || string.IsNullOrWhiteSpace(text)) continue;
            if (!RatingWords.TryParse(text, out var word))
            {
                warnings.Add($"{id}: {where} {name} rating \"{text}\" of {rating.PublishedOn:yyyy-MM-dd} is not a CQC rating word; left empty.");
                continue;
            }
            rating = question switch
            {
                KeyQuestion.Safe => rating with { Safe = word },
                KeyQuestion.Effective => rating with { Effective = word },
                KeyQuestion.Caring => rating with { Caring = word },
                KeyQuestion.Responsive => rating with { Responsive = word },
                _ => rating with { WellLed = word },
            };
        }
        return rating;
    }

    /// <summary>"Safe", "Effective", "Caring", "Responsive", "Well-led" (any case, with or without the hyphen).</summary>
    internal static KeyQuestion? KeyQuestionOf(string? name) =>
        new string((name ?? "").Where(char.IsLetter).ToArray()).ToLowerInvariant() switch
        {
            "safe" => KeyQuestion.Safe,
            "effective" => KeyQuestion.Effective,
            "caring" => KeyQuestion.Caring,
            "responsive" => KeyQuestion.Responsive,
            "wellled" => KeyQuestion.WellLed,
            _ => null,
        };

    /// <summary>
    /// The main service type from the API's service types. The API uses the care directory's words ("Nursing homes",
    /// "Homecare agencies"); the mapping and its precedence are <see cref="CqcMappings"/>'s, so a location gets the same
    /// type whether it came from a file or the API. A location with no service types says nothing (null), unless CQC
    /// marks it a care home.
    /// </summary>
    internal static ServiceType? ServiceTypeOf(IEnumerable<ApiServiceType>? types, bool? careHome = null)
    {
        var words = (types ?? []).SelectMany(t => new[] { t.Name, t.Description }).OfType<string>().Where(w => w.Trim().Length > 0).ToList();
        if (words.Count == 0) return careHome == true ? ServiceType.CareHomeWithoutNursing : null;
        var type = CqcMappings.MainServiceType(words);
        return type == ServiceType.Other && careHome == true ? ServiceType.CareHomeWithoutNursing : type;
    }

    /// <summary>CQC specialism names ("Dementia", "Caring for adults over 65 yrs", …) as our flags, by <see cref="CqcMappings"/>.</summary>
    internal static Specialism SpecialismsOf(IEnumerable<string?> names) =>
        CqcMappings.Specialisms(names.OfType<string>());

    private static string Key(string? text) => new string((text ?? "").Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool? YesNo(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "Y" or "YES" or "TRUE" => true,
        "N" or "NO" or "FALSE" => false,
        _ => null,
    };

    private static string? Street(string? line1, string? line2) =>
        Blank(string.Join(", ", new[] { line1, line2 }.Select(Blank).OfType<string>()));

    internal static DateOnly? Date(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        return DateOfTimestamp(t);
    }

    /// <summary>The calendar date as written in the timestamp ("2024-05-02T09:15:00Z" → 2024-05-02).</summary>
    internal static DateOnly? DateOfTimestamp(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? DateOnly.FromDateTime(t.DateTime)
            : null;
}
