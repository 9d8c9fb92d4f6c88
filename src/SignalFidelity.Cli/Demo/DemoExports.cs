using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Shopify;

namespace SignalFidelity.Cli.Demo;

/// <summary>
/// Writes both sides of the demo store in the formats the audit reads (README: audit inputs): Shopify's
/// customer and order exports, Klaviyo's profile export and its Placed Order events, and the observed
/// writers inventory. The rows come from the simulators' state, exactly as the vendors would export it.
/// </summary>
internal static class DemoExports
{
    public sealed record Paths(string ShopifyCustomers, string ShopifyOrders, string KlaviyoProfiles, string KlaviyoPlacedOrders, string Writers);

    private static readonly string[] KlaviyoStandard = ["Email", "Phone Number", "First Name", "Last Name", "Klaviyo ID", "External ID", "Profile Created On"];

    public static Paths Write(SandboxHost sandbox, string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new Paths(
            Path.Combine(directory, "shopify_customers_export.csv"),
            Path.Combine(directory, "shopify_orders_export.csv"),
            Path.Combine(directory, "klaviyo_profiles_export.csv"),
            Path.Combine(directory, "klaviyo_placed_orders.csv"),
            Path.Combine(directory, "observed_writers.csv"));
        WriteShopifyCustomers(sandbox.Shopify.Store, paths.ShopifyCustomers);
        WriteShopifyOrders(sandbox.Shopify.Store, paths.ShopifyOrders);
        WriteKlaviyoProfiles(sandbox, paths.KlaviyoProfiles);
        WritePlacedOrders(sandbox, paths.KlaviyoPlacedOrders);
        WriteWriters(sandbox, paths.Writers);
        return paths;
    }

    private static string Money(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
    private static string ShopifyTime(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    private static void WriteShopifyCustomers(ShopifyStore store, string path)
    {
        using var csv = new CsvWriter(path);
        csv.Row("Customer ID", "First Name", "Last Name", "Email", "Accepts Email Marketing", "Default Address Phone", "Phone",
            "Accepts SMS Marketing", "Total Spent", "Total Orders", "Note", "Tax Exempt", "Tags");
        foreach (var c in store.Customers)
        {
            var s = store.Summary(c.Id);
            csv.Row(c.Id.ToString(CultureInfo.InvariantCulture), c.FirstName, c.LastName, c.Email, "yes", "", c.Phone, "no",
                Money(s.AmountSpent), s.NumberOfOrders.ToString(CultureInfo.InvariantCulture), "", "no", string.Join(", ", c.Tags));
        }
    }

    private static void WriteShopifyOrders(ShopifyStore store, string path)
    {
        using var csv = new CsvWriter(path);
        csv.Row("Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Currency", "Subtotal", "Shipping", "Taxes", "Total",
            "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem sku", "Cancelled at", "Refunded Amount", "Id", "Phone");
        foreach (var o in store.Orders)
        {
            var subtotal = o.LineItems.Sum(l => l.Price * l.Quantity);
            for (var i = 0; i < o.LineItems.Count; i++)
            {
                var line = o.LineItems[i];
                var first = i == 0;
                // Shopify repeats Name and Email on every line item row and leaves the order columns empty after the first.
                csv.Row(o.Name, o.Email,
                    first ? o.FinancialStatus : "", first ? ShopifyTime(o.CreatedAt) : "", first ? o.FulfillmentStatus ?? "unfulfilled" : "",
                    first ? store.Currency : "", first ? Money(subtotal) : "", first ? Money(o.Total - subtotal) : "", first ? "0.00" : "",
                    first ? Money(o.Total) : "", first ? ShopifyTime(o.CreatedAt) : "",
                    line.Quantity.ToString(CultureInfo.InvariantCulture), line.Title, Money(line.Price), line.Sku,
                    first && o.CancelledAt is { } cancelled ? ShopifyTime(cancelled) : "", first ? Money(o.Refunded) : "",
                    first ? o.Id.ToString(CultureInfo.InvariantCulture) : "", first ? o.Phone : "");
            }
        }
    }

    private static void WriteKlaviyoProfiles(SandboxHost sandbox, string path)
    {
        var profiles = sandbox.Klaviyo.State.Profiles;
        var propertyColumns = profiles.SelectMany(p => p.Properties.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        using var csv = new CsvWriter(path);
        csv.Row([.. KlaviyoStandard, .. propertyColumns]);
        foreach (var p in profiles)
        {
            var cells = new List<string?> { p.Email, p.PhoneNumber, p.FirstName, p.LastName, p.Id, p.ExternalId, p.Created.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) };
            cells.AddRange(propertyColumns.Select(k => p.Properties.TryGetValue(k, out var v) ? Cell(v) : ""));
            csv.Row([.. cells]);
        }
    }

    private static string Cell(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    private static void WritePlacedOrders(SandboxHost sandbox, string path)
    {
        var metric = sandbox.Klaviyo.State.MetricIdByName("Placed Order");
        using var csv = new CsvWriter(path);
        csv.Row("Timestamp", "Order ID");
        foreach (var e in sandbox.Klaviyo.State.Events.Where(e => e.MetricId == metric).OrderBy(e => e.Datetime))
            csv.Row(e.Datetime.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), e.UniqueId);
    }

    private static void WriteWriters(SandboxHost sandbox, string path)
    {
        using var csv = new CsvWriter(path);
        csv.Row("property", "writer");
        foreach (var (property, writers) in sandbox.Klaviyo.State.PropertyWriters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            foreach (var writer in writers) csv.Row(property, writer);
    }
}
