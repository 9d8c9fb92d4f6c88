namespace SignalFidelity.Core.Mapping;

/// <summary>One CRM's own export columns: the named ones, and the prefixes of the families it generates.</summary>
public sealed record CrmExportColumns(SyncSystem System, IReadOnlySet<string> Named, IReadOnlyList<string> GeneratedPrefixes);

/// <summary>
/// Whether a CRM export column is one of the CRM's own (<see cref="KlaviyoProfileExportColumns"/>,
/// <see cref="HubSpotContactExportColumns"/>). Such a column is never an "unowned custom property": the CRM
/// owns it by definition. Each vendor's file declares its own system, so nothing here switches on vendors.
/// </summary>
public static class StandardCrmColumns
{
    private static readonly CrmExportColumns[] Vendors = [KlaviyoProfileExportColumns.Columns, HubSpotContactExportColumns.Columns];

    /// <summary>The named built-in columns of <paramref name="crm"/>.</summary>
    public static IReadOnlySet<string> For(SyncSystem crm) => Of(crm).Named;

    /// <summary>True when <paramref name="column"/> is written by <paramref name="crm"/> itself (named, or of a generated family).</summary>
    public static bool IsStandard(SyncSystem crm, string column)
    {
        var name = column.Trim();
        var columns = Of(crm);
        return columns.Named.Contains(name) || columns.GeneratedPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
    }

    private static CrmExportColumns Of(SyncSystem crm) =>
        Vendors.FirstOrDefault(v => v.System == crm) ?? throw new ArgumentOutOfRangeException(nameof(crm), crm, "not a CRM with a known export shape");
}
