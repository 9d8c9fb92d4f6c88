using SignalFidelity.Audit.Topology;
using SignalFidelity.Core.Csv;
using SignalFidelity.Core.Mapping;
using SignalFidelity.Runtime;
using SignalFidelity.Topology;

namespace SignalFidelity.Audit.Exports;

/// <summary>One fidelity field as the audit reads it: its CRM column and which side owns it.</summary>
/// <param name="Field">The C# property name (also the comparer's field name).</param>
/// <param name="Index">The field's index in the manifest (and the generated record builder).</param>
/// <param name="CrmColumn">The CRM export column holding it.</param>
/// <param name="OwnedByCrm">True when the CRM owns the field (its value is the expected one).</param>
/// <param name="ShopifySource">Where Shopify's side is read (<see cref="ShopifyExportColumns"/>).</param>
/// <param name="ShopifyColumn">The Shopify customer export column, when read from one.</param>
/// <param name="ShopifyField">The Shopify Admin field a Shopify-owned field is (what a preset is keyed by), else null.</param>
/// <param name="Optional">
/// True when the column is the audit's guess rather than the topology's or the user's word (another CRM's property
/// name, or a field a preset leaves where the topology put it): absent from the export, the field is not measured
/// and the notes say so, instead of stopping the audit.
/// </param>
/// <param name="Named">True when the user or a preset named the column: it is read as written, never translated from a label.</param>
internal sealed record FidelityColumn(string Field, int Index, string CrmColumn, bool OwnedByCrm, ShopifySource ShopifySource = ShopifySource.Column, string? ShopifyColumn = null,
    string? ShopifyField = null, bool Optional = false, bool Named = false);

/// <summary>
/// Which CRM columns hold which fidelity fields, read from the topology manifest: the <c>FlowsTo</c>
/// property for fields that flow into the CRM, <c>OwnedBy.Property</c> for fields the CRM owns.
/// </summary>
internal sealed partial class CrmColumnPlan
{
    private CrmColumnPlan(SyncSystem crm, CrmExportShape shape, IReadOnlyList<FidelityColumn> columns, IReadOnlyList<string> unmeasured, IReadOnlyList<string> notes, IReadOnlySet<string> declared)
    {
        Crm = crm;
        Shape = shape;
        Columns = columns;
        Unmeasured = unmeasured;
        Notes = notes;
        DeclaredProperties = declared;
        EmailColumn = shape.EmailColumn;
        PhoneColumn = shape.PhoneColumn;
        IdColumn = shape.IdColumn;
        IdColumnRequired = shape.IdRequired;
    }

    /// <summary>The CRM planned for.</summary>
    public SyncSystem Crm { get; }

    /// <summary>How the CRM's export is headed (its vendor file's shapes; <see cref="WithShape"/> picks one from the header).</summary>
    public CrmExportShape Shape { get; }

    /// <summary>The column holding the email address (the CRM's own name unless mapped).</summary>
    public string EmailColumn { get; private init; }

    /// <summary>The column holding the phone number.</summary>
    public string PhoneColumn { get; private init; }

    /// <summary>The column holding the CRM's record id.</summary>
    public string IdColumn { get; private init; }

    /// <summary>True when the id column must be present: the shape always has it, or the user mapped it.</summary>
    public bool IdColumnRequired { get; private init; }

    /// <summary>Fidelity fields that can be measured, with their columns.</summary>
    public IReadOnlyList<FidelityColumn> Columns { get; }

    /// <summary>Fidelity fields the audit cannot measure against this CRM (no flow into it).</summary>
    public IReadOnlyList<string> Unmeasured { get; }

    /// <summary>Assumptions made, for the report.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Every CRM property the topology (or the fallback) declares: not unowned.</summary>
    public IReadOnlySet<string> DeclaredProperties { get; }

    /// <summary>Plans the columns of <paramref name="crm"/> for the Customer entity of <paramref name="manifest"/>.</summary>
    public static CrmColumnPlan For(TopologyManifest manifest, SyncSystem crm)
    {
        var entity = manifest.Entities.FirstOrDefault(e => e.TypeName.EndsWith(typeof(Customer).FullName!, StringComparison.Ordinal))
            ?? manifest.Entities.FirstOrDefault(e => e.Name == "customer")
            ?? throw new InvalidOperationException("The topology manifest declares no customer entity.");
        var columns = new List<FidelityColumn>();
        var unmeasured = new List<string>();
        var notes = new List<string>();
        var declared = new HashSet<string>(Core.Mapping.FieldMappingReview.DeclaredProperties(manifest, crm), StringComparer.OrdinalIgnoreCase);
        foreach (var (field, id) in entity.Fields.Select((f, i) => (f, i)).Where(x => x.f.IsFidelityField))
        {
            if (field.Kind == FieldValueKind.Unsupported) { unmeasured.Add(field.Name); notes.Add($"{field.Name} is not measured: its C# type ({field.ClrType}) cannot be read from an export cell; declare it as string, bool, a whole number, decimal, double or DateTimeOffset with an init accessor."); continue; }
            var (shopifySource, shopifyColumn, shopifyProblem) = ShopifyExportColumns.For(field);
            if (shopifyProblem is not null) { unmeasured.Add(field.Name); notes.Add(shopifyProblem); continue; }
            if (field.Owner == crm && field.OwnerProperty is { } owned) { columns.Add(new FidelityColumn(field.Name, id, owned, true, shopifySource, shopifyColumn)); continue; }
            if (field.Owner == SyncSystem.Shopify)
            {
                var flow = field.Flows.FirstOrDefault(f => f.Destination == crm);
                if (flow is not null) { columns.Add(new FidelityColumn(field.Name, id, flow.Property, false, shopifySource, shopifyColumn, field.OwnerProperty)); continue; }
                // The default topology declares Klaviyo flows only; a HubSpot portal fed by the same sync app
                // carries the same property names, so the other CRM's declared name is used and said so.
                var other = field.Flows.FirstOrDefault(f => f.Destination is SyncSystem.Klaviyo or SyncSystem.HubSpot);
                if (other is not null)
                {
                    columns.Add(new FidelityColumn(field.Name, id, other.Property, false, shopifySource, shopifyColumn, field.OwnerProperty, Optional: true));
                    declared.Add(other.Property);
                    notes.Add($"The topology declares no flow of {field.Name} into {crm}; its {other.Destination} property name '{other.Property}' was read instead.");
                    continue;
                }
            }
            if (field.Owner is SyncSystem.Klaviyo or SyncSystem.HubSpot && field.Owner != crm && field.OwnerProperty is { } otherOwned)
            {
                columns.Add(new FidelityColumn(field.Name, id, otherOwned, true, shopifySource, shopifyColumn, Optional: true));
                declared.Add(otherOwned);
                notes.Add($"{field.Name} is owned by {field.Owner}; its property '{otherOwned}' was read from the {crm} export as the owner's value.");
                continue;
            }
            unmeasured.Add(field.Name);
            notes.Add($"{field.Name} is not measured: the topology gives it no property in {crm}; declare FlowsTo(SyncSystem.{crm}, \"...\") on it.");
        }
        return new CrmColumnPlan(crm, StandardCrmColumns.Of(crm).Shapes[0], columns, unmeasured, notes, declared);
    }

    /// <summary>
    /// The plan with the user's column mapping applied (<see cref="CrmColumnMapping"/>): a field named by its
    /// code name, its words or its CRM property, or Email, Phone or Id, is read from the given column.
    /// </summary>
    /// <exception cref="AuditInputException">A name is none of those, or two names map one field.</exception>
    public CrmColumnPlan Mapped(IReadOnlyDictionary<string, string> mapping)
    {
        if (mapping.Count == 0) return this;
        var columns = Columns.ToList();
        var notes = Notes.ToList();
        var declared = new HashSet<string>(DeclaredProperties, StringComparer.OrdinalIgnoreCase);
        string email = EmailColumn, phone = PhoneColumn, id = IdColumn;
        var idMapped = false;
        var mappedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, column) in mapping)
        {
            var target = Resolve(name);
            if (mappedBy.TryGetValue(target, out var other))
                throw new AuditInputException($"--column {name}=\"{column}\": {name} and {other} name the same field; keep one.");
            mappedBy[target] = name;
            declared.Add(column); // a column the audit reads by the user's word is accounted for: never "unowned"
            switch (target)
            {
                case "Email": email = column; break;
                case "Phone": phone = column; break;
                case "Id": id = column; idMapped = true; break;
                default:
                    var at = columns.FindIndex(c => c.Field == target);
                    // A note on where the field was read from no longer holds once the user says where it is.
                    notes.RemoveAll(n => n.Contains(target, StringComparison.Ordinal) && n.Contains($"'{columns[at].CrmColumn}'", StringComparison.Ordinal));
                    columns[at] = columns[at] with { CrmColumn = column, Optional = false, Named = true };
                    break;
            }
            notes.Add($"{target} was read from the {Crm} column '{column}' (mapped as {name}).");
        }
        return new CrmColumnPlan(Crm, Shape, columns, Unmeasured, notes, declared) { EmailColumn = email, PhoneColumn = phone, IdColumn = id, IdColumnRequired = IdColumnRequired || idMapped };
    }

    private string Resolve(string name)
    {
        var key = name.Trim();
        if (key.Equals("Email", StringComparison.OrdinalIgnoreCase)) return "Email";
        if (key.Equals("Phone", StringComparison.OrdinalIgnoreCase) || key.Equals("Phone Number", StringComparison.OrdinalIgnoreCase)) return "Phone";
        if (key.Equals("Id", StringComparison.OrdinalIgnoreCase) || key.Equals(IdColumn, StringComparison.OrdinalIgnoreCase)) return "Id";
        var column = Columns.FirstOrDefault(c => key.Equals(c.Field, StringComparison.OrdinalIgnoreCase)
            || key.Equals(PlainWords.FieldName(c.Field), StringComparison.OrdinalIgnoreCase)
            || key.Equals(c.CrmColumn, StringComparison.OrdinalIgnoreCase));
        if (column is not null) return column.Field;
        var known = string.Join(", ", Columns.Select(c => c.Field).Append("Email").Append("Phone").Append("Id"));
        var unmeasured = Unmeasured.Any(u => key.Equals(u, StringComparison.OrdinalIgnoreCase)) ? $" {key} is not measured against {Crm} (see the report's notes)." : "";
        throw new AuditInputException($"--column {name}=...: '{name}' names no column the audit reads.{unmeasured} Map one of: {known}.");
    }
}
