using SignalFidelity.Generated;
using SignalFidelity.Runtime;
using SignalFidelity.Topology;

namespace SignalFidelity.Worker.Intake;

/// <summary>The customer entity of the compiled manifest: its fields, owners and flows as data.</summary>
public static class CustomerManifest
{
    /// <summary>The manifest's entry for <see cref="Customer"/>.</summary>
    public static EntityInfo Entity { get; } =
        GeneratedTopologyManifest.Instance.Entities.Single(e => e.TypeName == typeof(Customer).FullName);

    /// <summary>
    /// The Shopify properties fields owned elsewhere flow back into, as the topology declares them
    /// (<see cref="Customer.PrimaryTag"/> flows to Shopify's <c>tags</c>): what the tag write-back writes.
    /// </summary>
    public static IReadOnlySet<string> ShopifyWriteBackProperties { get; } = Entity.Fields
        .Where(f => f.Owner != SyncSystem.Shopify)
        .SelectMany(f => f.Flows)
        .Where(flow => flow.Destination == SyncSystem.Shopify)
        .Select(flow => flow.Property)
        .ToHashSet(StringComparer.Ordinal);
}
