namespace SignalFidelity.Cli.Tests.Topology;

/// <summary>
/// The whole change loop on a temporary copy of the repository: change the topology, rebuild it with the
/// real compiler (analyzer and generator included), see `check` fail, rerun the writers, see it pass.
/// </summary>
public sealed class TopologyChangeTests
{
    private const string NewField = """

            /// <summary>Loyalty tier, run by Klaviyo's loyalty flows.</summary>
            [OwnedBy(SyncSystem.Klaviyo, Property = "loyalty_tier", Why = "Loyalty tiers are computed in Klaviyo")]
            public string? LoyaltyTier { get; init; }
        }
        """;

    [Fact]
    public void Check_fails_after_a_topology_change_and_passes_after_lock_doc_and_codeowners()
    {
        using var copy = new TempFolder();
        Repository.CopyTo(copy.Path,
            "Directory.Build.props", ".editorconfig", "Directory.Packages.props", "global.json",
            "src/SignalFidelity.Abstractions", "analyzers/SignalFidelity.Analyzers", "generators/SignalFidelity.Generators",
            "topology/SignalFidelity.Topology", "vendor-schemas", "topology.lock.json", "docs/topology.md", ".github/CODEOWNERS");
        string customer = copy.File("topology/SignalFidelity.Topology/Customer.cs");
        string source = File.ReadAllText(customer).TrimEnd();
        File.WriteAllText(customer, source[..source.LastIndexOf('}')] + NewField.TrimStart('\n') + "\n");

        string assembly = Build(copy.File("topology/SignalFidelity.Topology/SignalFidelity.Topology.csproj"), copy.File("out"));
        string[] target = ["--root", copy.Path, "--assembly", assembly];

        var before = CliRun.Topology(["check", .. target]);
        Assert.Equal(1, before.ExitCode);
        Assert.Contains("topology.lock.json is stale", before.Error, StringComparison.Ordinal);
        Assert.Contains("docs/topology.md is stale", before.Error, StringComparison.Ordinal);

        Assert.Equal(0, CliRun.Topology(["lock", .. target]).ExitCode);
        Assert.Equal(0, CliRun.Topology(["doc", .. target]).ExitCode);
        Assert.Equal(0, CliRun.Topology(["codeowners", .. target]).ExitCode);

        var after = CliRun.Topology(["check", .. target]);
        Assert.True(after.ExitCode == 0, after.Error);
        Assert.Contains("\"name\": \"LoyaltyTier\"", File.ReadAllText(copy.File("topology.lock.json")), StringComparison.Ordinal);
        Assert.Contains("| Loyalty tier | Loyalty tier, run by Klaviyo's loyalty flows. | Klaviyo (`loyalty_tier`) | not copied | Loyalty tiers are computed in Klaviyo |",
            File.ReadAllText(copy.File("docs/topology.md")), StringComparison.Ordinal);

        // The unchanged built-in topology now disagrees with the rewritten files.
        Assert.Equal(1, CliRun.Topology("check", "--root", copy.Path).ExitCode);
    }

    private static string Build(string project, string output)
    {
        var (exitCode, log) = TopologyProject.Build(project, output);
        Assert.True(exitCode == 0, $"dotnet build of the changed topology failed:\n{log}");
        return Path.Combine(output, "SignalFidelity.Topology.dll");
    }
}
