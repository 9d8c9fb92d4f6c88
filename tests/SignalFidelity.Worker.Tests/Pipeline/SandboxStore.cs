using System.Globalization;
using System.Text.Json.Nodes;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Shopify;

namespace SignalFidelity.Worker.Tests.Pipeline;

/// <summary>
/// Drives the sandbox's Shopify like a shop does: customers, orders, and the webhooks Shopify raises
/// for them (orders/create, customers/purchasing_summary). The sandbox state is the ground truth
/// the CRM is compared against.
/// </summary>
internal sealed class SandboxStore(SandboxHost sandbox)
{
    private long _nextOrderId = 5_000_000;

    public ShopifyStore Shopify => sandbox.Shopify.Store;

    public void AddCustomers(int count)
    {
        var now = sandbox.Clock.GetUtcNow();
        for (var i = 1; i <= count; i++)
        {
            Shopify.AddCustomer(new ShopifyCustomerRecord
            {
                Id = i,
                Email = $"customer{i}@store.example",
                FirstName = $"First{i}",
                LastName = $"Last{i}",
                CreatedAt = now.AddDays(-30),
                UpdatedAt = now.AddDays(-30),
            });
        }
    }

    /// <summary>Places an order and raises its webhooks (when <paramref name="raiseWebhooks"/>).</summary>
    public void PlaceOrder(long customerId, decimal total, bool raiseWebhooks)
    {
        var id = Interlocked.Increment(ref _nextOrderId);
        var now = sandbox.Clock.GetUtcNow();
        var customer = Shopify.Customer(customerId)!;
        Shopify.AddOrder(new ShopifyOrderRecord
        {
            Id = id,
            Number = (int)(id % 1_000_000),
            CustomerId = customerId,
            Email = customer.Email,
            CreatedAt = now,
            Total = total,
        });
        if (!raiseWebhooks)
        {
            return;
        }

        var summary = Shopify.Summary(customerId);
        var at = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        sandbox.RaiseWebhook("orders/create", new JsonObject
        {
            ["id"] = id,
            ["created_at"] = at,
            ["financial_status"] = "paid",
            ["total_price"] = total.ToString("0.00", CultureInfo.InvariantCulture),
            ["customer"] = new JsonObject { ["id"] = customerId, ["email"] = customer.Email },
        }, $"order-{id}");
        sandbox.RaiseWebhook("customers/purchasing_summary", new JsonObject
        {
            ["customerId"] = customer.Gid,
            ["numberOfOrders"] = summary.NumberOfOrders,
            ["amountSpent"] = new JsonObject { ["amount"] = summary.AmountSpent.ToString("0.00", CultureInfo.InvariantCulture), ["currencyCode"] = "USD" },
            ["lastOrderId"] = $"gid://shopify/Order/{id}",
            ["occurredAt"] = at,
        }, customer.Gid);
    }

    /// <summary>Every customer whose Klaviyo profile differs from Shopify on spend, order count or last order date, with why.</summary>
    public List<string> Mismatches()
    {
        // Klaviyo keys a profile by the trimmed, case-folded address; Shopify keeps it as typed (identity traps included).
        var profiles = sandbox.Klaviyo.State.Profiles.Where(p => p.Email is not null).ToDictionary(p => p.Email!.Trim(), StringComparer.OrdinalIgnoreCase);
        var mismatches = new List<string>();
        foreach (var customer in Shopify.Customers.Where(c => c.Email is not null))
        {
            var truth = Shopify.Summary(customer.Id);
            if (!profiles.TryGetValue(customer.Email!.Trim(), out var profile))
            {
                mismatches.Add($"{customer.Email}: no Klaviyo profile");
                continue;
            }

            var spent = profile.Properties.GetValueOrDefault("total_spent")?.GetValue<decimal>();
            var count = profile.Properties.GetValueOrDefault("order_count")?.GetValue<long>();
            var last = profile.Properties.GetValueOrDefault("last_order_date")?.GetValue<string>() is { } text
                ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture)
                : (DateTimeOffset?)null;
            var lastTruth = truth.LastOrder?.CreatedAt;
            var lastMatches = lastTruth is null ? last is null : last is { } l && Math.Abs((l - lastTruth.Value).TotalSeconds) < 1;
            if (truth.NumberOfOrders > 0 && (spent != truth.AmountSpent || count != truth.NumberOfOrders || !lastMatches))
            {
                mismatches.Add($"{customer.Email}: Klaviyo {spent}/{count}/{last:O} vs Shopify {truth.AmountSpent}/{truth.NumberOfOrders}/{lastTruth:O}");
            }
        }

        return mismatches;
    }
}
