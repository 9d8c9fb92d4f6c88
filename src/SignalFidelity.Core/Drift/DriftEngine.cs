using SignalFidelity.Core.Identity;
using SignalFidelity.Core.Csv;
using SignalFidelity.Core.Statistics;
using SignalFidelity.Runtime;

namespace SignalFidelity.Core.Drift;

/// <summary>
/// Measures how far a destination (the CRM) has drifted from the owners of an entity's fields. Indexes
/// the destination by match key, then streams the owner side: a seeded sample or every record. Each
/// matched pair is aligned into (owner values, destination values) and compared by the generated
/// <see cref="IFidelityComparer{T}"/>; a record with no destination match drifts and is listed missing,
/// one whose destination row could not be read drifts and is listed unreadable.
/// </summary>
/// <typeparam name="T">The entity record.</typeparam>
public sealed class DriftEngine<T>
{
    private readonly IFidelityComparer<T> _comparer;
    private readonly Func<T, T, (T Expected, T Actual)> _align;
    private readonly DriftOptions _options;

    /// <summary>Creates an engine.</summary>
    /// <param name="comparer">The entity's generated fidelity comparer.</param>
    /// <param name="align">
    /// Builds, from the owner-side snapshot and the destination snapshot of one person, the snapshot of
    /// each field's owner's value and the snapshot of what the other system holds. Null when the owner side
    /// owns every fidelity field (expected = owner side, actual = destination).
    /// </param>
    /// <param name="options">Sampling and listing options.</param>
    public DriftEngine(IFidelityComparer<T> comparer, Func<T, T, (T Expected, T Actual)>? align, DriftOptions options)
    {
        _comparer = comparer;
        _align = align ?? ((owner, destination) => (owner, destination));
        _options = options;
        if (comparer.FieldNames.Count > 32) throw new ArgumentException("a comparer mask holds at most 32 fields", nameof(comparer));
    }

    /// <summary>Runs the measurement. Reads <paramref name="destination"/> fully, then streams <paramref name="owner"/>.</summary>
    /// <exception cref="AuditInputException">The owner side is empty, or no measured record matched.</exception>
    public DriftResult Run(IEnumerable<SourceRecord<T>> destination, IEnumerable<SourceRecord<T>> owner) =>
        Run(DestinationIndex<T>.Build(destination, _options.MaxListed), owner);

    /// <summary>Runs the measurement against a destination index built beforehand; streams <paramref name="owner"/>.</summary>
    /// <param name="index">The destination's records by key.</param>
    /// <param name="owner">The owner side, streamed once.</param>
    /// <param name="listener">Hears every drifted, missing and unreadable record as it is found (all of them, past every listing cap).</param>
    /// <exception cref="AuditInputException">The owner side is empty, or no measured record matched.</exception>
    public DriftResult Run(DestinationIndex<T> index, IEnumerable<SourceRecord<T>> owner, IDriftListener<T>? listener = null)
    {
        var tally = new Tally(_comparer, _options, listener);

        long population = 0;
        if (_options.SampleSize is { } size)
        {
            var sampler = new ReservoirSampler<SourceRecord<T>>(size, _options.Seed);
            foreach (var record in owner) sampler.Offer(record);
            population = sampler.Seen;
            foreach (var record in sampler.Sample) Measure(record, index, tally);
        }
        else
        {
            foreach (var record in owner) { population++; Measure(record, index, tally); }
        }

        if (population == 0)
            throw new AuditInputException("The Shopify customer export has no customers: nothing to sample.");
        if (tally.Matched == 0 && tally.UnreadableCount > 0 && tally.Unreadable.Count > 0)
            throw new AuditInputException($"None of the {tally.Measured} sampled Shopify customers matched a readable CRM record: " +
                $"{tally.UnreadableCount} matched rows that could not be read, for example {tally.Unreadable[0].Row.File} line {tally.Unreadable[0].Row.Line}: " +
                $"{tally.Unreadable[0].Row.Problem}. Fix that column in the export (or its format) and run again.");
        if (tally.Matched == 0)
            throw new AuditInputException($"None of the {tally.Measured} sampled Shopify customers matched a CRM record " +
                $"({index.Count} CRM records read). Check that --crm names the right system and that both exports come from the same store.");

        return new DriftResult
        {
            PopulationSize = population,
            DestinationRecords = index.Count,
            DestinationWithoutKey = index.WithoutKey,
            WholePopulation = _options.SampleSize is null,
            Seed = _options.Seed,
            SampleSize = tally.Measured,
            DriftedCount = tally.Drifted,
            MissingCount = tally.MissingCount,
            UnreadableCount = tally.UnreadableCount,
            DuplicateCount = index.DuplicateKeyCount,
            DriftPercentCi95 = WilsonInterval.Percent(tally.Drifted, tally.Measured),
            PerField = _comparer.FieldNames.Select((name, i) => new FieldDrift(name, tally.PerField[i])).ToArray(),
            Examples = tally.WorstExamples(),
            Missing = tally.Missing,
            Unreadable = tally.Unreadable,
            Duplicates = index.Duplicates,
        };
    }

    private void Measure(in SourceRecord<T> record, DestinationIndex<T> index, Tally tally)
    {
        tally.Measured++;
        if (record.Key.Value is not { } key) { tally.AddMissing(record, "no match key: " + record.Key.Problem); return; }
        if (!index.TryGet(key, out var match))
        {
            // The CRM has a row for this person that could not be read: not knowing its values is not its absence.
            if (index.TryGetUnreadable(key, out var row)) tally.AddUnreadable(record, row);
            else if (index.NearMatch(key) is { } near) tally.AddMissing(record, $"no CRM record with this key; near match: {near} (differs by {NearMatchKeys.Difference(key, near)})", near);
            else tally.AddMissing(record, "no CRM record with this key");
            return;
        }
        tally.Matched++;
        var (expected, actual) = _align(record.Record, match);
        var drifted = _comparer.Compare(expected, actual).Drifted;
        if (drifted.IsEmpty) return;
        if (!_options.IgnoredFields.IsEmpty)
        {
            drifted = drifted.Except(_options.IgnoredFields);
            if (drifted.IsEmpty) return;
        }
        tally.AddDrifted(record, drifted, expected, actual);
    }

    private sealed class Tally(IFidelityComparer<T> comparer, DriftOptions options, IDriftListener<T>? listener)
    {
        private readonly PriorityQueue<DriftExample, (int Fields, long Order)> _worst =
            new(Comparer<(int Fields, long Order)>.Create((a, b) => a.Fields != b.Fields ? a.Fields.CompareTo(b.Fields) : b.Order.CompareTo(a.Order)));
        private readonly List<MissingRecord> _missing = [];
        private readonly List<UnreadableRecord> _unreadable = [];

        public long Measured;
        public long Matched;
        public long Drifted;
        public long MissingCount;
        public long UnreadableCount;
        public readonly int[] PerField = new int[comparer.FieldNames.Count];

        public IReadOnlyList<MissingRecord> Missing => _missing;
        public IReadOnlyList<UnreadableRecord> Unreadable => _unreadable;

        public void AddUnreadable(in SourceRecord<T> record, MalformedRow row)
        {
            Drifted++;
            UnreadableCount++;
            var unreadable = new UnreadableRecord(record.DisplayId, record.Key.ToString(), row);
            if (_unreadable.Count < options.MaxListed) _unreadable.Add(unreadable);
            listener?.OnUnreadable(unreadable);
        }

        public void AddMissing(in SourceRecord<T> record, string reason, string? nearMatch = null)
        {
            Drifted++;
            MissingCount++;
            if (_missing.Count >= options.MaxListed && listener is null) return;
            var missing = new MissingRecord(record.DisplayId, record.Key.ToString(), reason, nearMatch);
            if (_missing.Count < options.MaxListed) _missing.Add(missing);
            listener?.OnMissing(missing);
        }

        public void AddDrifted(in SourceRecord<T> record, FieldSet drifted, T expected, T actual)
        {
            Drifted++;
            var fields = 0;
            for (var i = 0; i < PerField.Length; i++)
            {
                if (!drifted.Contains(i)) continue;
                PerField[i]++;
                fields++;
            }
            listener?.OnDrifted(record, drifted, expected, actual);
            if (options.MaxExamples <= 0) return;
            // Only format the record when it would enter the worst-examples list.
            if (_worst.Count >= options.MaxExamples && _worst.TryPeek(out _, out var least) && least.Fields >= fields) return;
            var differences = new FieldDifference[comparer.FieldNames.Count];
            for (var i = 0; i < differences.Length; i++)
                differences[i] = new FieldDifference(comparer.FieldNames[i], comparer.Format(expected, i), comparer.Format(actual, i), drifted.Contains(i));
            _worst.Enqueue(new DriftExample(record.DisplayId, record.Key.ToString(), fields, differences), (fields, Drifted));
            if (_worst.Count > options.MaxExamples) _worst.Dequeue();
        }

        public IReadOnlyList<DriftExample> WorstExamples()
        {
            var items = _worst.UnorderedItems.OrderByDescending(e => e.Priority.Fields).ThenBy(e => e.Priority.Order).Select(e => e.Element).ToArray();
            return items;
        }
    }
}
