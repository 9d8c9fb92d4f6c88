namespace SignalFidelity.EndToEnd.Tests;

public sealed class DefaultTopologyBuildTests
{
    [Fact]
    public async Task The_default_topology_builds_with_no_warning_and_no_error()
    {
        using var build = TopologyBuild.CopyDefault();

        var result = await build.BuildAsync();

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.DoesNotContain(": warning ", result.Output);
        Assert.DoesNotContain(": error ", result.Output);
        Assert.DoesNotContain("CS9057", result.Output);
    }
}
