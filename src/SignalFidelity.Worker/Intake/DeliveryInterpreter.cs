using System.Text.Json;
using SignalFidelity.Runtime;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Intake;

/// <summary>What intake decided about an authentic delivery.</summary>
/// <param name="Changes">What the store applies with the delivery: destination writes, a merge, the customer's tags.</param>
public sealed record Interpretation(
    DeliveryDisposition Disposition,
    string? CustomerKey,
    IReadOnlyList<LedgerChange> Changes,
    string? Reason = null);

/// <summary>
/// Turns an authentic delivery into what the store applies: the generated router picks the consumers, the payload
/// reader extracts the facts, the generated mapper shapes each destination's patch. What a topic's body says beyond
/// the topology's fields (the customer's tags, a merge) is Shopify's, read by the topic table's shapes
/// (<see cref="ShopifyTopics"/>), so no topic is named here. Never throws for bad input: an unknown topic is
/// unrouted, an unreadable body is unparseable. Fields the body names by reference are resolved by
/// <paramref name="resolver"/> before the writes are planned; without one they are left to reconciliation.
/// </summary>
public sealed class DeliveryInterpreter(ITopologyRuntime topology, SourceTimeRules? timeRules = null, ReferenceResolver? resolver = null)
{
    private readonly SourceTimeRules _timeRules = timeRules ?? SourceTimeRules.Default;

    /// <summary>
    /// Interprets one delivery; <paramref name="receivedAt"/> bounds its source time (defaults to the trigger time);
    /// <paramref name="shop"/> is the shop that sent it, whose Admin API alone may resolve what it names by reference.
    /// </summary>
    public async Task<Interpretation> InterpretAsync(
        string topic, ReadOnlyMemory<byte> body, DateTimeOffset triggeredAt, DateTimeOffset? receivedAt = null, string? shop = null, CancellationToken cancellationToken = default)
    {
        var shape = ShopifyTopics.Find(topic);
        if (shape?.Merge is not null)
        {
            return InterpretMerge(topic, body.Span);
        }

        var route = topology.Route(topic);
        if (!route.IsRouted && shape?.Tags is null)
        {
            return new Interpretation(DeliveryDisposition.Unrouted, null, []);
        }

        CustomerFacts? facts;
        TagObservation? tags;
        try
        {
            facts = route.IsRouted ? ShopifyPayloadReader.Read(topic, body.Span, triggeredAt) : null;
            tags = ShopifyPayloadReader.ReadTags(topic, body.Span, triggeredAt);
        }
        catch (Exception exception) when (IsUnreadable(exception))
        {
            return Unreadable(topic, exception);
        }

        if ((facts?.SourceTimestamp ?? tags?.SourceTimestamp) is not { } sourceTime)
        {
            return new Interpretation(DeliveryDisposition.Accepted, null, []);
        }

        // One body's tags and facts were true together: both are ordered by the topic's one source time.
        var asOf = _timeRules.Effective(sourceTime, triggeredAt, receivedAt ?? triggeredAt);
        var changes = new List<LedgerChange>(route.Routes.Count + 1);
        if (tags is not null)
        {
            changes.Add(tags with { SourceTimestamp = asOf });
        }

        if (facts is not null)
        {
            // A field named by reference is written only once read from Shopify; unresolved, it waits for reconciliation.
            facts = resolver is null ? facts : await resolver.ResolveAsync(topic, facts, shop, cancellationToken);
            facts = facts with { SourceTimestamp = asOf };
            foreach (var consumer in route.Routes)
            {
                if (topology.PlanWrite(facts, consumer.Destination) is { } write)
                {
                    changes.Add(write);
                }
            }
        }

        return new Interpretation(DeliveryDisposition.Accepted, facts?.CustomerKey ?? tags?.CustomerKey, changes);
    }

    /// <summary>
    /// A completed merge moves the merged-away customer under the kept one in every destination the topology's
    /// Shopify facts flow to; any other status (Shopify's sample says "failed") is recorded and not applied.
    /// </summary>
    private Interpretation InterpretMerge(string topic, ReadOnlySpan<byte> body)
    {
        MergeReport report;
        try
        {
            report = ShopifyPayloadReader.ReadMerge(topic, body);
        }
        catch (Exception exception) when (IsUnreadable(exception))
        {
            return Unreadable(topic, exception);
        }

        return report.Completed
            ? new Interpretation(DeliveryDisposition.Accepted, report.KeptKey, [new CustomerMerge(report.KeptKey, report.MergedAwayKey, topology.ShopifyDestinations)])
            : new Interpretation(DeliveryDisposition.NotApplied, report.KeptKey, [], $"{topic} reports status '{report.Status}': Shopify did not merge the customers, nothing was applied");
    }

    private static bool IsUnreadable(Exception exception) =>
        exception is JsonException or FormatException or InvalidOperationException or OverflowException or KeyNotFoundException;

    private static Interpretation Unreadable(string topic, Exception exception) =>
        new(DeliveryDisposition.Unparseable, null, [], $"{topic} body unreadable: {exception.Message}");
}
