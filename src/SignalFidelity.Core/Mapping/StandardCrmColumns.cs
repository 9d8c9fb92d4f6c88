namespace SignalFidelity.Core.Mapping;

/// <summary>
/// Whether a CRM export column is one of the CRM's own (<see cref="KlaviyoProfileExportColumns"/>,
/// <see cref="HubSpotContactExportColumns"/>). Such a column is never an "unowned custom property": the CRM
/// owns it by definition.
/// </summary>
public static class StandardCrmColumns
{
    /// <summary>The named built-in columns of <paramref name="crm"/>.</summary>
    public static IReadOnlySet<string> For(SyncSystem crm) => crm switch
    {
        SyncSystem.Klaviyo => KlaviyoProfileExportColumns.All,
        SyncSystem.HubSpot => HubSpotContactExportColumns.All,
        _ => throw new ArgumentOutOfRangeException(nameof(crm), crm, "not a CRM"),
    };

    /// <summary>True when <paramref name="column"/> is written by <paramref name="crm"/> itself (named, or of a generated family).</summary>
    public static bool IsStandard(SyncSystem crm, string column)
    {
        var name = column.Trim();
        if (For(crm).Contains(name)) return true;
        return crm == SyncSystem.HubSpot && HubSpotContactExportColumns.GeneratedPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
    }
}
