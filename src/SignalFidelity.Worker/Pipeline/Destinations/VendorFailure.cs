using SignalFidelity.Connectors.Resilience;

namespace SignalFidelity.Worker.Pipeline.Destinations;

/// <summary>How a vendor's refusal becomes a write outcome, the same for every destination.</summary>
internal static class VendorFailure
{
    /// <summary>429 waits (throttled), another 4xx is the vendor's final no (rejected), anything else is retried (failed).</summary>
    /// <param name="reason">The dead-letter reason: the operation and the vendor's answer, never the person's identifiers.</param>
    /// <param name="operation">What the worker was doing, for the log line ("customers/redact"), or null.</param>
    public static WriteOutcome Outcome(long writeId, ConnectorException exception, string reason, string? operation = null) => new(
        writeId,
        exception.StatusCode == 429 ? WriteResult.Throttled : exception.StatusCode is >= 400 and < 500 ? WriteResult.Rejected : WriteResult.Failed,
        reason)
    {
        LogReason = operation is null ? exception.LogReason : $"{operation}: {exception.LogReason}",
    };

    /// <summary>A write the connector could not complete (the retry budget ran out, or the vendor refused the whole call).</summary>
    public static WriteOutcome Unwritten(long writeId, ConnectorException exception) => new(
        writeId, exception.StatusCode == 429 ? WriteResult.Throttled : WriteResult.Failed, exception.Reason) { LogReason = exception.LogReason };

    /// <summary>A record the vendor refused on its merits: the full reason for the dead letter, the codes and fields for the log.</summary>
    public static WriteOutcome Rejected(long writeId, string reason, string logReason) =>
        new(writeId, WriteResult.Rejected, reason) { LogReason = logReason };
}
