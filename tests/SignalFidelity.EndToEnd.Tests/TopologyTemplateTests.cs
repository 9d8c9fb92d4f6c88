namespace SignalFidelity.EndToEnd.Tests;

/// <summary>
/// templates/SignalFidelity.Topology, what a store copies to start its own topology: a fresh instance builds
/// green with the real compiler (its fields carry no XML comments, under warnings as errors, so CS1591 would
/// fail it), and turns red with SF0001 at both writers once a contested field is added.
/// </summary>
public sealed class TopologyTemplateTests
{
    [Fact]
    public async Task A_fresh_instance_builds_green_and_a_contested_field_fails_it_with_SF0001()
    {
        using var build = await TopologyBuild.FromTemplateAsync(
            "--owner", "Ana Ruiz", "--ownerEmail", "ana@shop.example", "--backup", "Bo Chen", "--backupEmail", "bo@shop.example");
        Assert.Contains("[assembly: TopologyOwner(\"Ana Ruiz\", \"ana@shop.example\", Backup = \"Bo Chen\"", build.Read("TopologyOwner.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain("///", build.Read("Customer.cs"), StringComparison.Ordinal);

        var green = await build.BuildAsync();

        Assert.True(green.ExitCode == 0, green.Describe());
        Assert.DoesNotContain(": warning ", green.Output);
        Assert.DoesNotContain("CS9057", green.Output);

        build.Write("LoyaltySpend.cs", """
            namespace SignalFidelity.Topology;

            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify, Property = "totalSpentV2"), FlowsTo(SyncSystem.Klaviyo, "total_spent")]
                public decimal LoyaltySpend { get; init; }
            }
            """);

        var red = await build.BuildAsync();

        Assert.True(red.ExitCode != 0, red.Describe());
        Assert.True(red.HasError("SF0001", "LoyaltySpend.cs", 5), red.Describe());
        Assert.True(red.HasError("SF0001", "Customer.cs", build.LineOf("Customer.cs", "FlowsTo(SyncSystem.Klaviyo, \"total_spent\")")), red.Describe());
        Assert.Equal(2, red.Errors().Count);
    }
}
