namespace SignalFidelity.Core.Mapping;

/// <summary>
/// One way a CRM heads its export: by labels (<c>Record ID</c>, <c>Email</c>, <c>Total Spent</c>) or by internal
/// names (<c>hs_object_id</c>, <c>email</c>, <c>total_spent</c>). Told apart by <see cref="IdColumn"/>.
/// </summary>
/// <param name="Name">For messages and notes ("labels", "internal names").</param>
/// <param name="IdColumn">The record id's column; its presence in a header says the export has this shape.</param>
/// <param name="IdRequired">True when every export of this shape has the id column (the audit then requires it).</param>
/// <param name="EmailColumn">The email column.</param>
/// <param name="PhoneColumn">The phone column.</param>
/// <param name="Named">The CRM's own columns in this shape.</param>
/// <param name="GeneratedPrefixes">Prefixes of the column families the CRM generates in this shape.</param>
/// <param name="ByLabel">
/// The CRM's own column of a standard label in this shape (a label shape returns the label); null when this
/// shape has no such column.
/// </param>
/// <param name="HeadsPropertiesByLabel">True when custom properties are headed by their label, not their internal name.</param>
public sealed record CrmExportShape(
    string Name,
    string IdColumn,
    bool IdRequired,
    string EmailColumn,
    string PhoneColumn,
    IReadOnlySet<string> Named,
    IReadOnlyList<string> GeneratedPrefixes,
    Func<string, string?> ByLabel,
    bool HeadsPropertiesByLabel);

/// <summary>One CRM's own export columns, in each shape its exports come in (the first is the default).</summary>
public sealed record CrmExportColumns(SyncSystem System, IReadOnlyList<CrmExportShape> Shapes)
{
    /// <summary>The shape of an export with this header: the first whose id column it holds, else the default.</summary>
    public CrmExportShape Detect(IEnumerable<string> header)
    {
        var names = new HashSet<string>(header, StringComparer.OrdinalIgnoreCase);
        return Shapes.FirstOrDefault(s => names.Contains(s.IdColumn)) ?? Shapes[0];
    }
}

/// <summary>
/// Whether a CRM export column is one of the CRM's own (<see cref="KlaviyoProfileExportColumns"/>,
/// <see cref="HubSpotContactExportColumns"/>). Such a column is never an "unowned custom property": the CRM
/// owns it by definition. Each vendor's file declares its own system, so nothing here switches on vendors.
/// </summary>
public static class StandardCrmColumns
{
    private static readonly CrmExportColumns[] Vendors = [KlaviyoProfileExportColumns.Columns, HubSpotContactExportColumns.Columns];

    /// <summary>The named built-in columns of <paramref name="crm"/>'s default shape.</summary>
    public static IReadOnlySet<string> For(SyncSystem crm) => Of(crm).Shapes[0].Named;

    /// <summary>True when <paramref name="column"/> is written by <paramref name="crm"/> itself (named, or of a generated family, in any shape).</summary>
    public static bool IsStandard(SyncSystem crm, string column)
    {
        var name = column.Trim();
        return Of(crm).Shapes.Any(s => s.Named.Contains(name) || s.GeneratedPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The export columns of <paramref name="crm"/>.</summary>
    public static CrmExportColumns Of(SyncSystem crm) =>
        Vendors.FirstOrDefault(v => v.System == crm) ?? throw new ArgumentOutOfRangeException(nameof(crm), crm, "not a CRM with a known export shape");
}
