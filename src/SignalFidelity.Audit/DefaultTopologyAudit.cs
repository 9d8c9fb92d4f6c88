using SignalFidelity.Generated;
using SignalFidelity.Topology;

namespace SignalFidelity.Audit;

/// <summary>The audit wired to the store's compiled topology: its generated manifest and customer comparer.</summary>
public static class DefaultTopologyAudit
{
    /// <summary>A runner over <c>topology/</c> as built into this tool.</summary>
    public static AuditRunner CreateRunner() => new(GeneratedTopologyManifest.Instance, CustomerFidelityComparer.Instance);
}
