namespace CareMarket.Register.CqcFiles;

/// <summary>
/// CQC's words mapped to ours. Pure functions, used by every file kind; the active locations file and the care
/// directory use different words for the same things ("Care home service with nursing" / "Nursing homes"), and
/// both are known here.
/// </summary>
public static class CqcMappings
{
    /// <summary>
    /// The order in which a location's main service type is chosen when CQC lists several. The first that applies wins:
    /// <list type="number">
    /// <item>care home with nursing (a home with nursing usually also has residential beds),</item>
    /// <item>care home without nursing,</item>
    /// <item>extra care housing (extra care schemes are also registered for domiciliary care),</item>
    /// <item>Shared Lives,</item>
    /// <item>homecare (domiciliary care): an agency that also lists supported living is bought as homecare,</item>
    /// <item>supported living, when it is not also a domiciliary care agency,</item>
    /// <item>anything else: <see cref="ServiceType.Other"/> (hospices, community services, health care).</item>
    /// </list>
    /// Every service type CQC lists is kept on the service (<c>CqcServiceTypes</c>), so nothing is lost by choosing one.
    /// </summary>
    public static readonly IReadOnlyList<ServiceType> Precedence =
    [
        ServiceType.CareHomeWithNursing,
        ServiceType.CareHomeWithoutNursing,
        ServiceType.ExtraCareHousing,
        ServiceType.SharedLives,
        ServiceType.Homecare,
        ServiceType.SupportedLiving,
    ];

    private static readonly Dictionary<string, ServiceType> TypeWords = new()
    {
        // Active / deactivated locations: "Service type - …" columns.
        [Key("Care home service with nursing")] = ServiceType.CareHomeWithNursing,
        [Key("Care home service without nursing")] = ServiceType.CareHomeWithoutNursing,
        [Key("Extra Care housing services")] = ServiceType.ExtraCareHousing,
        [Key("Shared Lives")] = ServiceType.SharedLives,
        [Key("Supported living service")] = ServiceType.SupportedLiving,
        [Key("Domiciliary care service")] = ServiceType.Homecare,
        // Care directory: "Service types", separated by "|".
        [Key("Nursing homes")] = ServiceType.CareHomeWithNursing,
        [Key("Nursing home")] = ServiceType.CareHomeWithNursing,
        [Key("Residential homes")] = ServiceType.CareHomeWithoutNursing,
        [Key("Residential home")] = ServiceType.CareHomeWithoutNursing,
        [Key("Extra care housing")] = ServiceType.ExtraCareHousing,
        [Key("Supported living")] = ServiceType.SupportedLiving,
        [Key("Homecare agencies")] = ServiceType.Homecare,
        [Key("Homecare agency")] = ServiceType.Homecare,
        [Key("Home care agencies")] = ServiceType.Homecare,
    };

    private static readonly Dictionary<string, Specialism> Bands = new()
    {
        // Active locations: "Service user band - …" columns (with older editions' names).
        [Key("Dementia")] = Specialism.Dementia,
        [Key("Learning disabilities")] = Specialism.LearningDisability,
        [Key("Learning disability")] = Specialism.LearningDisability,
        [Key("Autism")] = Specialism.Autism,
        [Key("Autistic spectrum disorder")] = Specialism.Autism,
        [Key("Mental health")] = Specialism.MentalHealth,
        [Key("Physical disability")] = Specialism.PhysicalDisability,
        [Key("Sensory impairment")] = Specialism.SensoryImpairment,
        [Key("Substance misuse problems")] = Specialism.SubstanceMisuse,
        [Key("People who misuse drugs and alcohol")] = Specialism.SubstanceMisuse,
        [Key("Older People")] = Specialism.OlderPeople,
        [Key("Younger Adults")] = Specialism.YoungerAdults,
        [Key("Whole Population")] = Specialism.WholePopulation,
        [Key("Eating disorders")] = Specialism.EatingDisorders,
        [Key("People with an eating disorder")] = Specialism.EatingDisorders,
        [Key("End of life care")] = Specialism.EndOfLifeCare,
        // Care directory: "Specialisms/services", separated by "|".
        [Key("Caring for adults over 65 yrs")] = Specialism.OlderPeople,
        [Key("Caring for adults under 65 yrs")] = Specialism.YoungerAdults,
        [Key("Mental health conditions")] = Specialism.MentalHealth,
        [Key("Physical disabilities")] = Specialism.PhysicalDisability,
        [Key("Sensory impairments")] = Specialism.SensoryImpairment,
        [Key("Caring for the whole population")] = Specialism.WholePopulation,
        [Key("Autism")] = Specialism.Autism,
        [Key("Caring for people with autism")] = Specialism.Autism,
        [Key("Eating disorders")] = Specialism.EatingDisorders,
        [Key("End of life care")] = Specialism.EndOfLifeCare,
        [Key("Whole population")] = Specialism.WholePopulation,
    };

    /// <summary>
    /// The main service type of a location from CQC's service types (either vocabulary), by <see cref="Precedence"/>.
    /// Words CareMarket does not use are ignored; a location with none of ours is <see cref="ServiceType.Other"/>.
    /// </summary>
    public static ServiceType MainServiceType(IEnumerable<string> cqcServiceTypes) => MainOf(ServiceTypesOf(cqcServiceTypes));

    /// <summary>The main type of a set of our types, by <see cref="Precedence"/>; <see cref="ServiceType.Other"/> when none applies.</summary>
    public static ServiceType MainOf(ServiceTypes set)
    {
        foreach (var type in Precedence)
        {
            if ((set & ServiceTypeSet.Of(type)) != 0) return type;
        }
        return ServiceType.Other;
    }

    /// <summary>
    /// Every one of our service types among CQC's (either vocabulary: the files' "Service type - …" names, the
    /// directory's and the API's <c>gacServiceTypes</c> names and descriptions). Words CareMarket does not use are
    /// ignored. This is the one mapping every reader uses (files through <see cref="RegisterWriter"/>, the API too).
    /// </summary>
    public static ServiceTypes ServiceTypesOf(IEnumerable<string> cqcServiceTypes)
    {
        var set = ServiceTypes.None;
        foreach (var t in cqcServiceTypes)
        {
            if (TypeWords.TryGetValue(Key(t), out var type)) set |= ServiceTypeSet.Of(type);
        }
        return set;
    }

    /// <summary>
    /// The service types a single assessment framework assessment service group covers (the API's
    /// <c>asgRatings[].name</c>, e.g. "Care Homes"); CQC's service type words are understood too. Null for a group
    /// CareMarket does not know, so the caller can say so rather than guess.
    /// </summary>
    public static ServiceTypes? AssessmentServiceGroupTypes(string? group)
    {
        if (string.IsNullOrWhiteSpace(group)) return null;
        if (AssessmentServiceGroups.TryGetValue(Key(group), out var set)) return set;
        var types = ServiceTypesOf([group]);
        return types == ServiceTypes.None ? null : types;
    }

    private static readonly Dictionary<string, ServiceTypes> AssessmentServiceGroups = new()
    {
        [Key("Care Homes")] = ServiceTypes.CareHomeWithNursing | ServiceTypes.CareHomeWithoutNursing,
        [Key("Care home")] = ServiceTypes.CareHomeWithNursing | ServiceTypes.CareHomeWithoutNursing,
        [Key("Residential and nursing care homes")] = ServiceTypes.CareHomeWithNursing | ServiceTypes.CareHomeWithoutNursing,
        [Key("Homecare")] = ServiceTypes.Homecare,
        [Key("Home care")] = ServiceTypes.Homecare,
        [Key("Supported living")] = ServiceTypes.SupportedLiving,
        [Key("Extra care housing")] = ServiceTypes.ExtraCareHousing,
        [Key("Shared Lives")] = ServiceTypes.SharedLives,
    };

    /// <summary>Specialisms from CQC service user bands or directory specialisms; unknown words are ignored.</summary>
    public static Specialism Specialisms(IEnumerable<string> bands)
    {
        var result = Specialism.None;
        foreach (var b in bands)
        {
            if (Bands.TryGetValue(Key(b), out var s)) result |= s;
        }
        return result;
    }

    /// <summary>Whether "Location Type/Sector" is adult social care ("Social Care Org"). A blank sector counts as social care.</summary>
    public static bool IsSocialCare(string? sector) =>
        string.IsNullOrWhiteSpace(sector) || Key(sector).StartsWith("socialcare", StringComparison.Ordinal);

    /// <summary>
    /// Whether a row of the latest ratings file is adult social care: its sector is social care, its inspection
    /// directorate (when given) is adult social care, and its primary inspection category (when given) is a social
    /// care one ("Residential social care", "Community based adult social care services"). Dentists and GPs rated
    /// "Regulations met", hospitals and the rest are other sectors, skipped and counted.
    /// </summary>
    public static bool IsAdultSocialCare(string? sector, string? directorate, string? category) =>
        IsSocialCare(sector)
        && (string.IsNullOrWhiteSpace(directorate) || Key(directorate) == "adultsocialcare")
        && (string.IsNullOrWhiteSpace(category) || Key(category).Contains("socialcare", StringComparison.Ordinal));

    /// <summary>
    /// A list in one cell, split on every separator CQC uses: "|" in the care directory, "," in the market export
    /// (no CQC service type, service user band or specialism has either in its name).
    /// </summary>
    public static string[] SplitList(string text) =>
        text.Split(['|', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The CQC service type each of CareMarket's types is registered as, in the files' "Service type - …" words.</summary>
    private static readonly Dictionary<ServiceType, string> CqcNames = new()
    {
        [ServiceType.CareHomeWithNursing] = "Care home service with nursing",
        [ServiceType.CareHomeWithoutNursing] = "Care home service without nursing",
        [ServiceType.ExtraCareHousing] = "Extra Care housing services",
        [ServiceType.SharedLives] = "Shared Lives",
        [ServiceType.SupportedLiving] = "Supported living service",
        [ServiceType.Homecare] = "Domiciliary care service",
    };

    /// <summary>
    /// A location's service types in one vocabulary, whichever file gave them: the care directory's words
    /// ("Homecare agencies", "Nursing homes") become the CQC service types the other files and the API name
    /// ("Domiciliary care service", "Care home service with nursing"); words CareMarket does not map are kept as
    /// given, and each type is listed once, in alphabetical order (the order of the files' columns, so that the same
    /// types from two files are the same list).
    /// </summary>
    public static List<string> CqcServiceTypeNames(IEnumerable<string> words)
    {
        var names = new List<string>();
        foreach (var w in words)
        {
            var name = TypeWords.TryGetValue(Key(w), out var type) && CqcNames.TryGetValue(type, out var n) ? n : w.Trim();
            if (name.Length > 0 && !names.Contains(name, StringComparer.OrdinalIgnoreCase)) names.Add(name);
        }
        names.Sort(StringComparer.OrdinalIgnoreCase);
        return names;
    }

    /// <summary>Whether any of a location's service types is one of the social care types CareMarket knows.</summary>
    public static bool HasSocialCareType(IEnumerable<string> cqcServiceTypes) =>
        cqcServiceTypes.Any(t => TypeWords.ContainsKey(Key(t)));

    /// <summary>Letters and digits only, lower case: how CQC words are compared (as column names are).</summary>
    internal static string Key(string text) => Files.TextKey.Of(text);
}
