using SignalFidelity.Core.Csv;
using SignalFidelity.Core.Identity;

namespace SignalFidelity.Core.Drift;

/// <summary>One record read from a system, with the identity key it is matched on.</summary>
/// <param name="Key">The match key (may be keyless, with the reason).</param>
/// <param name="Record">The snapshot.</param>
/// <param name="Id">The system's own id (Shopify customer id, HubSpot record id), or null.</param>
/// <param name="Line">The line the record starts on in its export, for reports; 0 when not from a file.</param>
public readonly record struct SourceRecord<T>(MatchKey Key, T Record, string? Id, int Line)
{
    /// <summary>How a report names the record: its id, else its line.</summary>
    public string DisplayId => Id ?? (Line > 0 ? "line " + Line : "?");

    /// <summary>
    /// Set when the row names a person (its key could be read) but its values could not: the index keeps
    /// the key so that person is reported unreadable, not missing. <see cref="Record"/> is then a default.
    /// </summary>
    public MalformedRow? Unreadable { get; init; }
}
