using System.CommandLine;
using System.Text.RegularExpressions;
using SignalFidelity.Audit.Topology;
using SignalFidelity.Cli.Topology;

namespace SignalFidelity.Cli.Commands;

/// <summary>
/// `sigfid schema`: what a Shopify API version change does to the topology's webhook reads, from the pinned
/// payload snapshots, before the pin moves (or before Shopify falls forward from a retired version).
/// </summary>
public static partial class SchemaCommand
{
    public static Command Create() => new("schema", "Checks the topology's webhook reads against Shopify's payload snapshots of another API version.")
    {
        Versions(),
        Check(),
    };

    private static Command Versions()
    {
        var command = new Command("versions", "Lists the Shopify API versions with a payload snapshot.");
        command.SetAction(parse =>
        {
            foreach (var version in ShopifyWebhookSchema.Versions) parse.InvocationConfiguration.Output.WriteLine(version);
            return 0;
        });
        return command;
    }

    private static Command Check()
    {
        var to = new Option<string>("--to") { Description = "The Shopify API version to move to.", Required = true };
        var from = new Option<string?>("--from") { Description = "The version the topology is read under (default: its [VendorApi(SyncSystem.Shopify, ...)] pin)." };
        var assembly = new Option<string?>("--assembly") { Description = "A compiled topology assembly to read instead of the one this tool was built with." };
        var root = new Option<string?>("--root") { Description = "The repository whose topology/ sources give each read's line (default: the nearest one up from here)." };
        var command = new Command("check", "Lists every path the topology reads that the target version removes or retypes (exit 1 when there is one), and what it adds on the topics read.")
        {
            to, from, assembly, root,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                var manifest = ManifestSource.Load(parse.GetValue(assembly));
                var pinned = manifest.VendorApis.FirstOrDefault(v => v.System == SyncSystem.Shopify)?.Version;
                var fromVersion = parse.GetValue(from) ?? pinned
                    ?? throw new TopologyInputException("the topology pins no Shopify version; pass --from VERSION or declare [assembly: VendorApi(SyncSystem.Shopify, \"...\")].");
                var result = SchemaCheck.Run(manifest, ShopifyWebhookSchema.Load(fromVersion), ShopifyWebhookSchema.Load(parse.GetValue(to)!));
                var lines = SourceLines(parse.GetValue(root));
                output.WriteLine($"Shopify {result.From} -> {result.To}: {result.Breaks.Count} read(s) broken.");
                foreach (var broken in result.Breaks)
                {
                    var at = lines.GetValueOrDefault((broken.Topic, broken.Path)) is { } line ? $" ({line})" : string.Empty;
                    output.WriteLine($"  {broken.Topic} {broken.Path}: {broken.Change}; read by {broken.Entity}.{broken.Field}{at}");
                }

                foreach (var (topic, paths) in result.Added)
                {
                    output.WriteLine($"  added on {topic}: {string.Join(", ", paths.Take(12))}{(paths.Count > 12 ? $" and {paths.Count - 12} more" : string.Empty)}");
                }

                return result.Breaks.Count == 0 ? 0 : 1;
            }
            catch (TopologyInputException e)
            {
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return command;
    }

    // Where each [FromWebhook("topic", "path")] is written, as file:line, when the topology's sources are at hand.
    private static Dictionary<(string Topic, string Path), string> SourceLines(string? root)
    {
        var lines = new Dictionary<(string, string), string>();
        string folder;
        try
        {
            folder = Path.Combine(RepositoryRoot.Resolve(root), "topology");
        }
        catch (TopologyInputException)
        {
            return lines; // a compiled topology without its sources: the field names still say where
        }

        if (!Directory.Exists(folder)) return lines;
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllLines(file);
            for (var i = 0; i < text.Length; i++)
            {
                foreach (Match m in FromWebhook().Matches(text[i]))
                {
                    lines.TryAdd((m.Groups[1].Value, m.Groups[2].Value), $"{Path.GetRelativePath(Path.GetDirectoryName(folder)!, file)}:{i + 1}");
                }
            }
        }

        return lines;
    }

    [GeneratedRegex("""FromWebhook\(\s*"([^"]+)"\s*,\s*"([^"]+)"\s*\)""")]
    private static partial Regex FromWebhook();
}
