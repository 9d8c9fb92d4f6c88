using SignalFidelity.Core.Csv;
using SignalFidelity.Core.Drift;
using SignalFidelity.Core.Mapping;
using SignalFidelity.Core.Volume;

namespace SignalFidelity.Core.Reports;

/// <summary>
/// The one-page Phase 1 audit: the three headline numbers (drift %, contested fields, unowned custom
/// properties), then fidelity, its interval, drift per field, examples, and the volume check.
/// </summary>
public sealed record AuditReport
{
    /// <summary>When the audit ran.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The CRM audited (Klaviyo or HubSpot).</summary>
    public required SyncSystem Crm { get; init; }

    /// <summary>The inputs as the user named them (label -> file).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Inputs { get; init; }

    /// <summary>The drift measurement.</summary>
    public required DriftResult Drift { get; init; }

    /// <summary>CRM properties with two or more writers.</summary>
    public required IReadOnlyList<ContestedField> ContestedFields { get; init; }

    /// <summary>
    /// Customers of a live check that drifted in one of the two checks before it too (<see cref="RunTimeContest"/>);
    /// null for a report outside the check history (the audit of exports), which then has no such section or key.
    /// </summary>
    public IReadOnlyList<RunTimeContest>? ContestedAtRunTime { get; init; }

    /// <summary>CRM export property columns no topology flow declares.</summary>
    public required IReadOnlyList<string> UnownedCustomProperties { get; init; }

    /// <summary>The daily volume check, empty when no CRM order events were supplied.</summary>
    public IReadOnlyList<VolumeDay> Volume { get; init; } = [];

    /// <summary>Rows skipped as malformed, across all inputs (up to the listing cap).</summary>
    public IReadOnlyList<MalformedRow> MalformedRows { get; init; } = [];

    /// <summary>Rows skipped as malformed, all counted.</summary>
    public long MalformedRowCount { get; init; }

    /// <summary>The complete listings written during the run, or null when none were asked for (the lists above are then capped).</summary>
    public AuditListings? Listings { get; init; }

    /// <summary>
    /// How each fidelity field is named for people ("TotalSpent" -> "Total spent"), from the topology's words.
    /// The pages, the terminal and drifted.csv use them; audit.json keeps the code names as keys.
    /// </summary>
    public IReadOnlyDictionary<string, string> FieldWords { get; init; } = new Dictionary<string, string>();

    /// <summary>The field's words, or its code name when the report has none for it.</summary>
    public string InWords(string field) => FieldWords.TryGetValue(field, out var words) ? words : field;

    /// <summary>Things the reader must know to trust the numbers (assumptions the run made).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
