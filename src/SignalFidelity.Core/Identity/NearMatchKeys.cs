namespace SignalFidelity.Core.Identity;

/// <summary>
/// The loose form of an email match key, for the audit's "near match" hint on a customer missing in the CRM:
/// the local part without its <c>+tag</c> and dots, the domain folded with its aliases. The identity rule
/// cannot apply these everywhere (a company server may treat <c>+</c> and dots literally; me.com and
/// icloud.com are not always one account), so two keys equal only in loose form are never matched: the
/// person reading the report decides. Phone keys have no loose form.
/// </summary>
public static class NearMatchKeys
{
    // Domains that name one mailbox namespace under two or more names. googlemail.com is already folded by
    // the identity rule; Apple's older names are not (not every account owns all three), so only hinted.
    private static readonly string[][] AliasGroups =
    [
        ["gmail.com", "googlemail.com"],
        ["icloud.com", "me.com", "mac.com"],
    ];

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> FoldedDomain =
        AliasGroups.SelectMany(g => g.Select(d => (Alias: d, Folded: g[0]))).ToDictionary(x => x.Alias, x => x.Folded, StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Longest key given a loose form; longer ones (never a real address) get no hint.</summary>
    public const int MaxKeyLength = 320;

    /// <summary>
    /// Writes the loose form of <paramref name="key"/> into <paramref name="destination"/> and returns its
    /// length, or -1 when the key has no loose form different from itself (a phone key, no '+', '.' or alias).
    /// </summary>
    public static int TryLoosen(ReadOnlySpan<char> key, Span<char> destination)
    {
        var at = key.LastIndexOf('@');
        if (at <= 0 || key.Length > MaxKeyLength || destination.Length < key.Length) return -1;
        var local = key[..at];
        var domain = key[(at + 1)..];
        var plus = local.IndexOf('+');
        if (plus >= 0) local = local[..plus];
        var length = 0;
        foreach (var c in local) if (c != '.') destination[length++] = c;
        destination[length++] = '@';
        var folded = FoldedDomain.TryGetValue(domain, out var alias) ? alias.AsSpan() : domain;
        if (length + folded.Length > destination.Length) return -1;
        folded.CopyTo(destination[length..]);
        length += folded.Length;
        return destination[..length].SequenceEqual(key) ? -1 : length;
    }

    /// <summary>The loose form of <paramref name="key"/>, or the key itself when it has none.</summary>
    public static string Loosen(string key)
    {
        Span<char> buffer = stackalloc char[MaxKeyLength + 16];
        var length = TryLoosen(key, buffer);
        return length < 0 ? key : new string(buffer[..length]);
    }

    /// <summary>What sets two keys of one loose form apart, for the hint: "a +tag", "a dot", "a domain alias".</summary>
    public static string Difference(string a, string b)
    {
        var (localA, domainA) = Split(a);
        var (localB, domainB) = Split(b);
        var parts = new List<string>(3);
        if (localA.Contains('+') || localB.Contains('+')) parts.Add("a +tag");
        if (localA.Split('+')[0].Contains('.') != localB.Split('+')[0].Contains('.') || localA.Split('+')[0].Count(c => c == '.') != localB.Split('+')[0].Count(c => c == '.')) parts.Add("a dot");
        if (!string.Equals(domainA, domainB, StringComparison.Ordinal)) parts.Add("a domain alias");
        return parts.Count == 0 ? "spelling" : string.Join(" and ", parts);
    }

    private static (string Local, string Domain) Split(string key)
    {
        var at = key.LastIndexOf('@');
        return at < 0 ? (key, "") : (key[..at], key[(at + 1)..]);
    }
}
