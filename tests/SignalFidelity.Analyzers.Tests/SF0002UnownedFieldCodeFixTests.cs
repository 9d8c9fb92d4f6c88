using SignalFidelity.Analyzers.Tests.Infrastructure;
using SignalFidelity.CodeFixes;

namespace SignalFidelity.Analyzers.Tests;

public sealed class SF0002UnownedFieldCodeFixTests
{
    [Fact]
    public Task Owned_by_shopify_adds_a_list_below_the_doc_comment()
    {
        var test = new TopologyCodeFixTest<UnownedFieldAnalyzer, UnownedFieldCodeFixProvider>
        {
            TestCode = """
                using SignalFidelity;

                [SyncEntity("customer")]
                public partial record Customer
                {
                    /// <summary>The phone number.</summary>
                    public string? {|SF0002:Phone|} { get; init; }
                }
                """,
            FixedCode = """
                using SignalFidelity;

                [SyncEntity("customer")]
                public partial record Customer
                {
                    /// <summary>The phone number.</summary>
                    [OwnedBy(SyncSystem.Shopify)]
                    public string? Phone { get; init; }
                }
                """,
            CodeActionEquivalenceKey = "SF0002.Shopify",
        };
        return test.RunAsync();
    }

    [Fact]
    public Task Owned_by_klaviyo_joins_an_existing_attribute_list()
    {
        var test = new TopologyCodeFixTest<UnownedFieldAnalyzer, UnownedFieldCodeFixProvider>
        {
            TestCode = """
                using SignalFidelity;

                [SyncEntity("customer")]
                public partial record Customer
                {
                    [FlowsTo(SyncSystem.Shopify, "tags")]
                    public string? {|SF0002:PrimaryTag|} { get; init; }
                }
                """,
            FixedCode = """
                using SignalFidelity;

                [SyncEntity("customer")]
                public partial record Customer
                {
                    [OwnedBy(SyncSystem.Klaviyo), FlowsTo(SyncSystem.Shopify, "tags")]
                    public string? PrimaryTag { get; init; }
                }
                """,
            CodeActionEquivalenceKey = "SF0002.Klaviyo",
            CodeActionIndex = 1,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task Without_a_using_the_names_are_fully_qualified()
    {
        var test = new TopologyCodeFixTest<UnownedFieldAnalyzer, UnownedFieldCodeFixProvider>
        {
            TestCode = """
                [SignalFidelity.SyncEntity("customer")]
                public partial record Customer
                {
                    public string? {|SF0002:Phone|} { get; init; }
                }
                """,
            FixedCode = """
                [SignalFidelity.SyncEntity("customer")]
                public partial record Customer
                {
                    [global::SignalFidelity.OwnedBy(global::SignalFidelity.SyncSystem.HubSpot)]
                    public string? Phone { get; init; }
                }
                """,
            CodeActionEquivalenceKey = "SF0002.HubSpot",
            CodeActionIndex = 2,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_all_owns_every_unowned_field_in_two_files()
    {
        var test = new TopologyCodeFixTest<UnownedFieldAnalyzer, UnownedFieldCodeFixProvider>
        {
            CodeActionEquivalenceKey = "SF0002.Shopify",
            NumberOfFixAllIterations = 1,
            // Fix-all in document fixes one file per pass: two files, two passes.
            NumberOfFixAllInDocumentIterations = 2,
            NumberOfIncrementalIterations = 3,
        };
        test.TestState.Sources.Add(("Customer.cs", """
            using SignalFidelity;

            [SyncEntity("customer")]
            public partial record Customer
            {
                public string? {|SF0002:Email|} { get; init; }

                public string? {|SF0002:Phone|} { get; init; }
            }
            """));
        test.TestState.Sources.Add(("Customer.Orders.cs", """
            using SignalFidelity;

            public partial record Customer
            {
                public int {|SF0002:OrderCount|} { get; init; }
            }
            """));
        test.FixedState.Sources.Add(("Customer.cs", """
            using SignalFidelity;

            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify)]
                public string? Email { get; init; }

                [OwnedBy(SyncSystem.Shopify)]
                public string? Phone { get; init; }
            }
            """));
        test.FixedState.Sources.Add(("Customer.Orders.cs", """
            using SignalFidelity;

            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify)]
                public int OrderCount { get; init; }
            }
            """));
        return test.RunAsync();
    }
}
