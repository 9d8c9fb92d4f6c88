using SignalFidelity.Runtime;
using SignalFidelity.Topology;

namespace SignalFidelity.Audit.Exports;

/// <summary>
/// Builds, for one matched person, the snapshot of each fidelity field's owner's value (expected) and
/// the snapshot of what the other system holds (actual). Shopify owns most fields, so expected starts as
/// the Shopify snapshot; for fields the CRM owns (the segment tag) the roles swap.
/// </summary>
internal sealed class CustomerAligner(IReadOnlyList<FidelityColumn> columns)
{
    private readonly int[] _crmOwned = columns.Where(c => c.OwnedByCrm).Select(c => c.Index).ToArray();
    private readonly IRecordBuilder<Customer> _fields = CustomerTopology.CreateBuilder();

    // CRM-owned fields that flow into Shopify's tag list sit there next to staff tags: Shopify "holds" the value when the list contains it.
    private readonly HashSet<int> _heldAsTag = columns.Where(c => c.ShopifySource == ShopifySource.TagList).Select(c => c.Index).ToHashSet();

    public (Customer Expected, Customer Actual) Align(Customer shopify, Customer crm)
    {
        if (_crmOwned.Length == 0) return (shopify, crm);
        var expected = shopify;
        var actual = crm;
        foreach (var field in _crmOwned)
        {
            expected = _fields.CopyField(expected, crm, field);
            if (!_heldAsTag.Contains(field)) { actual = _fields.CopyField(actual, shopify, field); continue; }
            _fields.Reset();
            _fields.SetString(field, TagAsShopifyHoldsIt(Text(shopify, field), Text(crm, field)));
            var held = _fields.Build();
            // Usually Shopify holds exactly the CRM's tag: keep the CRM snapshot instead of copying it.
            if (!string.Equals(Text(held, field), Text(actual, field), StringComparison.Ordinal) && !(Text(held, field) is null && string.IsNullOrWhiteSpace(Text(actual, field))))
                actual = _fields.CopyField(actual, held, field);
        }
        return (expected, actual);
    }

    private string? Text(Customer record, int field) => _fields.GetString(record, field);

    /// <summary>
    /// The primary tag flows into Shopify's <c>Tags</c> list next to tags staff add by hand, so Shopify holds
    /// it when the list contains it. Returns the CRM's tag when present, the differently-cased tag when only
    /// the case differs (so the report shows it), the whole list when absent, null when the CRM has none.
    /// </summary>
    internal static string? TagAsShopifyHoldsIt(string? shopifyTags, string? crmTag)
    {
        var wanted = crmTag?.Trim();
        if (string.IsNullOrEmpty(wanted)) return null;
        if (string.IsNullOrWhiteSpace(shopifyTags)) return null;
        string? sameIgnoringCase = null;
        foreach (var range in shopifyTags.AsSpan().Split(','))
        {
            var tag = shopifyTags.AsSpan()[range].Trim();
            if (tag.SequenceEqual(wanted)) return crmTag!.Length == wanted.Length ? crmTag : wanted;
            if (sameIgnoringCase is null && tag.Equals(wanted, StringComparison.OrdinalIgnoreCase)) sameIgnoringCase = tag.ToString();
        }
        return sameIgnoringCase ?? shopifyTags.Trim();
    }
}
