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

    /// <summary>Places an order (now, or at <paramref name="createdAt"/>) and raises its webhooks (when <paramref name="raiseWebhooks"/>); returns its id.</summary>
    public long PlaceOrder(long customerId, decimal total, bool raiseWebhooks, DateTimeOffset? createdAt = null)
    {
        var id = Interlocked.Increment(ref _nextOrderId);
        var now = createdAt ?? sandbox.Clock.GetUtcNow();
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
            return id;
        }

        var at = Time(now);
        sandbox.RaiseWebhook("orders/create", new JsonObject
        {
            ["id"] = id,
            ["created_at"] = at,
            ["financial_status"] = "paid",
            ["total_price"] = total.ToString("0.00", CultureInfo.InvariantCulture),
            ["customer"] = new JsonObject { ["id"] = customerId, ["email"] = customer.Email },
        }, $"order-{id}");
        RaisePurchasingSummary(customer, now);
        return id;
    }

    /// <summary>
    /// Deletes an order as staff do in the admin and raises what Shopify sends for it: <c>orders/delete</c> (the id only,
    /// as Shopify's sample) and the customer's new <c>customers/purchasing_summary</c>, whose <c>lastOrderId</c> now names
    /// the order before.
    /// </summary>
    public void DeleteOrder(long orderId)
    {
        var order = Shopify.Order(orderId) ?? throw new InvalidOperationException($"no order {orderId}");
        var now = sandbox.Clock.GetUtcNow();
        Shopify.DeleteOrder(orderId, now);
        sandbox.RaiseWebhook("orders/delete", new JsonObject { ["id"] = orderId }, $"order-{orderId}");
        RaisePurchasingSummary(Shopify.Customer(order.CustomerId!.Value)!, now);
    }

    /// <summary>The customer's roll-ups as Shopify's <c>customers/purchasing_summary</c> carries them (totals and the last order's id, no date).</summary>
    private void RaisePurchasingSummary(ShopifyCustomerRecord customer, DateTimeOffset occurredAt)
    {
        var summary = Shopify.Summary(customer.Id);
        sandbox.RaiseWebhook("customers/purchasing_summary", new JsonObject
        {
            ["customerId"] = customer.Gid,
            ["numberOfOrders"] = summary.NumberOfOrders,
            ["amountSpent"] = new JsonObject { ["amount"] = summary.AmountSpent.ToString("0.00", CultureInfo.InvariantCulture), ["currencyCode"] = "USD" },
            ["lastOrderId"] = summary.LastOrder?.Gid,
            ["occurredAt"] = Time(occurredAt),
        }, customer.Gid);
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

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
