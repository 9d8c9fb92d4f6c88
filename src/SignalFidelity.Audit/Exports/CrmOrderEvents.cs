using SignalFidelity.Core.Csv;

namespace SignalFidelity.Audit.Exports;

/// <summary>
/// The CRM's order events for the volume check: a CSV with a <c>Timestamp</c> column (when the order was
/// placed, as the CRM recorded it: Klaviyo's "Placed Order" metric export) and an optional
/// <c>Order ID</c> column so an event delivered twice is counted once.
/// </summary>
internal static class CrmOrderEvents
{
    public static Dictionary<DateOnly, long> PerDay(ExportFile file, MalformedRowLog log)
    {
        var timeCol = file.Header.Require("Timestamp", "when the synced order was placed");
        var idCol = file.Header.Find("Order ID");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var perDay = new Dictionary<DateOnly, long>();
        foreach (var row in file.Reader)
        {
            file.RowRead();
            if (!file.CheckShape(row, log)) continue;
            if (idCol >= 0 && row[idCol].Span.Trim() is { IsEmpty: false } id && !seen.Add(id.ToString())) continue;
            if (!TimestampParser.TryParse(row[timeCol].Span, out var at, out var problem))
            {
                log.Add(file.Name, row.LineNumberFrom, "column 'Timestamp': " + problem);
                continue;
            }
            var day = DateOnly.FromDateTime(at.UtcDateTime);
            perDay[day] = perDay.GetValueOrDefault(day) + 1;
        }
        file.Finished();
        return perDay;
    }
}
