namespace CareMarket.Register;

/// <summary>Reading and writing rating words the way CQC and users write them.</summary>
public static class RatingWords
{
    /// <summary>
    /// Parses a CQC rating word, whatever its capitalisation ("Requires improvement" / "Requires Improvement").
    /// Returns false for a word CQC does not use, so the caller can name the row and column.
    /// </summary>
    public static bool TryParse(string? text, out RatingWord rating)
    {
        rating = default;
        var key = new string((text ?? "").Where(char.IsLetter).ToArray()).ToLowerInvariant();
        RatingWord? found = key switch
        {
            "outstanding" => RatingWord.Outstanding,
            "good" => RatingWord.Good,
            "requiresimprovement" => RatingWord.RequiresImprovement,
            "inadequate" => RatingWord.Inadequate,
            "insufficientevidencetorate" or "insufficientevidence" => RatingWord.InsufficientEvidence,
            "notrated" or "notyetrated" or "nopublishedrating" => RatingWord.NotRated,
            "notapplicable" => RatingWord.NotApplicable,
            _ => null,
        };
        if (found is null) return false;
        rating = found.Value;
        return true;
    }

    public static string Display(RatingWord rating) => rating switch
    {
        RatingWord.RequiresImprovement => "Requires improvement",
        RatingWord.InsufficientEvidence => "Insufficient evidence to rate",
        RatingWord.NotRated => "Not rated",
        RatingWord.NotApplicable => "Not applicable",
        _ => rating.ToString(),
    };

    public static string Display(RatingWord? rating) => rating is { } r ? Display(r) : "Not yet rated";
}
