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
    /// <summary>This export's columns, as <see cref="StandardCrmColumns"/> looks them up.</summary>
    public static CrmExportColumns Columns => new(SyncSystem.HubSpot, All, GeneratedPrefixes);

    public static IReadOnlySet<string> All { get; } =
        new HashSet<string>(Contact.Concat(Address).Concat(Lifecycle).Concat(Dates).Concat(Analytics).Concat(Deals), StringComparer.OrdinalIgnoreCase);
}
