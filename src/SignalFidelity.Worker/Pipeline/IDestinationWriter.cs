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
/// <param name="Reason">Why, in full, for the store and <c>sigfid deadletters list</c>: it may quote the vendor, and vendors quote the values they refuse.</param>
/// <param name="RetryAfter">The destination's own wait (Retry-After) when it gave one.</param>
public sealed record WriteOutcome(long WriteId, WriteResult Result, string? Reason = null, TimeSpan? RetryAfter = null)
{
    /// <summary>
    /// Why, as the log may say it: the vendor's status, error code and field, never a value (an email, a phone)
    /// or the vendor's prose. Null when only the full reason exists; the log then points at the dead letter.
    /// </summary>
    public string? LogReason { get; init; }

    /// <summary>An outcome whose reason is the worker's own words, with no vendor text and no value, so the log may repeat it.</summary>
    public static WriteOutcome Because(long writeId, WriteResult result, string reason) => new(writeId, result, reason) { LogReason = reason };
}

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

    /// <summary>
    /// Makes the destination's cheapest authenticated read, so <c>/health</c> proves the credentials rather than
    /// that something answers: a wrong key fails here as every write would. Throws
    /// <see cref="SignalFidelity.Connectors.Resilience.ConnectorException"/> with the vendor's status and codes when it refuses or does not answer.
    /// </summary>
    Task CheckCredentialsAsync(CancellationToken cancellationToken);
}
