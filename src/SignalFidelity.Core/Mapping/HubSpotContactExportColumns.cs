namespace SignalFidelity.Core.Mapping;

/// <summary>
/// The columns HubSpot itself writes when contacts are exported: <c>Record ID</c>, then its default contact
/// properties under their labels, and the association columns. A vendor fact, kept in this one place
/// (README.md reproduces it; a test checks the two agree). Every other column is a custom property, which
/// the topology must own.
/// </summary>
/// <remarks>
/// Sources: HubSpot Knowledge Base, "Export your records" (https://knowledge.hubspot.com/import-and-export/export-records):
/// an export holds <c>Record ID</c> and the properties of the view (or all properties), headed by their labels;
/// "HubSpot's default contact properties" (https://knowledge.hubspot.com/properties/hubspots-default-contact-properties)
/// for the labels. Matched ignoring case. HubSpot also generates whole families of columns (one per
/// association and per lifecycle stage); they are recognised by <see cref="GeneratedPrefixes"/>.
/// </remarks>
public static class HubSpotContactExportColumns
{
    /// <summary>Identity, contact and ownership.</summary>
    public static IReadOnlyList<string> Contact { get; } =
    [
        "Record ID", "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number", "Fax Number", "Contact owner",
        "HubSpot Team", "Job Title", "Company Name", "Industry", "Annual Revenue", "Number of Employees", "Persona", "Buying Role",
        "Preferred language", "Website URL", "Email Domain",
    ];

    /// <summary>Address.</summary>
    public static IReadOnlyList<string> Address { get; } =
    [
        "Street Address", "City", "State/Region", "Country/Region", "Postal Code", "Time Zone",
    ];

    /// <summary>Lifecycle, lead status and subscription.</summary>
    public static IReadOnlyList<string> Lifecycle { get; } =
    [
        "Lifecycle Stage", "Lead Status", "Marketing contact status", "Unsubscribed from all email",
        "Legal basis for processing contact's data", "HubSpot Score",
    ];

    /// <summary>Dates HubSpot keeps.</summary>
    public static IReadOnlyList<string> Dates { get; } =
    [
        "Create Date", "Last Modified Date", "Last Activity Date", "Last Contacted", "Last Engagement Date", "Next Activity Date",
    ];

    /// <summary>Analytics and conversion, calculated by HubSpot.</summary>
    public static IReadOnlyList<string> Analytics { get; } =
    [
        "Original Source", "Original Source Drill-Down 1", "Original Source Drill-Down 2", "Latest Source", "Latest Source Drill-Down 1",
        "Latest Source Drill-Down 2", "Latest Source Date", "Number of Pageviews", "Number of Sessions", "Number of Form Submissions",
        "First Conversion", "First Conversion Date", "Recent Conversion", "Recent Conversion Date", "First Page Seen", "Last Page Seen",
        "Time First Seen", "Time Last Seen", "Marketing emails opened", "Marketing emails delivered", "Marketing emails clicked",
        "Marketing emails bounced", "Record source", "Record source detail 1",
    ];

    /// <summary>Deal roll-ups, calculated from deals.</summary>
    public static IReadOnlyList<string> Deals { get; } =
    [
        "Recent Deal Amount", "Recent Deal Close Date", "Total Revenue", "Number of Associated Deals",
    ];

    /// <summary>
    /// Columns HubSpot generates per association (<c>Associated Company IDs (Primary)</c>) and per lifecycle
    /// stage (<c>Became a Customer Date</c>, <c>Date entered "Lead (Lifecycle Stage Pipeline)"</c>).
    /// </summary>
    public static IReadOnlyList<string> GeneratedPrefixes { get; } =
    [
        "Associated ", "Became a ", "Date entered \"", "Date exited \"", "Cumulative time in \"", "Latest time in \"",
    ];

    /// <summary>Every named column above (the prefixes aside).</summary>
    public static IReadOnlySet<string> All { get; } =
        new HashSet<string>(Contact.Concat(Address).Concat(Lifecycle).Concat(Dates).Concat(Analytics).Concat(Deals), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The internal name of each column above, as an export "with internal names" heads it (the property's
    /// <c>name</c> in HubSpot's properties API; <c>Record ID</c> is <c>hs_object_id</c>). Source: "HubSpot's default
    /// contact properties" (each property's internal name is listed with its label).
    /// </summary>
    public static IReadOnlyDictionary<string, string> InternalNames { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Record ID"] = "hs_object_id", ["First Name"] = "firstname", ["Last Name"] = "lastname", ["Email"] = "email",
        ["Phone Number"] = "phone", ["Mobile Phone Number"] = "mobilephone", ["Fax Number"] = "fax", ["Contact owner"] = "hubspot_owner_id",
        ["HubSpot Team"] = "hubspot_team_id", ["Job Title"] = "jobtitle", ["Company Name"] = "company", ["Industry"] = "industry",
        ["Annual Revenue"] = "annualrevenue", ["Number of Employees"] = "numemployees", ["Persona"] = "hs_persona", ["Buying Role"] = "hs_buying_role",
        ["Preferred language"] = "hs_language", ["Website URL"] = "website", ["Email Domain"] = "hs_email_domain",
        ["Street Address"] = "address", ["City"] = "city", ["State/Region"] = "state", ["Country/Region"] = "country", ["Postal Code"] = "zip",
        ["Time Zone"] = "hs_timezone", ["Lifecycle Stage"] = "lifecyclestage", ["Lead Status"] = "hs_lead_status",
        ["Marketing contact status"] = "hs_marketable_status", ["Unsubscribed from all email"] = "hs_email_optout",
        ["Legal basis for processing contact's data"] = "hs_legal_basis", ["HubSpot Score"] = "hubspotscore",
        ["Create Date"] = "createdate", ["Last Modified Date"] = "lastmodifieddate", ["Last Activity Date"] = "notes_last_updated",
        ["Last Contacted"] = "notes_last_contacted", ["Last Engagement Date"] = "hs_last_sales_activity_timestamp",
        ["Next Activity Date"] = "notes_next_activity_date", ["Original Source"] = "hs_analytics_source",
        ["Original Source Drill-Down 1"] = "hs_analytics_source_data_1", ["Original Source Drill-Down 2"] = "hs_analytics_source_data_2",
        ["Latest Source"] = "hs_latest_source", ["Latest Source Drill-Down 1"] = "hs_latest_source_data_1",
        ["Latest Source Drill-Down 2"] = "hs_latest_source_data_2", ["Latest Source Date"] = "hs_latest_source_timestamp",
        ["Number of Pageviews"] = "hs_analytics_num_page_views", ["Number of Sessions"] = "hs_analytics_num_visits",
        ["Number of Form Submissions"] = "num_conversion_events", ["First Conversion"] = "first_conversion_event_name",
        ["First Conversion Date"] = "first_conversion_date", ["Recent Conversion"] = "recent_conversion_event_name",
        ["Recent Conversion Date"] = "recent_conversion_date", ["First Page Seen"] = "hs_analytics_first_url",
        ["Last Page Seen"] = "hs_analytics_last_url", ["Time First Seen"] = "hs_analytics_first_timestamp",
        ["Time Last Seen"] = "hs_analytics_last_timestamp", ["Marketing emails opened"] = "hs_email_open",
        ["Marketing emails delivered"] = "hs_email_delivered", ["Marketing emails clicked"] = "hs_email_click",
        ["Marketing emails bounced"] = "hs_email_bounce", ["Record source"] = "hs_object_source_label",
        ["Record source detail 1"] = "hs_object_source_detail_1", ["Recent Deal Amount"] = "recent_deal_amount",
        ["Recent Deal Close Date"] = "recent_deal_close_date", ["Total Revenue"] = "total_revenue",
        ["Number of Associated Deals"] = "num_associated_deals",
    };

    /// <summary>The generated families under internal names (<c>associatedcompanyid</c>, <c>hs_date_entered_customer</c>, ...).</summary>
    public static IReadOnlyList<string> GeneratedInternalPrefixes { get; } =
    [
        "associatedcompany", "hs_date_entered_", "hs_date_exited_", "hs_time_in_", "hs_v2_date_entered_", "hs_v2_date_exited_",
        "hs_v2_cumulative_time_in_", "hs_v2_latest_time_in_", "hs_lifecyclestage_",
    ];

    /// <summary>
    /// HubSpot's property-list export (Settings > Properties > Export all properties): the column holding each
    /// property's label, under the names HubSpot has used for it, and the one holding its internal name.
    /// </summary>
    public static IReadOnlyList<string> PropertyListLabelColumns { get; } = ["Name", "Label", "Property name"];

    /// <summary>The internal-name column of HubSpot's property-list export.</summary>
    public const string PropertyListInternalNameColumn = "Internal name";

    /// <summary>
    /// This export's columns, as <see cref="StandardCrmColumns"/> looks them up. HubSpot's export dialog offers
    /// both: labels (the default) and internal names; the id column tells them apart. Custom properties follow
    /// the headers: <c>Total Spent</c> in the first, <c>total_spent</c> in the second.
    /// </summary>
    public static CrmExportColumns Columns { get; } = new(SyncSystem.HubSpot,
    [
        new CrmExportShape("labels", "Record ID", IdRequired: true, "Email", "Phone Number", All, GeneratedPrefixes, label => label, HeadsPropertiesByLabel: true),
        new CrmExportShape("internal names", InternalNames["Record ID"], IdRequired: true, InternalNames["Email"], InternalNames["Phone Number"],
            new HashSet<string>(InternalNames.Values, StringComparer.OrdinalIgnoreCase), GeneratedInternalPrefixes,
            label => InternalNames.TryGetValue(label, out var name) ? name : null, HeadsPropertiesByLabel: false),
    ]);
}
