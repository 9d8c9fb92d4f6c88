using SignalFidelity.Core.Csv;

namespace SignalFidelity.Core.Drift;

/// <summary>
/// The destination's records by match key. The first record of a key is the one compared (export order
/// is the CRM's own order); later records with the same key are listed as duplicates with the first.
/// Built separately from <see cref="DriftEngine{T}.Run(DestinationIndex{T}, IEnumerable{SourceRecord{T}}, IDriftListener{T})"/>
/// so a caller can build it while another thread reads other inputs.
/// </summary>
public abstract class DestinationIndex<T>
{
    /// <summary>Records indexed (with a key).</summary>
    public abstract long Count { get; }

    /// <summary>Records skipped for want of a key.</summary>
    public abstract long WithoutKey { get; }

    /// <summary>Keys held by two or more records.</summary>
    public abstract long DuplicateKeyCount { get; }

    /// <summary>The duplicated keys with their records' ids, up to the listing cap.</summary>
    public abstract IReadOnlyList<DuplicateKey> Duplicates { get; }

    /// <summary>Every duplicated key with its records' ids (the first is the one compared), past the listing cap.</summary>
    public abstract IEnumerable<DuplicateKey> AllDuplicates();

    /// <summary>Rows that named a person but could not be read (<see cref="SourceRecord{T}.Unreadable"/>).</summary>
    public abstract long UnreadableCount { get; }

    /// <summary>The first record holding <paramref name="key"/>.</summary>
    public abstract bool TryGet(string key, out T record);

    /// <summary>The first unreadable row holding <paramref name="key"/>, when no readable record does.</summary>
    public abstract bool TryGetUnreadable(string key, out MalformedRow row);

    /// <summary>
    /// A held key that differs from <paramref name="key"/> only by a <c>+tag</c>, a dot or a domain alias
    /// (<see cref="Identity.NearMatchKeys"/>), for the hint on a missing record; null when there is none.
    /// </summary>
    public virtual string? NearMatch(string key) => null;

    /// <summary>Reads <paramref name="records"/> into an index.</summary>
    /// <param name="records">The destination's records.</param>
    /// <param name="maxListed">How many duplicate keys to list.</param>
    /// <param name="expectedCount">An estimate of the record count (from the file size): growing a million-entry table costs several rehashes.</param>
    public static DestinationIndex<T> Build(IEnumerable<SourceRecord<T>> records, int maxListed, int expectedCount = 0) =>
        PackedDestinationIndex<T, T>.Build(records, static record => record, maxListed, expectedCount);
}
