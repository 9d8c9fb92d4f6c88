using System.Globalization;
using Microsoft.CodeAnalysis;
using SignalFidelity.Analyzers.Tests.Infrastructure;

namespace SignalFidelity.Analyzers.Tests;

/// <summary>
/// SF0007 for <c>[FromWebhook(topic, path, ResolveThrough = "object.field")]</c>: the path is checked against the
/// pinned snapshot like any other, the lookup against SignalFidelity's own table (pin or no pin), and the lookup's
/// value against the property's type. Half-typed arguments never crash a rule.
/// </summary>
public sealed class SF0007ResolveThroughTests
{
    private const string Snapshot = """
        customers/purchasing_summary	customerId	string
        customers/purchasing_summary	lastOrderId	string
        customers/purchasing_summary	numberOfOrders	integer
        orders/create	created_at	string
        """;

    private static string Topology(string field, bool pinned = true) => $$"""
        {{(pinned ? "[assembly: VendorApi(SyncSystem.Shopify, \"2026-04\")]" : string.Empty)}}

        [SyncEntity("customer")]
        public partial record Customer
        {
        {{field}}
        }
        """;

    private static async Task<IReadOnlyList<Diagnostic>> RunAsync(string source, bool allowCompileErrors = false)
    {
        var snapshot = new InMemoryAdditionalText("/repo/vendor-schemas/shopify/shopify-webhooks-2026-04.tsv", Snapshot);
        var result = await AnalyzerRun.RunAsync(AnalyzerRun.Compile([AnalyzerRun.Parse("Customer.cs", source)]), [snapshot]);
        Assert.Empty(result.Exceptions);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "AD0001");
        if (!allowCompileErrors)
        {
            Assert.DoesNotContain(result.Diagnostics, d => d.Id.StartsWith("CS", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error);
        }

        return result.Diagnostics.Where(d => d.Id is "SF0007" or "SF0008").ToList();
    }

    [Fact]
    public Task A_known_lookup_on_a_known_path_is_clean()
    {
        var source = Topology("""
                [OwnedBy(SyncSystem.Shopify, Property = "lastOrder.createdAt"), FromWebhook("orders/create", "created_at"),
                 FromWebhook("customers/purchasing_summary", "lastOrderId", ResolveThrough = "order.createdAt")]
                public DateTimeOffset? LastOrderDate { get; init; }
            """);
        var test = new TopologyAnalyzerTest<VendorSchemaAnalyzer>(source);
        test.TestState.AdditionalFiles.Add(("/0/shopify-webhooks-2026-04.tsv", Snapshot));
        return test.RunAsync();
    }

    [Fact]
    public Task The_reference_path_is_checked_against_the_snapshot_like_any_path()
    {
        var source = Topology("""
                [OwnedBy(SyncSystem.Shopify), {|SF0007:FromWebhook("customers/purchasing_summary", "lastOrderID", ResolveThrough = "order.createdAt")|}]
                public DateTimeOffset? LastOrderDate { get; init; }
            """);
        var test = new TopologyAnalyzerTest<VendorSchemaAnalyzer>(source);
        test.TestState.AdditionalFiles.Add(("/0/shopify-webhooks-2026-04.tsv", Snapshot));
        return test.RunAsync();
    }

    [Fact]
    public async Task An_unknown_lookup_is_SF0007_naming_the_known_ones_even_without_a_pin()
    {
        foreach (var pinned in new[] { true, false })
        {
            var diagnostics = await RunAsync(Topology("""
                    [OwnedBy(SyncSystem.Shopify), FromWebhook("customers/purchasing_summary", "lastOrderId", ResolveThrough = "order.createAt")]
                    public DateTimeOffset? LastOrderDate { get; init; }
                """, pinned));

            var diagnostic = Assert.Single(diagnostics);
            Assert.Equal(("SF0007", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
            Assert.Equal(
                "ResolveThrough 'order.createAt' is not an Admin API lookup SignalFidelity can run; known lookups: 'order.createdAt'",
                diagnostic.GetMessage(CultureInfo.InvariantCulture));
            Assert.Contains("FromWebhook(", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_lookup_whose_value_the_property_cannot_hold_is_SF0007_naming_the_types()
    {
        var diagnostics = await RunAsync(Topology("""
                [OwnedBy(SyncSystem.Shopify), FromWebhook("customers/purchasing_summary", "lastOrderId", ResolveThrough = "order.createdAt")]
                public decimal LastOrderDate { get; init; }
            """));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(
            "ResolveThrough 'order.createdAt' reads an ISO 8601 timestamp (GraphQL DateTime), which 'Customer.LastOrderDate' of type decimal cannot hold; declare it as DateTimeOffset? or DateTime?",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("ResolveThrough = null")]
    [InlineData("ResolveThrough = ")]
    [InlineData("ResolveThrough = 5")]
    [InlineData("ResolveThrough = new[] { \"order.createdAt\" }")]
    [InlineData("ResolveThrough")]
    [InlineData("ResolveThrough = \"order.createdAt\", ResolveThrough = \"order.createdAt\"")]
    public async Task Half_typed_lookups_never_crash_and_report_nothing_they_cannot_read(string argument)
    {
        var diagnostics = await RunAsync(Topology($$"""
                [OwnedBy(SyncSystem.Shopify), FromWebhook("customers/purchasing_summary", "lastOrderId", {{argument}})]
                public DateTimeOffset? LastOrderDate { get; init; }
            """), allowCompileErrors: true);

        // The compiler explains what does not bind; no rule guesses at it (the path itself is known).
        Assert.Empty(diagnostics);
    }
}
