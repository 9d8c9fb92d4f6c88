using System.Text.Json;
using SignalFidelity.Generated;
using SignalFidelity.Runtime;
using SignalFidelity.Topology;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Intake;

/// <summary>
/// The topology the generator compiled: its router picks the consumer, its mapper dispatch shapes the
/// patch for whichever destination the consumer writes, its manifest says which destination property each
/// carried field becomes. No reflection, and no list of fields or destinations of its own.
/// </summary>
public sealed class GeneratedTopologyRuntime : ITopologyRuntime
{
    // Per destination: Customer property name -> destination property names it flows into.
    private readonly Dictionary<SyncSystem, Dictionary<string, string[]>> _flowsByDestination;

    private GeneratedTopologyRuntime()
    {
        var customer = CustomerManifest.Entity;
        _flowsByDestination = customer.Fields
            .Where(f => f.Owner == SyncSystem.Shopify)
            .SelectMany(f => f.Flows.Select(flow => (Field: f.Name, flow.Destination, flow.Property)))
            .GroupBy(x => x.Destination)
            .ToDictionary(g => g.Key, g => g.GroupBy(x => x.Field).ToDictionary(x => x.Key, x => x.Select(y => y.Property).ToArray()));
        ShopifyDestinations = _flowsByDestination.Keys.Order().ToList();
    }

    /// <summary>The one instance (the topology is static data). Writes are planned for every declared
    /// destination, connected or not: they wait in the store until the destination is configured.</summary>
    public static GeneratedTopologyRuntime Instance { get; } = new();

    /// <inheritdoc />
    public IReadOnlyList<SyncSystem> ShopifyDestinations { get; }

    /// <inheritdoc />
    public RouteResult Route(string topic) => GeneratedWebhookRouter.Route(topic);

    /// <inheritdoc />
    public ProposedWrite? PlanWrite(CustomerFacts facts, SyncSystem destination, bool reassertEqual = false)
    {
        if (!_flowsByDestination.TryGetValue(destination, out var flows)
            || CustomerTopology.Map(SyncSystem.Shopify, destination, facts.Snapshot) is not { } patch)
        {
            return null;
        }

        var carried = new HashSet<string>(facts.CarriedFields.Where(flows.ContainsKey).SelectMany(f => flows[f]), StringComparer.Ordinal);
        var fields = patch.ToProperties()
            .Where(p => carried.Contains(p.Key))
            .Select(p => new FieldValue(p.Key, JsonSerializer.Serialize(p.Value), facts.SourceTimestamp))
            .ToList();
        return fields.Count == 0 ? null : new ProposedWrite(facts.CustomerKey, destination, WriteOperation.Upsert, fields, reassertEqual);
    }

    /// <summary>The Shopify write of the fields <paramref name="crm"/> owns, through the generated mapper dispatch.</summary>
    public ProposedWrite? PlanWriteBack(string customerKey, SyncSystem crm, Customer crmSnapshot, DateTimeOffset sourceTimestamp)
    {
        if (CustomerTopology.Map(crm, SyncSystem.Shopify, crmSnapshot) is not { } patch)
        {
            return null;
        }

        var fields = patch.ToProperties()
            .Select(p => new FieldValue(p.Key, JsonSerializer.Serialize(p.Value), sourceTimestamp))
            .ToList();
        return fields.Count == 0 ? null : new ProposedWrite(customerKey, SyncSystem.Shopify, WriteOperation.Upsert, fields);
    }
}
