using System.Globalization;
using System.Text;

namespace SignalFidelity.Benchmarks.Worker;

/// <summary>Realistic deliveries: the purchasing-summary topic a sale floods, spread over many customers.</summary>
internal static class IntakePayloads
{
    public static byte[] PurchasingSummary(int customer, int orders) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""
        {"customerId":"gid://shopify/Customer/{{customer}}","numberOfOrders":{{orders}},"amountSpent":{"amount":"{{orders * 42.5m:0.00}}","currencyCode":"USD"},"lastOrderId":"gid://shopify/Order/{{customer * 100 + orders}}","occurredAt":"{{new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero).AddSeconds(orders):O}}"}
        """));
}
