namespace SignalFidelity.Core.Drift;

/// <summary>
/// The destination's records by match key. The first record of a key is the one compared (export order
/// is the CRM's own order); later records with the same key are listed as duplicates with the first.
/// Built separately from <see cref="DriftEngine{T}.Run(DestinationIndex{T}, IEnumerable{SourceRecord{T}})"/>
/// so a caller can build it while another thread reads other inputs.
/// </summary>
public sealed class DestinationIndex<T>
{
    private readonly Dictionary<string, Entry> _byKey;
    private readonly Dictionary<string, List<string>> _duplicates = new(StringComparer.Ordinal);
    private readonly int _maxListed;

    private DestinationIndex(int maxListed, int capacity)
    {
        _maxListed = maxListed;
        _byKey = new Dictionary<string, Entry>(capacity, StringComparer.Ordinal);
    }

    /// <summary>Records indexed (with a key).</summary>
    public long Count { get; private set; }

    /// <summary>Records skipped for want of a key.</summary>
    public long WithoutKey { get; private set; }

    /// <summary>Keys held by two or more records.</summary>
    public long DuplicateKeyCount => _duplicates.Count;

    /// <summary>The duplicated keys with their records' ids, up to the listing cap.</summary>
    public IReadOnlyList<DuplicateKey> Duplicates =>
        _duplicates.Take(_maxListed).Select(d => new DuplicateKey(d.Key, d.Value)).ToArray();

    /// <summary>Reads <paramref name="records"/> into an index.</summary>
    /// <param name="records">The destination's records.</param>
    /// <param name="maxListed">How many duplicate keys to list.</param>
    /// <param name="expectedCount">An estimate of the record count (from the file size): growing a million-entry table costs several rehashes.</param>
    public static DestinationIndex<T> Build(IEnumerable<SourceRecord<T>> records, int maxListed, int expectedCount = 0)
    {
        var index = new DestinationIndex<T>(maxListed, Math.Max(0, expectedCount));
        foreach (var record in records) index.Add(record);
        return index;
    }

    /// <summary>The first record holding <paramref name="key"/>.</summary>
    public bool TryGet(string key, out T record)
    {
        var found = _byKey.TryGetValue(key, out var entry);
        record = entry.Record;
        return found;
    }

    private void Add(in SourceRecord<T> record)
    {
        if (record.Key.Value is not { } key) { WithoutKey++; return; }
        Count++;
        // Id and line are kept (not the whole SourceRecord) so that a duplicate can name both records.
        if (_byKey.TryAdd(key, new Entry(record.Record, record.Id, record.Line))) return;
        if (!_duplicates.TryGetValue(key, out var ids))
        {
            var first = _byKey[key];
            ids = [new SourceRecord<T>(default, first.Record, first.Id, first.Line).DisplayId];
            _duplicates.Add(key, ids);
        }
        ids.Add(record.DisplayId);
    }

    private readonly record struct Entry(T Record, string? Id, int Line);
}
