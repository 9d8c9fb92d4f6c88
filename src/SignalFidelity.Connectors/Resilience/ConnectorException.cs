namespace SignalFidelity.Connectors.Resilience;

/// <summary>A vendor call that did not succeed after the resilience budget; never a silent skip.</summary>
public class ConnectorException(string vendor, string operation, string reason, int? statusCode, Exception? inner)
    : Exception($"{vendor} {operation} failed: {reason}", inner)
{
    public string Vendor { get; } = vendor;
    public string Operation { get; } = operation;
    public string Reason { get; } = reason;
    public int? StatusCode { get; } = statusCode;

    /// <summary>The vendor's codes and fields when it answered with an error body; set wherever <see cref="Reason"/> quotes that body.</summary>
    public VendorRefusal? Refusal { get; init; }

    /// <summary>
    /// What may be logged: the vendor's status, codes and fields when it refused, else the reason, which then
    /// holds only the client's own words (a status line, a transport error, "still throttled").
    /// </summary>
    public string LogReason => Refusal is { } refusal ? $"{Vendor} {Operation}: {refusal.ToLogText()}" : $"{Vendor} {Operation}: {Reason}";
}

/// <summary>
/// A write that could not be completed: <see cref="Unwritten"/> holds every record the vendor has not
/// accepted, so the caller can queue them again or dead-letter them. Records the vendor accepted before
/// the failure are not in it.
/// </summary>
public sealed class ConnectorWriteException<TRecord>(string vendor, string operation, string reason, int? statusCode,
    IReadOnlyList<TRecord> unwritten, Exception? inner = null)
    : ConnectorException(vendor, operation, $"{reason} ({unwritten.Count} record(s) not written)", statusCode, inner)
{
    public IReadOnlyList<TRecord> Unwritten { get; } = unwritten;
}

/// <summary>A record the vendor refused on its merits (invalid email, ...): retrying will not help.</summary>
/// <param name="Reason">The vendor's words, which may quote the record's values: for the dead letter, not the log.</param>
/// <param name="Refusal">The vendor's codes and fields, for the log.</param>
public sealed record RejectedRecord<TRecord>(TRecord Record, string Reason, VendorRefusal? Refusal = null)
{
    /// <summary>What may be logged about the refusal.</summary>
    public string LogReason => Refusal?.ToLogText() ?? "refused (the vendor's reason is in the dead letter)";
}

/// <summary>The outcome of a batch write: how many landed and which were refused, each with the vendor's reason.</summary>
public sealed record WriteResult<TRecord>(int Written, IReadOnlyList<RejectedRecord<TRecord>> Rejected)
{
    public static WriteResult<TRecord> Empty { get; } = new(0, []);
    public WriteResult<TRecord> Add(WriteResult<TRecord> other) => new(Written + other.Written, [.. Rejected, .. other.Rejected]);
}
