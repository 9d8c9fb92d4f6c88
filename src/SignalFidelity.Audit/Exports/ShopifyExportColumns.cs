using SignalFidelity.Runtime;

namespace SignalFidelity.Audit.Exports;

/// <summary>Where Shopify's side of a fidelity field comes from in the exports.</summary>
internal enum ShopifySource
{
    /// <summary>A column of the customer export.</summary>
    Column,

    /// <summary>The newest order of the person in the order export (the customer export has no such column).</summary>
    LastOrderFromOrders,

    /// <summary>The customer export's <c>Tags</c> list, where a CRM-owned value flowing into Shopify's tags sits next to staff tags.</summary>
    TagList,
}

/// <summary>
/// Shopify's customer CSV export, as a vendor fact: which column holds which GraphQL Admin <c>Customer</c>
/// field (<c>OwnedBy(SyncSystem.Shopify, Property = ...)</c> in the topology). Headers per Shopify's
/// "Customer CSV file format" (help.shopify.com/manual/customers/import-export-customers), plus the
/// export-only <c>Customer ID</c>, <c>Total Spent</c> and <c>Total Orders</c>.
/// </summary>
internal static class ShopifyExportColumns
{
    private static readonly Dictionary<string, string> ByAdminField = new(StringComparer.Ordinal)
    {
        ["email"] = "Email",
        ["defaultEmailAddress.emailAddress"] = "Email",
        ["phone"] = "Phone",
        ["defaultPhoneNumber.phoneNumber"] = "Phone",
        ["firstName"] = "First Name",
        ["lastName"] = "Last Name",
        ["amountSpent"] = "Total Spent",
        ["amountSpent.amount"] = "Total Spent",
        ["numberOfOrders"] = "Total Orders",
        ["note"] = "Note",
        ["tags"] = "Tags",
        ["taxExempt"] = "Tax Exempt",
        ["verifiedEmail"] = "Verified Email",
    };

    // Shopify writes ids, phone numbers and zips with a leading apostrophe ('7812345000407, '+16135550135,
    // '02134) so a spreadsheet keeps them as text: the leading zero and the '+' survive, the id is not
    // rounded to 15 digits. The apostrophe is not part of the value.
    private static readonly HashSet<string> ApostrophePrefixed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Customer ID", "Phone", "Default Address Phone", "Default Address Zip",
        "Id", "Billing Phone", "Billing Zip", "Shipping Phone", "Shipping Zip",
    };

    private const string LastOrderCreatedAt = "lastOrder.createdAt";
    private const string ShopifyTags = "tags";

    /// <summary>True for the columns Shopify writes with a leading apostrophe (ids, phones, zips).</summary>
    public static bool IsApostrophePrefixed(string column) => ApostrophePrefixed.Contains(column);

    /// <summary>The cell of an apostrophe-prefixed column as the value it holds: trimmed, without the apostrophe.</summary>
    public static ReadOnlySpan<char> Clean(ReadOnlySpan<char> cell)
    {
        var text = cell.Trim();
        return text.Length > 0 && text[0] == '\'' ? text[1..].TrimStart() : text;
    }

    /// <summary>Where Shopify's value of <paramref name="field"/> is read, or the problem naming what to declare.</summary>
    public static (ShopifySource Source, string? Column, string? Problem) For(FieldInfo field)
    {
        if (field.Owner == SyncSystem.Shopify)
        {
            if (field.OwnerProperty == LastOrderCreatedAt) return (ShopifySource.LastOrderFromOrders, null, null);
            if (field.OwnerProperty is { } property && ByAdminField.TryGetValue(property, out var column)) return (ShopifySource.Column, column, null);
            // Shopify's export headers are the field's words ("note" -> "Note"); a field not in the table is read under that guess.
            if (field.OwnerProperty is { Length: > 0 } other) return (ShopifySource.Column, char.ToUpperInvariant(other[0]) + other[1..], null);
            return (ShopifySource.Column, null, $"{field.Name} is not measured: declare the Shopify field it is, with OwnedBy(SyncSystem.Shopify, Property = \"...\") (for example \"amountSpent.amount\").");
        }

        if (field.Flows.Any(f => f.Destination == SyncSystem.Shopify && f.Property == ShopifyTags)) return (ShopifySource.TagList, "Tags", null);
        return (ShopifySource.Column, null, $"{field.Name} is not measured: it does not flow into Shopify, so Shopify's export cannot hold it; declare FlowsTo(SyncSystem.Shopify, \"tags\") or leave it out of [FidelityField].");
    }
}
