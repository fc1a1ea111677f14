namespace CareMarket.Brokerage;

/// <summary>One award of care to a provider; hours a week for homecare and other hours-based care, else null.</summary>
public sealed record Award(int ProviderId, DateOnly AwardedOn, decimal? HoursPerWeek);

/// <summary>A provider's awards and hours in the period, and its share (0–1) of each.</summary>
public sealed record ProviderShare(int ProviderId, int Awards, double AwardShare, decimal Hours, double? HoursShare);

public enum ConcentrationBand { Unconcentrated, Moderate, High }

/// <summary>A Herfindahl–Hirschman index (0–10,000) and its reading.</summary>
public sealed record Concentration(int Index, ConcentrationBand Band, string Words);

/// <summary>Awards in a period: per provider (most awards first), and how concentrated they are.</summary>
public sealed record FairnessReport(
    DateOnly From,
    DateOnly To,
    int Awards,
    decimal Hours,
    IReadOnlyList<ProviderShare> Providers,
    Concentration? ByAwards,
    Concentration? ByHours);

/// <summary>
/// Whether packages go disproportionately to a few providers. Shares are of awards and of hours a week awarded; the
/// concentration measure is the Herfindahl–Hirschman index: the sum of the squared percentage shares, from near 0 (many
/// small providers) to 10,000 (one provider has everything), read as competition authorities do: under 1,500
/// unconcentrated, 1,500 to 2,500 moderately concentrated, over 2,500 highly concentrated.
/// </summary>
public static class Fairness
{
    /// <summary>Awards made from <paramref name="from"/> to <paramref name="to"/>, both days included.</summary>
    public static FairnessReport Measure(IEnumerable<Award> awards, DateOnly from, DateOnly to)
    {
        var inPeriod = awards.Where(a => a.AwardedOn >= from && a.AwardedOn <= to).ToList();
        var totalHours = inPeriod.Sum(a => a.HoursPerWeek ?? 0m);
        var providers = inPeriod
            .GroupBy(a => a.ProviderId)
            .Select(g =>
            {
                var hours = g.Sum(a => a.HoursPerWeek ?? 0m);
                return new ProviderShare(g.Key, g.Count(), (double)g.Count() / inPeriod.Count, hours,
                    totalHours > 0 ? (double)(hours / totalHours) : null);
            })
            .OrderByDescending(p => p.Awards).ThenByDescending(p => p.Hours).ThenBy(p => p.ProviderId)
            .ToList();
        return new FairnessReport(from, to, inPeriod.Count, totalHours, providers,
            providers.Count == 0 ? null : Concentrate(providers.Select(p => p.AwardShare)),
            totalHours > 0 ? Concentrate(providers.Select(p => p.HoursShare ?? 0)) : null);
    }

    /// <summary>Recent awards per provider, for the fairness part of the ranking score.</summary>
    public static FairnessShares Shares(IEnumerable<Award> awards, DateOnly from, DateOnly to) =>
        new(awards.Where(a => a.AwardedOn >= from && a.AwardedOn <= to)
            .GroupBy(a => a.ProviderId).ToDictionary(g => g.Key, g => g.Count()));

    /// <summary>HHI of shares given as fractions (they should add up to 1), rounded to a whole number.</summary>
    public static Concentration Concentrate(IEnumerable<double> shares)
    {
        var index = (int)Math.Round(shares.Sum(s => s * 100 * (s * 100)));
        return Band(index);
    }

    public static Concentration Band(int index) => index switch
    {
        < 1500 => new(index, ConcentrationBand.Unconcentrated, "Unconcentrated: awards are spread across many providers"),
        <= 2500 => new(index, ConcentrationBand.Moderate, "Moderately concentrated: a few providers have a large share"),
        _ => new(index, ConcentrationBand.High, "Highly concentrated: awards go mostly to very few providers"),
    };
}
