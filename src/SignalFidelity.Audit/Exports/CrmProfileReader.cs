using SignalFidelity.Core.Csv;
using SignalFidelity.Core.Drift;
using SignalFidelity.Core.Identity;
using SignalFidelity.Topology;

namespace SignalFidelity.Audit.Exports;

/// <summary>
/// Streams a CRM export as destination snapshots: Klaviyo's profile export (<c>Email</c>,
/// <c>Phone Number</c>, then one column per property) or HubSpot's contact export (<c>Record ID</c>,
/// <c>Email</c>, <c>Phone Number</c>, then properties). Fidelity columns are found by the names the
/// topology declares (<see cref="CrmColumnPlan"/>); a missing one is a clear error naming file and column.
/// </summary>
internal static class CrmProfileReader
{
    public static IEnumerable<SourceRecord<CustomerRecordBuilder.Packed>> Read(ExportFile file, SyncSystem crm, CrmColumnPlan plan, IdentityResolver identity, CellValueReader cells, MalformedRowLog log)
    {
        var h = file.Header;
        var idCol = crm == SyncSystem.HubSpot ? h.Require("Record ID", "HubSpot's contact id") : h.Find("Klaviyo ID");
        var emailCol = h.Require("Email", "the identity rule matches on it");
        var phoneCol = h.Require("Phone Number", "the identity fallback for Apple relay addresses");
        var columns = plan.Columns
            .Select(c => (c.Index, c.CrmColumn, Index: h.Require(c.CrmColumn, $"the {c.Field} fidelity field, as the topology declares it")))
            .ToArray();
        return Rows();

        IEnumerable<SourceRecord<CustomerRecordBuilder.Packed>> Rows()
        {
            var builder = new CustomerRecordBuilder();
            foreach (var row in file.Reader)
            {
                file.RowRead();
                if (!file.CheckShape(row, log)) continue;
                // Only the fidelity fields are kept: the index holds every CRM record, so contact details stay out.
                builder.Reset();
                string? problem = null;
                foreach (var (field, column, index) in columns)
                {
                    if (cells.TrySet(builder, field, row[index].Span) is { } p) { problem = $"column '{column}': {p}"; break; }
                }
                if (problem is not null) { log.Add(file.Name, row.LineNumberFrom, problem); continue; }
                var key = identity.Resolve(row[emailCol].Span, PhoneCell(row[phoneCol].Span));
                var id = idCol >= 0 ? row[idCol].ToString().Trim() : null;
                // Yielded packed: the index builds the Customer only for a looked-up match (see PackedDestinationIndex).
                yield return new SourceRecord<CustomerRecordBuilder.Packed>(key, builder.Pack(), string.IsNullOrEmpty(id) ? null : id, row.LineNumberFrom);
            }
            file.Finished();
        }
    }

    // The phone is parsed only when the email cannot serve; skip the string for the common empty cell.
    internal static string? PhoneCell(ReadOnlySpan<char> cell) => cell.IsWhiteSpace() ? null : cell.ToString();
}
