namespace SignalFidelity.Core.Mapping;

/// <summary>
/// Columns each CRM puts in its export for its own built-in fields. They are never "unowned custom
/// properties": the CRM owns them by definition. The lists are reproduced in README.md.
/// </summary>
public static class StandardCrmColumns
{
    /// <summary>Klaviyo profile export built-in columns.</summary>
    public static IReadOnlySet<string> Klaviyo { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Email", "Phone Number", "First Name", "Last Name", "Organization", "Title", "Address", "Address 2", "City",
        "State / Region", "Country", "Zip Code", "Timezone", "Latitude", "Longitude", "Source", "Locale", "IP Address",
        "Klaviyo ID", "Profile ID", "External ID", "Profile Created On", "Date Added", "Last Active", "First Active",
        "Last Open", "Last Click", "Last Event Date", "Email Marketing Consent", "Email Marketing Consent Timestamp",
        "SMS Consent", "SMS Marketing Consent", "Initial Source", "Expected Date Of Next Order",
        "Predicted Customer Lifetime Value", "Historic Customer Lifetime Value", "Total Customer Lifetime Value",
        "Average Order Value", "Predicted Number Of Orders", "Historic Number Of Orders", "Average Days Between Orders",
        "Churn Risk Prediction", "Predicted Gender", "Accepts Marketing",
    };

    /// <summary>HubSpot contact export built-in columns.</summary>
    public static IReadOnlySet<string> HubSpot { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Record ID", "Email", "Phone Number", "Mobile Phone Number", "First Name", "Last Name", "Contact owner",
        "Lead Status", "Lifecycle Stage", "Create Date", "Last Modified Date", "Last Activity Date", "Marketing contact status",
        "Company Name", "Associated Company", "Job Title", "Street Address", "City", "State/Region", "Country/Region",
        "Postal Code", "Email Domain", "Original Source", "Original Source Drill-Down 1", "Original Source Drill-Down 2",
        "Latest Source", "Time Zone", "Website URL", "Unsubscribed from all email", "Became a Customer Date",
        "Number of Pageviews", "Number of Sessions", "Recent Deal Amount", "Total Revenue",
    };

    /// <summary>The built-in columns of <paramref name="crm"/>.</summary>
    public static IReadOnlySet<string> For(SyncSystem crm) => crm switch
    {
        SyncSystem.Klaviyo => Klaviyo,
        SyncSystem.HubSpot => HubSpot,
        _ => throw new ArgumentOutOfRangeException(nameof(crm), crm, "not a CRM"),
    };
}
