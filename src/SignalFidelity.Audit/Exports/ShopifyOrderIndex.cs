using System.Runtime.InteropServices;
using SignalFidelity.Core.Csv;
using SignalFidelity.Core.Identity;

namespace SignalFidelity.Audit.Exports;

/// <summary>
/// What the Shopify order export tells the audit: each customer's last order date and the orders placed
/// per day. Shopify writes one row per line item, so an order is counted on the first row of its
/// <c>Name</c> and its later rows are skipped.
/// </summary>
/// <remarks>
/// Order names and join keys are held as 64-bit hashes, not strings: a million orders then cost about
/// 40 MB instead of several hundred. Two different keys colliding has odds near 1 in 10^10 for a million
/// customers; the consequence would be one wrong last-order date, not a crash.
/// </remarks>
internal sealed class ShopifyOrderIndex
{
    private readonly HashKeyedTable<DateTimeOffset> _lastOrderByKey;

    private ShopifyOrderIndex(int expectedCustomers) => _lastOrderByKey = new HashKeyedTable<DateTimeOffset>(expectedCustomers);

    public Dictionary<DateOnly, long> PlacedPerDay { get; } = [];
    public long OrderCount { get; private set; }
    public DateTimeOffset? LatestOrder { get; private set; }

    /// <summary>The latest order of the Shopify customer with match key <paramref name="key"/>.</summary>
    public DateTimeOffset? LastOrderOf(in MatchKey key) =>
        JoinKey(key) is { } joinKey && _lastOrderByKey.TryGetValue(Hash(joinKey), out var at) ? at : null;

    /// <summary>
    /// The key that joins a Shopify order to a Shopify customer: the canonical email, or the relay address
    /// itself (inside one system an Apple relay address is stable), else the phone.
    /// </summary>
    public static string? JoinKey(in MatchKey key) => key.Email.Key ?? (key.Kind == MatchKeyKind.Phone ? key.Value : null);

    /// <summary>Checks the header now (so a missing column is reported before any long read) and returns the reader.</summary>
    public static Func<ShopifyOrderIndex> Prepare(ExportFile file, IdentityResolver identity, MalformedRowLog log)
    {
        var nameCol = file.Header.Require("Name", "the order number, to count each order once");
        var emailCol = file.Header.Require("Email", "to join orders to customers");
        var createdCol = file.Header.Require("Created at", "the order date");
        var phoneCol = file.Header.Find("Phone");
        return () => Read(file, identity, log, nameCol, emailCol, createdCol, phoneCol);
    }

    private static ShopifyOrderIndex Read(ExportFile file, IdentityResolver identity, MalformedRowLog log, int nameCol, int emailCol, int createdCol, int phoneCol)
    {
        // An order row is ~70 bytes and a customer has ~2 orders: sized so a million customers never rehash.
        var index = new ShopifyOrderIndex(file.EstimateRows(150));
        var seen = new OrderNameSet(file.EstimateRows(70));
        Span<char> keyBuffer = stackalloc char[256];
        ulong previousName = 0;
        foreach (var row in file.Reader)
        {
            file.RowRead();
            if (!file.CheckShape(row, log)) continue;
            var name = row[nameCol].Span.Trim();
            if (name.IsEmpty) { log.Add(file.Name, row.LineNumberFrom, "empty 'Name' (order number)"); continue; }
            var nameHash = Hash(name);
            // Line items after the first repeat the order: skip them before any other work. Shopify writes
            // an order's line items on consecutive rows, so most repeats are caught without a table probe.
            if (nameHash == previousName) continue;
            previousName = nameHash;
            // One probe (Add), not Contains then Add.
            if (!seen.Add(name, nameHash)) continue;
            if (!TimestampParser.TryParse(row[createdCol].Span, out var created, out var problem))
            {
                // Not counted: a later line item of this order may still carry a readable date.
                seen.Remove(name, nameHash);
                previousName = 0;
                log.Add(file.Name, row.LineNumberFrom, "column 'Created at': " + problem);
                continue;
            }
            index.OrderCount++;
            var day = DateOnly.FromDateTime(created.UtcDateTime);
            CollectionsMarshal.GetValueRefOrAddDefault(index.PlacedPerDay, day, out _)++;
            if (index.LatestOrder is null || created > index.LatestOrder) index.LatestOrder = created;

            // The email key is hashed from a stack buffer: two million order rows allocate no key strings.
            ulong keyHash;
            var status = EmailCanonicalizer.TryWriteKey(row[emailCol].Span, keyBuffer, out var written, out _);
            if (status is EmailKeyStatus.Valid or EmailKeyStatus.AppleRelay) keyHash = Hash(keyBuffer[..written]);
            else
            {
                var phone = phoneCol >= 0 ? CrmProfileReader.PhoneCell(ShopifyExportColumns.Clean(row[phoneCol].Span)) : null;
                if (JoinKey(identity.Resolve(row[emailCol].Span, phone)) is not { } key) continue; // a guest order without contact details still counts for volume
                keyHash = Hash(key);
            }
            ref var last = ref index._lastOrderByKey.GetValueRefOrAddDefault(keyHash, out var known);
            if (!known || created > last) last = created;
        }
        file.Finished();
        return index;
    }

    private static ulong Hash(ReadOnlySpan<char> text) => KeyHash.Of(text);
}
