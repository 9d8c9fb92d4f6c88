using System.Globalization;
using System.Text.Json.Nodes;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Shopify;

namespace SignalFidelity.Cli.Demo.Worker;

/// <summary>
/// A second sale in the sandbox store: orders for existing customers, each raising what Shopify
/// raises for it (orders/create and customers/purchasing_summary), so the worker takes the sale
/// through its webhook intake.
/// </summary>
public static class SaleBurst
{
    /// <summary>Places <paramref name="orders"/> orders for customers drawn with <paramref name="seed"/>; returns the customers touched.</summary>
    public static async Task<int> RunAsync(SandboxHost sandbox, int orders, int seed, TimeSpan spread, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var store = sandbox.Shopify.Store;
        var customers = store.Customers;
        var random = new Random(seed);
        var touched = new HashSet<long>();
        var nextOrderId = store.Orders.Count == 0 ? 1 : store.Orders.Max(o => o.Id) + 1;
        var nextNumber = store.Orders.Count == 0 ? 1001 : store.Orders.Max(o => o.Number) + 1;
        var pause = orders == 0 ? TimeSpan.Zero : spread / orders;
        for (var i = 0; i < orders; i++)
        {
            var customer = customers[random.Next(customers.Count)];
            var total = Math.Round(15m + (decimal)(random.NextDouble() * 180), 2);
            PlaceOrder(sandbox, customer, nextOrderId++, nextNumber++, total);
            touched.Add(customer.Id);
            if ((i + 1) % 50 == 0)
            {
                progress?.Report(100.0 * (i + 1) / orders);
                await Task.Delay(pause * 50, cancellationToken);
            }
        }

        progress?.Report(100);
        return touched.Count;
    }

    /// <summary>Adds the order to the store and raises its webhooks, as Shopify does when an order is placed.</summary>
    public static void PlaceOrder(SandboxHost sandbox, ShopifyCustomerRecord customer, long orderId, int number, decimal total)
    {
        var store = sandbox.Shopify.Store;
        // Shopify keeps times to the second (GraphQL Admin's DateTime, a purchasing summary's occurredAt ".000Z"); the
        // virtual clock does not, and a webhook's time must read the same as the API's read of the same order.
        var clock = sandbox.Clock.GetUtcNow();
        var now = new DateTimeOffset(clock.UtcTicks - (clock.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        store.AddOrder(new ShopifyOrderRecord
        {
            Id = orderId,
            Number = number,
            CustomerId = customer.Id,
            Email = customer.Email,
            CreatedAt = now,
            Total = total,
            LineItems = [new ShopifyLineItem("Black Friday bundle", "BF-BUNDLE", 1, total)],
        });
        var summary = store.Summary(customer.Id);
        var at = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        sandbox.RaiseWebhook("orders/create", new JsonObject
        {
            ["id"] = orderId,
            ["name"] = $"#{number}",
            ["created_at"] = at,
            ["financial_status"] = "paid",
            ["total_price"] = total.ToString("0.00", CultureInfo.InvariantCulture),
            ["customer"] = new JsonObject { ["id"] = customer.Id, ["email"] = customer.Email },
        }, $"order-{orderId}");
        sandbox.RaiseWebhook("customers/purchasing_summary", new JsonObject
        {
            ["customerId"] = customer.Gid,
            ["numberOfOrders"] = summary.NumberOfOrders,
            ["amountSpent"] = new JsonObject { ["amount"] = summary.AmountSpent.ToString("0.00", CultureInfo.InvariantCulture), ["currencyCode"] = "USD" },
            ["lastOrderId"] = $"gid://shopify/Order/{orderId}",
            ["occurredAt"] = at,
        }, customer.Gid);
    }
}
