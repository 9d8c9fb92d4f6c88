using Microsoft.Extensions.Logging;
using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Generated;
using SignalFidelity.Runtime;
using SignalFidelity.Topology;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Pipeline;

/// <summary>What the shop's webhook subscriptions look like against the topics the topology consumes.</summary>
/// <param name="Consumed">The topics the topology consumes (compliance topics excluded: they are set in the app's configuration, not by API).</param>
/// <param name="Missing">Consumed topics with no subscription delivering to this worker.</param>
/// <param name="Created">Subscriptions created by this run (ensure only).</param>
public sealed record SubscriptionCheck(IReadOnlyList<string> Consumed, IReadOnlyList<string> Missing, IReadOnlyList<string> Created, DateTimeOffset At)
{
    /// <summary>True when every consumed topic is subscribed (now, after an ensure).</summary>
    public bool Complete => Missing.Count == Created.Count;
}

/// <summary>
/// Shopify deletes an app's webhook subscriptions after repeated failed deliveries, and nothing tells the app:
/// every change after that is lost until a reconciliation. The watchdog lists the shop's subscriptions
/// (GraphQL <c>webhookSubscriptions</c>) against the topics the topology consumes, recreates the missing ones
/// for this worker's URL (<c>webhookSubscriptionCreate</c>), pulls the changes made since the last delivery
/// of a missing topic, and says so in the log and on <c>/health</c>.
/// </summary>
public sealed partial class SubscriptionWatchdog(ShopifyClient shopify, Uri webhookUrl, IWorkerStore? store, Reconciler? reconciler, TimeProvider clock, ILogger<SubscriptionWatchdog> logger)
{
    /// <summary>How far before the last delivery of a lost topic the gap is pulled from (clocks and retries differ).</summary>
    private static readonly TimeSpan GapMargin = TimeSpan.FromMinutes(5);

    /// <summary>Where the gap starts when the topic never delivered at all.</summary>
    private static readonly TimeSpan NeverDeliveredLookBack = TimeSpan.FromDays(1);

    /// <summary>The last run's result, for <c>/health</c>; null before the first run.</summary>
    public SubscriptionCheck? Last { get; private set; }

    /// <summary>The topics the topology consumes that are subscribed by API, from the generated router and the one topic table.</summary>
    public static IReadOnlyList<string> ConsumedTopics { get; } =
        [.. GeneratedWebhookRouter.Topics.Where(t => ShopifyTopics.Find(t) is not { IsCompliance: true }).Order(StringComparer.Ordinal)];

    /// <summary>Lists and compares; changes nothing.</summary>
    public async Task<SubscriptionCheck> CheckAsync(CancellationToken cancellationToken) =>
        Last = new SubscriptionCheck(ConsumedTopics, await MissingAsync(cancellationToken), [], clock.GetUtcNow());

    /// <summary>Creates the missing subscriptions and, when <paramref name="reconcileGap"/>, pulls what they missed.</summary>
    public async Task<SubscriptionCheck> EnsureAsync(bool reconcileGap, CancellationToken cancellationToken)
    {
        var missing = await MissingAsync(cancellationToken);
        var created = new List<string>();
        // Where the gap starts is read before anything is recreated: once a topic is subscribed again, a later run no
        // longer sees it missing, so a gap not pulled by this run would never be pulled.
        DateTimeOffset? since = missing.Count > 0 && reconcileGap && reconciler is not null && store is not null
            ? await GapStartAsync(store, missing, cancellationToken)
            : null;
        try
        {
            foreach (var topic in missing)
            {
                await shopify.CreateWebhookSubscriptionAsync(ShopifyClient.TopicEnum(topic), webhookUrl, cancellationToken);
                created.Add(topic);
            }
        }
        finally
        {
            if (created.Count > 0)
            {
                LogRecreated(logger, string.Join(", ", created), webhookUrl);
                if (since is { } start)
                {
                    // Even when a later create failed: the ones recreated must have their gap pulled now.
                    var read = await reconciler!.RunSinceAsync(start, cancellationToken);
                    LogGapReconciled(logger, start, read);
                }
            }
        }

        return Last = new SubscriptionCheck(ConsumedTopics, missing, created, clock.GetUtcNow());
    }

    /// <summary>The scheduled run: ensure, and reconcile the gap.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken) => (await EnsureAsync(reconcileGap: true, cancellationToken)).Created.Count;

    private async Task<IReadOnlyList<string>> MissingAsync(CancellationToken cancellationToken)
    {
        var subscribed = (await shopify.ListWebhookSubscriptionsAsync(cancellationToken))
            .Where(s => Uri.TryCreate(s.Uri, UriKind.Absolute, out var uri) && uri == webhookUrl)
            .Select(s => s.Topic)
            .ToHashSet(StringComparer.Ordinal);
        return [.. ConsumedTopics.Where(t => !subscribed.Contains(ShopifyClient.TopicEnum(t)))];
    }

    private async Task<DateTimeOffset> GapStartAsync(IWorkerStore store, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        var earliest = DateTimeOffset.MaxValue;
        foreach (var topic in topics)
        {
            // A topic that never delivered has no known start: the look-back bounds it, whatever the others say.
            var last = await store.LastDeliveryOfAsync(topic, cancellationToken) ?? clock.GetUtcNow() - NeverDeliveredLookBack + GapMargin;
            earliest = last < earliest ? last : earliest;
        }

        return earliest - GapMargin;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shopify webhook subscriptions were missing for {Topics}; recreated them for {Url}")]
    private static partial void LogRecreated(ILogger logger, string topics, Uri url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciled the gap of the lost subscriptions: {Count} customer(s) updated since {Since:O}")]
    private static partial void LogGapReconciled(ILogger logger, DateTimeOffset since, int count);
}
