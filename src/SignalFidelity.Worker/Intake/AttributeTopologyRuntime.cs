using System.Reflection;
using System.Text.Json;
using SignalFidelity.Runtime;
using SignalFidelity.Topology;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Intake;

/// <summary>
/// Reads the topology from its attributes at start-up. A stop-gap until the generated router and
/// mappers are on main: the generated implementation replaces it with no reflection at all.
/// </summary>
public sealed class AttributeTopologyRuntime : ITopologyRuntime
{
    private readonly Dictionary<string, RouteResult> _routes;
    private readonly List<(PropertyInfo Property, SyncSystem Destination, string DestinationProperty)> _flows;

    /// <summary>Reads the default topology assembly.</summary>
    public AttributeTopologyRuntime()
    {
        var assembly = typeof(Customer).Assembly;
        _routes = assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<WebhookConsumerAttribute>().Select(a => (a.Topic, a.Writes, t.FullName!)))
            .GroupBy(c => c.Topic)
            .ToDictionary(g => g.Key, g => RouteResult.Routed(g.Key, g.OrderBy(c => c.Writes).Select(c => new WebhookRoute(c.Topic, c.Writes, c.Item3)).ToArray()));
        _flows = typeof(Customer).GetProperties()
            .Where(p => p.GetCustomAttribute<OwnedByAttribute>()?.System == SyncSystem.Shopify)
            .SelectMany(p => p.GetCustomAttributes<FlowsToAttribute>().Select(f => (p, f.System, f.Property)))
            .ToList();
        ShopifyDestinations = _flows.Select(f => f.Destination).Distinct().Order().ToList();
    }

    /// <inheritdoc />
    public IReadOnlyList<SyncSystem> ShopifyDestinations { get; }

    /// <inheritdoc />
    public RouteResult Route(string topic) => _routes.TryGetValue(topic, out var route) ? route : RouteResult.Unrouted(topic);

    /// <inheritdoc />
    public ProposedWrite? PlanWrite(CustomerFacts facts, SyncSystem destination, bool reassertEqual = false)
    {
        var fields = _flows
            .Where(f => f.Destination == destination && facts.CarriedFields.Contains(f.Property.Name))
            .Select(f => new FieldValue(f.DestinationProperty, JsonSerializer.Serialize(f.Property.GetValue(facts.Snapshot)), facts.SourceTimestamp))
            .ToList();
        return fields.Count == 0 ? null : new ProposedWrite(facts.CustomerKey, destination, WriteOperation.Upsert, fields, reassertEqual);
    }
}
