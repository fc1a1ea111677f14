using CareMarket.Admin;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Placements;
using CareMarket.Quality.Restrictions;
using CareMarket.Register;
using Microsoft.EntityFrameworkCore;

namespace CareMarket.Brokerage;

/// <summary>What a broker enters to source care for a person.</summary>
public sealed record NewCareRequest
{
    public required string PersonReference { get; init; }
    public AgeBand AgeBand { get; init; }
    public SupportReason SupportReason { get; init; }
    public int? HomeAreaId { get; init; }
    /// <summary>The person's postcode: only its district is kept, and only the district is shown to providers.</summary>
    public string? Postcode { get; init; }
    public ServiceType ServiceType { get; init; }
    public IReadOnlyList<ServiceType> AlsoAcceptable { get; init; } = [];
    public Specialism Specialisms { get; init; }
    public BedCategory? BedCategory { get; init; }
    public decimal? HoursPerWeek { get; init; }
    public IReadOnlyList<TimeBand> TimeBands { get; init; } = [];
    public int? PreferredAreaId { get; init; }
    public double? MaxDistanceKm { get; init; }
    public DateOnly WantedStart { get; init; }
    public Priority Priority { get; init; }
    public string? Preferences { get; init; }
}

/// <summary>A request in the queue, with its timescale clock (paused while on hold; no due time then).</summary>
public sealed record QueueRow(int Id, string PersonReference, ServiceType ServiceType, Priority Priority, RequestStatus Status,
    DateTime CreatedAt, DateOnly WantedStart, string? PostcodeDistrict, int Invited, int Offers, double WorkingDaysWaiting,
    int TargetWorkingDays, bool Breached, InterimArrangement Interim, bool Paused, DateTime? DueBy, bool WaitingForCapacity,
    int? CouldMeetNow);

/// <summary>One line of a request's story: a change of status, when, by whom and why.</summary>
public sealed record StatusChangeRow(DateTime At, RequestStatus? From, RequestStatus To, string By, HoldReason? HoldReason, CancelReason? CancelReason, string? Details);

/// <summary>A request's clock now and the status changes it was read from, oldest first.</summary>
public sealed record RequestStory(RequestClock Clock, IReadOnlyList<StatusChangeRow> History);

/// <summary>
/// Care requests through their life: created by a broker, sent to eligible providers, answered with offers, awarded.
/// Every step is refused with a reason when it does not fit; the award is safe when two brokers act at once.
/// </summary>
public sealed class CareRequests(CareMarketDb db)
{
    /// <summary>The service types brokerage sources: those with beds or hours to place into.</summary>
    public static readonly IReadOnlyList<ServiceType> SourcedTypes =
        Enum.GetValues<ServiceType>().Where(t => CapacityReports.KindOf(false, t) != CapacityKind.None).ToList();

    /// <summary>
    /// The council's requests (by default those not yet sourced), oldest first, each with working days waiting against
    /// its target (a sourced request: until it was sourced).
    /// </summary>
    public async Task<List<QueueRow>> QueueAsync(string? status = null, CancellationToken ct = default)
    {
        var q = db.CareRequests.AsNoTracking();
        q = status switch
        {
            "all" => q,
            "sourced" => q.Where(r => r.Status == RequestStatus.Sourced),
            _ => q.Where(r => r.Status == RequestStatus.Open || r.Status == RequestStatus.SentToProviders || r.Status == RequestStatus.OnHold),
        };
        q = q.OrderBy(r => r.CreatedAt).Take(500);
        var rows = await q.Select(r => new
        {
            r.Id, r.Person!.Reference, r.ServiceType, r.Priority, r.Status, r.CreatedAt, r.SourcedAt, r.WantedStart, r.PostcodeDistrict, r.Interim, r.WaitedForCapacity,
            Invited = db.Invitations.Count(i => i.CareRequestId == r.Id), Offers = db.Offers.Count(o => o.CareRequestId == r.Id),
        }).ToListAsync(ct);
        var history = await ClockHistoryAsync(db, q.Select(r => r.Id), ct);
        var settings = await new Settings(db).TimescalesAsync(ct);
        var now = db.Now;
        // The capacity that could meet each request still to be sourced: services eligible for it with room now.
        var couldMeet = await new Matching(db).CouldMeetNowAsync(
            rows.Where(r => r.Status is RequestStatus.Open or RequestStatus.SentToProviders or RequestStatus.OnHold).Select(r => r.Id).ToList(), ct);
        return rows.Select(r =>
        {
            var clock = ClockOf(r.CreatedAt, r.SourcedAt, r.Status, settings.TargetFor(r.ServiceType, r.Priority), history[r.Id], now);
            return new QueueRow(r.Id, r.Reference, r.ServiceType, r.Priority, r.Status, r.CreatedAt, r.WantedStart, r.PostcodeDistrict,
                r.Invited, r.Offers, Math.Round(clock.WorkingDaysElapsed, 1), clock.TargetWorkingDays, clock.Breached, r.Interim, clock.Paused, clock.DueBy,
                r.WaitedForCapacity, couldMeet.TryGetValue(r.Id, out var n) ? n : null);
        }).ToList();
    }

    /// <summary>A request's clock now, against the council's target, and its status history; null if the actor cannot see it.</summary>
    public async Task<RequestStory?> StoryAsync(int requestId, CancellationToken ct = default)
    {
        var r = db.SeesCouncilRecords ? await db.CareRequests.AsNoTracking().FirstOrDefaultAsync(x => x.Id == requestId, ct) : null;
        if (r is null) return null;
        var history = await db.RequestStatusChanges.AsNoTracking().Where(c => c.CareRequestId == requestId)
            .OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(ct);
        var settings = await new Settings(db).TimescalesAsync(ct);
        var clock = ClockOf(r.CreatedAt, r.SourcedAt, r.Status, settings.TargetFor(r.ServiceType, r.Priority), history, db.Now);
        return new RequestStory(clock, history.Select(c => new StatusChangeRow(c.At, c.From, c.To, c.By, c.HoldReason, c.CancelReason, c.Details)).ToList());
    }

    /// <summary>
    /// The status changes the clock needs (holds, resumes and cancellations) of the requests a query selects, by
    /// request. The request query is sent as a subquery, so any number of requests costs one round trip.
    /// </summary>
    internal static async Task<ILookup<int, RequestStatusChange>> ClockHistoryAsync(CareMarketDb db, IQueryable<int> requestIds, CancellationToken ct) =>
        (await db.RequestStatusChanges.AsNoTracking()
            .Where(c => requestIds.Contains(c.CareRequestId)
                && (c.To == RequestStatus.OnHold || c.From == RequestStatus.OnHold || c.To == RequestStatus.Cancelled))
            .Select(c => new RequestStatusChange { Id = c.Id, CareRequestId = c.CareRequestId, From = c.From, To = c.To, At = c.At, By = "" })
            .ToListAsync(ct)).ToLookup(c => c.CareRequestId);

    /// <summary>The clock of one request: paused while on hold, stopped for good when sourced or cancelled.</summary>
    internal static RequestClock ClockOf(DateTime createdAt, DateTime? sourcedAt, RequestStatus status, int target, IEnumerable<RequestStatusChange> history, DateTime now)
    {
        var changes = history.ToList();
        var stoppedAt = sourcedAt ?? (status == RequestStatus.Cancelled
            ? changes.Where(c => c.To == RequestStatus.Cancelled).Select(c => (DateTime?)c.At).Max() ?? now
            : null);
        return RequestClock.Of(createdAt, RequestStatuses.Pauses(changes), stoppedAt, target, now, BankHolidays.EnglandAndWales);
    }

    public static List<FieldError> Check(NewCareRequest r, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(r.PersonReference)) errors.Add(new(nameof(r.PersonReference), "Enter the person's reference"));
        else if (r.PersonReference.Trim().Length > 50) errors.Add(new(nameof(r.PersonReference), "The reference must be 50 characters or fewer"));
        var beds = CapacityReports.KindOf(false, r.ServiceType) == CapacityKind.Beds;
        var hours = CapacityReports.KindOf(false, r.ServiceType) == CapacityKind.Hours;
        if (beds && r.BedCategory is null) errors.Add(new(nameof(r.BedCategory), "Choose the kind of bed needed"));
        if (hours && r.HoursPerWeek is not > 0) errors.Add(new(nameof(r.HoursPerWeek), "Enter the hours of care needed a week"));
        if (r.HoursPerWeek is > 168) errors.Add(new(nameof(r.HoursPerWeek), "Hours a week must be 168 or fewer"));
        if (hours && r.TimeBands.Count == 0 && r.ServiceType == ServiceType.Homecare) errors.Add(new(nameof(r.TimeBands), "Choose when in the day visits are needed"));
        if (CapacityReports.KindOf(false, r.ServiceType) == CapacityKind.None) errors.Add(new(nameof(r.ServiceType), "Brokerage sources care homes, homecare, supported living, extra care and reablement"));
        if (r.MaxDistanceKm is <= 0 or > 200) errors.Add(new(nameof(r.MaxDistanceKm), "The distance limit must be between 1 and 200 km"));
        if (r.WantedStart < today.AddDays(-90)) errors.Add(new(nameof(r.WantedStart), "The wanted start date is more than 90 days ago"));
        if (r.Preferences is { Length: > 500 }) errors.Add(new(nameof(r.Preferences), "Preferences must be 500 characters or fewer"));
        if (r.Postcode is { } p && !string.IsNullOrWhiteSpace(p) && !System.Text.RegularExpressions.Regex.IsMatch(p.Trim(), "^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$"))
            errors.Add(new(nameof(r.Postcode), "Enter a real postcode, like NB4 3CD"));
        return errors;
    }

    public async Task<Decision> CreateAsync(NewCareRequest r, CancellationToken ct = default)
    {
        if (db.Council is not { } council || !db.SeesCouncilRecords) return new Decision.Forbidden("Only a council's staff can create care requests");
        var errors = Check(r, db.Today);
        foreach (var area in new[] { (r.HomeAreaId, nameof(r.HomeAreaId)), (r.PreferredAreaId, nameof(r.PreferredAreaId)) })
        {
            if (area.Item1 is { } id && !await db.Areas.AnyAsync(a => a.Id == id && a.LocalAuthorityId == council, ct))
                errors.Add(new(area.Item2, "Choose one of your council's areas"));
        }
        if (errors.Count > 0) return new Decision.Invalid(errors);

        var reference = r.PersonReference.Trim();
        var person = await db.People.FirstOrDefaultAsync(p => p.Reference == reference, ct);
        if (person is null)
        {
            person = new Person { LocalAuthorityId = council, Reference = reference };
            db.People.Add(person);
        }
        person.AgeBand = r.AgeBand;
        person.PrimarySupportReason = r.SupportReason;
        person.HomeAreaId = r.HomeAreaId ?? person.HomeAreaId;
        var request = new CareRequest
        {
            LocalAuthorityId = council, Person = person, ServiceType = r.ServiceType,
            AlsoAcceptable = string.Join("|", r.AlsoAcceptable.Where(t => t != r.ServiceType).Distinct()),
            Specialisms = r.Specialisms, BedCategory = CapacityReports.KindOf(false, r.ServiceType) == CapacityKind.Beds ? r.BedCategory : null,
            HoursPerWeek = r.HoursPerWeek, TimeBands = string.Join("|", r.TimeBands.Distinct()),
            PreferredAreaId = r.PreferredAreaId ?? r.HomeAreaId,
            PostcodeDistrict = string.IsNullOrWhiteSpace(r.Postcode) ? null : Postcodes.District(r.Postcode),
            MaxDistanceKm = r.MaxDistanceKm, WantedStart = r.WantedStart, Priority = r.Priority,
            Preferences = string.IsNullOrWhiteSpace(r.Preferences) ? null : r.Preferences.Trim(),
            Status = RequestStatus.Open, Interim = InterimArrangement.None, CreatedAt = db.Now, CreatedBy = db.Actor.Name,
        };
        db.CareRequests.Add(request);
        Record(request, null, RequestStatus.Open);
        await db.SaveChangesAsync(ct);
        return new Decision.Created<int>(request.Id);
    }

    /// <summary>
    /// Sends the request to services (their providers see it, anonymised, and may offer until it closes). Each service
    /// must be able to meet the need (<see cref="Eligibility.CheckToPlace"/>); one rated Inadequate only when the council
    /// allows it and <paramref name="inadequateReason"/> says why, which is kept with the invitation.
    /// </summary>
    public async Task<Decision> SendAsync(int requestId, IReadOnlyCollection<int> serviceIds, DateTime closesAt, int expectedVersion,
        string? inadequateReason = null, CancellationToken ct = default)
    {
        var request = await db.CareRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null || !db.SeesCouncilRecords) return new Decision.NotFound();
        if (RequestStatuses.Check(request.Status, StatusAction.Send) is Decision.Conflict refused) return refused;
        if (request.Version != expectedVersion) return Changed;
        if (serviceIds.Count == 0) return new Decision.Refused("ServiceIds", "Choose at least one service to send the request to");
        if (closesAt <= db.Now) return new Decision.Refused("OffersCloseAt", "The closing time must be in the future");
        var services = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id) && s.Status == ServiceStatus.Active)
            .Select(s => new { s.Id, s.ProviderId, s.Name }).ToListAsync(ct);
        if (services.Count != serviceIds.Count) return new Decision.Refused("ServiceIds", "Some of the services are not active in the register");
        var restricted = await ServiceRestrictions.InForceAsync(db, request.LocalAuthorityId, serviceIds, ct);
        if (services.FirstOrDefault(s => restricted.ContainsKey(s.Id)) is { } held)
            return new Decision.Refused("ServiceIds", ServiceRestrictions.Refusal(held.Name, restricted[held.Id].Kind, restricted[held.Id].StartsOn));
        if (inadequateReason is { Length: > 500 }) return new Decision.Refused(InadequatePlacement.Field, "The reason must be 500 characters or fewer");
        var inadequate = new InadequatePlacement(await PlacesWithInadequateAsync(request.LocalAuthorityId, ct), inadequateReason);
        var (need, candidates) = await new Matching(db).ForPlacingAsync(request, serviceIds, ct);
        foreach (var c in candidates.OrderBy(c => c.ServiceId))
        {
            if (Eligibility.CheckToPlace(need, c, inadequate) is Decision.Refused no) return Refusal(c, no, inadequate);
        }
        var already = await db.Invitations.Where(i => i.CareRequestId == requestId).Select(i => i.ServiceId).ToListAsync(ct);
        foreach (var s in services.Where(s => !already.Contains(s.Id)))
        {
            db.Invitations.Add(new Invitation
            {
                LocalAuthorityId = request.LocalAuthorityId, CareRequestId = requestId, ServiceId = s.Id, ProviderId = s.ProviderId, SentAt = db.Now,
                InadequateReason = inadequate.ReasonFor(candidates.First(c => c.ServiceId == s.Id).Rating),
            });
        }
        if (request.Status != RequestStatus.SentToProviders) Record(request, request.Status, RequestStatus.SentToProviders);
        request.OffersCloseAt = closesAt;
        return await SaveAsync(ct);
    }

    /// <summary>A provider offers one of its services for a request it was sent, before the closing time.</summary>
    public async Task<Decision> OfferAsync(int requestId, int serviceId, decimal weeklyPrice, DateOnly startDate, string? description, CancellationToken ct = default)
    {
        if (db.ActorProviderId is not { } provider) return new Decision.Forbidden("Only a provider can make an offer");
        // The guard is in the query: a request not sent to this provider's service is not found.
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.CareRequestId == requestId && i.ServiceId == serviceId && i.ProviderId == provider, ct);
        var request = invitation is null ? null : await db.CareRequests.AsNoTracking().IgnoreQueryFilters([Tenancy.Filter]).FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (invitation is null || request is null) return new Decision.NotFound();
        var errors = new List<FieldError>();
        if (request.Status != RequestStatus.SentToProviders || request.OffersCloseAt is { } close && close <= db.Now)
            return new Decision.Conflict("Offers for this request have closed");
        if (weeklyPrice is <= 0 or > 20_000) errors.Add(new(nameof(weeklyPrice), "Enter a weekly price between £1 and £20,000"));
        if (startDate < db.Today) errors.Add(new(nameof(startDate), "The start date must be today or later"));
        if (description is { Length: > 1000 }) errors.Add(new(nameof(description), "The description must be 1,000 characters or fewer"));
        if (errors.Count > 0) return new Decision.Invalid(errors);
        // The service must still meet the need (suspended or rated Inadequate since it was sent, say). One rated
        // Inadequate may offer only when the council sent it the request with a reason.
        var (need, candidates) = await new Matching(db).ForPlacingAsync(request, [serviceId], ct);
        if (candidates.FirstOrDefault() is not { } candidate) return new Decision.Refused("ServiceId", "The service is no longer active in the register");
        var inadequate = new InadequatePlacement(invitation.InadequateReason is not null, invitation.InadequateReason);
        if (Eligibility.CheckToPlace(need, candidate, inadequate) is Decision.Refused no)
            return no.Field == InadequatePlacement.Field
                ? new Decision.Refused("ServiceId", $"{candidate.Name} is rated Inadequate by CQC, and the council did not ask it to offer for this request")
                : Refusal(candidate, no, inadequate);

        var offer = await db.Offers.FirstOrDefaultAsync(o => o.CareRequestId == requestId && o.ServiceId == serviceId, ct);
        if (offer is null)
        {
            offer = new Offer { LocalAuthorityId = request.LocalAuthorityId, CareRequestId = requestId, ServiceId = serviceId, ProviderId = provider, SubmittedBy = db.Actor.Name };
            db.Offers.Add(offer);
        }
        offer.WeeklyPrice = weeklyPrice;
        offer.StartDate = startDate;
        offer.Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        offer.Status = OfferStatus.Submitted;
        offer.SubmittedAt = db.Now;
        offer.SubmittedBy = db.Actor.Name;
        await db.SaveChangesAsync(ct);
        return new Decision.Created<int>(offer.Id);
    }

    /// <summary>
    /// Awards a request to an offer: creates the placement, takes the bed or hours from the service, closes the request
    /// and the other offers, in one transaction. Refused when the service has no room left (another broker took it),
    /// when the council has suspended or embargoed it, when the service can no longer meet the need (rated Inadequate
    /// without the council's leave and <paramref name="inadequateReason"/>, say), when the request was changed
    /// meanwhile, or when it is already sourced. The placement records the bed or hours it took and any reason.
    /// </summary>
    public async Task<Decision> AwardAsync(int requestId, int offerId, string? choiceReason, int expectedVersion,
        string? inadequateReason = null, CancellationToken ct = default)
    {
        if (!db.SeesCouncilRecords || db.Council is null) return new Decision.Forbidden("Only a council's staff can award");
        if (choiceReason is { Length: > 500 }) return new Decision.Invalid([new("ChoiceReason", "The reason must be 500 characters or fewer")]);
        if (inadequateReason is { Length: > 500 }) return new Decision.Invalid([new(InadequatePlacement.Field, "The reason must be 500 characters or fewer")]);
        // The person's choice need not be the top-ranked offer, but then why is recorded with the award.
        if (string.IsNullOrWhiteSpace(choiceReason) && await TopOfferAsync(requestId, ct) is { } top && top != offerId)
            return new Decision.Invalid([new("ChoiceReason", "This is not the top-ranked offer: say why the person chose it")]);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var request = await db.CareRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        var offer = await db.Offers.FirstOrDefaultAsync(o => o.Id == offerId && o.CareRequestId == requestId, ct);
        if (request is null || offer is null) return new Decision.NotFound();
        if (RequestStatuses.Check(request.Status, StatusAction.Award) is Decision.Conflict refused) return refused;
        if (request.Version != expectedVersion) return Changed;
        if (offer.Status != OfferStatus.Submitted) return new Decision.Refused("OfferId", "That offer was withdrawn");
        var service = await db.Services.AsNoTracking().Where(s => s.Id == offer.ServiceId).Select(s => new { s.Status, s.Name }).FirstAsync(ct);
        if (service.Status != ServiceStatus.Active) return new Decision.Refused("OfferId", "The service is no longer active");
        // Checked here, inside the award's transaction, not when the offer came in: a service suspended since it
        // offered gets no new placement.
        if ((await ServiceRestrictions.InForceAsync(db, request.LocalAuthorityId, [offer.ServiceId], ct)).Values.FirstOrDefault() is { } held)
            return new Decision.Refused("OfferId", ServiceRestrictions.Refusal(service.Name, held.Kind, held.StartsOn) + ". Choose another offer.");
        var inadequate = new InadequatePlacement(await PlacesWithInadequateAsync(request.LocalAuthorityId, ct), inadequateReason);
        var (need, candidates) = await new Matching(db).ForPlacingAsync(request, [offer.ServiceId], ct);
        var candidate = candidates.Single();
        if (Eligibility.CheckToPlace(need, candidate, inadequate) is Decision.Refused no) return Refusal(candidate, no, inadequate);

        var amount = request.BedCategory is null ? (double)(request.HoursPerWeek ?? 0) : 1;
        if (await Vacancies.TakeAsync(db, offer.ServiceId, request.BedCategory, amount, ct) is not { } taken)
        {
            return new Decision.Conflict(request.BedCategory is null
                ? "The service no longer has the hours available: another award took them. Choose another offer."
                : "The service has no bed of that kind left: another award took the last one. Choose another offer.");
        }

        var placement = new Placement
        {
            LocalAuthorityId = request.LocalAuthorityId, PersonId = request.PersonId, ServiceId = offer.ServiceId,
            CareRequestId = request.Id, OfferId = offer.Id, StartsOn = offer.StartDate, BedCategory = request.BedCategory,
            HoursPerWeek = request.HoursPerWeek, WeeklyCost = offer.WeeklyPrice,
            ChoiceReason = string.IsNullOrWhiteSpace(choiceReason) ? null : choiceReason.Trim(), CreatedAt = db.Now, CreatedBy = db.Actor.Name,
            InadequateReason = inadequate.ReasonFor(candidate.Rating),
            TakenFromReturnId = taken.FromReturnId, TakenKind = taken.Kind, TakenAmount = taken.Amount, LeftAfter = taken.Left,
        };
        db.Placements.Add(placement);
        Record(request, request.Status, RequestStatus.Sourced);
        request.SourcedAt = db.Now;
        offer.Status = OfferStatus.Accepted;
        foreach (var other in await db.Offers.Where(o => o.CareRequestId == requestId && o.Id != offerId && o.Status == OfferStatus.Submitted).ToListAsync(ct))
            other.Status = OfferStatus.NotChosen;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The request's version moved, or its placement exists already: another broker awarded it first.
            return new Decision.Conflict("Someone else awarded this request meanwhile.");
        }
        await tx.CommitAsync(ct);
        return new Decision.Created<int>(placement.Id);
    }

    /// <summary>
    /// Puts a request on hold (the person is in hospital, is considering their options, …): the clock stops until it
    /// is resumed, and providers cannot offer meanwhile. Refused for a request sourced, cancelled or already on hold.
    /// </summary>
    public async Task<Decision> HoldAsync(int requestId, HoldReason reason, string? details, int expectedVersion, CancellationToken ct = default)
    {
        var (request, decision) = await ForChangeAsync(requestId, StatusAction.Hold, expectedVersion, ct);
        if (request is null) return decision;
        if (RequestStatuses.CheckDetails(reason == HoldReason.Other, details, "HoldDetails", "Say why the request is on hold") is { } error)
            return new Decision.Invalid([error]);
        Record(request, request.Status, RequestStatus.OnHold, hold: reason, details: details);
        return await SaveAsync(ct);
    }

    /// <summary>Takes a request off hold: the clock starts again, and the request is back where it was (sent to providers, or open).</summary>
    public async Task<Decision> ResumeAsync(int requestId, int expectedVersion, CancellationToken ct = default)
    {
        var (request, decision) = await ForChangeAsync(requestId, StatusAction.Resume, expectedVersion, ct);
        if (request is null) return decision;
        var sent = await db.Invitations.AnyAsync(i => i.CareRequestId == requestId, ct);
        Record(request, request.Status, sent ? RequestStatus.SentToProviders : RequestStatus.Open);
        return await SaveAsync(ct);
    }

    /// <summary>The offer ranked first by the council's weights, if any offer can be ranked (the offers alone are ranked, not a full match).</summary>
    private async Task<int?> TopOfferAsync(int requestId, CancellationToken ct)
    {
        var offers = await new Matching(db).OffersAsync(requestId, await new Settings(db).WeightsAsync(ct), ct);
        return offers.FirstOrDefault(o => o.Position == 1)?.Offer.Id;
    }

    /// <summary>The council's setting: whether it places with services rated Inadequate when a reason is given.</summary>
    private Task<bool> PlacesWithInadequateAsync(int council, CancellationToken ct) =>
        db.CouncilSettings.Where(s => s.LocalAuthorityId == council).Select(s => s.PlaceWithInadequateWithReason).FirstOrDefaultAsync(ct);

    /// <summary>An eligibility refusal in a broker's words: the service named, and what to do about an Inadequate rating.</summary>
    private static Decision.Refused Refusal(Candidate c, Decision.Refused no, InadequatePlacement inadequate) => no.Field switch
    {
        "Rating" when !inadequate.Allowed => new("Rating", $"{c.Name} is rated Inadequate by CQC, and the council does not place people with services rated Inadequate"),
        InadequatePlacement.Field => no,
        _ => new(no.Field, $"{c.Name}: {no.Reason}"),
    };

    /// <summary>Cancels a request that is no longer to be sourced, with the reason; the clock stops for good.</summary>
    public async Task<Decision> CancelAsync(int requestId, CancelReason reason, string? details, int expectedVersion, CancellationToken ct = default)
    {
        var (request, decision) = await ForChangeAsync(requestId, StatusAction.Cancel, expectedVersion, ct);
        if (request is null) return decision;
        if (RequestStatuses.CheckDetails(reason == CancelReason.Other, details, "CancelDetails", "Say why the request is cancelled") is { } error)
            return new Decision.Invalid([error]);
        Record(request, request.Status, RequestStatus.Cancelled, cancel: reason, details: details);
        return await SaveAsync(ct);
    }

    /// <summary>
    /// Records, on a request still being sourced, what the person has meanwhile (an interim arrangement from a date)
    /// and whether they are waiting because no service has capacity: the figures CQC asks a council to show.
    /// </summary>
    public async Task<Decision> RecordInterimAsync(int requestId, InterimArrangement interim, DateOnly? since, bool waitingForCapacity, int expectedVersion, CancellationToken ct = default)
    {
        var request = db.SeesCouncilRecords ? await db.CareRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct) : null;
        if (request is null) return new Decision.NotFound();
        if (request.Status is RequestStatus.Sourced or RequestStatus.Cancelled)
            return new Decision.Conflict($"This request is {RequestStatuses.Word(request.Status)}: what the person has meanwhile can no longer be changed.");
        if (request.Version != expectedVersion) return Changed;
        var today = db.Today;
        if (interim != InterimArrangement.None)
        {
            if (since is null) return new Decision.Invalid([new("InterimSince", "Enter the date the interim arrangement started")]);
            if (since > today) return new Decision.Invalid([new("InterimSince", "The date the interim arrangement started must be today or in the past")]);
            if (since < today.AddYears(-1)) return new Decision.Invalid([new("InterimSince", "The date the interim arrangement started must be within the last year")]);
        }
        request.Interim = interim;
        request.InterimSince = interim == InterimArrangement.None ? null : since;
        request.WaitedForCapacity = waitingForCapacity;
        return await SaveAsync(ct);
    }

    private static readonly Decision Changed = new Decision.Conflict("Someone else changed this request meanwhile. Review it and try again.");

    /// <summary>The request to change, if the actor's council owns it, the change fits its status, and it is the version read.</summary>
    private async Task<(CareRequest? Request, Decision Decision)> ForChangeAsync(int requestId, StatusAction action, int expectedVersion, CancellationToken ct)
    {
        var request = db.SeesCouncilRecords ? await db.CareRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct) : null;
        if (request is null) return (null, new Decision.NotFound());
        if (RequestStatuses.Check(request.Status, action) is Decision.Conflict refused) return (null, refused);
        if (request.Version != expectedVersion) return (null, Changed);
        return (request, Decision.Ok);
    }

    /// <summary>Changes the request's status and appends the change to its history, saved together.</summary>
    private void Record(CareRequest request, RequestStatus? from, RequestStatus to, HoldReason? hold = null, CancelReason? cancel = null, string? details = null)
    {
        request.Status = to;
        db.RequestStatusChanges.Add(new RequestStatusChange
        {
            LocalAuthorityId = request.LocalAuthorityId, CareRequest = request, From = from, To = to, At = db.Now, By = db.Actor.Name,
            HoldReason = hold, CancelReason = cancel, Details = string.IsNullOrWhiteSpace(details) ? null : details.Trim(),
        });
    }

    /// <summary>Saves; a request changed by someone else since it was read (its version moved) is refused, not merged.</summary>
    private async Task<Decision> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Changed;
        }
        return Decision.Ok;
    }
}
