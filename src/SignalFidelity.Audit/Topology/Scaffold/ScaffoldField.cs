using SignalFidelity.Runtime;

namespace SignalFidelity.Audit.Topology.Scaffold;

/// <summary>
/// One CRM property of the export as a topology field: its C# name and who owns it by the usual split
/// (<see cref="FieldKindWords"/>: order roll-ups to Shopify, which then flows them into the CRM; everything
/// else, engagement and the CRM's own custom properties, to the CRM).
/// </summary>
internal sealed record ScaffoldField(string CrmProperty, string Name, bool ShopifyOwned)
{
    public static ScaffoldField For(string crmProperty, ISet<string> takenNames)
    {
        var words = new List<string>();
        FieldKindWords.Split(crmProperty, words);
        var name = string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        if (name.Length == 0 || !char.IsLetter(name[0])) name = "Property" + name;
        // Two headers that differ only in punctuation ("Total Spent", "total_spent") would make one C# name.
        var unique = name;
        for (var n = 2; !takenNames.Add(unique); n++) unique = name + n;
        return new ScaffoldField(crmProperty, unique, FieldKindWords.Classify(words) == FieldKind.Transactional);
    }
}
