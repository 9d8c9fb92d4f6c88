using SignalFidelity.Connectors.Resilience;
using SignalFidelity.Sandbox.Seeding;

namespace SignalFidelity.Connectors.Tests;

/// <summary>
/// The topology's GraphQL selection on top of the connector's own: answered page by page, by id and in bulk with
/// exactly the fields asked for, and a field <c>Customer</c> does not have refused with Shopify's own error.
/// </summary>
public sealed class ShopifyCustomerSelectionTests
{
    private static async Task<SandboxScope> SeededAsync(string selection, int customers = 12)
    {
        var scope = await SandboxScope.StartAsync(clockScale: 50, shopifyCustomerSelection: selection);
        StoreGenerator.Generate(new StoreScenario { Customers = customers, Seed = 5 }).LoadInto(scope.Sandbox.Shopify.Store);
        return scope;
    }

    [Fact]
    public async Task A_selected_field_arrives_in_each_node_page_by_page_by_id_and_in_bulk()
    {
        await using var scope = await SeededAsync("note lastOrder { name }");
        var store = scope.Sandbox.Shopify.Store;
        var held = store.Customers.First(c => store.Summary(c.Id).LastOrder is not null);
        held.Note = "Prefers the blue box";

        var paged = (await scope.Shopify.GetCustomersAsync(pageSize: 5).ToListAsync()).Single(c => c.Id == held.Gid);
        var byId = await scope.Shopify.GetCustomerAsync(held.Gid);
        var bulk = (await scope.Shopify.ExportCustomersWithOrdersAsync(TimeSpan.FromMilliseconds(100)).ToListAsync()).Single(c => c.Customer.Id == held.Gid).Customer;

        foreach (var customer in new[] { paged, byId!, bulk })
        {
            Assert.Equal("Prefers the blue box", customer.Node.GetProperty("note").GetString());
            Assert.Equal(held.Email, customer.Email); // the connector's own fields are still there
            // GraphQL answers what was asked: a Customer field nobody selected is not in the node.
            Assert.False(customer.Node.TryGetProperty("displayName", out _));
        }

        Assert.Equal(store.Summary(held.Id).LastOrder!.Name, paged.Node.GetProperty("lastOrder").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_field_Customer_does_not_have_fails_the_query_with_Shopifys_error_and_the_bulk_run_too()
    {
        await using var scope = await SeededAsync("firstOrderDate");

        var paged = await Assert.ThrowsAsync<ConnectorException>(() => scope.Shopify.GetCustomersAsync().ToListAsync());
        Assert.Contains("Field 'firstOrderDate' doesn't exist on type 'Customer'", paged.Message, StringComparison.Ordinal);
        var bulk = await Assert.ThrowsAsync<ConnectorException>(() => scope.Shopify.StartBulkCustomerExportAsync(includeOrders: false));
        Assert.Contains("firstOrderDate", bulk.Message, StringComparison.Ordinal);
    }
}
