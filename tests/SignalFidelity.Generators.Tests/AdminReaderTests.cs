using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using SignalFidelity.Runtime;

namespace SignalFidelity.Generators.Tests;

/// <summary>
/// The GraphQL Admin side of the topology: the selection generated from <c>OwnedBy(SyncSystem.Shopify, Property = ...)</c>
/// and the reader of one node, compiled and run on an answer shaped as GraphQL Admin 2026-04 writes it.
/// </summary>
public sealed class AdminReaderTests
{
    private const string Source = """
        using System;
        using SignalFidelity;
        namespace Shop;
        [SyncEntity("customer")]
        public partial record Person
        {
            [OwnedBy(SyncSystem.Shopify, Property = "note"), FlowsTo(SyncSystem.Klaviyo, "note")] public string? Note { get; init; }
            [OwnedBy(SyncSystem.Shopify, Property = "amountSpent.amount"), FlowsTo(SyncSystem.Klaviyo, "spent")] public decimal Spent { get; init; }
            [OwnedBy(SyncSystem.Shopify, Property = "amountSpent.currencyCode"), FlowsTo(SyncSystem.Klaviyo, "currency")] public string? Currency { get; init; }
            [OwnedBy(SyncSystem.Shopify, Property = " lastOrder.createdAt "), FlowsTo(SyncSystem.Klaviyo, "last")] public DateTimeOffset? LastOrderAt { get; init; }
            [OwnedBy(SyncSystem.Shopify, Property = "numberOfOrders"), FlowsTo(SyncSystem.Klaviyo, "orders")] public int Orders { get; init; }
            [OwnedBy(SyncSystem.Shopify, Property = "taxExempt"), FlowsTo(SyncSystem.Klaviyo, "tax_exempt")] public bool? TaxExempt { get; init; }
            [OwnedBy(SyncSystem.Shopify), FlowsTo(SyncSystem.Klaviyo, "unread")] public string? NoAdminField { get; init; }
            [OwnedBy(SyncSystem.Klaviyo, Property = "segment", Why = "Segments live in Klaviyo")] public string? Segment { get; init; }
        }
        """;

    [Fact]
    public void The_selection_nests_dotted_paths_and_leaves_out_fields_Shopify_does_not_own()
    {
        var topology = Compile().GetType("Shop.PersonTopology", throwOnError: true)!;

        var selection = (string)topology.GetField("AdminSelection")!.GetValue(null)!;

        Assert.Equal("amountSpent { amount currencyCode } lastOrder { createdAt } note numberOfOrders taxExempt", selection);
    }

    [Fact]
    public void A_node_is_read_by_each_property_type_with_money_and_counts_as_GraphQL_strings()
    {
        var node = JsonDocument.Parse("""
            { "id": "gid://shopify/Customer/1", "note": "Prefers the blue box", "numberOfOrders": "3", "taxExempt": true,
              "amountSpent": { "amount": "106.15", "currencyCode": "EUR" }, "lastOrder": { "createdAt": "2026-11-20T09:30:00Z" } }
            """).RootElement;

        var (snapshot, carried) = Read(node);

        Assert.Equal("Prefers the blue box", snapshot.GetProperty("Note"));
        Assert.Equal(106.15m, snapshot.GetProperty("Spent"));
        Assert.Equal("EUR", snapshot.GetProperty("Currency"));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero), snapshot.GetProperty("LastOrderAt"));
        Assert.Equal(3, snapshot.GetProperty("Orders"));
        Assert.Equal(true, snapshot.GetProperty("TaxExempt"));
        Assert.Equal(["Note", "Spent", "Currency", "LastOrderAt", "Orders", "TaxExempt"], carried);
    }

    [Fact]
    public void A_customer_without_orders_reads_null_and_zero_and_a_bad_value_names_the_Admin_field()
    {
        var (snapshot, _) = Read(JsonDocument.Parse("""{ "note": null, "numberOfOrders": "0", "amountSpent": { "amount": "0.0" }, "lastOrder": null }""").RootElement);
        Assert.Null(snapshot.GetProperty("LastOrderAt"));
        Assert.Equal(0m, snapshot.GetProperty("Spent"));

        var error = Assert.Throws<FormatException>(() => Read(JsonDocument.Parse("""{ "numberOfOrders": "many" }""").RootElement));
        Assert.Contains("GraphQL Admin Person", error.Message, StringComparison.Ordinal);
        Assert.Contains("numberOfOrders", error.Message, StringComparison.Ordinal);
        Assert.Contains("many", error.Message, StringComparison.Ordinal);
    }

    private static (Dictionary<string, object?> Snapshot, IReadOnlyList<string> Carried) Read(JsonElement node)
    {
        var topology = Compile().GetType("Shop.PersonTopology", throwOnError: true)!;
        object read;
        try
        {
            read = topology.GetMethod("ReadAdmin")!.Invoke(null, [node])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }

        var snapshot = read.GetType().GetProperty("Snapshot")!.GetValue(read)!;
        var values = snapshot.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .ToDictionary(p => p.Name, p => p.GetValue(snapshot));
        return (values, (IReadOnlyList<string>)read.GetType().GetProperty("CarriedFields")!.GetValue(read)!);
    }

    private static Assembly? _compiled;

    private static Assembly Compile()
    {
        if (_compiled is not null) return _compiled;
        var (_, output) = GeneratorHarness.RunAndCompile(GeneratorHarness.Compilation([GeneratorHarness.Tree("Person.cs", Source)], "Shop.Topology"));
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return _compiled = new AssemblyLoadContext("admin-reader", isCollectible: true).LoadFromStream(image);
    }
}

file static class SnapshotValues
{
    public static object? GetProperty(this Dictionary<string, object?> values, string name) => values[name];
}
