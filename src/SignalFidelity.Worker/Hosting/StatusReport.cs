using System.Globalization;
using SignalFidelity.Worker.Alerts;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Hosting;

/// <summary>The operator's view of one shop's queue, as <c>/status</c> and <c>sigfid status</c> show it.</summary>
public sealed record StatusReport(
    string Shop,
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

    /// <summary>Each alert channel: pending messages, attempts, last error, next attempt (<see cref="WithAlertsAsync"/>).</summary>
    public IReadOnlyList<AlertChannelStatus> AlertChannels { get; init; } = [];

    /// <summary>This report with the alert channels read from the outbox.</summary>
    public async Task<StatusReport> WithAlertsAsync(ICheckHistoryStore store, AlertOptions options, CancellationToken cancellationToken) =>
        this with { AlertChannels = await AlertChannelStatus.ReadAsync(store, options, cancellationToken) };

    /// <summary>How many customers the shop's ledger holds values for.</summary>
    public long LedgerCustomers { get; init; }

    /// <summary>Every shop the worker serves, the main one first, each with its own numbers (<c>/status</c> only).</summary>
    public IReadOnlyList<StatusReport>? Shops { get; init; }

    /// <summary>From the store's numbers.</summary>
    public static StatusReport From(QueueStats stats) => new(
        stats.Shop,
        stats.PendingWrites, stats.InFlightWrites, Math.Round(stats.Lag.TotalSeconds, 3), stats.DeadLetters,
        stats.Deliveries, stats.UnroutedDeliveries, stats.LastReconciliation)
    {
        ShopifyApiVersions = stats.ShopifyApiVersions,
        LedgerCustomers = stats.LedgerCustomers,
    };

    /// <summary>A few lines for a terminal.</summary>
    public string ToText() => string.Create(CultureInfo.InvariantCulture, $"""
        shop                {Shop}
        queue depth         {PendingWrites} pending, {InFlightWrites} in flight
        lag                 {LagSeconds:0.###} s (oldest write not yet accepted)
        ledger              {LedgerCustomers} customers
        dead letters        {DeadLetters}
        deliveries          {Deliveries} stored, {UnroutedDeliveries} unrouted
        last reconciliation {(LastReconciliation is { } at ? at.ToString("u", CultureInfo.InvariantCulture) : "never")}
        shopify versions    {(ShopifyApiVersions.Count == 0 ? "only the pinned one" : string.Join("; ", ShopifyApiVersions.Select(Describe)))}
        alert channels      {(AlertChannels.Count == 0 ? "none configured (SignalFidelity:Alerts:Slack:WebhookUrl, SignalFidelity:Alerts:Email:Host)" : string.Join("; ", AlertChannels.Select(c => c.Channel + ": " + c.Describe())))}
        """);

    private static string Describe(ShopifyApiVersionSeen seen) => string.Create(CultureInfo.InvariantCulture,
        $"{seen.Version} since {seen.FirstSeen:u} ({seen.Deliveries} deliveries, review {seen.Review ?? "not opened"})");
}
