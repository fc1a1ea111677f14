using System.Globalization;
using System.Text.Json;
using CareMarket.Register.CqcFiles;

namespace CareMarket.Register.CqcApi;

/// <summary>
/// A location as the API gave it, in our words, with what the API says of its registration (deregistered when,
/// carried on by which location) and what was odd.
/// </summary>
public sealed record MappedLocation(CqcLocation Location, string? RegistrationStatus, IReadOnlyList<string> Warnings)
{
    /// <summary>CQC lists the location as deregistered: it leaves the active register.</summary>
    public bool IsDeregistered => string.Equals(RegistrationStatus, "Deregistered", StringComparison.OrdinalIgnoreCase);
    public DateOnly? DeregisteredOn { get; init; }
    /// <summary>The location CQC names as this one's successor (relationships[], "HSCA Successor"), with CQC's reason.</summary>
    public CqcRelationship? Successor { get; init; }
    /// <summary>Locations CQC names as this one's predecessors ("HSCA Predecessor").</summary>
    public IReadOnlyList<CqcRelationship> Predecessors { get; init; } = [];

    /// <summary>The exit a deregistered location makes; null while it is registered, or when CQC gives no date.</summary>
    public CqcExit? Exit => IsDeregistered && DeregisteredOn is { } on
        ? new CqcExit(Location.LocationId, on, Location.RegisteredBeds, Location.Name, Location.ProviderId,
            SuccessorLocationId: Successor?.LocationId, Reason: Successor?.Reason ?? "Deregistered")
        : null;
}

/// <summary>One of CQC's links between locations: the other location's id and CQC's reason ("Location Changed Provider").</summary>
public sealed record CqcRelationship(string LocationId, string? Reason);

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
        var mainType = ServiceTypeOf(api.GacServiceTypes, YesNo(api.CareHome));
        var (current, history) = Ratings(api, warnings, mainType);
        var deregistered = string.Equals(api.RegistrationStatus, "Deregistered", StringComparison.OrdinalIgnoreCase);
        var gacNames = api.GacServiceTypes?.Select(t => t.Name?.Trim()).OfType<string>().Where(n => n.Length > 0).ToList();

        var location = new CqcLocation
        {
            LocationId = api.LocationId.Trim(),
            ProviderId = api.ProviderId.Trim(),
            Name = api.Name.Trim(),
            BrandId = Blank(api.BrandId),
            BrandName = Blank(api.BrandName),
            ServiceType = mainType,
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
            Registered = deregistered ? false
                : string.Equals(api.RegistrationStatus?.Trim(), "Registered", StringComparison.OrdinalIgnoreCase) ? true : null,
            LastCheckedOn = Date(api.LastInspection?.Date),
            Rating = current,
            History = history,
        };
        var (successor, predecessors) = Relationships(api, warnings);
        var deregisteredOn = Date(api.DeregistrationDate);
        if (deregistered && deregisteredOn is null)
        {
            warnings.Add($"{location.LocationId}: deregistered, but deregistrationDate \"{api.DeregistrationDate}\" is not a date; its exit is not recorded.");
        }
        return new MappedLocation(location, Blank(api.RegistrationStatus), warnings)
        {
            DeregisteredOn = deregisteredOn, Successor = successor, Predecessors = predecessors,
        };
    }

    /// <summary>
    /// The successor and predecessors CQC names in relationships[] (type "HSCA Successor" / "HSCA Predecessor", in
    /// any case). Two successors cannot be told apart: the first is taken, with a warning.
    /// </summary>
    internal static (CqcRelationship? Successor, IReadOnlyList<CqcRelationship> Predecessors) Relationships(ApiLocation api,
        List<string> warnings)
    {
        var successors = new List<CqcRelationship>();
        var predecessors = new List<CqcRelationship>();
        foreach (var r in api.Relationships ?? [])
        {
            if (Blank(r.RelatedLocationId) is not { } id) continue;
            var type = Key(r.Type);
            if (type.Contains("successor", StringComparison.Ordinal)) successors.Add(new CqcRelationship(id, Blank(r.Reason)));
            else if (type.Contains("predecessor", StringComparison.Ordinal)) predecessors.Add(new CqcRelationship(id, Blank(r.Reason)));
        }
        if (successors.Count > 1)
        {
            warnings.Add($"{api.LocationId}: CQC names {successors.Count} successors ({string.Join(", ", successors.Select(x => x.LocationId))}); the first keeps the history.");
        }
        return (successors.FirstOrDefault(), predecessors);
    }

    public static ProviderInfo? Map(ApiProvider api) =>
        string.IsNullOrWhiteSpace(api.ProviderId) || string.IsNullOrWhiteSpace(api.Name)
            ? null
            : new ProviderInfo(api.ProviderId.Trim(), api.Name.Trim(), Blank(api.BrandId), Blank(api.BrandName),
                (api.LocationIds ?? []).Where(id => !string.IsNullOrWhiteSpace(id)).ToList(),
                Street(api.PostalAddressLine1, api.PostalAddressLine2), Blank(api.PostalAddressTownCity),
                Blank(api.PostalCode), Blank(api.RegistrationStatus));

    /// <summary>
    /// Every published rating the record gives: currentRatings and historicRatings (of the whole location), and the
    /// single assessment framework's assessment[] (one rating per assessment service group, dated by the plan's
    /// publication). One per publication date and group. The current one is <see cref="RatingHistory.Current(IEnumerable{CqcRating}, ServiceType?)"/>'s
    /// (the latest of either shape); the rest are history, newest first. A rating whose overall word is unknown or
    /// whose date is missing is skipped with a warning; an unknown key-question word leaves that key question empty,
    /// with a warning.
    /// </summary>
    internal static (CqcRating? Current, IReadOnlyList<CqcRating>? History) Ratings(ApiLocation api, List<string> warnings,
        ServiceType? main = null)
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
            foreach (var r in FromAssessment(a, id, warnings)) Add(found, r);
        }
        if (found.Count == 0) return (null, null);
        var current = RatingHistory.Current(found, main)!;
        return (current, found.Where(r => !ReferenceEquals(r, current)).OrderByDescending(r => r.PublishedOn).ToList());
    }

    /// <summary>One rating per date and group: the first seen wins (current before historic), the others fill its gaps.</summary>
    private static void Add(List<CqcRating> found, CqcRating? rating)
    {
        if (rating is null) return;
        var i = found.FindIndex(r => r.PublishedOn == rating.PublishedOn && r.ServiceGroup == rating.ServiceGroup);
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
            (overall.KeyQuestionRatings ?? []).Select(k => (k.Name, k.Rating, (JsonElement?)null)), id, where, warnings);
    }

    /// <summary>
    /// The ratings of one assessment plan: each asgRatings[] item is the rating of one assessment service group, with
    /// its key questions and their percentage scores; an overall[] item with a rating (CQC leaves it empty for adult
    /// social care) is a rating of the whole location. Drafts are not published and are skipped.
    /// </summary>
    private static IEnumerable<CqcRating> FromAssessment(ApiAssessment a, string? id, List<string> warnings)
    {
        var given = (a.Ratings?.AsgRatings ?? []).Select(r => (Rating: r, Group: Blank(r.Name)))
            .Concat((a.Ratings?.Overall ?? []).Select(r => (Rating: r, Group: (string?)"")))
            .Where(x => !string.IsNullOrWhiteSpace(x.Rating.Rating))
            .ToList();
        if (given.Count == 0) yield break;
        var published = DateOfTimestamp(a.AssessmentPlanPublishedDateTime);
        foreach (var (r, group) in given)
        {
            var where = $"assessment {a.AssessmentPlanId ?? a.Title ?? "(no plan id)"} {(group is "" ? "overall" : $"\"{group}\"")}";
            if (!IsPublished(r.Status, id, where, warnings)) continue;
            if (group is null)
            {
                warnings.Add($"{id}: {where} rating \"{r.Rating}\" names no assessment service group; skipped.");
                continue;
            }
            if (published is null)
            {
                warnings.Add($"{id}: {where} rating \"{r.Rating}\" has no publication date (assessmentPlanPublishedDateTime \"{a.AssessmentPlanPublishedDateTime}\"); skipped.");
                continue;
            }
            if (!RatingWords.TryParse(r.Rating, out var word))
            {
                warnings.Add($"{id}: {where} rating \"{r.Rating}\" of {published:yyyy-MM-dd} is not a CQC rating word; skipped.");
                continue;
            }
            var types = ServiceTypes.None;
            if (group != "")
            {
                if (CqcMappings.AssessmentServiceGroupTypes(group) is { } covered) types = covered;
                else warnings.Add($"{id}: {where}: assessment service group \"{group}\" is not one CareMarket knows; the rating is kept, for no service type.");
            }
            yield return WithKeyQuestions(new CqcRating
            {
                PublishedOn = published.Value, Overall = word, ServiceGroup = group, ServiceTypes = types,
                AssessedOn = Date(r.AssessmentDate), AssessmentPlanId = Blank(a.AssessmentPlanId),
                AssessmentPlanTitle = Blank(a.Title), AssessmentPlanStatus = Blank(a.AssessmentPlanStatus),
            }, (r.KeyQuestionRatings ?? []).Select(k => (k.Name, k.Rating, k.PercentageScore)), id, where, warnings);
        }
    }

    /// <summary>
    /// Whether a rating's status means published: "Current" (the single assessment framework's word), "Published",
    /// an earlier one kept as history, or none (the older shape has none). A draft is not; another word is warned about.
    /// </summary>
    private static bool IsPublished(string? status, string? id, string where, List<string> warnings)
    {
        switch (Key(status))
        {
            case "" or "current" or "published" or "historic" or "historical" or "previous" or "superseded" or "archived":
                return true;
            case "draft" or "unpublished" or "inprogress" or "pending":
                return false;
            default:
                warnings.Add($"{id}: {where} has status \"{status}\", which is not a published one CareMarket knows; skipped.");
                return false;
        }
    }

    private static CqcRating WithKeyQuestions(CqcRating rating, IEnumerable<(string? Name, string? Word, JsonElement? Score)> questions,
        string? id, string where, List<string> warnings)
    {
        foreach (var (name, text, scoreGiven) in questions)
        {
            var question = KeyQuestionOf(name);
            if (question is null) continue;
            if (scoreGiven is { } given && Score(given) is var (ok, score))
            {
                if (!ok) warnings.Add($"{id}: {where} {name} percentage score {given.GetRawText()} is not a percentage; left empty.");
                else if (score is { } pc)
                {
                    rating = question switch
                    {
                        KeyQuestion.Safe => rating with { SafeScore = pc },
                        KeyQuestion.Effective => rating with { EffectiveScore = pc },
                        KeyQuestion.Caring => rating with { CaringScore = pc },
                        KeyQuestion.Responsive => rating with { ResponsiveScore = pc },
                        _ => rating with { WellLedScore = pc },
                    };
                }
            }
            if (string.IsNullOrWhiteSpace(text)) continue;
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

    /// <summary>A percentage score as a number or text ("75", "75%"); (true, null) when absent, (false, null) when unreadable.</summary>
    internal static (bool Ok, decimal? Score) Score(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return (true, null);
            case JsonValueKind.Number when value.TryGetDecimal(out var n) && n is >= 0 and <= 100:
                return (true, n);
            case JsonValueKind.String:
                var text = (value.GetString() ?? "").Trim().TrimEnd('%').Trim();
                if (text.Length == 0) return (true, null);
                if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var t) && t is >= 0 and <= 100) return (true, t);
                break;
        }
        return (false, null);
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
