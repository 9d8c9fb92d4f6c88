using SignalFidelity.Core.Drift;
using SignalFidelity.Core.Identity;
using SignalFidelity.Topology;

namespace SignalFidelity.Cli.Audit;

/// <summary>
/// Streams Shopify's customer export as owner-side snapshots. <see cref="Customer.PrimaryTag"/> holds the
/// raw <c>Tags</c> cell here; <see cref="CustomerAligner"/> picks the tag the CRM expects from it.
/// </summary>
internal static class ShopifyCustomerReader
{
    /// <summary>Checks the header at once; rows are read when enumerated, after <paramref name="orders"/> is complete.</summary>
    public static IEnumerable<SourceRecord<Customer>> Read(ExportFile file, IdentityResolver identity, Task<ShopifyOrderIndex> orders, CustomerFields fields, MalformedRowLog log)
    {
        var h = file.Header;
        var idCol = h.Require("Customer ID", "the Shopify customer id");
        var emailCol = h.Require("Email", "the identity rule matches on it");
        var phoneCol = h.Require("Phone", "the identity fallback for Apple relay addresses");
        var spentCol = h.Require("Total Spent", "the TotalSpent fidelity field");
        var ordersCol = h.Require("Total Orders", "the OrderCount fidelity field");
        var tagsCol = h.Require("Tags", "the PrimaryTag fidelity field");
        var addressPhoneCol = h.Find("Default Address Phone");
        var tagLists = new ValuePool(); // a store has few distinct tag lists
        return Rows();

        IEnumerable<SourceRecord<Customer>> Rows()
        {
            var orderIndex = orders.GetAwaiter().GetResult();
            foreach (var row in file.Reader)
            {
                file.RowRead();
                if (!file.CheckShape(row, log)) continue;
                var draft = new CustomerDraft();
                var problem = fields.TrySet(ref draft, CustomerField.TotalSpent, row[spentCol].Span) is { } p1 ? "column 'Total Spent': " + p1
                    : fields.TrySet(ref draft, CustomerField.OrderCount, row[ordersCol].Span) is { } p2 ? "column 'Total Orders': " + p2
                    : null;
                if (problem is not null) { log.Add(file.Name, row.LineNumberFrom, problem); continue; }
                var phoneCell = row[phoneCol].Span;
                if (phoneCell.IsWhiteSpace() && addressPhoneCol >= 0) phoneCell = row[addressPhoneCol].Span;
                var key = identity.Resolve(row[emailCol].Span, CrmProfileReader.PhoneCell(phoneCell));
                draft.LastOrderDate = orderIndex.LastOrderOf(key);
                var tags = row[tagsCol].Span.Trim();
                if (!tags.IsEmpty) draft.PrimaryTag = tagLists.Get(tags);
                yield return new SourceRecord<Customer>(key, draft.Build(), row[idCol].ToString().Trim(), row.LineNumberFrom);
            }
            file.Finished();
        }
    }
}
