namespace SignalFidelity.Audit.Exports;

/// <summary>
/// The order names already counted. Shopify names orders <c>#1001</c>, <c>#1002</c>, ...: such a name is
/// held as one bit at its number (two million orders fit in 250 KB, so the check rarely misses the cache,
/// where a hash set of two million entries missed it on nearly every row). Any other name (a custom
/// prefix or suffix, a leading zero, a number far from the others) is held by its 64-bit hash.
/// </summary>
/// <remarks>
/// A name maps to the bit set or to the hash set by its text alone (the base is fixed by the first
/// numbered name), so one name is always looked up where it was stored.
/// </remarks>
internal sealed class OrderNameSet(int expectedOrders)
{
    // Numbers within +-32M of the first one seen use bits (at most 8 MB); orders are numbered densely.
    private const long HalfRange = 1L << 25;
    private long _base = -1;
    private ulong[] _bits = [];
    private HashSet<ulong>? _hashed;

    /// <summary>Adds the name; false when it was already there.</summary>
    public bool Add(ReadOnlySpan<char> name, ulong hash)
    {
        if (Slot(name) is { } slot)
        {
            var word = slot >> 6;
            if (word >= _bits.Length) Array.Resize(ref _bits, (int)Math.Max(word + 1, Math.Min(2 * _bits.Length, 2 * HalfRange / 64)));
            var mask = 1UL << (int)(slot & 63);
            if ((_bits[word] & mask) != 0) return false;
            _bits[word] |= mask;
            return true;
        }
        _hashed ??= new HashSet<ulong>(expectedOrders);
        return _hashed.Add(hash);
    }

    /// <summary>Removes the name (its row turned out unreadable).</summary>
    public void Remove(ReadOnlySpan<char> name, ulong hash)
    {
        if (Slot(name) is { } slot) _bits[slot >> 6] &= ~(1UL << (int)(slot & 63));
        else _hashed?.Remove(hash);
    }

    private long? Slot(ReadOnlySpan<char> name)
    {
        // "#" then 1-15 digits without a leading zero: a one-to-one map between such names and numbers.
        if (name.Length < 2 || name.Length > 16 || name[0] != '#' || name[1] == '0') return null;
        long number = 0;
        foreach (var c in name[1..])
        {
            if (c is < '0' or > '9') return null;
            number = number * 10 + (c - '0');
        }
        if (_base < 0) _base = Math.Max(0, number - HalfRange);
        var slot = number - _base;
        return slot is >= 0 and < 2 * HalfRange ? slot : null;
    }
}
