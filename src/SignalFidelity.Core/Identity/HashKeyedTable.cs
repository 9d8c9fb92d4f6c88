namespace SignalFidelity.Core.Identity;

/// <summary>
/// A table from a 64-bit key hash (<see cref="KeyHash"/>) to a small value, open-addressed with linear
/// probing: the key and its value sit side by side in one array, so a probe of a million-entry table costs
/// one cache miss where <see cref="Dictionary{TKey,TValue}"/> costs two (its bucket array, then its
/// entries), and the slot is found by a shift instead of a modulo. Not thread-safe.
/// </summary>
/// <typeparam name="TValue">The value; a small struct.</typeparam>
public sealed class HashKeyedTable<TValue> where TValue : struct
{
    // Zero marks an empty slot, so the key zero is held beside the array.
    private Entry[] _entries;
    private int _shift;
    private int _count;
    private bool _hasZero;
    private TValue _zeroValue;

    /// <summary>Creates a table sized so <paramref name="expectedCount"/> keys fit without growing.</summary>
    public HashKeyedTable(int expectedCount)
    {
        var bits = 4;
        while (bits < 30 && (1L << bits) < 2L * Math.Max(1, expectedCount)) bits++;
        _entries = new Entry[1 << bits];
        _shift = 64 - bits;
    }

    /// <summary>The number of keys held.</summary>
    public int Count => _count + (_hasZero ? 1 : 0);

    /// <summary>The value of <paramref name="key"/>, added as default when absent (<paramref name="exists"/> false).</summary>
    public ref TValue GetValueRefOrAddDefault(ulong key, out bool exists)
    {
        if (key == 0)
        {
            exists = _hasZero;
            _hasZero = true;
            return ref _zeroValue;
        }
        // Kept at most half full, so probes stay short and an empty slot always exists.
        if (2 * (_count + 1) > _entries.Length) Grow();
        var entries = _entries;
        var mask = entries.Length - 1;
        var i = Slot(key);
        while (true)
        {
            ref var entry = ref entries[i];
            if (entry.Key == key) { exists = true; return ref entry.Value; }
            if (entry.Key == 0)
            {
                entry.Key = key;
                _count++;
                exists = false;
                return ref entry.Value;
            }
            i = (i + 1) & mask;
        }
    }

    /// <summary>The value of <paramref name="key"/>, when present.</summary>
    public bool TryGetValue(ulong key, out TValue value)
    {
        if (key == 0)
        {
            value = _zeroValue;
            return _hasZero;
        }
        var entries = _entries;
        var mask = entries.Length - 1;
        var i = Slot(key);
        while (true)
        {
            ref var entry = ref entries[i];
            if (entry.Key == key) { value = entry.Value; return true; }
            if (entry.Key == 0) { value = default; return false; }
            i = (i + 1) & mask;
        }
    }

    // Fibonacci hashing: the high bits of the product, so a key hash that is weak in its low bits still spreads.
    private int Slot(ulong key) => (int)((key * 11400714819323198485UL) >> _shift);

    private void Grow()
    {
        var old = _entries;
        _entries = new Entry[old.Length * 2];
        _shift--;
        var mask = _entries.Length - 1;
        foreach (var entry in old)
        {
            if (entry.Key == 0) continue;
            var i = Slot(entry.Key);
            while (_entries[i].Key != 0) i = (i + 1) & mask;
            _entries[i] = entry;
        }
    }

    private struct Entry
    {
        public ulong Key;
        public TValue Value;
    }
}
