using System.Reflection;

namespace SignalFidelity.Audit.Topology;

/// <summary>
/// One Shopify API version's webhook payload snapshot (<c>vendor-schemas/shopify/shopify-webhooks-VERSION.tsv</c>,
/// embedded): per topic, every dotted payload path and its JSON type. The analyzer reads the same files for SF0007.
/// </summary>
public sealed class ShopifyWebhookSchema
{
    private const string Prefix = "shopify-webhooks/shopify-webhooks-";
    private readonly Dictionary<string, Dictionary<string, string>> _topics;

    private ShopifyWebhookSchema(string version, Dictionary<string, Dictionary<string, string>> topics)
    {
        Version = version;
        _topics = topics;
    }

    /// <summary>The API version, e.g. 2025-01.</summary>
    public string Version { get; }

    public IEnumerable<string> Topics => _topics.Keys;

    /// <summary>The versions with a snapshot, oldest first.</summary>
    public static IReadOnlyList<string> Versions { get; } = typeof(ShopifyWebhookSchema).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".tsv", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".tsv".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The snapshot of <paramref name="version"/>; an unknown version names the ones there are.</summary>
    /// <exception cref="TopologyInputException">No snapshot for that version.</exception>
    public static ShopifyWebhookSchema Load(string version)
    {
        using var stream = typeof(ShopifyWebhookSchema).Assembly.GetManifestResourceStream(Prefix + version.Trim() + ".tsv")
            ?? throw new TopologyInputException($"no Shopify webhook snapshot for API version '{version}'; versions with one: {string.Join(", ", Versions)}.");
        using var reader = new StreamReader(stream);
        var topics = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var cells = line.Split('\t');
            if (cells.Length < 3) continue;
            if (!topics.TryGetValue(cells[0], out var paths)) topics[cells[0]] = paths = new Dictionary<string, string>(StringComparer.Ordinal);
            paths[cells[1]] = cells[2];
        }

        return new ShopifyWebhookSchema(version.Trim(), topics);
    }

    public bool HasTopic(string topic) => _topics.ContainsKey(topic);

    /// <summary>The JSON type at <paramref name="path"/> of <paramref name="topic"/>'s body, or null when it is not there.</summary>
    public string? TypeOf(string topic, string path) => _topics.TryGetValue(topic, out var paths) ? paths.GetValueOrDefault(path) : null;

    public IEnumerable<string> PathsOf(string topic) => _topics.TryGetValue(topic, out var paths) ? paths.Keys : [];
}
