namespace CareMarket.Register;

/// <summary>
/// A CQC location as read from any source (the active locations file, the care directory, the CQC API), in our words.
/// Every source fills what it knows; null means "this source does not say", never "clear it".
/// </summary>
public sealed record CqcLocation
{
    public required string LocationId { get; init; }
    public required string ProviderId { get; init; }
    public string? ProviderName { get; init; }
    public string? BrandId { get; init; }
    public string? BrandName { get; init; }
    public required string Name { get; init; }
    public string? AlsoKnownAs { get; init; }
    public ServiceType? ServiceType { get; init; }
    public IReadOnlyList<string>? CqcServiceTypes { get; init; }
    public IReadOnlyList<string>? RegulatedActivities { get; init; }
    public Specialism? Specialisms { get; init; }
    public string? Street { get; init; }
    public string? City { get; init; }
    public string? Postcode { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? Phone { get; init; }
    public string? Website { get; init; }
    public string? LocalAuthority { get; init; }
    public string? Region { get; init; }
    public bool? IsCareHome { get; init; }
    public int? RegisteredBeds { get; init; }
    public string? InspectionDirectorate { get; init; }
    public string? PrimaryInspectionCategory { get; init; }
    public DateOnly? RegisteredOn { get; init; }
    public bool? Dormant { get; init; }
    /// <summary>False when the source says CQC has deregistered the location (the API's registrationStatus); the
    /// service then leaves the active register, and its exit (with its date) comes as a <see cref="CqcExit"/>.</summary>
    public bool? Registered { get; init; }
    public DateOnly? LastCheckedOn { get; init; }
    /// <summary>The latest published rating the source gives, if any.</summary>
    public CqcRating? Rating { get; init; }
    /// <summary>Earlier ratings the source gives (the API's historicRatings).</summary>
    public IReadOnlyList<CqcRating>? History { get; init; }
}

/// <summary>
/// One published rating: overall and, where the source gives them, the five key questions. A single assessment
/// framework rating is of one assessment service group (<see cref="ServiceGroup"/>) and carries its plan and scores;
/// any other is of the location as a whole (group "").
/// </summary>
public sealed record CqcRating
{
    public required DateOnly PublishedOn { get; init; }
    /// <summary>CQC's assessment service group ("Care Homes"); "" for a rating of the whole location.</summary>
    public string ServiceGroup { get; init; } = "";
    /// <summary>The service types the group covers (none for the whole location).</summary>
    public ServiceTypes ServiceTypes { get; init; }
    public DateOnly? AssessedOn { get; init; }
    public string? AssessmentPlanId { get; init; }
    public string? AssessmentPlanTitle { get; init; }
    public string? AssessmentPlanStatus { get; init; }
    public decimal? SafeScore { get; init; }
    public decimal? EffectiveScore { get; init; }
    public decimal? CaringScore { get; init; }
    public decimal? ResponsiveScore { get; init; }
    public decimal? WellLedScore { get; init; }
    public required RatingWord Overall { get; init; }
    public RatingWord? Safe { get; init; }
    public RatingWord? Effective { get; init; }
    public RatingWord? Caring { get; init; }
    public RatingWord? Responsive { get; init; }
    public RatingWord? WellLed { get; init; }
    public bool Inherited { get; init; }
}

/// <summary>
/// A location CQC has deregistered: it leaves the active register, and the exit is recorded. With a successor (a new
/// provider re-registering the same service as a new location) it is a change of provider, not a closure, and the
/// successor keeps the history.
/// </summary>
public sealed record CqcExit(string LocationId, DateOnly EndedOn, int? BedsAtExit, string? Name = null,
    string? ProviderId = null, string? ProviderName = null, string? SuccessorLocationId = null, string? Reason = null)
{
    public ExitKind Kind => SuccessorLocationId is null ? ExitKind.Closed : ExitKind.ChangedProvider;
}

/// <summary>What an import or sync changed.</summary>
public sealed record ImportCounts(int Rows, int Added, int Updated, int Unchanged)
{
    public static readonly ImportCounts None = new(0, 0, 0, 0);
    public ImportCounts Plus(ImportCounts o) => new(Rows + o.Rows, Added + o.Added, Updated + o.Updated, Unchanged + o.Unchanged);
}
