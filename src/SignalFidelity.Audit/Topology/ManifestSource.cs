using System.Reflection;
using System.Runtime.Loader;
using SignalFidelity.Generated;
using SignalFidelity.Runtime;

namespace SignalFidelity.Audit.Topology;

/// <summary>
/// Where the compiled topology comes from: the topology assembly this tool was built with, or another
/// compiled topology assembly (a store that keeps its topology in its own repository, or a test that
/// rebuilt a changed copy).
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

        Type? type = new TopologyLoadContext(full).LoadFromAssemblyPath(full).GetType(ManifestType);
        return type?.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as TopologyManifest
            ?? throw new TopologyInputException(
                $"--assembly {assemblyPath} has no {ManifestType}: reference SignalFidelity.Generators as an analyzer in that project.");
    }

    /// <summary>
    /// Its own load context, because the other topology assembly usually has the same name as the one this
    /// tool was built with; the runtime contracts are shared so its manifest is this tool's TopologyManifest.
    /// </summary>
    private sealed class TopologyLoadContext(string path) : AssemblyLoadContext("sigfid topology " + path)
    {
        private readonly AssemblyDependencyResolver _resolver = new(path);

        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name == typeof(TopologyManifest).Assembly.GetName().Name)
            {
                return null;
            }

            return _resolver.ResolveAssemblyToPath(name) is { } file ? LoadFromAssemblyPath(file) : null;
        }
    }
}
