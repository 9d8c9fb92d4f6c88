using System.Text;
using System.Text.RegularExpressions;
using SignalFidelity.Core.Mapping;

namespace SignalFidelity.Audit.Topology.Scaffold;

/// <summary>The C# files of a scaffolded topology; every "DECIDE" comment sits next to the error that asks it.</summary>
internal static partial class ScaffoldSource
{
    /// <summary>The template's owner file with its owner line replaced by an empty owner: SF0003 until the team names one.</summary>
    public static string Owner(string template) =>
        OwnerLine().Replace(template,
            "// DECIDE (SF0003): who owns this topology and who is their backup; their handles become the CODEOWNERS of topology/.\n" +
            "[assembly: TopologyOwner(\"\", \"\", Backup = \"\", BackupEmail = \"\")]", 1);

    /// <summary>
    /// Every observed writer of a contested property, as an external writer of it: with the topology's own flow
    /// into the property, SF0001 lists them all. A property with one observed writer is only named: that writer is
    /// the integration the topology's flow replaces, or the CRM itself where the CRM owns the property.
    /// </summary>
    public static string ExternalWriters(SyncSystem crm, Dictionary<string, SortedSet<string>> writers, IReadOnlyList<string> contested)
    {
        var text = new StringBuilder("// The store's other writers, from the observed-writers inventory.\n");
        foreach (var property in contested)
        {
            text.Append($"\n// DECIDE (SF0001): '{property}' has {writers[property].Count} writers besides this topology. Keep exactly one: delete\n")
                .Append("// the flow in Customer.cs and keep one line below, or turn the integrations off and delete their lines.\n");
            foreach (var writer in writers[property].Where(w => !GovernedWriter.Is(w)))
                text.Append($"[assembly: ExternalWriter({Literal(writer)}, SyncSystem.{crm}, {Literal(property)})]\n");
        }

        foreach (var (property, single) in writers.Where(w => !contested.Contains(w.Key)).OrderBy(w => w.Key, StringComparer.OrdinalIgnoreCase))
            text.Append($"\n// '{property}': one observed writer, {string.Join(", ", single.Select(w => $"'{w}'"))}; nothing to decide.\n");
        return text.ToString();
    }

    /// <summary>The Shopify topics the identity field is read from, each consumed once for the CRM (SF0004).</summary>
    public static string Consumers(SyncSystem crm) =>
        "namespace SignalFidelity.Topology;\n\n" +
        "// One consumer per Shopify topic and destination (SF0004); the generator completes each class.\n" +
        $"[WebhookConsumer(\"customers/create\", Writes = SyncSystem.{crm})]\npublic partial class {crm}CustomerCreatedProjection;\n\n" +
        $"[WebhookConsumer(\"customers/update\", Writes = SyncSystem.{crm})]\npublic partial class {crm}CustomerUpdatedProjection;\n";

    /// <summary>The customer entity: the identity field, then one field per custom property of the export.</summary>
    public static string Customer(SyncSystem crm, IReadOnlyList<ScaffoldField> fields, Dictionary<string, SortedSet<string>> writers)
    {
        var text = new StringBuilder()
            .Append("namespace SignalFidelity.Topology;\n\n")
            .Append("// Scaffolded by `sigfid topology scaffold`: one field per custom property of the CRM export, owned by the usual\n")
            .Append("// split (order roll-ups by Shopify, which flows them into the CRM; engagement and the rest by the CRM).\n")
            .Append("// Fields are strings: give each its real type, and each Shopify-owned one its [FromWebhook] source.\n")
            .Append("[SyncEntity(\"customer\", Identity = IdentityRule.CanonicalEmailThenPhone)]\npublic partial record Customer\n{\n")
            .Append("    // Identity: the Shopify customer's email, the key both systems match on.\n")
            .Append("    [OwnedBy(SyncSystem.Shopify, Property = \"defaultEmailAddress.emailAddress\"),\n")
            .Append("     FromWebhook(\"customers/create\", \"email\"), FromWebhook(\"customers/update\", \"email\"),\n")
            .Append($"     FlowsTo(SyncSystem.{crm}, \"email\")]\n    public string? Email {{ get; init; }}\n");
        foreach (var field in fields)
        {
            text.Append('\n');
            if (writers.TryGetValue(field.CrmProperty, out var seen))
                text.Append($"    // Observed writers: {string.Join(", ", seen)}.\n");
            text.Append(field.ShopifyOwned
                ? $"    [OwnedBy(SyncSystem.Shopify), FlowsTo(SyncSystem.{crm}, {Literal(field.CrmProperty)})]\n"
                : $"    [OwnedBy(SyncSystem.{crm}, Property = {Literal(field.CrmProperty)})]\n");
            text.Append($"    public string? {field.Name} {{ get; init; }}\n");
        }

        return text.Append("}\n").ToString();
    }

    private static string Literal(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    [GeneratedRegex(@"^\[assembly: TopologyOwner\(.*\)\]$", RegexOptions.Multiline)]
    private static partial Regex OwnerLine();
}
