using System.Reflection;
using System.Text.Json;
using SignalFidelity.Runtime;

namespace SignalFidelity.Generators.Tests;

/// <summary>
/// <c>[FromWebhook(topic, path, ResolveThrough = "order.createdAt")]</c> compiled and run: the payload reader hands the
/// reference out instead of a value (and does not count the field as carried), <c>WithResolved</c> sets it from the
/// Admin API's object, and a lookup the table does not know makes the generator skip the source.
/// </summary>
public sealed class ResolvedReaderTests
{
    private const string Source = """
        using System;
        using SignalFidelity;
        namespace Shop;
        [SyncEntity("customer")]
        public partial record Person
        {
            [OwnedBy(SyncSystem.Shopify, Property = "amountSpent.amount"), FlowsTo(SyncSystem.Klaviyo, "spent"),
             FromWebhook("customers/purchasing_summary", "amountSpent.amount")]
            public decimal Spent { get; init; }

            [OwnedBy(SyncSystem.Shopify, Property = "lastOrder.createdAt"), FlowsTo(SyncSystem.Klaviyo, "last"),
             FromWebhook("orders/create", "created_at"),
             FromWebhook("customers/purchasing_summary", "lastOrderId", ResolveThrough = " order.createdAt ")]
            public DateTimeOffset? LastOrderAt { get; init; }

            [OwnedBy(SyncSystem.Shopify, Property = "lastOrder.name"), FlowsTo(SyncSystem.Klaviyo, "last_name"),
             FromWebhook("customers/purchasing_summary", "lastOrderId", ResolveThrough = "order.nameOfTheOrder")]
            public string? LastOrderName { get; init; }
        }
        """;

    private static readonly Lazy<Type> Topology = new(() =>
        GeneratorHarness.Load(GeneratorHarness.RunAndCompile(GeneratorHarness.Compilation([GeneratorHarness.Tree("Person.cs", Source)], "Shop.Topology")).Output, "resolved-reader")
            .GetType("Shop.PersonTopology", throwOnError: true)!);

    [Fact]
    public void Purchasing_summary_hands_out_the_order_reference_and_carries_only_the_totals()
    {
        var read = ReadWebhook("customers/purchasing_summary", """
            { "customerId": "gid://shopify/Customer/1", "numberOfOrders": 1, "amountSpent": { "amount": "100.00", "currencyCode": "USD" },
              "lastOrderId": "gid://shopify/Order/1", "occurredAt": "2005-05-05T05:00:00.000Z" }
            """);

        Assert.Equal(["Spent"], (IReadOnlyList<string>)Property(read, "CarriedFields")!);
        var resolution = Assert.Single((IReadOnlyList<WebhookResolution>)Property(read, "Resolutions")!);
        Assert.Equal(("LastOrderAt", "order.createdAt", "gid://shopify/Order/1"), (resolution.Field, resolution.Lookup, resolution.Reference));
        // Never a date made up from occurredAt: the snapshot holds none until the order is read.
        Assert.Null(Property(Property(read, "Snapshot")!, "LastOrderAt"));
    }

    [Fact]
    public void Orders_create_still_carries_the_date_itself()
    {
        var read = ReadWebhook("orders/create", """{ "created_at": "2026-11-20T09:30:00-05:00", "customer": { "id": 1 } }""");

        Assert.Equal(["LastOrderAt"], (IReadOnlyList<string>)Property(read, "CarriedFields")!);
        Assert.Empty((IReadOnlyList<WebhookResolution>)Property(read, "Resolutions")!);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero), Property(Property(read, "Snapshot")!, "LastOrderAt"));
    }

    [Fact]
    public void WithResolved_sets_the_field_from_the_Admin_object_and_names_the_lookup_for_a_bad_value()
    {
        var read = ReadWebhook("customers/purchasing_summary", """{ "amountSpent": { "amount": "5.00" }, "lastOrderId": "gid://shopify/Order/7" }""");
        var snapshot = Property(read, "Snapshot")!;

        var resolved = Invoke("WithResolved", snapshot, "LastOrderAt", JsonDocument.Parse("""{ "createdAt": "2026-10-01T08:00:00Z" }""").RootElement);

        Assert.Equal(new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero), Property(resolved, "LastOrderAt"));
        Assert.Equal(5.00m, Property(resolved, "Spent"));
        var error = Assert.Throws<FormatException>(() => Invoke("WithResolved", snapshot, "LastOrderAt", JsonDocument.Parse("""{ "createdAt": 17 }""").RootElement));
        Assert.Equal("order.createdAt: 'createdAt' is 17, not an ISO 8601 timestamp", error.Message);
        Assert.Throws<ArgumentException>(() => Invoke("WithResolved", snapshot, "Spent", JsonDocument.Parse("{}").RootElement));
    }

    [Fact]
    public void A_source_with_an_unknown_lookup_is_skipped_and_appears_nowhere()
    {
        var read = ReadWebhook("customers/purchasing_summary", """{ "amountSpent": { "amount": "5.00" }, "lastOrderId": "gid://shopify/Order/7" }""");

        Assert.DoesNotContain((IReadOnlyList<WebhookResolution>)Property(read, "Resolutions")!, r => r.Field == "LastOrderName");
        Assert.DoesNotContain("LastOrderName", (IReadOnlyList<string>)Property(read, "CarriedFields")!);
        Assert.Throws<ArgumentException>(() => Invoke("WithResolved", Property(read, "Snapshot")!, "LastOrderName", JsonDocument.Parse("{}").RootElement));
    }

    private static object ReadWebhook(string topic, string json) => Invoke("ReadWebhook", topic, JsonDocument.Parse(json).RootElement);

    private static object Invoke(string method, params object[] arguments)
    {
        try
        {
            return Topology.Value.GetMethod(method)!.Invoke(null, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    private static object? Property(object target, string name) => target.GetType().GetProperty(name)!.GetValue(target);
}
