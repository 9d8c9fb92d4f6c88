using SignalFidelity.Core.Csv;
using SignalFidelity.Core.Identity;

namespace SignalFidelity.Cli.Audit;

/// <summary>
/// What the Shopify order export tells the audit: each customer's last order date and the orders placed
/// per day. Shopify writes one row per line item, so an order is counted on the first row of its
/// <c>Name</c> and its later rows are skipped.
/// </summary>
internal sealed class ShopifyOrderIndex
{
    private readonly Dictionary<string, DateTimeOffset> _lastOrderByKey = new(StringComparer.Ordinal);

    public Dictionary<DateOnly, long> PlacedPerDay { get; } = [];
    public long OrderCount { get; private set; }
    public DateTimeOffset? LatestOrder { get; private set; }

    /// <summary>The latest order of the person with Shopify join key <paramref name="key"/>.</summary>
    public DateTimeOffset? LastOrderOf(string? key) => key is not null && _lastOrderByKey.TryGetValue(key, out var at) ? at : null;

    /// <summary>
    /// The key that joins a Shopify order to a Shopify customer: the canonical email, or the relay address
    /// itself (inside one system an Apple relay address is stable), else the phone.
    /// </summary>
    public static string? JoinKey(in MatchKey key) => key.Email.Key ?? (key.Kind == MatchKeyKind.Phone ? key.Value : null);

    public static ShopifyOrderIndex Read(ExportFile file, IdentityResolver identity, MalformedRowLog log)
    {
        var index = new ShopifyOrderIndex();
        var nameCol = file.Header.Require("Name", "the order number, to count each order once");
        var emailCol = file.Header.Require("Email", "to join orders to customers");
        var createdCol = file.Header.Require("Created at", "the order date");
        var phoneCol = file.Header.Find("Phone");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in file.Reader)
        {
            file.RowRead();
            if (!file.CheckShape(row, log)) continue;
            var name = row[nameCol].Span.Trim();
            if (name.IsEmpty) { log.Add(file.Name, row.LineNumberFrom, "empty 'Name' (order number)"); continue; }
            // Line items after the first repeat the order: skip them before any other work.
            if (!seen.Add(name.ToString())) continue;
            if (!TimestampParser.TryParse(row[createdCol].Span, out var created, out var problem))
            {
                seen.Remove(name.ToString());
                log.Add(file.Name, row.LineNumberFrom, "column 'Created at': " + problem);
                continue;
            }
            index.OrderCount++;
            var day = DateOnly.FromDateTime(created.UtcDateTime);
            index.PlacedPerDay[day] = index.PlacedPerDay.GetValueOrDefault(day) + 1;
            if (index.LatestOrder is null || created > index.LatestOrder) index.LatestOrder = created;

            var key = JoinKey(identity.Resolve(row[emailCol].Span, phoneCol >= 0 ? row[phoneCol].ToString() : null));
            if (key is null) continue; // a guest order without contact details still counts for volume
            if (!index._lastOrderByKey.TryGetValue(key, out var last) || created > last) index._lastOrderByKey[key] = created;
        }
        file.Finished();
        return index;
    }
}
