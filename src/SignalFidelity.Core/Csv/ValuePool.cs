namespace SignalFidelity.Core.Csv;

/// <summary>
/// Shares the strings of low-cardinality columns (segment tags, statuses): a million CRM records hold a
/// handful of distinct tags, so keeping one copy each spares a million retained strings and the
/// collector's work on them. Capped: past the cap, values are allocated as usual.
/// </summary>
public sealed class ValuePool
{
    private const int MaxDistinct = 4096;
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Creates an empty pool.</summary>
    public ValuePool() => _lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The one shared copy of <paramref name="value"/> (a new string past the cap).</summary>
    public string Get(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var pooled)) return pooled;
        var text = value.ToString();
        if (_values.Count < MaxDistinct) _values.Add(text);
        return text;
    }
}
