using System.Globalization;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Shopify;

namespace SignalFidelity.Cli.Demo;

/// <summary>
/// Writes both sides of the demo store in the formats the audit reads (README: audit inputs): Shopify's
/// customer and order exports, the CRM's profile or contact export (<see cref="DemoCrm"/>), its order events where
/// it has them, and the observed writers inventory. The rows come from the simulators' state, exactly as the
/// vendors would export it.
/// </summary>
internal static class DemoExports
{
    /// <param name="CrmPlacedOrders">The CRM's order events, or null when the CRM keeps none (HubSpot here).</param>
    public sealed record Paths(string ShopifyCustomers, string ShopifyOrders, string CrmProfiles, string? CrmPlacedOrders, string Writers);

    public static Paths Write(SandboxHost sandbox, DemoCrm crm, string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new Paths(
            Path.Combine(directory, "shopify_customers_export.csv"),
            Path.Combine(directory, "shopify_orders_export.csv"),
            Path.Combine(directory, crm.ProfilesFile),
            crm.WritePlacedOrders is null ? null : Path.Combine(directory, crm.System.ToString().ToLowerInvariant() + "_placed_orders.csv"),
            Path.Combine(directory, "observed_writers.csv"));
        WriteShopifyCustomers(sandbox.Shopify.Store, paths.ShopifyCustomers);
        WriteShopifyOrders(sandbox.Shopify.Store, paths.ShopifyOrders);
        crm.WriteProfiles(sandbox, paths.CrmProfiles);
        if (paths.CrmPlacedOrders is not null) crm.WritePlacedOrders!(sandbox, paths.CrmPlacedOrders);
        WriteWriters(crm.Writers(sandbox).Snapshot(), paths.Writers);
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

    private static void WriteWriters(IReadOnlyDictionary<string, IReadOnlyCollection<string>> writersByProperty, string path)
    {
        using var csv = new CsvWriter(path);
        csv.Row("property", "writer");
        foreach (var (property, writers) in writersByProperty.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            foreach (var writer in writers) csv.Row(property, writer);
    }
}
