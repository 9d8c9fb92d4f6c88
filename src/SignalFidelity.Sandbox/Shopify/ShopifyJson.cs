using System.Globalization;
using System.Text.Json.Nodes;

namespace SignalFidelity.Sandbox.Shopify;

/// <summary>Customer and order nodes in GraphQL Admin 2026-04 shapes (money as MoneyV2 strings, counts as UnsignedInt64 strings).</summary>
internal static class ShopifyJson
{
    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
    public static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Every <c>Customer</c> field the simulator answers (a query selecting another is refused, as Shopify refuses it);
    /// the answer holds only the fields the query selects. <c>email</c> and <c>phone</c> are deprecated in 2026-04 but still served.
    /// </summary>
    public static JsonObject Customer(ShopifyCustomerRecord c, ShopifyCustomerSummary s, string currency) => new()
    {
        ["id"] = c.Gid,
        ["firstName"] = c.FirstName,
        ["lastName"] = c.LastName,
        ["displayName"] = string.Join(' ', new[] { c.FirstName, c.LastName }.Where(n => !string.IsNullOrEmpty(n))) is { Length: > 0 } name ? name : c.Email ?? c.Phone ?? "",
        ["email"] = c.Email,
        ["phone"] = c.Phone,
        ["note"] = c.Note,
        ["state"] = "ENABLED",
        ["verifiedEmail"] = c.Email is not null,
        ["taxExempt"] = false,
        ["defaultEmailAddress"] = c.Email is null ? null : new JsonObject { ["emailAddress"] = c.Email },
        ["defaultPhoneNumber"] = c.Phone is null ? null : new JsonObject { ["phoneNumber"] = c.Phone },
        ["tags"] = new JsonArray(c.Tags.Select(t => (JsonNode?)t).ToArray()),
        ["numberOfOrders"] = s.NumberOfOrders.ToString(CultureInfo.InvariantCulture),
        ["amountSpent"] = new JsonObject { ["amount"] = Money(s.AmountSpent), ["currencyCode"] = currency },
        ["lastOrder"] = s.LastOrder is null ? null : new JsonObject
        {
            ["id"] = s.LastOrder.Gid,
            ["name"] = s.LastOrder.Name,
            ["createdAt"] = Time(s.LastOrder.CreatedAt),
            ["displayFinancialStatus"] = s.LastOrder.FinancialStatus.ToUpperInvariant(),
        },
        ["createdAt"] = Time(c.CreatedAt),
        ["updatedAt"] = Time(c.UpdatedAt),
    };

    /// <summary>A customer with every field and nested object present: what a query's selection is checked against.</summary>
    public static JsonObject CustomerShape { get; } = Customer(
        new ShopifyCustomerRecord { Id = 1, Email = "shape@example.com", Phone = "+10000000000", CreatedAt = DateTimeOffset.UnixEpoch },
        new ShopifyCustomerSummary(1, 1, new ShopifyOrderRecord { Id = 1, Number = 1, CustomerId = 1, Email = null, CreatedAt = DateTimeOffset.UnixEpoch, Total = 1 }, DateTimeOffset.UnixEpoch, 0),
        "USD");

    /// <summary>An order with every field the simulator answers: what an <c>order(id:)</c> selection is checked against.</summary>
    public static JsonObject OrderShape { get; } = Order(
        new ShopifyOrderRecord { Id = 1, Number = 1, CustomerId = 1, Email = null, CreatedAt = DateTimeOffset.UnixEpoch, Total = 1, CancelledAt = DateTimeOffset.UnixEpoch }, "USD");

    public static JsonObject Order(ShopifyOrderRecord o, string currency) => new()
    {
        ["id"] = o.Gid,
        ["name"] = o.Name,
        ["email"] = o.Email,
        ["createdAt"] = Time(o.CreatedAt),
        ["cancelledAt"] = o.CancelledAt is { } c ? Time(c) : null,
        ["displayFinancialStatus"] = o.FinancialStatus.ToUpperInvariant(),
        ["totalPriceSet"] = new JsonObject { ["shopMoney"] = new JsonObject { ["amount"] = Money(o.Total), ["currencyCode"] = currency } },
        ["totalRefundedSet"] = new JsonObject { ["shopMoney"] = new JsonObject { ["amount"] = Money(o.Refunded), ["currencyCode"] = currency } },
    };
}
