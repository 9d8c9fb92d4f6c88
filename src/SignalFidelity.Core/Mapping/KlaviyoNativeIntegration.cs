namespace SignalFidelity.Core.Mapping;

/// <summary>
/// What Klaviyo's own Shopify integration leaves in a profile export (<c>--preset klaviyo-native</c>). It writes no
/// custom properties for the roll-ups: Klaviyo computes them from the Placed Order events the integration syncs,
/// and exports them among its own columns.
/// </summary>
/// <remarks>
/// Sources: Klaviyo Help Center, "Best practices for using customer lifetime value (CLV) data"
/// (https://help.klaviyo.com/hc/en-us/articles/360018536172): Historic CLV is "how much a customer has spent in
/// the past", Historic Number of Orders "how many orders a customer has placed"; "How to segment by customer
/// lifetime value" (https://help.klaviyo.com/hc/en-us/articles/360013201072) for exporting them. The integration
/// syncs Shopify's customer tags as the profile property <c>Shopify Tags</c> (Klaviyo's Shopify integration guide;
/// the page was not retrieved when this was written, so the name is the one its exports show); that is Shopify's
/// whole tag list, not the CRM-owned primary tag, so it maps no field.
/// </remarks>
public static class KlaviyoNativeIntegration
{
    /// <summary>
    /// The metric the integration records each Shopify order as (one event per order, at the order's time): the CRM
    /// side of the daily volume check. The topology's consumers write profile properties, no events, so this is the
    /// one place the name is written.
    /// </summary>
    public const string OrderMetric = "Placed Order";

    /// <summary>The preset.</summary>
    public static CrmIntegrationPreset Preset { get; } = new(
        "klaviyo-native",
        SyncSystem.Klaviyo,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["amountSpent.amount"] = "Historic Customer Lifetime Value",
            ["numberOfOrders"] = "Historic Number Of Orders",
        },
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["lastOrder.createdAt"] = "Klaviyo's Shopify integration keeps the last order as a Placed Order event, not a profile column",
        },
        ["Shopify Tags"],
        "Klaviyo Help Center articles 360018536172 and 360013201072 (Historic CLV, Historic Number Of Orders)");
}
