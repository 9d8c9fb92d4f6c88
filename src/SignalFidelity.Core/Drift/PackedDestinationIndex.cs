using System.Runtime.InteropServices;
using SignalFidelity.Core.Csv;
using SignalFidelity.Core.Identity;

namespace SignalFidelity.Core.Drift;

/// <summary>
/// A <see cref="DestinationIndex{T}"/> that holds each record in a packed form (a struct of the measured
/// values) and builds the record only when it is looked up.
/// </summary>
/// <remarks>
/// Why: a million CRM records held as objects, each with its key string, are three million long-lived
/// objects the collector must copy from generation 0 to 2 while the index is built, and whose references
/// from the big table keep every young collection scanning it; in the full-population audit that was about
/// half of the CRM and Shopify reading time. Here a record is one table entry: the packed value, the key's
/// characters in a shared character arena, and the key's 64-bit hash as the table key. A hash match is
/// confirmed against the stored characters; a different key with the same hash goes to a small side table,
/// so a collision can never merge two people.
/// </remarks>
/// <typeparam name="T">The record the engine compares.</typeparam>
/// <typeparam name="TPacked">The form a record is held in.</typeparam>
public sealed class PackedDestinationIndex<T, TPacked> : DestinationIndex<T>
{
    private readonly Dictionary<ulong, Entry> _byHash;
    private readonly Dictionary<string, Entry> _collided = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _duplicates = new(StringComparer.Ordinal);
    // Few in a healthy export, so held as plain strings; a readable record of the same key wins the lookup.
    private readonly Dictionary<string, MalformedRow> _unreadable = new(StringComparer.Ordinal);
    private readonly KeyArena _keys = new();
    // Loose form's hash -> the first key with that loose form, only for keys whose loose form differs from
    // them (NearMatchKeys): the "near match" hint for a missing customer costs one entry per such key.
    private readonly Dictionary<ulong, KeyRef> _loose = new();
    private readonly char[] _looseBuffer = new char[NearMatchKeys.MaxKeyLength + 16];
    private readonly Func<TPacked, T> _unpack;
    private readonly int _maxListed;
    private long _count;
    private long _withoutKey;
    private long _unreadableCount;

    private PackedDestinationIndex(Func<TPacked, T> unpack, int maxListed, int capacity)
    {
        _unpack = unpack;
        _maxListed = maxListed;
        _byHash = new Dictionary<ulong, Entry>(capacity);
    }

    /// <inheritdoc />
    public override long Count => _count;

    /// <inheritdoc />
    public override long WithoutKey => _withoutKey;

    /// <inheritdoc />
    public override long DuplicateKeyCount => _duplicates.Count;

    /// <inheritdoc />
    public override long UnreadableCount => _unreadableCount;

    /// <inheritdoc />
    public override IEnumerable<DuplicateKey> AllDuplicates() => _duplicates.Select(d => new DuplicateKey(d.Key, d.Value));

    /// <inheritdoc />
    public override IReadOnlyList<DuplicateKey> Duplicates =>
        _duplicates.Take(_maxListed).Select(d => new DuplicateKey(d.Key, d.Value)).ToArray();

    /// <summary>Reads <paramref name="records"/> (in packed form) into an index.</summary>
    /// <param name="records">The destination's records, packed.</param>
    /// <param name="unpack">Builds the compared record from its packed form (called once per lookup that matches).</param>
    /// <param name="maxListed">How many duplicate keys to list.</param>
    /// <param name="expectedCount">An estimate of the record count, to size the table once.</param>
    public static PackedDestinationIndex<T, TPacked> Build(IEnumerable<SourceRecord<TPacked>> records, Func<TPacked, T> unpack, int maxListed, int expectedCount = 0)
    {
        var index = new PackedDestinationIndex<T, TPacked>(unpack, maxListed, Math.Max(0, expectedCount));
        foreach (var record in records) index.Add(record);
        return index;
    }

    /// <inheritdoc />
    public override bool TryGet(string key, out T record)
    {
        if (Find(key, out var entry))
        {
            record = _unpack(entry.Value);
            return true;
        }
        record = default!;
        return false;
    }

    /// <inheritdoc />
    public override bool TryGetUnreadable(string key, out MalformedRow row)
    {
        if (_unreadable.Count > 0 && _unreadable.TryGetValue(key, out var found)) { row = found; return true; }
        row = default!;
        return false;
    }

    /// <inheritdoc />
    public override string? NearMatch(string key)
    {
        var loose = NearMatchKeys.Loosen(key);
        if (!ReferenceEquals(loose, key) && Find(loose, out _)) return loose;
        if (_loose.TryGetValue(Hash(loose), out var at))
        {
            // Confirmed on the characters: a hash collision must not suggest a stranger.
            var stored = _keys.Get(at);
            if (stored != key && NearMatchKeys.Loosen(stored) == loose) return stored;
        }
        return null;
    }

    private bool Find(string key, out Entry entry)
    {
        if (_byHash.TryGetValue(Hash(key), out entry) && _keys.Matches(entry.Key, key)) return true;
        return _collided.Count > 0 && _collided.TryGetValue(key, out entry);
    }

    private void Add(in SourceRecord<TPacked> record)
    {
        if (record.Unreadable is { } unreadable)
        {
            // A keyless unreadable row can claim nobody; it is already listed as malformed by its reader.
            if (record.Key.Value is { } named) { _unreadableCount++; _unreadable.TryAdd(named, unreadable); }
            return;
        }
        if (record.Key.Value is not { } key) { _withoutKey++; return; }
        _count++;
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_byHash, Hash(key), out var exists);
        // Id and line are kept (not the whole SourceRecord) so that a duplicate can name both records.
        if (!exists)
        {
            slot = new Entry(record.Record, record.Id, record.Line, _keys.Add(key));
            var looseLength = NearMatchKeys.TryLoosen(key, _looseBuffer);
            if (looseLength >= 0) _loose.TryAdd(Hash(_looseBuffer.AsSpan(0, looseLength)), slot.Key);
            return;
        }
        Entry first;
        if (_keys.Matches(slot.Key, key)) first = slot;
        else if (!_collided.TryGetValue(key, out first))
        {
            _collided.Add(key, new Entry(record.Record, record.Id, record.Line, default));
            return;
        }
        if (!_duplicates.TryGetValue(key, out var ids))
        {
            ids = [new SourceRecord<TPacked>(default, default!, first.Id, first.Line).DisplayId];
            _duplicates.Add(key, ids);
        }
        ids.Add(record.DisplayId);
    }

    private static ulong Hash(ReadOnlySpan<char> text) => KeyHash.Of(text);

    private readonly record struct Entry(TPacked Value, string? Id, int Line, KeyRef Key);

    private readonly record struct KeyRef(int Chunk, int Start, int Length);

    /// <summary>The keys' characters in large shared chunks: no object per key for the collector to trace.</summary>
    private sealed class KeyArena
    {
        private const int ChunkChars = 1 << 20;
        private readonly List<char[]> _chunks = [];
        private int _used = ChunkChars;

        public KeyRef Add(string key)
        {
            if (key.Length > ChunkChars - _used)
            {
                _chunks.Add(new char[Math.Max(ChunkChars, key.Length)]);
                _used = 0;
            }
            key.AsSpan().CopyTo(_chunks[^1].AsSpan(_used));
            var at = new KeyRef(_chunks.Count - 1, _used, key.Length);
            _used += key.Length;
            return at;
        }

        public string Get(KeyRef at) => new(_chunks[at.Chunk].AsSpan(at.Start, at.Length));

        public bool Matches(KeyRef at, string key) =>
            at.Length == key.Length && _chunks.Count > at.Chunk && _chunks[at.Chunk].AsSpan(at.Start, at.Length).SequenceEqual(key);
    }
}
