using SignalFidelity.Runtime;

namespace SignalFidelity.Audit.Topology;

/// <summary>What moving the Shopify pin to another API version does to the paths the topology reads.</summary>
/// <param name="From">The version the topology is read under.</param>
/// <param name="To">The version checked.</param>
/// <param name="Breaks">Every read the target removes or retypes; any one fails the check.</param>
/// <param name="Added">Paths the target adds on the topics the topology reads, by topic.</param>
public sealed record SchemaCheckResult(string From, string To, IReadOnlyList<SchemaBreak> Breaks, IReadOnlyDictionary<string, IReadOnlyList<string>> Added);

/// <summary>A read of the topology (<c>[FromWebhook(Topic, Path)]</c> on <c>Entity.Field</c>) that the target version breaks.</summary>
/// <param name="Entity">The entity type.</param>
/// <param name="Field">The C# property.</param>
/// <param name="Topic">The Shopify topic.</param>
/// <param name="Path">The dotted path in its body.</param>
/// <param name="Change">"topic removed", "path removed" or "retyped string -> number".</param>
public sealed record SchemaBreak(string Entity, string Field, string Topic, string Path, string Change);

/// <summary>
/// Compares the topology's webhook reads between two snapshots with one rule for every pair of versions: a read
/// breaks when its topic or path is gone in the target, or its JSON type differs (the null member aside: a value
/// that may now be null still reads, as a missing value).
/// </summary>
public static class SchemaCheck
{
    public static SchemaCheckResult Run(TopologyManifest manifest, ShopifyWebhookSchema from, ShopifyWebhookSchema to)
    {
        var breaks = new List<SchemaBreak>();
        var topics = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entity in manifest.Entities)
        {
            foreach (var field in entity.Fields)
            {
                foreach (var source in field.WebhookSources)
                {
                    topics.Add(source.Topic);
                    if (Change(from, to, source.Topic, source.Path) is { } change)
                    {
                        breaks.Add(new SchemaBreak(entity.TypeName[(entity.TypeName.LastIndexOf('.') + 1)..], field.Name, source.Topic, source.Path, change));
                    }
                }
            }
        }

        var added = topics
            .Select(t => (Topic: t, Paths: (IReadOnlyList<string>)to.PathsOf(t).Where(p => from.TypeOf(t, p) is null).Order(StringComparer.Ordinal).ToList()))
            .Where(x => x.Paths.Count > 0)
            .ToDictionary(x => x.Topic, x => x.Paths, StringComparer.Ordinal);
        return new SchemaCheckResult(from.Version, to.Version, breaks, added);
    }

    private static string? Change(ShopifyWebhookSchema from, ShopifyWebhookSchema to, string topic, string path)
    {
        if (!to.HasTopic(topic)) return "topic removed";
        if (to.TypeOf(topic, path) is not { } after) return "path removed";
        if (from.TypeOf(topic, path) is { } before && NonNull(before) != NonNull(after)) return $"retyped {before} -> {after}";
        return null;
    }

    private static string NonNull(string type) => string.Join('|', type.Split('|').Where(t => t != "null"));
}
