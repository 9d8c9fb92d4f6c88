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
    public static IEnumerable<SourceRecord<Customer>> Read(ExportFile file, IdentityResolver identity, ShopifyOrderIndex orders, CustomerFields fields, MalformedRowLog log)
    {
        var h = file.Header;
        var idCol = h.Require("Customer ID", "the Shopify customer id");
        var emailCol = h.Require("Email", "the identity rule matches on it");
        var phoneCol = h.Require("Phone", "the identity fallback for Apple relay addresses");
        var spentCol = h.Require("Total Spent", "the TotalSpent fidelity field");
        var ordersCol = h.Require("Total Orders", "the OrderCount fidelity field");
        var tagsCol = h.Require("Tags", "the PrimaryTag fidelity field");
        var firstCol = h.Find("First Name");
        var lastCol = h.Find("Last Name");
        var addressPhoneCol = h.Find("Default Address Phone");
        return Rows();

        IEnumerable<SourceRecord<Customer>> Rows()
        {
            foreach (var row in file.Reader)
            {
                file.RowRead();
                if (!file.CheckShape(row, log)) continue;
                var phone = row[phoneCol].Span.Trim().IsEmpty && addressPhoneCol >= 0 ? row[addressPhoneCol].ToString() : row[phoneCol].ToString();
                var key = identity.Resolve(row[emailCol].Span, phone);
                var customer = new Customer
                {
                    Email = row[emailCol].ToString(),
                    Phone = phone,
                    FirstName = firstCol >= 0 ? row[firstCol].ToString() : null,
                    LastName = lastCol >= 0 ? row[lastCol].ToString() : null,
                    LastOrderDate = orders.LastOrderOf(ShopifyOrderIndex.JoinKey(key)),
                };
                var problem = fields.TrySet(ref customer, nameof(Customer.TotalSpent), row[spentCol].Span) is { } p1 ? "column 'Total Spent': " + p1
                    : fields.TrySet(ref customer, nameof(Customer.OrderCount), row[ordersCol].Span) is { } p2 ? "column 'Total Orders': " + p2
                    : null;
                if (problem is not null) { log.Add(file.Name, row.LineNumberFrom, problem); continue; }
                var tags = row[tagsCol].Span.Trim();
                if (!tags.IsEmpty) customer = customer with { PrimaryTag = tags.ToString() };
                yield return new SourceRecord<Customer>(key, customer, row[idCol].ToString().Trim(), row.LineNumberFrom);
            }
            file.Finished();
        }
    }
}
