namespace CareMarket.Register;

/// <summary>Rules for keeping a service's rating history.</summary>
public static class RatingHistory
{
    /// <summary>
    /// Folds an incoming rating into the one already held for the same publication date. Key questions a source
    /// does not give are kept (the active locations file gives only the overall rating; the ratings file gives all).
    /// Returns whether anything changed.
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
        if (incoming.Inherited) Set(held.Inherited, true, v => held.Inherited = v);
        return changed;
    }

    /// <summary>The current rating is the most recently published one.</summary>
    public static Rating? Current(IEnumerable<Rating> ratings) =>
        ratings.OrderByDescending(r => r.PublishedOn).ThenByDescending(r => r.Id).FirstOrDefault();
}
