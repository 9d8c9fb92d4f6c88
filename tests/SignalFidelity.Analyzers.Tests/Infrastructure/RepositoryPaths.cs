namespace SignalFidelity.Analyzers.Tests.Infrastructure;

/// <summary>Finds files of the repository the tests were built from, by walking up to SignalFidelity.sln.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string TopologyProject => Path.Combine(Root, "topology", "SignalFidelity.Topology");

    public static string RulesDocs => Path.Combine(Root, "docs", "rules");

    /// <summary>vendor-schemas/shopify: the snapshots the topology project gets as AdditionalFiles.</summary>
    public static string ShopifySnapshots => Path.Combine(Root, "vendor-schemas", "shopify");

    private static readonly Lazy<IReadOnlyList<Microsoft.CodeAnalysis.AdditionalText>> Snapshots = new(() =>
        Directory.GetFiles(ShopifySnapshots, "shopify-webhooks-*.tsv")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (Microsoft.CodeAnalysis.AdditionalText)new InMemoryAdditionalText(path, File.ReadAllText(path)))
            .ToList());

    /// <summary>The committed Shopify webhook snapshots as AdditionalFiles, as vendor-schemas/SignalFidelity.VendorSchemas.targets adds them.</summary>
    public static IReadOnlyList<Microsoft.CodeAnalysis.AdditionalText> VendorSnapshots() => Snapshots.Value;

    /// <summary>The default topology's sources as (file name, text), in a stable order.</summary>
    public static IReadOnlyList<(string Name, string Text)> TopologySources() =>
        Directory.GetFiles(TopologyProject, "*.cs")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path)))
            .ToList();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SignalFidelity.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"SignalFidelity.sln not found above {AppContext.BaseDirectory}");
    }
}
