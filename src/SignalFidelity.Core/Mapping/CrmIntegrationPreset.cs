namespace SignalFidelity.Core.Mapping;

/// <summary>
/// Where a vendor's own Shopify integration puts Shopify's facts in the CRM (<c>sigfid audit --preset NAME</c>), for a
/// store that has never used SignalFidelity. Keyed by the Shopify Admin field (<c>amountSpent.amount</c>), the
/// vendor's name for the fact, so the preset names no topology field: the audit finds the field the topology
/// declares as <c>OwnedBy(SyncSystem.Shopify, Property = ...)</c> that field.
/// </summary>
/// <param name="Name">The preset's name on the command line.</param>
/// <param name="System">The CRM the integration writes.</param>
/// <param name="ColumnByShopifyField">Shopify Admin field -> the CRM's standard column label the integration fills with it.</param>
/// <param name="NotWritten">Shopify Admin field -> why the integration leaves no profile column for it (the field is then not measured).</param>
/// <param name="IntegrationColumns">Further columns the integration writes: accounted for, never "unowned custom properties".</param>
/// <param name="Source">Where the mapping comes from, for the report's notes.</param>
public sealed record CrmIntegrationPreset(
    string Name,
    SyncSystem System,
    IReadOnlyDictionary<string, string> ColumnByShopifyField,
    IReadOnlyDictionary<string, string> NotWritten,
    IReadOnlyList<string> IntegrationColumns,
    string Source);

/// <summary>The presets, each declared by its vendor's file and looked up by name.</summary>
public static class CrmIntegrationPresets
{
    private static readonly CrmIntegrationPreset[] All = [KlaviyoNativeIntegration.Preset, HubSpotNativeIntegration.Preset];

    /// <summary>The presets' names, for help and messages.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(p => p.Name).ToArray();

    /// <summary>The preset called <paramref name="name"/> (ignoring case), or null.</summary>
    public static CrmIntegrationPreset? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
