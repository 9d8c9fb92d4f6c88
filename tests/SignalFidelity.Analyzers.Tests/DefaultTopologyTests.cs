using SignalFidelity.Analyzers.Tests.Infrastructure;

namespace SignalFidelity.Analyzers.Tests;

public sealed class DefaultTopologyTests
{
    [Fact]
    public void Every_rule_has_an_analyzer()
    {
        var reported = AnalyzerRun.All.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id);
        Assert.Equal(RuleIdentifiers.All.OrderBy(id => id), reported);
    }

    [Fact]
    public async Task The_default_topology_on_disk_produces_no_diagnostic()
    {
        var sources = RepositoryPaths.TopologySources();
        Assert.Contains(sources, source => source.Name == "Customer.cs");

        var compilation = AnalyzerRun.Compile(sources.Select(source => AnalyzerRun.Parse(source.Name, source.Text)));
        var result = await AnalyzerRun.RunAsync(compilation, RepositoryPaths.VendorSnapshots());

        Assert.Empty(result.Exceptions);
        Assert.Empty(result.Diagnostics.Where(d => d.Severity != Microsoft.CodeAnalysis.DiagnosticSeverity.Hidden).Select(d => d.ToString()));
    }

    [Fact]
    public async Task The_same_run_does_report_when_the_default_topology_is_broken()
    {
        // Guards the test above: the harness must see analyzer diagnostics at all.
        var sources = RepositoryPaths.TopologySources()
            .Select(source => source.Name == "Customer.cs"
                ? (source.Name, source.Text.Replace("FlowsTo(SyncSystem.Klaviyo, \"first_name\")", "FlowsTo(SyncSystem.Klaviyo, \"last_name\")"))
                : source);
        var result = await AnalyzerRun.RunAsync(AnalyzerRun.Compile(sources.Select(s => AnalyzerRun.Parse(s.Item1, s.Item2))), RepositoryPaths.VendorSnapshots());

        Assert.Equal(2, result.Diagnostics.Count(d => d.Id == RuleIdentifiers.ContestedField));
    }

    [Fact]
    public void The_default_topology_pins_a_shopify_version_that_has_a_snapshot()
    {
        var owner = RepositoryPaths.TopologySources().Single(source => source.Name == "TopologyOwner.cs").Text;
        var pin = System.Text.RegularExpressions.Regex.Match(owner, @"VendorApi\(SyncSystem\.Shopify,\s*""(?<version>[^""]+)""\)").Groups["version"].Value;

        Assert.NotEqual("", pin);
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.ShopifySnapshots, $"shopify-webhooks-{pin}.tsv")), $"no snapshot for the pinned Shopify {pin}");
    }

    [Fact]
    public async Task Without_its_snapshot_the_default_topology_pin_is_SF0008()
    {
        // The same sources without AdditionalFiles: the pin is reported, and nothing else is.
        var sources = RepositoryPaths.TopologySources();
        var result = await AnalyzerRun.RunAsync(AnalyzerRun.Compile(sources.Select(source => AnalyzerRun.Parse(source.Name, source.Text))));

        var diagnostic = Assert.Single(result.Diagnostics.Where(d => d.Severity != Microsoft.CodeAnalysis.DiagnosticSeverity.Hidden));
        Assert.Equal(RuleIdentifiers.NoVendorSnapshot, diagnostic.Id);
    }
}

public sealed class AnalyzerPackagingTests
{
    [Fact]
    public void The_analyzers_reference_the_roslyn_of_the_oldest_supported_sdk()
    {
        // Referencing a Roslyn newer than the host compiler makes it skip the analyzer with CS9057 and
        // the build goes green with no checks; 4.8.0 is the .NET 8 SDK's compiler.
        var roslyn = typeof(ContestedFieldAnalyzer).Assembly.GetReferencedAssemblies()
            .Where(name => name.Name is "Microsoft.CodeAnalysis" or "Microsoft.CodeAnalysis.CSharp")
            .ToList();

        Assert.NotEmpty(roslyn);
        Assert.All(roslyn, name => Assert.Equal(new Version(4, 8, 0, 0), name.Version));
    }
}
