namespace SignalFidelity.Core.Csv;

/// <summary>
/// Input the audit cannot run on at all (a missing file or column, an empty or unmatched sample). The
/// message names the input and the fix. Per-row problems are never this: they are <see cref="MalformedRow"/>s.
/// </summary>
public sealed class AuditInputException(string message) : Exception(message);
