namespace SignalFidelity.Audit;

/// <summary>What one audit reads and how it samples. Paths are files in the formats README.md documents.</summary>
public sealed record AuditOptions
{
    /// <summary>Shopify's customer export (<c>--shopify-customers</c>).</summary>
    public required string ShopifyCustomersPath { get; init; }

    /// <summary>Shopify's order export, one row per line item (<c>--shopify-orders</c>).</summary>
    public required string ShopifyOrdersPath { get; init; }

    /// <summary>The CRM audited (<c>--crm klaviyo|hubspot</c>).</summary>
    public required SyncSystem Crm { get; init; }

    /// <summary>The CRM's profile/contact export (<c>--crm-profiles</c>).</summary>
    public required string CrmProfilesPath { get; init; }

    /// <summary>
    /// Which CRM column holds what, when the export does not use the topology's names: name -> column, a
    /// name being a field's code name, words or CRM property, or Email, Phone or Id (<c>--column</c>,
    /// <c>--columns</c>; see <see cref="Exports.CrmColumnMapping"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string> CrmColumns { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A vendor integration's column preset (<c>--preset klaviyo-native|hubspot-native</c>, see
    /// <see cref="Core.Mapping.CrmIntegrationPresets"/>): where that integration puts Shopify's facts. Applied
    /// before <see cref="CrmColumns"/>, which overrides it field by field. Null for none.
    /// </summary>
    public string? Preset { get; init; }

    /// <summary>
    /// HubSpot's property-list export (<c>--crm-properties</c>), translating the labels an export is headed by into
    /// the internal names the topology declares. Null: a label is matched to the internal name HubSpot makes from it.
    /// </summary>
    public string? CrmPropertiesPath { get; init; }

    /// <summary>Optional observed-writers inventory, CSV <c>property,writer</c> (<c>--writers</c>).</summary>
    public string? WritersPath { get; init; }

    /// <summary>Optional CRM order events for the volume check, CSV with <c>Timestamp</c> (<c>--crm-orders</c>).</summary>
    public string? CrmOrdersPath { get; init; }

    /// <summary>Customers to sample; null audits the whole population (<c>--sample all</c>).</summary>
    public int? SampleSize { get; init; } = 200;

    /// <summary>The sampling seed; null draws one (and the report prints it so the run can be repeated).</summary>
    public int? Seed { get; init; }

    /// <summary>Region for phone numbers written without a country code.</summary>
    public string DefaultPhoneRegion { get; init; } = "US";

    /// <summary>The shop currency (ISO 4217); amounts marked with another currency are refused. Null accepts any.</summary>
    public string? ShopCurrency { get; init; }

    /// <summary>When the exports were taken, for the volume check; null takes the latest order time seen.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>How long an order may take to reach the CRM before its day is judged.</summary>
    public TimeSpan WebhookLag { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Where the complete listings (drifted.csv, missing.csv, duplicates.csv, unreadable.csv) are written
    /// while the audit runs, or null for none (the report's lists then stop at their caps). The CLI passes
    /// its <c>--out</c> directory, where <see cref="AuditRunner.WriteReports"/> then puts the pages.
    /// </summary>
    public string? ListingDirectory { get; init; }

    /// <summary>How many worst examples the report shows.</summary>
    public int MaxExamples { get; init; } = 10;
}
