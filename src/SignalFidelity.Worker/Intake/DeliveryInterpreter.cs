using System.Text.Json;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Intake;

/// <summary>What intake decided about an authentic delivery.</summary>
public sealed record Interpretation(
    DeliveryDisposition Disposition,
    string? CustomerKey,
    IReadOnlyList<ProposedWrite> Writes,
    string? Reason = null);

/// <summary>
/// Turns an authentic delivery into destination writes: the generated router picks the consumers,
/// the payload reader extracts the facts, the generated mapper shapes each destination's patch.
/// Never throws for bad input: an unknown topic is unrouted, an unreadable body is unparseable.
/// </summary>
public sealed class DeliveryInterpreter(ITopologyRuntime topology, SourceTimeRules? timeRules = null)
{
    private readonly SourceTimeRules _timeRules = timeRules ?? SourceTimeRules.Default;

    /// <summary>Interprets one delivery; <paramref name="receivedAt"/> bounds its source time (defaults to the trigger time).</summary>
    public Interpretation Interpret(string topic, ReadOnlySpan<byte> body, DateTimeOffset triggeredAt, DateTimeOffset? receivedAt = null)
    {
        var route = topology.Route(topic);
        if (!route.IsRouted)
        {
            return new Interpretation(DeliveryDisposition.Unrouted, null, []);
        }

        CustomerFacts? facts;
        try
        {
            facts = ShopifyPayloadReader.Read(topic, body, triggeredAt);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or OverflowException or KeyNotFoundException)
        {
            return new Interpretation(DeliveryDisposition.Unparseable, null, [], $"{topic} body unreadable: {exception.Message}");
        }

        if (facts is null)
        {
            return new Interpretation(DeliveryDisposition.Accepted, null, []);
        }

        facts = facts with { SourceTimestamp = _timeRules.Effective(facts.SourceTimestamp, triggeredAt, receivedAt ?? triggeredAt) };

        var writes = new List<ProposedWrite>(route.Routes.Count);
        foreach (var consumer in route.Routes)
        {
            if (topology.PlanWrite(facts, consumer.Destination) is { } write)
            {
                writes.Add(write);
            }
        }

        return new Interpretation(DeliveryDisposition.Accepted, facts.CustomerKey, writes);
    }
}
