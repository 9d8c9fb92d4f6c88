using SignalFidelity.Topology;

namespace SignalFidelity.Worker.Intake;

/// <summary>
/// What one Shopify payload says about one customer: a snapshot holding the values it carries, the
/// names of the <see cref="Customer"/> properties it actually carries (a <c>customers/update</c> body
/// says nothing about spend, so spend must not be written as zero), and when those facts were true.
/// </summary>
/// <param name="CustomerKey">The Shopify customer id as a GraphQL gid, the worker's key for the person.</param>
/// <param name="Resolutions">Fields the body names by reference only, not yet carried (<see cref="ReferenceResolver"/> resolves them).</param>
public sealed record CustomerFacts(
    string CustomerKey,
    Customer Snapshot,
    IReadOnlyCollection<string> CarriedFields,
    DateTimeOffset SourceTimestamp,
    IReadOnlyList<SignalFidelity.Runtime.WebhookResolution>? Resolutions = null)
{
    /// <summary>Fields the body names by reference only; empty when it names none.</summary>
    public IReadOnlyList<SignalFidelity.Runtime.WebhookResolution> Resolutions { get; init; } = Resolutions ?? [];
}

/// <summary>Identifies a person in a compliance payload.</summary>
public sealed record CustomerIdentity(string CustomerKey, string? Email, string? Phone);

/// <summary>What a merge report says: <paramref name="MergedAwayKey"/> merged into <paramref name="KeptKey"/>, carried out or not.</summary>
/// <param name="Status">Shopify's status as sent ("completed", "failed", ...).</param>
public sealed record MergeReport(string KeptKey, string MergedAwayKey, string Status, bool Completed);
