namespace SignalFidelity.Audit;

/// <summary>How far the audit has read: bytes of all inputs together, and which input now.</summary>
/// <param name="Stage">What is being read, for example "Shopify customers".</param>
/// <param name="BytesRead">Bytes read across all inputs so far.</param>
/// <param name="TotalBytes">Bytes of all inputs together.</param>
public readonly record struct AuditProgress(string Stage, long BytesRead, long TotalBytes);
