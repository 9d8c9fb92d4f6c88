using SignalFidelity.Analyzers.Tests.Infrastructure;

namespace SignalFidelity.Analyzers.Tests;

public sealed class SF0009UnsyncableFieldTests
{
    [Fact]
    public Task Topology_attributes_on_a_property_the_generator_skips_are_reported_at_its_name()
    {
        const string source = """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify, Property = "email")]
                public string? Email { get; init; }

                [OwnedBy(SyncSystem.Shopify, Property = "note"), FlowsTo(SyncSystem.Klaviyo, "shopify_note")]
                internal string? {|SF0009:Note|} { get; init; }

                [FlowsTo(SyncSystem.Klaviyo, "nickname")]
                private string? {|SF0009:Nickname|} { get; init; }

                [OwnedBy(SyncSystem.Shopify, Property = "state")]
                public string? {|SF0009:State|} { set { } }

                [OwnedBy(SyncSystem.Shopify)]
                public static string? {|SF0009:Region|} { get; set; }

                [FidelityField]
                protected internal int {|SF0009:Visits|} { get; init; }
            }
            """;
        return Verify.AnalyzerAsync<UnsyncableFieldAnalyzer>(source);
    }

    [Fact]
    public Task Helpers_without_topology_attributes_and_other_types_are_not_reported()
    {
        const string source = """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify, Property = "email")]
                public string? Email { get; private init; }

                internal string? Scratch { get; init; }

                private static int Counter { get; set; }
            }

            public record NotSynced
            {
                [OwnedBy(SyncSystem.Shopify)]
                internal string? Anything { get; init; }
            }
            """;
        return Verify.AnalyzerAsync<UnsyncableFieldAnalyzer>(source);
    }

    [Fact]
    public async Task The_message_names_the_field_and_what_is_wrong()
    {
        var compilation = AnalyzerRun.Compile([AnalyzerRun.Parse("Customer.cs", """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify, Property = "note")]
                internal string? Note { get; init; }
            }
            """)]);

        var result = await AnalyzerRun.RunAsync(compilation);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "SF0009");
        Assert.Equal(
            "Field 'Customer.Note' carries topology attributes but is not public; the generated mappers, webhook readers and audit use public instance properties with a getter only: make it one, or remove its topology attributes",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "SF0002");
    }
}
