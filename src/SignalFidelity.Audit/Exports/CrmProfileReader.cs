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
/// A row whose values cannot be read is logged as malformed and, when its email or phone still names a
/// person, yielded as unreadable so that person is reported "unreadable in the CRM", not missing.
/// </summary>
internal static class CrmProfileReader
{
    public static IEnumerable<SourceRecord<CustomerRecordBuilder.Packed>> Read(ExportFile file, SyncSystem crm, CrmColumnPlan plan, IdentityResolver identity, CellValueReader cells, MalformedRowLog log)
    {
        var h = file.Header;
        var idCol = plan.IdColumnRequired ? h.Require(plan.IdColumn, $"{crm}'s record id", "Id") : h.Find(plan.IdColumn);
        var emailCol = h.Require(plan.EmailColumn, "the identity rule matches on it", "Email");
        var phoneCol = h.Require(plan.PhoneColumn, "the identity fallback for Apple relay addresses", "Phone");
        var columns = plan.Columns
            .Select(c => (c.Index, c.CrmColumn, Index: h.Require(c.CrmColumn, $"the {c.Field} fidelity field, as the topology declares it", c.Field)))
            .ToArray();
        return Rows();

        IEnumerable<SourceRecord<CustomerRecordBuilder.Packed>> Rows()
        {
            var builder = new CustomerRecordBuilder();
            var identityColumns = Math.Max(emailCol, Math.Max(phoneCol, idCol)) + 1;
            foreach (var row in file.Reader)
            {
                file.RowRead();
                var problem = file.ShapeProblem(row);
                if (problem is null)
                {
                    // Only the fidelity fields are kept: the index holds every CRM record, so contact details stay out.
                    builder.Reset();
                    foreach (var (field, column, index) in columns)
                    {
                        if (cells.TrySet(builder, field, row[index].Span) is { } p) { problem = $"column '{column}': {p}"; break; }
                    }
                }
                var id = idCol >= 0 && idCol < row.ColCount ? row[idCol].ToString().Trim() : null;
                if (problem is not null)
                {
                    log.Add(file.Name, row.LineNumberFrom, problem);
                    // A ragged row usually breaks after its first columns (a quote in a late free-text cell), so
                    // the identity cells are still trusted when present: a shifted cell is rarely someone's address.
                    if (row.ColCount < identityColumns) continue;
                    var named = identity.Resolve(row[emailCol].Span, PhoneCell(row[phoneCol].Span));
                    yield return new SourceRecord<CustomerRecordBuilder.Packed>(named, default, string.IsNullOrEmpty(id) ? null : id, row.LineNumberFrom)
                    {
                        Unreadable = new MalformedRow(file.Name, row.LineNumberFrom, problem),
                    };
                    continue;
                }
                var key = identity.Resolve(row[emailCol].Span, PhoneCell(row[phoneCol].Span));
                // Yielded packed: the index builds the Customer only for a looked-up match (see PackedDestinationIndex).
                yield return new SourceRecord<CustomerRecordBuilder.Packed>(key, builder.Pack(), string.IsNullOrEmpty(id) ? null : id, row.LineNumberFrom);
            }
            file.Finished();
        }
    }

    // The phone is parsed only when the email cannot serve; skip the string for the common empty cell.
    internal static string? PhoneCell(ReadOnlySpan<char> cell) => cell.IsWhiteSpace() ? null : cell.ToString();
}
