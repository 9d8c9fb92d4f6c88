using SignalFidelity.Core.Csv;
using SignalFidelity.Core.Mapping;

namespace SignalFidelity.Audit.Exports;

/// <summary>
/// Fitting the plan to the export at hand, in this order: the export's shape (read from its header), a vendor
/// integration's preset, the user's mapping (<see cref="Mapped"/>), then the header itself (labels translated,
/// guessed columns that are absent left unmeasured).
/// </summary>
internal sealed partial class CrmColumnPlan
{
    /// <summary>The plan for an export headed as <paramref name="shape"/> (HubSpot: labels or internal names).</summary>
    public CrmColumnPlan WithShape(CrmExportShape shape)
    {
        if (shape == Shape) return this;
        var notes = Notes.Append($"The {Crm} export is headed by {shape.Name} (its id column is '{shape.IdColumn}').").ToList();
        return new CrmColumnPlan(Crm, shape, Columns, Unmeasured, notes, DeclaredProperties);
    }

    /// <summary>
    /// The plan with <paramref name="preset"/>'s columns as the mapping of the fields it covers (a user's
    /// <c>--column</c> still overrides them: apply <see cref="Mapped"/> after). Fields the preset leaves where the
    /// topology put them become optional; fields its integration does not write are not measured.
    /// </summary>
    /// <exception cref="AuditInputException">The preset is another CRM's.</exception>
    public CrmColumnPlan WithPreset(CrmIntegrationPreset? preset)
    {
        if (preset is null) return this;
        if (preset.System != Crm)
            throw new AuditInputException($"--preset {preset.Name} describes {preset.System}'s own integration, but --crm is {Crm.ToString().ToLowerInvariant()}; " +
                $"use --crm {preset.System.ToString().ToLowerInvariant()}, or one of: {string.Join(", ", CrmIntegrationPresets.Names)}.");
        var columns = new List<FidelityColumn>();
        var unmeasured = Unmeasured.ToList();
        var notes = Notes.ToList();
        var declared = new HashSet<string>(DeclaredProperties, StringComparer.OrdinalIgnoreCase);
        foreach (var column in Columns)
        {
            var shopifyField = column.ShopifyField ?? "";
            if (preset.NotWritten.TryGetValue(shopifyField, out var why))
            {
                unmeasured.Add(column.Field);
                notes.Add($"{column.Field} is not measured with --preset {preset.Name}: {why}.");
                continue;
            }
            if (preset.ColumnByShopifyField.TryGetValue(shopifyField, out var label))
            {
                var header = Shape.ByLabel(label) ?? label;
                columns.Add(column with { CrmColumn = header, Optional = false, Named = true });
                declared.Add(header);
                notes.Add($"{column.Field} was read from the {Crm} column '{header}', where {preset.Name} puts Shopify's {shopifyField} ({preset.Source}).");
                continue;
            }
            columns.Add(column with { Optional = true });
        }
        foreach (var label in preset.IntegrationColumns) declared.Add(Shape.ByLabel(label) ?? label);
        return new CrmColumnPlan(Crm, Shape, columns, unmeasured, notes, declared)
        {
            EmailColumn = EmailColumn, PhoneColumn = PhoneColumn, IdColumn = IdColumn, IdColumnRequired = IdColumnRequired,
        };
    }

    /// <summary>
    /// The plan fitted to the export's <paramref name="header"/>. A property column the header lacks is looked for
    /// under its label: the one <paramref name="labelsByName"/> gives (HubSpot's property list, <c>--crm-properties</c>),
    /// else, in an export headed by labels, the header whose HubSpot-made internal name it is (<c>Total Spent</c> for
    /// <c>total_spent</c>: lower case, spaces as underscores). A guessed column still absent leaves its field
    /// unmeasured with a note; any other stays, so the reader's error names it and its look-alikes.
    /// </summary>
    public CrmColumnPlan Fitted(CsvHeader header, IReadOnlyDictionary<string, string>? labelsByName)
    {
        var columns = new List<FidelityColumn>();
        var unmeasured = Unmeasured.ToList();
        var notes = Notes.ToList();
        var declared = new HashSet<string>(DeclaredProperties, StringComparer.OrdinalIgnoreCase);
        foreach (var column in Columns)
        {
            if (header.Find(column.CrmColumn) >= 0 || column.Named) { columns.Add(column); continue; }
            if (LabelOf(column.CrmColumn, header, labelsByName) is { } label)
            {
                columns.Add(column with { CrmColumn = label });
                declared.Add(label);
                notes.Add($"{column.Field}: the {Crm} property '{column.CrmColumn}' was read from the column headed by its label '{label}'.");
                continue;
            }
            if (column.Optional)
            {
                // The note saying where the guess was read from no longer holds.
                notes.RemoveAll(n => n.Contains(column.Field, StringComparison.Ordinal) && n.Contains($"'{column.CrmColumn}'", StringComparison.Ordinal));
                unmeasured.Add(column.Field);
                notes.Add($"{column.Field} is not measured: the {Crm} export has no column '{column.CrmColumn}'; map one with --column {column.Field}=\"...\" if it holds the field.");
                continue;
            }
            columns.Add(column);
        }
        // Every property the topology declares is accounted for under its label too, fidelity field or not.
        foreach (var property in DeclaredProperties)
            if (header.Find(property) < 0 && LabelOf(property, header, labelsByName) is { } label) declared.Add(label);
        return new CrmColumnPlan(Crm, Shape, columns, unmeasured, notes, declared)
        {
            EmailColumn = EmailColumn, PhoneColumn = PhoneColumn, IdColumn = IdColumn, IdColumnRequired = IdColumnRequired,
        };
    }

    private string? LabelOf(string property, CsvHeader header, IReadOnlyDictionary<string, string>? labelsByName)
    {
        if (labelsByName is not null && labelsByName.TryGetValue(property, out var listed) && header.Find(listed) >= 0) return header.Names[header.Find(listed)];
        if (!Shape.HeadsPropertiesByLabel) return null;
        return header.Names.FirstOrDefault(n => string.Equals(InternalNameOf(n), property, StringComparison.OrdinalIgnoreCase));
    }

    // How HubSpot names a property created from a label: lower case, spaces and dashes as underscores.
    private static string InternalNameOf(string label) =>
        string.Join('_', label.Trim().ToLowerInvariant().Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries));
}
