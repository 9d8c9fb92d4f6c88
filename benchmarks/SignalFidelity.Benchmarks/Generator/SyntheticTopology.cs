using System.Text;

namespace SignalFidelity.Benchmarks.Generator;

/// <summary>
/// A synthetic topology of a given size: entities of 100 fields each, owners alternating between
/// Shopify and Klaviyo, every field flowing to the other system, every tenth a fidelity field, plus one
/// consumer per entity and the assembly-level owner. 20 entities make the 2,000-field topology.
/// </summary>
internal static class SyntheticTopology
{
    public const int FieldsPerEntity = 100;

    public static IEnumerable<(string Path, string Text)> Sources(int entities)
    {
        yield return ("Owner.cs", """
            using SignalFidelity;
            [assembly: TopologyOwner("Dana Ortiz", "dana@store.example", GitHub = "@dana-ortiz", Backup = "Lee Park", BackupEmail = "lee@store.example", BackupGitHub = "@lee-park")]
            [assembly: VendorApi(SyncSystem.Shopify, "2026-07")]
            [assembly: VendorApi(SyncSystem.Klaviyo, "2026-07-15")]
            """);

        for (int e = 0; e < entities; e++)
        {
            yield return ($"Entity{e}.cs", Entity(e));
        }
    }

    private static string Entity(int index)
    {
        var source = new StringBuilder();
        source.AppendLine("using System;");
        source.AppendLine("using SignalFidelity;");
        source.AppendLine("namespace Synthetic;");
        source.AppendLine($"[SyncEntity(\"entity{index}\")]");
        source.AppendLine($"public partial record Entity{index}");
        source.AppendLine("{");
        for (int f = 0; f < FieldsPerEntity; f++)
        {
            bool shopify = f % 2 == 0;
            string owner = shopify ? "Shopify" : "Klaviyo";
            string destination = shopify ? "Klaviyo" : "Shopify";
            string why = shopify ? string.Empty : ", Why = \"Synthetic lifecycle field\"";
            string fidelity = f % 10 == 0 ? ", FidelityField, DriftTolerance(Amount = 0.01)" : string.Empty;
            string type = (f % 3) switch { 0 => "decimal", 1 => "string?", _ => "DateTimeOffset?" };
            if (fidelity.Length > 0)
            {
                type = "decimal";
            }

            source.AppendLine($"    [OwnedBy(SyncSystem.{owner}, Property = \"field_{f}\"{why}), FlowsTo(SyncSystem.{destination}, \"entity{index}_field_{f}\"){fidelity}]");
            source.AppendLine($"    public {type} Field{f} {{ get; init; }}");
        }

        source.AppendLine("}");
        source.AppendLine($"[WebhookConsumer(\"synthetic/topic{index}\", Writes = SyncSystem.Klaviyo)]");
        source.AppendLine($"public partial class Entity{index}Consumer;");
        return source.ToString();
    }
}
