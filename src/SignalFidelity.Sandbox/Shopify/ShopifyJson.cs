using System.Globalization;
using System.Text.Json.Nodes;

namespace SignalFidelity.Sandbox.Shopify;

/// <summary>Customer and order nodes in GraphQL Admin 2026-04 shapes (money as MoneyV2 strings, counts as UnsignedInt64 strings).</summary>
internal static class ShopifyJson
{
    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
    public static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Customer(ShopifyCustomerRecord c, ShopifyCustomerSummary s, string currency) => new()
    {
        ["id"] = c.Gid,
        ["firstName"] = c.FirstName,
        ["lastName"] = c.LastName,
        ["defaultEmailAddress"] = c.Email is null ? null : new JsonObject { ["emailAddress"] = c.Email },
        ["defaultPhoneNumber"] = c.Phone is null ? null : new JsonObject { ["phoneNumber"] = c.Phone },
        ["tags"] = new JsonArray(c.Tags.Select(t => (JsonNode?)t).ToArray()),
        ["numberOfOrders"] = s.NumberOfOrders.ToString(CultureInfo.InvariantCulture),
        ["amountSpent"] = new JsonObject { ["amount"] = Money(s.AmountSpent), ["currencyCode"] = currency },
        ["lastOrder"] = s.LastOrder is null ? null : new JsonObject
        {
            ["id"] = s.LastOrder.Gid,
            ["createdAt"] = Time(s.LastOrder.CreatedAt),
            ["displayFinancialStatus"] = s.LastOrder.FinancialStatus.ToUpperInvariant(),
        },
        ["createdAt"] = Time(c.CreatedAt),
        ["updatedAt"] = Time(c.UpdatedAt),
    };

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
