namespace SignalFidelity.EndToEnd.Tests;

/// <summary>
/// Phase 1 -> Phase 2: `sigfid topology scaffold` turns the demo's exported inventory (the Klaviyo profile export
/// and the observed-writers inventory the audit reads) into a topology project, and the real compiler fails it
/// exactly at the team's decisions: SF0001 once at the flow of each contested property (and at each of its
/// declared external writers), SF0003 at the owner placeholder, nothing else.
/// </summary>
public sealed class ScaffoldedTopologyBuildTests
{
    private const string Fixtures = "tests/SignalFidelity.Cli.Tests/Audit/Fixtures";

    [Fact]
    public async Task The_demo_inventory_scaffolds_a_topology_that_fails_only_at_the_decisions()
    {
        var writersFile = $"{Fixtures}/writers.csv";
        using var build = await TopologyBuild.FromScaffoldAsync("klaviyo", $"{Fixtures}/klaviyo_profiles.csv", writersFile);
        // The contested properties as the inventory shows them: two or more writers of one property.
        var writers = File.ReadAllLines(TopologyBuild.RepositoryFile(writersFile)).Skip(1)
            .Where(line => line.Length > 0).Select(line => line.Split(','))
            .GroupBy(columns => columns[0], columns => columns[1]).ToDictionary(g => g.Key, g => g.Distinct().ToList());
        var contested = writers.Where(w => w.Value.Count > 1).Select(w => w.Key).ToList();
        Assert.NotEmpty(contested);

        var red = await build.BuildAsync();

        Assert.True(red.ExitCode != 0, red.Describe());
        Assert.DoesNotContain("CS9057", red.Output);
        var expected = new List<(string, int, string)>
        {
            ("TopologyOwner.cs", build.LineOf("TopologyOwner.cs", "[assembly: TopologyOwner("), "SF0003"),
        };
        foreach (var property in contested)
        {
            expected.Add(("Customer.cs", build.LineOf("Customer.cs", $"FlowsTo(SyncSystem.Klaviyo, \"{property}\")"), "SF0001"));
            expected.AddRange(writers[property].Select(writer =>
                ("ExternalWriters.cs", build.LineOf("ExternalWriters.cs", $"ExternalWriter(\"{writer}\", SyncSystem.Klaviyo, \"{property}\")"), "SF0001")));
            // The error names the choice: the property and every writer of it, to keep one.
            Assert.Contains($"Klaviyo property '{property}' has more than one writer", red.Output);
            Assert.All(writers[property], writer => Assert.Contains($"external writer '{writer}' writes it", red.Output));
        }

        Assert.Equal(expected.Order(), red.Errors().Order());
        Assert.Empty(red.Errors("CS"));
        Assert.DoesNotContain(": warning ", red.Output);
    }
}
