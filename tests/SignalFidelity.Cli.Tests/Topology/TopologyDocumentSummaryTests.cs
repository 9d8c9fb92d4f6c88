using System.Text.RegularExpressions;
using SignalFidelity.Audit.Topology;

namespace SignalFidelity.Cli.Tests.Topology;

/// <summary>
/// `sigfid topology doc` shows each field's XML &lt;summary&gt; next to it. The expected text is read from the
/// topology's source here, independently of the generator that carries it into the manifest.
/// </summary>
public sealed partial class TopologyDocumentSummaryTests
{
    [Fact]
    public void Each_field_row_shows_the_summary_written_above_the_property()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, CliRun.Topology("doc", "--root", folder.Path).ExitCode);
        string[] rows = File.ReadAllLines(folder.File("docs/topology.md")).Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToArray();

        var source = File.ReadAllText(Path.Combine(Repository.Root, "topology", "SignalFidelity.Topology", "Customer.cs"));
        var summaries = SummaryThenProperty().Matches(source).Select(m => (Property: m.Groups["property"].Value, Summary: m.Groups["summary"].Value.Trim())).ToList();
        Assert.True(summaries.Count >= 10, $"expected the default topology's field summaries, found {summaries.Count}");

        foreach (var (property, summary) in summaries)
        {
            string words = PlainWords.FieldName(property);
            Assert.True(
                rows.Any(r => r.StartsWith($"| {words} ", StringComparison.Ordinal) && r.Contains($"| {summary} |", StringComparison.Ordinal)),
                $"no row of {property} ('{words}') shows '{summary}'");
        }
    }

    [GeneratedRegex(@"/// <summary>(?<summary>[^<\n]+)</summary>\s*\[[^\]]*\]\s*public [^ ]+ (?<property>\w+) \{", RegexOptions.Singleline)]
    private static partial Regex SummaryThenProperty();
}
