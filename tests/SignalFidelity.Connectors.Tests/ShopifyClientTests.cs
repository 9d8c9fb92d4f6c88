using SignalFidelity.Connectors.Resilience;
using SignalFidelity.Sandbox.Seeding;
using SignalFidelity.Sandbox.Shopify;

namespace SignalFidelity.Connectors.Tests;

public sealed class ShopifyClientTests
{
    private static async Task<SandboxScope> SeededAsync(int customers, double clockScale = 1, ShopifyPlan plan = ShopifyPlan.Standard)
    {
        var scope = await SandboxScope.StartAsync(clockScale, o => o.Shopify.Plan = plan);
        StoreGenerator.Generate(new StoreScenario { Customers = customers, Seed = 3 }).LoadInto(scope.Sandbox.Shopify.Store);
        return scope;
    }

    [Fact]
    public async Task Customers_page_by_page_match_the_shop_with_its_roll_ups()
    {
        await using var scope = await SeededAsync(130);
        var customers = await scope.Shopify.GetCustomersAsync(pageSize: 50).ToListAsync();

        Assert.Equal(130, customers.Select(c => c.Id).Distinct().Count());
        foreach (var c in customers)
        {
            var truth = scope.Sandbox.Shopify.Store.Summary(long.Parse(c.Id.Split('/')[^1]));
            Assert.Equal(truth.NumberOfOrders, c.OrderCount);
            Assert.Equal(truth.AmountSpent, c.TotalSpent);
        }
        var one = await scope.Shopify.GetCustomerAsync(customers[7].Id);
        Assert.Equal(customers[7].Email, one!.Email);
        Assert.Null(await scope.Shopify.GetCustomerAsync("gid://shopify/Customer/1"));
    }

    [Fact]
    public async Task One_order_by_id_answers_its_createdAt_and_null_once_it_is_deleted()
    {
        await using var scope = await SeededAsync(20);
        var store = scope.Sandbox.Shopify.Store;
        var order = store.Orders[3];

        // order(id: ID!) { createdAt }, as the worker resolves purchasing_summary's lastOrderId.
        var node = await scope.Shopify.GetObjectFieldAsync("order", "Order", "createdAt", order.Gid);

        // GraphQL Admin's DateTime is to the second.
        Assert.Equal(order.CreatedAt.ToUnixTimeSeconds(), DateTimeOffset.Parse(node!.Value.GetProperty("createdAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        Assert.Equal(["createdAt"], node.Value.EnumerateObject().Select(p => p.Name));
        Assert.True(store.DeleteOrder(order.Id, DateTimeOffset.UtcNow));
        Assert.Null(await scope.Shopify.GetObjectFieldAsync("order", "Order", "createdAt", order.Gid));
        // A field Order does not have fails the whole query, as Shopify's validation does.
        var refused = await Assert.ThrowsAsync<ConnectorException>(() => scope.Shopify.GetObjectFieldAsync("order", "Order", "createdAtt", store.Orders[0].Gid));
        Assert.Contains("createdAtt", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_count_for_a_date_range_equals_the_orders_placed_in_it()
    {
        await using var scope = await SeededAsync(300);
        var from = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
        var count = await scope.Shopify.CountOrdersAsync(from, from.AddDays(1));
        Assert.Equal(scope.Sandbox.Shopify.Store.Orders.Count(o => o.CreatedAt >= from && o.CreatedAt < from.AddDays(1)), count);
        Assert.True(count > 0);
    }

    [Fact]
    public async Task Tag_mutations_change_the_customer_and_report_user_errors_as_failures()
    {
        await using var scope = await SeededAsync(5);
        var customer = scope.Sandbox.Shopify.Store.Customers[0];
        await scope.Shopify.AddTagsAsync(customer.Gid, ["vip-2026", "winback"]);
        await scope.Shopify.RemoveTagsAsync(customer.Gid, ["winback"]);

        Assert.Contains("vip-2026", customer.Tags);
        Assert.DoesNotContain("winback", customer.Tags);
        var e = await Assert.ThrowsAsync<ConnectorWriteException<string>>(() => scope.Shopify.AddTagsAsync("gid://shopify/Customer/1", ["x"]));
        Assert.Equal(["x"], e.Unwritten);
    }

    [Fact]
    public async Task Bulk_export_streams_the_JSONL_and_joins_orders_to_their_customers()
    {
        await using var scope = await SeededAsync(400, clockScale: 50);
        var exported = await scope.Shopify.ExportCustomersWithOrdersAsync(TimeSpan.FromMilliseconds(200)).ToListAsync();

        Assert.Equal(400, exported.Count);
        Assert.Equal(scope.Sandbox.Shopify.Store.Orders.Count, exported.Sum(c => c.Orders.Count));
        foreach (var c in exported.Where(c => c.Orders.Count > 0))
            Assert.All(c.Orders, o => Assert.Equal(c.Customer.Id, o.ParentId));
    }

    [Fact]
    public async Task Concurrent_readers_wait_for_the_bucket_instead_of_being_throttled()
    {
        // Standard plan: 1,000 points restoring 100/s. Eight readers of 250-customer pages (1,252 points each
        // requested, above the bucket) cannot all be served at once; the pacer makes them wait their turn.
        await using var scope = await SeededAsync(600, clockScale: 20);
        var readers = Enumerable.Range(0, 8).Select(_ => scope.Shopify.GetCustomersAsync(pageSize: 190).ToListAsync()).ToList();
        var results = await Task.WhenAll(readers);

        Assert.All(results, r => Assert.Equal(600, r.Count));
        // Only the very first answers, before the pacer has seen a throttleStatus, may be throttled.
        Assert.True(scope.Shopify.ThrottledAnswers <= 1, $"throttled {scope.Shopify.ThrottledAnswers} times");
    }
}
