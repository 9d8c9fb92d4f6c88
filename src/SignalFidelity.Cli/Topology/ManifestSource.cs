using System.Reflection;
using SignalFidelity.Generated;
using SignalFidelity.Runtime;

namespace SignalFidelity.Cli.Topology;

/// <summary>
/// Where the compiled topology comes from: the topology assembly this tool was built with, or another
/// compiled topology assembly (a store that keeps its topology in its own repository, or a test).
/// </summary>
public static class ManifestSource
{
    private const string ManifestType = "SignalFidelity.Generated.GeneratedTopologyManifest";

    public static TopologyManifest Load(string? assemblyPath)
    {
        if (assemblyPath is null)
        {
            return GeneratedTopologyManifest.Instance;
        }

        string full = Path.GetFullPath(assemblyPath);
        if (!File.Exists(full))
        {
            throw new TopologyInputException($"--assembly {assemblyPath}: no such file; build the topology project and pass its DLL.");
        }

        // Loaded into the default context so that its TopologyManifest is this tool's TopologyManifest.
        Type? type = Assembly.LoadFrom(full).GetType(ManifestType);
        return type?.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as TopologyManifest
            ?? throw new TopologyInputException(
                $"--assembly {assemblyPath} has no {ManifestType}: reference SignalFidelity.Generators as an analyzer in that project.");
    }
}
