using System.Globalization;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Hosting;

/// <summary>The operator's view of the queue, as <c>/status</c> and <c>sigfid status</c> show it.</summary>
public sealed record StatusReport(
    long PendingWrites,
    long InFlightWrites,
    double LagSeconds,
    long DeadLetters,
    long Deliveries,
    long UnroutedDeliveries,
    DateTimeOffset? LastReconciliation)
{
    /// <summary>Source times more than the tolerated skew ahead, clamped to their receive time, since this process started (<c>/status</c> only).</summary>
    public long? FutureTimesClamped { get; init; }

    /// <summary>Deliveries dead-lettered as outside the freshness window since this process started (<c>/status</c> only).</summary>
    public long? DeliveriesOutsideWindow { get; init; }

    /// <summary>
    /// Fields a delivery named by reference (purchasing_summary's <c>lastOrderId</c>) that could not be read from Shopify and were
    /// left out of it, waiting for reconciliation, since this process started (<c>/status</c> only).
    /// </summary>
    public long? ReferencesUnresolved { get; init; }

    /// <summary>Shopify API versions deliveries came under other than the topology's pin, since when, and the review each opened.</summary>
    public IReadOnlyList<ShopifyApiVersionSeen> ShopifyApiVersions { get; init; } = [];

    /// <summary>From the store's numbers.</summary>
    public static StatusReport From(QueueStats stats) => new(
        stats.PendingWrites, stats.InFlightWrites, Math.Round(stats.Lag.TotalSeconds, 3), stats.DeadLetters,
        stats.Deliveries, stats.UnroutedDeliveries, stats.LastReconciliation)
    {
        ShopifyApiVersions = stats.ShopifyApiVersions,
    };

    /// <summary>A few lines for a terminal.</summary>
    public string ToText() => string.Create(CultureInfo.InvariantCulture, $"""
        queue depth         {PendingWrites} pending, {InFlightWrites} in flight
        lag                 {LagSeconds:0.###} s (oldest write not yet accepted)
        dead letters        {DeadLetters}
        deliveries          {Deliveries} stored, {UnroutedDeliveries} unrouted
        last reconciliation {(LastReconciliation is { } at ? at.ToString("u", CultureInfo.InvariantCulture) : "never")}
        shopify versions    {(ShopifyApiVersions.Count == 0 ? "only the pinned one" : string.Join("; ", ShopifyApiVersions.Select(Describe)))}
        """);

    private static string Describe(ShopifyApiVersionSeen seen) => string.Create(CultureInfo.InvariantCulture,
        $"{seen.Version} since {seen.FirstSeen:u} ({seen.Deliveries} deliveries, review {seen.Review ?? "not opened"})");
}
