using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Pipeline;

/// <summary>How one write fared at its destination.</summary>
public enum WriteResult
{
    /// <summary>The destination accepted it.</summary>
    Written,

    /// <summary>The destination asked to slow down (429): a delay, never a dropped write, never counted as a failure.</summary>
    Throttled,

    /// <summary>A failure that may pass (5xx, timeout, connection refused): retried with backoff, then dead-lettered.</summary>
    Failed,

    /// <summary>The destination refused the content (4xx other than 429): dead-lettered at once with the reason.</summary>
    Rejected,
}

/// <summary>The outcome of one claimed write.</summary>
/// <param name="RetryAfter">The destination's own wait (Retry-After) when it gave one.</param>
public sealed record WriteOutcome(long WriteId, WriteResult Result, string? Reason = null, TimeSpan? RetryAfter = null);

/// <summary>
/// Writes claimed patches into one destination through its connector: one profile upsert each, or
/// the bulk endpoint (Klaviyo bulk import, HubSpot batch upsert) when <paramref name="bulk"/> is set.
/// </summary>
public interface IDestinationWriter
{
    /// <summary>The destination written.</summary>
    SyncSystem Destination { get; }

    /// <summary>Writes the patches; returns an outcome for every one of them.</summary>
    Task<IReadOnlyList<WriteOutcome>> WriteAsync(IReadOnlyList<ClaimedWrite> writes, bool bulk, CancellationToken cancellationToken);

    /// <summary>True when the destination answers at all (for <c>/health</c>).</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}
