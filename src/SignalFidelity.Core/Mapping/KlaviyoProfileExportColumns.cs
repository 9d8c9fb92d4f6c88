namespace SignalFidelity.Core.Mapping;

/// <summary>
/// The columns Klaviyo itself writes when a list or segment of profiles is exported to CSV: its built-in
/// profile fields, consent, activity dates and predictive analytics. A vendor fact, kept in this one place
/// (README.md reproduces it; a test checks the two agree). Every other column of the export is a custom
/// property, which the topology must own.
/// </summary>
/// <remarks>
/// Sources: Klaviyo Help Center, "How to export a list or segment to a CSV file"
/// (https://help.klaviyo.com/hc/en-us/articles/115005078687) for the export and its property columns, and
/// "Profiles and properties glossary" (https://help.klaviyo.com/hc/en-us/articles/360053679071) for the
/// built-in fields; headers as they appear in exported files. Matched ignoring case.
/// </remarks>
public static class KlaviyoProfileExportColumns
{
    /// <summary>Identity and contact fields.</summary>
    public static IReadOnlyList<string> Profile { get; } =
    [
        "Email", "Klaviyo ID", "Profile ID", "External ID", "First Name", "Last Name", "Phone Number", "Organization", "Title",
    ];

    /// <summary>Location fields.</summary>
    public static IReadOnlyList<string> Location { get; } =
    [
        "Address", "Address 2", "City", "State / Region", "Country", "Zip Code", "Latitude", "Longitude", "Timezone", "Locale", "IP Address",
    ];

    /// <summary>How the profile arrived, and its consent to be marketed to.</summary>
    public static IReadOnlyList<string> SourceAndConsent { get; } =
    [
        "Source", "Initial Source", "Last Source", "Email Marketing Consent", "Email Marketing Consent Timestamp", "Email Suppressions",
        "SMS Marketing Consent", "SMS Marketing Consent Timestamp", "SMS Transactional Consent", "SMS Consent", "Accepts Marketing",
    ];

    /// <summary>When the profile was created and last seen.</summary>
    public static IReadOnlyList<string> Activity { get; } =
    [
        "Created", "Profile Created On", "Date Added", "First Active", "Last Active", "Last Open", "Last Click", "Last Event Date",
    ];

    /// <summary>Klaviyo's predictive analytics and order roll-ups (calculated by Klaviyo, never written by a sync).</summary>
    public static IReadOnlyList<string> Predictive { get; } =
    [
        "Historic Customer Lifetime Value", "Predicted Customer Lifetime Value", "Total Customer Lifetime Value", "Average Order Value",
        "Historic Number Of Orders", "Predicted Number Of Orders", "Average Days Between Orders", "Expected Date Of Next Order",
        "Churn Risk Prediction", "Predicted Gender",
    ];

    /// <summary>Every column above.</summary>
    public static IReadOnlySet<string> All { get; } =
        new HashSet<string>(Profile.Concat(Location).Concat(SourceAndConsent).Concat(Activity).Concat(Predictive), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// This export's columns, as <see cref="StandardCrmColumns"/> looks them up: one shape, headed by labels, where
    /// <c>Klaviyo ID</c> is optional (older exports and list exports leave it out) and custom properties keep their names.
    /// </summary>
    public static CrmExportColumns Columns { get; } = new(SyncSystem.Klaviyo,
    [
        new CrmExportShape("labels", "Klaviyo ID", IdRequired: false, "Email", "Phone Number", All, [], label => label, HeadsPropertiesByLabel: false),
    ]);
}
