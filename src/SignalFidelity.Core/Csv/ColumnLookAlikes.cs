namespace SignalFidelity.Core.Csv;

/// <summary>
/// The columns of a header that look like a wanted one, for the missing-column message: vendors and
/// integrations write one property as <c>total_spent</c>, <c>Total Spent</c> or <c>TotalSpent_USD</c>, and
/// the user should see those candidates rather than a list of fifty unrelated columns. Only suggested,
/// never used: picking one is the user's call (<c>--column</c>).
/// </summary>
public static class ColumnLookAlikes
{
    // Words half the columns of a CRM export share: sharing one of them says nothing ("Total Revenue" is not "total_spent").
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "total", "date", "last", "first", "number", "count", "name", "value", "time", "amount", "recent", "latest", "email", "phone",
    };

    /// <summary>Up to <paramref name="max"/> of <paramref name="columns"/> that look like <paramref name="wanted"/>, closest first.</summary>
    public static IReadOnlyList<string> Find(string wanted, IEnumerable<string> columns, int max = 5)
    {
        var target = Squash(wanted);
        var targetWords = Words(wanted);
        if (target.Length == 0) return [];
        return columns
            .Where(c => c.Length > 0)
            .Select(c => (Column: c, Score: Score(target, targetWords, c)))
            .Where(x => x.Score < int.MaxValue)
            .OrderBy(x => x.Score).ThenBy(x => x.Column, StringComparer.Ordinal)
            .Select(x => x.Column).Distinct(StringComparer.OrdinalIgnoreCase).Take(max).ToArray();
    }

    // Lower is closer; MaxValue is "does not look like it".
    private static int Score(string target, IReadOnlySet<string> targetWords, string column)
    {
        var squashed = Squash(column);
        if (squashed.Length == 0) return int.MaxValue;
        if (squashed == target) return 0;                                          // Total Spent ~ total_spent
        if (target.Length >= 4 && squashed.Length >= 4 && (squashed.Contains(target, StringComparison.Ordinal) || target.Contains(squashed, StringComparison.Ordinal)))
            return 10 + Math.Abs(squashed.Length - target.Length);                  // total_spent_usd ~ total_spent
        var distance = Levenshtein(target, squashed);
        if (distance <= Math.Max(1, target.Length / 4)) return 20 + distance;        // totl_spent ~ total_spent
        var shared = Words(column).Count(w => w.Length >= 4 && !Common.Contains(w) && targetWords.Contains(w));
        return shared > 0 ? 40 - shared : int.MaxValue;                            // Lifetime Spent ~ total_spent
    }

    // Letters and digits only, lower case: separators and case are how the same name differs between tools.
    private static string Squash(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    // Words split on separators and on lower-to-upper case changes (TotalSpent -> total, spent).
    private static HashSet<string> Words(string name)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var boundary = !char.IsLetterOrDigit(c) || (i > 0 && char.IsUpper(c) && char.IsLower(name[i - 1]));
            if (boundary && current.Length > 0) { words.Add(current.ToString()); current.Clear(); }
            if (char.IsLetterOrDigit(c)) current.Append(char.ToLowerInvariant(c));
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
