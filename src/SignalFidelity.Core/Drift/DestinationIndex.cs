namespace SignalFidelity.Core.Drift;

/// <summary>
/// The destination's records by match key. The first record of a key is the one compared (export order
/// is the CRM's own order); later records with the same key are listed as duplicates with the first.
/// </summary>
internal sealed class DestinationIndex<T>
{
    private readonly Dictionary<string, Entry> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _duplicates = new(StringComparer.Ordinal);
    private readonly int _maxListed;

    private DestinationIndex(int maxListed) => _maxListed = maxListed;

    public long Count { get; private set; }
    public long WithoutKey { get; private set; }
    public long DuplicateKeyCount => _duplicates.Count;

    public IReadOnlyList<DuplicateKey> Duplicates =>
        _duplicates.Take(_maxListed).Select(d => new DuplicateKey(d.Key, d.Value)).ToArray();

    public static DestinationIndex<T> Build(IEnumerable<SourceRecord<T>> records, int maxListed)
    {
        var index = new DestinationIndex<T>(maxListed);
        foreach (var record in records) index.Add(record);
        return index;
    }

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
