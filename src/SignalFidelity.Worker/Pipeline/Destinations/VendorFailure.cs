using SignalFidelity.Connectors.Resilience;

namespace SignalFidelity.Worker.Pipeline.Destinations;

/// <summary>How a vendor's refusal becomes a write outcome, the same for every destination.</summary>
internal static class VendorFailure
{
    /// <summary>429 waits (throttled), another 4xx is the vendor's final no (rejected), anything else is retried (failed).</summary>
    /// <param name="reason">The dead-letter reason: the operation and status, never the person's identifiers.</param>
    public static WriteOutcome Outcome(long writeId, ConnectorException exception, string reason) => new(
        writeId,
        exception.StatusCode == 429 ? WriteResult.Throttled : exception.StatusCode is >= 400 and < 500 ? WriteResult.Rejected : WriteResult.Failed,
        reason);
}
