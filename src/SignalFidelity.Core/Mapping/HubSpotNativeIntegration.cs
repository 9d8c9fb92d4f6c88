namespace SignalFidelity.Core.Mapping;

/// <summary>
/// What HubSpot's own Shopify integration leaves in a contact export (<c>--preset hubspot-native</c>). It syncs each
/// Shopify order as a deal in its ecommerce pipeline, associated with the contact, and writes no custom contact
/// properties for the roll-ups: HubSpot calculates them on the contact from the associated deals, under its
/// default properties.
/// </summary>
/// <remarks>
/// Sources: HubSpot Knowledge Base, "HubSpot's default contact properties"
/// (https://knowledge.hubspot.com/properties/hubspots-default-contact-properties): Total Revenue (<c>total_revenue</c>,
/// the sum of the contact's closed-won deals), Number of Associated Deals (<c>num_associated_deals</c>), Recent Deal
/// Close Date (<c>recent_deal_close_date</c>); HubSpot's Shopify integration guide for orders synced as deals (that
/// page was not retrieved when this was written: check a real export before relying on it). Labels are
/// the export's headers; an export with internal names heads them with the names in brackets, which the audit
/// translates (<see cref="HubSpotContactExportColumns.InternalNames"/>). A refunded or cancelled order moves its deal
/// out of closed-won, so these follow Shopify's net figures only as closely as the integration's stage mapping.
/// </remarks>
public static class HubSpotNativeIntegration
{
    /// <summary>The preset.</summary>
    public static CrmIntegrationPreset Preset { get; } = new(
        "hubspot-native",
        SyncSystem.HubSpot,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["amountSpent.amount"] = "Total Revenue",
            ["numberOfOrders"] = "Number of Associated Deals",
            ["lastOrder.createdAt"] = "Recent Deal Close Date",
        },
        new Dictionary<string, string>(StringComparer.Ordinal),
        [],
        "HubSpot Knowledge Base, HubSpot's default contact properties (Total Revenue, Number of Associated Deals, Recent Deal Close Date)");
}
