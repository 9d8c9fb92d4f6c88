using Microsoft.CodeAnalysis.Testing;
using SignalFidelity.Analyzers.Tests.Infrastructure;

namespace SignalFidelity.Analyzers.Tests;

/// <summary>SF0001 for a topology flow into a property an [assembly: ExternalWriter] writes.</summary>
public sealed class SF0001ExternalWriterTests
{
    [Fact]
    public async Task A_flow_into_a_property_an_external_writer_writes_is_reported_at_both_naming_the_writer()
    {
        const string writers = """
            [assembly: {|#0:ExternalWriter("Loyalty app", SyncSystem.Klaviyo, "loyalty_tier", "total_spent")|}]
            """;
        const string customer = """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify), {|#1:FlowsTo(SyncSystem.Klaviyo, "Total_Spent")|}]
                public decimal TotalSpent { get; init; }
            }
            """;
        var test = new TopologyAnalyzerTest<ContestedFieldAnalyzer>(writers, customer);
        const string message = "Klaviyo property 'total_spent' has more than one writer (external writer 'Loyalty app' writes it, Customer.TotalSpent flows into it); keep exactly one";
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.ContestedField).WithMessage(message).WithLocation(0).WithLocation(1));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.ContestedField).WithMessage(message).WithLocation(1).WithLocation(0));
        await test.RunAsync();
    }

    [Fact]
    public Task Properties_the_topology_does_not_flow_into_are_clean()
    {
        const string source = """
            [assembly: ExternalWriter("Klaviyo Shopify integration", SyncSystem.Klaviyo, "Accepts Marketing", "Shopify Tags")]
            [assembly: ExternalWriter("HubSpot workflow", SyncSystem.HubSpot, "total_spent")]

            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify), FlowsTo(SyncSystem.Klaviyo, "total_spent")]
                public decimal TotalSpent { get; init; }

                [OwnedBy(SyncSystem.Klaviyo, Property = "Shopify Tags")]
                public string? Tags { get; init; }
            }
            """;
        return Verify.AnalyzerAsync<ContestedFieldAnalyzer>(source);
    }

    [Fact]
    public Task Two_external_writers_and_two_flows_into_one_property_are_all_reported()
    {
        const string source = """
            [assembly: {|SF0001:ExternalWriter("Loyalty app", SyncSystem.HubSpot, "order_count", "order_count")|}]
            [assembly: {|SF0001:ExternalWriter("HubSpot workflow", SyncSystem.HubSpot, "ORDER_COUNT")|}]

            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify), {|SF0001:FlowsTo(SyncSystem.HubSpot, "order_count")|}]
                public int OrderCount { get; init; }
            }
            """;
        return Verify.AnalyzerAsync<ContestedFieldAnalyzer>(source);
    }

    [Theory]
    [InlineData("[assembly: ExternalWriter(]")]
    [InlineData("[assembly: ExternalWriter(\"Loyalty app\")]")]
    [InlineData("[assembly: ExternalWriter(\"Loyalty app\", SyncSystem.)]")]
    [InlineData("[assembly: ExternalWriter(\"Loyalty app\", SyncSystem.Klaviyo, null)]")]
    [InlineData("[assembly: ExternalWriter(\"Loyalty app\", SyncSystem.Klaviyo, 42, \"total_spent\"")]
    [InlineData("[assembly: ExternalWriter(null, (SyncSystem)7, \"total_spent\", )]")]
    [InlineData("[assembly: ExternalWriter(\"Loyalty app\", SyncSystem.Klaviyo, new string[] { \"total_spent\", null })]")]
    [InlineData("[assembly: ExternalWriter(\"\", SyncSystem.Klaviyo, \"total_spent\")]")]
    public async Task Half_typed_declarations_never_make_the_analyzer_throw(string declaration)
    {
        var source = declaration + """

            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify), FlowsTo(SyncSystem.Klaviyo, "total_spent")]
                public decimal TotalSpent { get; init; }
            }
            """;
        var compilation = AnalyzerRun.Compile([AnalyzerRun.Parse("Broken.cs", source)]);
        var result = await AnalyzerRun.RunAsync(compilation, []);
        Assert.Empty(result.Exceptions);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "AD0001");
    }
}
