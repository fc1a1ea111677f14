namespace CareMarket.Register;

/// <summary>Rules for keeping a service's rating history.</summary>
public static class RatingHistory
{
    /// <summary>
    /// Folds an incoming rating into the one already held for the same publication date and assessment service group.
    /// Key questions, scores and plan details a source does not give are kept (the active locations file gives only the
    /// overall rating; the ratings file gives all). Returns whether anything changed.
    /// </summary>
    public static bool Merge(Rating held, CqcRating incoming)
    {
        var changed = false;
        void Set<T>(T current, T value, Action<T> assign)
        {
            if (!EqualityComparer<T>.Default.Equals(current, value)) { assign(value); changed = true; }
        }
        Set(held.Overall, incoming.Overall, v => held.Overall = v);
        if (incoming.Safe is { } safe) Set(held.Safe, safe, v => held.Safe = v);
        if (incoming.Effective is { } eff) Set(held.Effective, eff, v => held.Effective = v);
        if (incoming.Caring is { } caring) Set(held.Caring, caring, v => held.Caring = v);
        if (incoming.Responsive is { } resp) Set(held.Responsive, resp, v => held.Responsive = v);
        if (incoming.WellLed is { } wl) Set(held.WellLed, wl, v => held.WellLed = v);
        if (incoming.SafeScore is { } s1) Set(held.SafeScore, s1, v => held.SafeScore = v);
        if (incoming.EffectiveScore is { } s2) Set(held.EffectiveScore, s2, v => held.EffectiveScore = v);
        if (incoming.CaringScore is { } s3) Set(held.CaringScore, s3, v => held.CaringScore = v);
        if (incoming.ResponsiveScore is { } s4) Set(held.ResponsiveScore, s4, v => held.ResponsiveScore = v);
        if (incoming.WellLedScore is { } s5) Set(held.WellLedScore, s5, v => held.WellLedScore = v);
        if (incoming.ServiceTypes != ServiceTypes.None) Set(held.ServiceTypes, incoming.ServiceTypes, v => held.ServiceTypes = v);
        if (incoming.AssessedOn is not null) Set(held.AssessedOn, incoming.AssessedOn, v => held.AssessedOn = v);
        if (incoming.AssessmentPlanId is not null) Set(held.AssessmentPlanId, incoming.AssessmentPlanId, v => held.AssessmentPlanId = v);
        if (incoming.AssessmentPlanTitle is not null) Set(held.AssessmentPlanTitle, incoming.AssessmentPlanTitle, v => held.AssessmentPlanTitle = v);
        if (incoming.AssessmentPlanStatus is not null) Set(held.AssessmentPlanStatus, incoming.AssessmentPlanStatus, v => held.AssessmentPlanStatus = v);
        if (incoming.Inherited) Set(held.Inherited, true, v => held.Inherited = v);
        return changed;
    }

    /// <summary>
    /// The current rating: the latest published, whichever framework it came from (a single assessment framework
    /// rating of 2024 is current over an inspection rating of 2020). On the same day, a rating of a group that covers
    /// the service's main type comes before another group's; then the latest recorded (highest id).
    /// <see cref="RegisterWriter"/> applies the same order in SQL.
    /// </summary>
    public static Rating? Current(IEnumerable<Rating> ratings, ServiceType main) =>
        ratings.OrderByDescending(r => r.PublishedOn).ThenBy(r => Covers(r.ServiceTypes, main) ? 0 : 1)
            .ThenByDescending(r => r.Id).FirstOrDefault();

    /// <summary>The same rule for ratings as a source gives them (before they have ids): the first given wins a tie.</summary>
    public static CqcRating? Current(IEnumerable<CqcRating> ratings, ServiceType? main) =>
        ratings.OrderByDescending(r => r.PublishedOn)
            .ThenBy(r => main is { } m && Covers(r.ServiceTypes, m) ? 0 : 1).FirstOrDefault();

    private static bool Covers(ServiceTypes types, ServiceType main) => (types & ServiceTypeSet.Of(main)) != 0;
}
