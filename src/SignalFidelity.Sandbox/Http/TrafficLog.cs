using System.Collections.Concurrent;

namespace SignalFidelity.Sandbox.Http;

/// <summary>What each simulated endpoint saw: how tests tell "no 429 beyond the unavoidable" from luck.</summary>
public sealed class TrafficLog
{
    private readonly ConcurrentDictionary<string, Counters> _byOperation = new(StringComparer.Ordinal);

    public sealed class Counters
    {
        internal long RequestsField, ThrottledField, FaultedField;
        public long Requests => Interlocked.Read(ref RequestsField);
        public long Throttled => Interlocked.Read(ref ThrottledField);
        public long Faulted => Interlocked.Read(ref FaultedField);
    }

    internal Counters For(string operation) => _byOperation.GetOrAdd(operation, _ => new Counters());

    internal void Request(string operation) => Interlocked.Increment(ref For(operation).RequestsField);
    internal void Throttled(string operation) => Interlocked.Increment(ref For(operation).ThrottledField);
    internal void Faulted(string operation) => Interlocked.Increment(ref For(operation).FaultedField);

    /// <summary>Counters of one operation, such as "klaviyo POST /api/profile-import".</summary>
    public Counters this[string operation] => For(operation);

    public IReadOnlyDictionary<string, Counters> Snapshot() => new Dictionary<string, Counters>(_byOperation);

    public long TotalThrottled(string vendorPrefix) => _byOperation.Where(kv => kv.Key.StartsWith(vendorPrefix, StringComparison.Ordinal)).Sum(kv => kv.Value.Throttled);
    public long TotalRequests(string vendorPrefix) => _byOperation.Where(kv => kv.Key.StartsWith(vendorPrefix, StringComparison.Ordinal)).Sum(kv => kv.Value.Requests);
}
