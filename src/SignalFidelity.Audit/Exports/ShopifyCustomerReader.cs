using SignalFidelity.Core.Csv;
using SignalFidelity.Core.Drift;
using SignalFidelity.Core.Identity;
using SignalFidelity.Topology;

namespace SignalFidelity.Audit.Exports;

/// <summary>
/// Streams Shopify's customer export as owner-side snapshots of the measured fidelity fields, each read from
/// the column <see cref="ShopifyExportColumns"/> gives it. A CRM-owned value that flows into Shopify's tags
/// holds the raw <c>Tags</c> cell here; <see cref="CustomerAligner"/> picks the tag the CRM expects from it.
/// Ids and phones lose the apostrophe Shopify writes before them (<see cref="ShopifyExportColumns.Clean"/>).
/// </summary>
internal static class ShopifyCustomerReader
{
    /// <summary>Checks the header at once; rows are read when enumerated, after <paramref name="orders"/> is complete.</summary>
    public static IEnumerable<SourceRecord<Customer>> Read(ExportFile file, IdentityResolver identity, Task<ShopifyOrderIndex> orders, CrmColumnPlan plan, CellValueReader cells, MalformedRowLog log)
    {
        var h = file.Header;
        var idCol = h.Require("Customer ID", "the Shopify customer id");
        var emailCol = h.Require("Email", "the identity rule matches on it");
        var phoneCol = h.Require("Phone", "the identity fallback for Apple relay addresses");
        var fromColumns = plan.Columns
            .Where(c => c.ShopifySource == ShopifySource.Column && c.ShopifyColumn is not null)
            .Select(c => (c.Index, Column: c.ShopifyColumn!, At: h.Require(c.ShopifyColumn!, $"the {c.Field} fidelity field"), Prefixed: ShopifyExportColumns.IsApostrophePrefixed(c.ShopifyColumn!)))
            .ToArray();
        var fromTags = plan.Columns.Where(c => c.ShopifySource == ShopifySource.TagList)
            .Select(c => (c.Index, At: h.Require("Tags", $"the {c.Field} fidelity field"))).ToArray();
        var fromOrders = plan.Columns.Where(c => c.ShopifySource == ShopifySource.LastOrderFromOrders).Select(c => c.Index).ToArray();
        var addressPhoneCol = h.Find("Default Address Phone");
        var tagLists = new ValuePool(); // a store has few distinct tag lists
        return Rows();

        IEnumerable<SourceRecord<Customer>> Rows()
        {
            var orderIndex = orders.GetAwaiter().GetResult();
            var builder = new CustomerRecordBuilder();
            foreach (var row in file.Reader)
            {
                file.RowRead();
                if (!file.CheckShape(row, log)) continue;
                builder.Reset();
                string? problem = null;
                foreach (var (field, column, at, prefixed) in fromColumns)
                {
                    var cell = prefixed ? ShopifyExportColumns.Clean(row[at].Span) : row[at].Span;
                    if (cells.TrySet(builder, field, cell) is { } p) { problem = $"column '{column}': {p}"; break; }
                }
                if (problem is not null) { log.Add(file.Name, row.LineNumberFrom, problem); continue; }
                var phoneCell = ShopifyExportColumns.Clean(row[phoneCol].Span);
                if (phoneCell.IsEmpty && addressPhoneCol >= 0) phoneCell = ShopifyExportColumns.Clean(row[addressPhoneCol].Span);
                var key = identity.Resolve(row[emailCol].Span, CrmProfileReader.PhoneCell(phoneCell));
                if (fromOrders.Length > 0 && orderIndex.LastOrderOf(key) is { } last)
                {
                    foreach (var field in fromOrders) builder.SetTimestamp(field, last);
                }
                foreach (var (field, at) in fromTags)
                {
                    var tags = row[at].Span.Trim();
                    if (!tags.IsEmpty) builder.SetString(field, tagLists.Get(tags));
                }
                var id = ShopifyExportColumns.Clean(row[idCol].Span);
                yield return new SourceRecord<Customer>(key, builder.Build(), id.IsEmpty ? null : id.ToString(), row.LineNumberFrom);
            }
            file.Finished();
        }
    }
}
