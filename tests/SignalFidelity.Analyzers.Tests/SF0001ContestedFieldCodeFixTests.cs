using Microsoft.CodeAnalysis.Testing;
using SignalFidelity.Analyzers.Tests.Infrastructure;
using SignalFidelity.CodeFixes;

namespace SignalFidelity.Analyzers.Tests;

public sealed class SF0001ContestedFieldCodeFixTests
{
    [Fact]
    public Task Keep_this_writer_removes_the_other_owner_of_the_field()
    {
        var test = new TopologyCodeFixTest<ContestedFieldAnalyzer, ContestedFieldCodeFixProvider>
        {
            TestCode = """
                using SignalFidelity;

                [SyncEntity("customer")]
                public partial record Customer
                {
                    /// <summary>Lifetime spend.</summary>
                    [{|SF0001:OwnedBy(SyncSystem.Shopify)|}, FlowsTo(SyncSystem.Klaviyo, "total_spent")]
                    [{|SF0001:OwnedBy(SyncSystem.Klaviyo)|}]
                    public decimal TotalSpent { get; init; }
                }
                """,
            FixedCode = """
                using SignalFidelity;

                [SyncEntity("customer")]
                public partial record Customer
                {
                    /// <summary>Lifetime spend.</summary>
                    [OwnedBy(SyncSystem.Shopify), FlowsTo(SyncSystem.Klaviyo, "total_spent")]
                    public decimal TotalSpent { get; init; }
                }
                """,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task Keep_this_writer_at_the_first_file_removes_the_flow_in_the_second()
    {
        var test = new TopologyCodeFixTest<ContestedFieldAnalyzer, ContestedFieldCodeFixProvider>
        {
            // Writers in two files are judged at compilation end, and such a diagnostic is non-local:
            // hosts offer its fix from the full-solution error list and fix-all, not the live editor.
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        test.TestState.Sources.Add(("A.cs", """
            using SignalFidelity;

            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify), {|SF0001:FlowsTo(SyncSystem.Klaviyo, "total_spent")|}]
                public decimal TotalSpent { get; init; }
            }
            """));
        test.TestState.Sources.Add(("B.cs", """
            using SignalFidelity;

            public partial record Customer
            {
                /// <summary>Spend as another app computes it.</summary>
                [OwnedBy(SyncSystem.Shopify)]
                [{|SF0001:FlowsTo(SyncSystem.Klaviyo, "total_spent")|}]
                public decimal LifetimeValue { get; init; }
            }
            """));
        test.FixedState.Sources.Add(("A.cs", """
            using SignalFidelity;

            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify), FlowsTo(SyncSystem.Klaviyo, "total_spent")]
                public decimal TotalSpent { get; init; }
            }
            """));
        test.FixedState.Sources.Add(("B.cs", """
            using SignalFidelity;

            public partial record Customer
            {
                /// <summary>Spend as another app computes it.</summary>
                [OwnedBy(SyncSystem.Shopify)]
                public decimal LifetimeValue { get; init; }
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Keep_this_writer_is_not_offered_where_it_would_unown_another_field()
    {
        const string source = """
            using SignalFidelity;

            [SyncEntity("customer")]
            public partial record Customer
            {
                [{|SF0001:OwnedBy(SyncSystem.Klaviyo, Property = "primary_tag", Why = "Segments are built in Klaviyo")|}]
                public string? PrimaryTag { get; init; }

                [OwnedBy(SyncSystem.Shopify, Property = "tags"), {|SF0001:FlowsTo(SyncSystem.Klaviyo, "primary_tag")|}]
                public string? ShopifyTags { get; init; }
            }
            """;
        const string keptAtTheOwner = """
            using SignalFidelity;

            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Klaviyo, Property = "primary_tag", Why = "Segments are built in Klaviyo")]
                public string? PrimaryTag { get; init; }

                [OwnedBy(SyncSystem.Shopify, Property = "tags")]
                public string? ShopifyTags { get; init; }
            }
            """;

        // Only the owner's diagnostic offers the fix (removing the flow); at the flow, removing the
        // other field's only owner would trade SF0001 for SF0002, so nothing is offered there.
        var test = new TopologyCodeFixTest<ContestedFieldAnalyzer, ContestedFieldCodeFixProvider>
        {
            TestCode = source,
            FixedCode = keptAtTheOwner,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        return test.RunAsync();
    }
}
