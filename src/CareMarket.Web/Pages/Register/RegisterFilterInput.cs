using CareMarket.Register;

namespace CareMarket.Web.Pages.Register;

/// <summary>The register's filters as query-string parameters, bound by the API and by the register page alike.</summary>
public sealed class RegisterFilterInput
{
    public string? Search { get; set; }
    public RegisterScope? Scope { get; set; }
    /// <summary>Services registered for this type, as their main type or another (a service counts under every type it has).</summary>
    public ServiceType? ServiceType { get; set; }
    /// <summary>true: only services CQC marks dormant; false: only those it does not.</summary>
    public bool? Dormant { get; set; }
    public Specialism? Specialism { get; set; }
    public int? AreaId { get; set; }
    public int? ProviderId { get; set; }
    public int? MinBeds { get; set; }
    public int? MaxBeds { get; set; }
    /// <summary>A contract arrangement, or "none" for services the council has no contract with.</summary>
    public string? Arrangement { get; set; }
    /// <summary>active (default), exited or all.</summary>
    public string? Status { get; set; }
    /// <summary>true: only services suspended or embargoed now; false: only those that are not.</summary>
    public bool? Suspended { get; set; }
    /// <summary>A rating word, or "not-yet-rated".</summary>
    public string? Overall { get; set; }
    public RatingWord? Safe { get; set; }
    public RatingWord? Effective { get; set; }
    public RatingWord? Caring { get; set; }
    public RatingWord? Responsive { get; set; }
    public RatingWord? WellLed { get; set; }
    public RegisterSort? Sort { get; set; }
    public int? Page { get; set; }
    public int? PageSize { get; set; }

    public RegisterFilter ToFilter() => new()
    {
        Search = Search,
        Scope = Scope ?? RegisterScope.OurArea,
        ServiceType = ServiceType,
        Dormant = Dormant,
        Specialism = Specialism,
        AreaId = AreaId,
        ProviderId = ProviderId,
        MinBeds = MinBeds,
        MaxBeds = MaxBeds,
        NoContract = Arrangement == "none",
        Arrangement = Enum.TryParse<ContractArrangement>(Arrangement, true, out var a) ? a : null,
        Status = Status switch
        {
            "all" => null,
            "exited" => ServiceStatus.Exited,
            _ => ServiceStatus.Active,
        },
        Suspended = Suspended,
        NotYetRated = Overall == "not-yet-rated",
        Overall = Enum.TryParse<RatingWord>(Overall, true, out var o) ? o : null,
        Safe = Safe,
        Effective = Effective,
        Caring = Caring,
        Responsive = Responsive,
        WellLed = WellLed,
        Sort = Sort ?? RegisterSort.Name,
        Page = Page ?? 1,
        PageSize = PageSize ?? 50,
    };

    /// <summary>Every filter that is set, to carry into paging, sorting and export links.</summary>
    public Dictionary<string, string> ToRouteValues()
    {
        var values = new Dictionary<string, string>();
        void Add(string key, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } text) values[key] = text;
        }
        Add("search", Search); Add("scope", Scope); Add("serviceType", ServiceType); Add("specialism", Specialism);
        Add("areaId", AreaId); Add("providerId", ProviderId); Add("minBeds", MinBeds); Add("maxBeds", MaxBeds);
        Add("arrangement", Arrangement); Add("status", Status); Add("suspended", Suspended?.ToString().ToLowerInvariant()); Add("dormant", Dormant?.ToString().ToLowerInvariant()); Add("overall", Overall); Add("safe", Safe);
        Add("effective", Effective); Add("caring", Caring); Add("responsive", Responsive); Add("wellLed", WellLed);
        Add("sort", Sort);
        return values;
    }
}
