using Microsoft.CodeAnalysis.Testing;
using SignalFidelity.Analyzers.Tests.Infrastructure;

namespace SignalFidelity.Analyzers.Tests;

public sealed class SF0001ContestedFieldTests
{
    private const string Owner = """
        [assembly: TopologyOwner("Dana Ortiz", "dana@store.example", Backup = "Lee Park")]
        """;

    [Fact]
    public Task Two_owners_on_one_field_are_reported_at_both()
    {
        const string source = """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [{|SF0001:OwnedBy(SyncSystem.Shopify)|}, {|SF0001:OwnedBy(SyncSystem.Klaviyo, Property = "total_spent")|}]
                public decimal TotalSpent { get; init; }
            }
            """;
        return Verify.AnalyzerAsync<ContestedFieldAnalyzer>(source);
    }

    [Fact]
    public Task Two_flows_into_one_destination_property_in_one_file()
    {
        const string source = """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify), {|SF0001:FlowsTo(SyncSystem.Klaviyo, "total_spent")|}]
                public decimal TotalSpent { get; init; }

                [OwnedBy(SyncSystem.Shopify), {|SF0001:FlowsTo(SyncSystem.Klaviyo, "total_spent")|}]
                public decimal LifetimeValue { get; init; }
            }
            """;
        return Verify.AnalyzerAsync<ContestedFieldAnalyzer>(source);
    }

    [Fact]
    public Task Two_partial_declarations_in_two_files_write_one_property()
    {
        const string first = """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify), {|SF0001:FlowsTo(SyncSystem.Klaviyo, "total_spent")|}]
                public decimal TotalSpent { get; init; }
            }
            """;
        const string second = """
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify), {|SF0001:FlowsTo(SyncSystem.Klaviyo, "Total_Spent")|}]
                public decimal LifetimeValue { get; init; }
            }
            """;
        return Verify.AnalyzerAsync<ContestedFieldAnalyzer>(first, second);
    }

    [Fact]
    public Task Two_entities_in_two_files_flow_into_one_crm_property()
    {
        const string customer = """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify), {|SF0001:FlowsTo(SyncSystem.HubSpot, "lifetime_value")|}]
                public decimal TotalSpent { get; init; }
            }
            """;
        const string order = """
            [SyncEntity("order")]
            public partial record OrderSummary
            {
                [OwnedBy(SyncSystem.Shopify), {|SF0001:FlowsTo(SyncSystem.HubSpot, "lifetime_value")|}]
                public decimal Total { get; init; }
            }
            """;
        return Verify.AnalyzerAsync<ContestedFieldAnalyzer>(customer, order);
    }

    [Fact]
    public Task A_flow_into_a_property_another_field_owns()
    {
        const string source = """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [{|SF0001:OwnedBy(SyncSystem.Klaviyo, Property = "primary_tag", Why = "Segments are built in Klaviyo")|}]
                public string? PrimaryTag { get; init; }

                [OwnedBy(SyncSystem.Shopify, Property = "tags"), {|SF0001:FlowsTo(SyncSystem.Klaviyo, "primary_tag")|}]
                public string? ShopifyTags { get; init; }
            }
            """;
        return Verify.AnalyzerAsync<ContestedFieldAnalyzer>(source);
    }

    [Fact]
    public Task One_writer_per_destination_is_clean()
    {
        const string source = """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify, Property = "amountSpent"), FlowsTo(SyncSystem.Klaviyo, "total_spent"), FlowsTo(SyncSystem.HubSpot, "total_spent")]
                public decimal TotalSpent { get; init; }

                [OwnedBy(SyncSystem.Klaviyo, Property = "primary_tag"), FlowsTo(SyncSystem.Shopify, "tags")]
                public string? PrimaryTag { get; init; }
            }
            """;
        return Verify.AnalyzerAsync<ContestedFieldAnalyzer>(source);
    }

    [Fact]
    public async Task Other_writers_are_additional_locations_in_file_then_position_order()
    {
        const string first = """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify), {|#0:FlowsTo(SyncSystem.Klaviyo, "total_spent")|}]
                public decimal A { get; init; }

                [OwnedBy(SyncSystem.Shopify), {|#1:FlowsTo(SyncSystem.Klaviyo, "total_spent")|}]
                public decimal B { get; init; }
            }
            """;
        const string second = """
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify), {|#2:FlowsTo(SyncSystem.Klaviyo, "total_spent")|}]
                public decimal C { get; init; }
            }
            """;
        var test = new TopologyAnalyzerTest<ContestedFieldAnalyzer>(first, second);
        var message = "Klaviyo property 'total_spent' has more than one writer (Customer.A flows into it, Customer.B flows into it, Customer.C flows into it); keep exactly one";
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.ContestedField).WithMessage(message).WithLocation(0).WithLocation(1).WithLocation(2));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.ContestedField).WithMessage(message).WithLocation(1).WithLocation(0).WithLocation(2));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.ContestedField).WithMessage(message).WithLocation(2).WithLocation(0).WithLocation(1));
        await test.RunAsync();
    }
}
