using SignalFidelity.Audit.Topology;

namespace SignalFidelity.Cli.Tests.Topology;

/// <summary>`lock`, `doc`, `codeowners` and `check` against the compiled default topology, on temporary copies.</summary>
public sealed class TopologyFilesTests
{
    private static readonly string[] CommittedFiles = ["topology.lock.json", "docs/topology.md", ".github/CODEOWNERS"];

    [Fact]
    public void The_committed_files_match_the_compiled_topology()
    {
        using var copy = new TempFolder();
        Repository.CopyTo(copy.Path, CommittedFiles);

        var (exitCode, output, error) = CliRun.Topology("check", "--root", copy.Path);

        Assert.True(exitCode == 0, error);
        Assert.Contains("up to date", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_names_each_stale_or_missing_file_and_the_verb_that_fixes_it()
    {
        using var copy = new TempFolder();
        Repository.CopyTo(copy.Path, CommittedFiles);
        File.WriteAllText(copy.File("topology.lock.json"), File.ReadAllText(copy.File("topology.lock.json")).Replace("\"@lee-park\"", "\"@someone-else\"", StringComparison.Ordinal));
        File.Delete(copy.File("docs/topology.md"));

        var (exitCode, _, error) = CliRun.Topology("check", "--root", copy.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains("topology.lock.json is stale", error, StringComparison.Ordinal);
        Assert.Contains("sigfid topology lock", error, StringComparison.Ordinal);
        Assert.Contains("docs/topology.md is stale", error, StringComparison.Ordinal);
        Assert.DoesNotContain(".github/CODEOWNERS", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Writers_recreate_what_check_expects_in_an_empty_folder()
    {
        using var empty = new TempFolder();
        Assert.Equal(1, CliRun.Topology("check", "--root", empty.Path).ExitCode);

        Assert.Equal(0, CliRun.Topology("lock", "--root", empty.Path).ExitCode);
        Assert.Equal(0, CliRun.Topology("doc", "--root", empty.Path).ExitCode);
        Assert.Equal(0, CliRun.Topology("codeowners", "--root", empty.Path).ExitCode);

        Assert.Equal(0, CliRun.Topology("check", "--root", empty.Path).ExitCode);
        foreach (string file in CommittedFiles)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(Repository.Root, file)), File.ReadAllText(empty.File(file)));
        }
    }

    [Fact]
    public void Codeowners_keeps_every_line_outside_its_block_and_replaces_the_block_in_place()
    {
        using var copy = new TempFolder();
        Directory.CreateDirectory(copy.File(".github"));
        File.WriteAllText(copy.File(".github/CODEOWNERS"), "# Store team\n* @ops-team\n/src/ @developers\n");

        CliRun.Topology("codeowners", "--root", copy.Path);
        File.AppendAllText(copy.File(".github/CODEOWNERS"), "/docs/ @writers\n");
        CliRun.Topology("codeowners", "--root", copy.Path);

        var lines = File.ReadAllLines(copy.File(".github/CODEOWNERS"));
        Assert.Equal(["# Store team", "* @ops-team", "/src/ @developers", ""], lines[..4]);
        Assert.Equal(CodeOwnersFile.BeginMarker, lines[4]);
        Assert.Equal("/topology/          @dana-ortiz @lee-park", lines[5]);
        Assert.Equal("/reviews/           @dana-ortiz @lee-park", lines[8]);
        Assert.Equal(CodeOwnersFile.EndMarker, lines[9]);
        Assert.Equal("/docs/ @writers", lines[10]);
        Assert.Equal(1, lines.Count(l => l == CodeOwnersFile.BeginMarker));
    }

    [Fact]
    public void The_document_reads_as_one_page_for_the_operator()
    {
        string page = TopologyDocument.Render(TopologyLock.From(SignalFidelity.Generated.GeneratedTopologyManifest.Instance));

        Assert.Contains("| Owner | Dana Ortiz | dana@store.example | @dana-ortiz |", page, StringComparison.Ordinal);
        Assert.Contains("| Backup | Lee Park | lee@store.example | @lee-park |", page, StringComparison.Ordinal);
        Assert.Contains("### Owned by Shopify", page, StringComparison.Ordinal);
        Assert.Contains("| Primary tag ★ | The segment tag marketing steers by; written back to Shopify tags for staff. | Klaviyo (`primary_tag`) | Shopify (`tags`) | Segments are built in Klaviyo |", page, StringComparison.Ordinal);
        Assert.Contains("| `orders/create` | An order is placed | Klaviyo | `KlaviyoOrderCreatedProjection` |", page, StringComparison.Ordinal);
        Assert.Contains("| Last order date | Shopify | up to 24 hours apart |", page, StringComparison.Ordinal);
        Assert.Contains("```mermaid", page, StringComparison.Ordinal);
        Assert.Contains("## Other writers", page, StringComparison.Ordinal);
        Assert.Contains("| Klaviyo Shopify integration | Klaviyo | `Accepts Marketing`, `Shopify Tags` |", page, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_root_is_a_clear_error()
    {
        var (exitCode, _, error) = CliRun.Topology("check", "--root", "/no/such/folder");

        Assert.Equal(2, exitCode);
        Assert.Contains("--root /no/such/folder: no such folder", error, StringComparison.Ordinal);
    }
}
