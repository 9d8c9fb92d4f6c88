using System.Text.Json;
using SignalFidelity.Generated;
using SignalFidelity.Runtime;
using SignalFidelity.Topology;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Intake;

/// <summary>
/// The topology the generator compiled: its router picks the consumer, its mapper shapes the patch,
/// its manifest says which destination property each carried field becomes. No reflection.
/// </summary>
public sealed class GeneratedTopologyRuntime : ITopologyRuntime
{
    /// <summary>The one instance (the topology is static data).</summary>
    public static GeneratedTopologyRuntime Instance { get; } = new();

    // Per destination: Customer property name -> destination property names it flows into.
    private readonly Dictionary<SyncSystem, Dictionary<string, string[]>> _flowsByDestination;

    private GeneratedTopologyRuntime()
    {
        var customer = GeneratedTopologyManifest.Instance.Entities.Single(e => e.TypeName.EndsWith(nameof(Customer), StringComparison.Ordinal));
        _flowsByDestination = customer.Fields
            .Where(f => f.Owner == SyncSystem.Shopify)
            .SelectMany(f => f.Flows.Select(flow => (Field: f.Name, flow.Destination, flow.Property)))
            .GroupBy(x => x.Destination)
            .ToDictionary(g => g.Key, g => g.GroupBy(x => x.Field).ToDictionary(x => x.Key, x => x.Select(y => y.Property).ToArray()));
        ShopifyDestinations = _flowsByDestination.Keys.Order().ToList();
    }

    /// <inheritdoc />
    public IReadOnlyList<SyncSystem> ShopifyDestinations { get; }

    /// <inheritdoc />
    public RouteResult Route(string topic) => GeneratedWebhookRouter.Route(topic);

    /// <inheritdoc />
    public ProposedWrite? PlanWrite(CustomerFacts facts, SyncSystem destination, bool reassertEqual = false)
    {
        IDestinationPatch? patch = destination switch
        {
            SyncSystem.Klaviyo => CustomerShopifyToKlaviyoMapper.Map(facts.Snapshot),
            _ => null, // the topology declares no Shopify-owned flow into this destination
        };
        if (patch is null || !_flowsByDestination.TryGetValue(destination, out var flows))
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

    /// <summary>The Shopify write of the CRM-owned fields (the primary tag), through the generated Klaviyo-to-Shopify mapper.</summary>
    public ProposedWrite? PlanWriteBack(string customerKey, Customer crmSnapshot, DateTimeOffset sourceTimestamp)
    {
        var patch = CustomerKlaviyoToShopifyMapper.Map(crmSnapshot);
        var fields = patch.ToProperties()
            .Select(p => new FieldValue(p.Key, JsonSerializer.Serialize(p.Value), sourceTimestamp))
            .ToList();
        return fields.Count == 0 ? null : new ProposedWrite(customerKey, SyncSystem.Shopify, WriteOperation.Upsert, fields);
    }
}
