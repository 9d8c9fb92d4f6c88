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
}
