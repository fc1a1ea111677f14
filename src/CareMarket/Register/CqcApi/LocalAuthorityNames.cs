namespace CareMarket.Register.CqcApi;

/// <summary>
/// CQC's spelling of council names (the API's <c>localAuthority</c>: "Oldham", "Derby", "County Durham"), and the
/// closest ones to a name CQC does not use. Pure functions.
/// </summary>
public static class LocalAuthorityNames
{
    // Words people add to a council's name that CQC leaves out ("Oldham Council", "Derby City Council").
    private static readonly string[] Dressing =
        ["metropolitan borough council", "borough council", "city council", "county council", "district council", "council"];

    /// <summary>The name without the words people add to it ("Oldham Metropolitan Borough Council" → "Oldham"); null when none.</summary>
    public static string? Undressed(string name)
    {
        var trimmed = name.Trim();
        foreach (var words in Dressing)
        {
            if (trimmed.EndsWith(" " + words, StringComparison.OrdinalIgnoreCase))
            {
                return trimmed[..^(words.Length + 1)].Trim();
            }
        }
        return null;
    }

    /// <summary>
    /// The known names closest to the given one, best first, at most <paramref name="count"/>: the same name once the
    /// added words are gone, then names containing it or contained in it, then those a few letters away (edit distance
    /// up to a third of the name's length).
    /// </summary>
    public static IReadOnlyList<string> Closest(string given, IEnumerable<string> known, int count = 3)
    {
        var target = Key(Undressed(given) ?? given);
        if (target.Length == 0) return [];
        return known.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(k => (Name: k, Score: Score(target, Key(k))))
            .Where(x => x.Score is not null)
            .OrderBy(x => x.Score).ThenBy(x => x.Name, StringComparer.OrdinalIgnoreCase)
            .Take(count).Select(x => x.Name).ToList();
    }

    private static int? Score(string target, string candidate)
    {
        if (candidate.Length == 0) return null;
        if (candidate == target) return 0;
        if (candidate.Contains(target, StringComparison.Ordinal) || target.Contains(candidate, StringComparison.Ordinal))
        {
            return 1 + Math.Abs(candidate.Length - target.Length);
        }
        var distance = Distance(target, candidate);
        return distance <= Math.Max(2, target.Length / 3) ? 100 + distance : null;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions of one letter each cost one.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var row = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                row[j] = Math.Min(Math.Min(row[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, row) = (row, previous);
        }
        return previous[b.Length];
    }

    private static string Key(string text) => new string(text.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
}

/// <summary>A full sync was asked for a council name CQC does not use: nothing is written, and the closest names are offered.</summary>
public sealed class UnknownLocalAuthorityException(string name, IReadOnlyList<string> closest)
    : InvalidOperationException(
        $"CQC lists no adult social care locations for \"{name}\"; nothing was written. " +
        (closest.Count > 0
            ? $"Did you mean {string.Join(" or ", closest.Select(c => $"\"{c}\""))}? "
            : "") +
        "Give the council's name as CQC writes it (the API's localAuthority, e.g. \"Oldham\", not \"Oldham Council\").")
{
    public string Name { get; } = name;
    public IReadOnlyList<string> Closest { get; } = closest;
}
