using System.Globalization;
using System.Net;
using System.Text;
using static SignalFidelity.Core.Reports.ReportFormat;

namespace SignalFidelity.Core.Reports;

/// <summary>
/// Writes <c>audit.html</c>: the same page, self-contained (inline CSS and an inline SVG chart of drift
/// per field, no scripts, no external requests) so it can be mailed or attached to a ticket.
/// </summary>
public static class HtmlReportRenderer
{
    /// <summary>The pages' inline stylesheet (headline boxes, tables, level colours), shared by every one-page report.</summary>
    public const string Style = "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}" +
        ".head{display:flex;gap:1rem}.num{flex:1;border:1px solid #ccc;border-radius:8px;padding:1rem;text-align:center}" +
        ".num b{display:block;font-size:2.2rem}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}" +
        "td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}td.n{text-align:right}.drift{color:#b00020;font-weight:600}" +
        ".alert{color:#b00020}.warning{color:#a86b00}</style>";

    /// <summary>Renders the report as one HTML document.</summary>
    public static string Render(AuditReport report)
    {
        var d = report.Drift;
        var h = new StringBuilder();
        h.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.AppendLine($"<title>Shopify -&gt; {E(report.Crm.ToString())} audit</title>");
        h.AppendLine(Style + "</head><body>");
        h.AppendLine($"<h1>Shopify &rarr; {E(report.Crm.ToString())} audit</h1>");
        h.AppendLine($"<p>{E(SampleDescription(report))}, generated {report.GeneratedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.</p>");
        h.AppendLine("<div class=\"head\">");
        h.AppendLine($"<div class=\"num\"><b>{Percent(d.DriftPercent)}</b>drift</div>");
        h.AppendLine($"<div class=\"num\"><b>{report.ContestedFields.Count}</b>contested fields</div>");
        h.AppendLine($"<div class=\"num\"><b>{report.UnownedCustomProperties.Count}</b>unowned custom properties</div></div>");
        h.AppendLine($"<p>Record fidelity is <b>{Percent(d.FidelityPercent)}</b>. Drift is {Percent(d.DriftPercent)} ({Count(d.DriftedCount)} of {Count(d.SampleSize)}), {E(Verdict(d.DriftPercent))}; " +
                     $"95% interval (Wilson) {Interval(d.DriftPercentCi95)}. Missing in {E(report.Crm.ToString())}: {Count(d.MissingCount)}; unreadable in {E(report.Crm.ToString())}: {Count(d.UnreadableCount)}; duplicate keys: {Count(d.DuplicateCount)}; malformed rows skipped: {Count(report.MalformedRowCount)}.</p>");

        h.AppendLine("<h2>Drift per field</h2>");
        h.AppendLine(Chart(report));
        h.AppendLine("<table><tr><th>field</th><th>drifted</th><th>share</th></tr>");
        foreach (var f in d.PerField)
            h.AppendLine($"<tr><td>{E(report.InWords(f.Field))}</td><td class=\"n\">{Count(f.DriftedCount)}</td><td class=\"n\">{Percent(Share(f.DriftedCount, d.SampleSize))}</td></tr>");
        h.AppendLine("</table>");

        if (d.Examples.Count > 0)
        {
            h.AppendLine($"<h2>Worst examples</h2><table><tr><th>customer</th><th>key</th><th>field</th><th>owner's value</th><th>other system's value</th></tr>");
            foreach (var e in d.Examples)
                foreach (var f in e.Fields)
                    h.AppendLine($"<tr><td>{E(e.Id)}</td><td>{E(e.Key)}</td><td>{E(report.InWords(f.Field))}</td><td{(f.Drifted ? " class=\"drift\"" : "")}>{E(f.Expected)}</td><td{(f.Drifted ? " class=\"drift\"" : "")}>{E(f.Actual)}</td></tr>");
            h.AppendLine("</table>");
            MoreLine(h, report, FieldDrifted(report), d.Examples.Count, AuditListings.DriftedFile);
        }

        h.AppendLine("<h2>Contested fields</h2>");
        if (report.ContestedFields.Count == 0) h.AppendLine("<p>None: every CRM property has one writer.</p>");
        else
        {
            h.AppendLine("<table><tr><th>property</th><th>writers</th><th>seen in</th></tr>");
            foreach (var c in report.ContestedFields) h.AppendLine($"<tr><td>{E(c.Property)}</td><td>{E(string.Join(", ", c.Writers))}</td><td>{E(c.Source)}</td></tr>");
            h.AppendLine("</table>");
        }
        if (report.ContestedAtRunTime is { } contests)
        {
            h.AppendLine("<h2>Contested at run time</h2>");
            if (contests.Count == 0) h.AppendLine($"<p>None: no customer drifted here who drifted in the {RunTimeContest.Window} checks before.</p>");
            else
            {
                h.AppendLine($"<p>Drifted again within {RunTimeContest.Window} checks: something outside the topology keeps writing these fields.</p>");
                h.AppendLine("<table><tr><th>customer</th><th>fields</th><th>drifted before in the check of</th></tr>");
                foreach (var c in contests) h.AppendLine($"<tr><td>{E(c.CustomerId)}</td><td>{E(string.Join(", ", c.Fields))}</td><td>{c.EarlierCheckText}</td></tr>");
                h.AppendLine("</table>");
            }
        }
        h.AppendLine("<h2>Unowned custom properties</h2>");
        h.AppendLine(report.UnownedCustomProperties.Count == 0
            ? "<p>None: every custom property in the CRM export is declared by the topology.</p>"
            : "<ul>" + string.Concat(report.UnownedCustomProperties.Select(p => $"<li><code>{E(p)}</code></li>")) + "</ul>");

        if (d.Missing.Count > 0)
        {
            h.AppendLine($"<h2>Missing in {E(report.Crm.ToString())}</h2><table><tr><th>customer</th><th>key</th><th>reason</th></tr>");
            var shown = d.Missing.Take(PageRows).ToArray();
            foreach (var m in shown) h.AppendLine($"<tr><td>{E(m.Id)}</td><td>{E(m.Key)}</td><td>{E(m.Reason)}</td></tr>");
            h.AppendLine("</table>");
            MoreLine(h, report, d.MissingCount, shown.Length, AuditListings.MissingFile);
        }
        if (d.Unreadable.Count > 0)
        {
            h.AppendLine($"<h2>Unreadable in {E(report.Crm.ToString())}</h2><table><tr><th>customer</th><th>key</th><th>CRM row</th><th>problem</th></tr>");
            var shown = d.Unreadable.Take(PageRows).ToArray();
            foreach (var u in shown) h.AppendLine($"<tr><td>{E(u.Id)}</td><td>{E(u.Key)}</td><td>{E(u.Row.File)}:{u.Row.Line}</td><td>{E(u.Row.Problem)}</td></tr>");
            h.AppendLine("</table>");
            MoreLine(h, report, d.UnreadableCount, shown.Length, AuditListings.UnreadableFile);
        }
        if (d.Duplicates.Count > 0)
        {
            h.AppendLine($"<h2>Duplicates in {E(report.Crm.ToString())}</h2><table><tr><th>key</th><th>records</th></tr>");
            var shown = d.Duplicates.Take(PageRows).ToArray();
            foreach (var dup in shown) h.AppendLine($"<tr><td>{E(dup.Key)}</td><td>{E(string.Join(", ", dup.Ids))}</td></tr>");
            h.AppendLine("</table>");
            MoreLine(h, report, d.DuplicateCount, shown.Length, AuditListings.DuplicatesFile);
        }
        if (report.Volume.Count > 0)
        {
            h.AppendLine("<h2>Volume: orders placed vs synced</h2><table><tr><th>day</th><th>placed</th><th>synced</th><th>gap</th><th>baseline</th><th>level</th></tr>");
            foreach (var v in report.Volume)
                h.AppendLine($"<tr><td>{v.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}</td><td class=\"n\">{Count(v.Placed)}</td><td class=\"n\">{Count(v.Synced)}</td><td class=\"n\">{Percent(v.GapPercent)}</td><td class=\"n\">{(v.BaselinePercent is { } b ? Percent(b) : "-")}</td><td class=\"{v.Level.ToString().ToLowerInvariant()}\">{v.Level.ToString().ToLowerInvariant()}</td></tr>");
            h.AppendLine("</table>");
        }
        if (report.MalformedRows.Count > 0)
        {
            h.AppendLine("<h2>Malformed rows (skipped)</h2><table><tr><th>file</th><th>line</th><th>problem</th></tr>");
            foreach (var r in report.MalformedRows.Take(50)) h.AppendLine($"<tr><td>{E(r.File)}</td><td class=\"n\">{r.Line}</td><td>{E(r.Problem)}</td></tr>");
            h.AppendLine("</table>");
        }
        if (report.Notes.Count > 0) h.AppendLine("<h2>Notes</h2><ul>" + string.Concat(report.Notes.Select(n => $"<li>{E(n)}</li>")) + "</ul>");
        if (report.Listings is not null)
            h.AppendLine("<h2>Complete listings</h2><p>Next to this page, every row: " + string.Join(", ", AuditListings.FileNames.Select(f => $"<a href=\"{E(f)}\"><code>{E(f)}</code></a>")) + ".</p>");
        h.AppendLine("<h2>Inputs</h2><ul>" + string.Concat(report.Inputs.Select(i => $"<li>{E(i.Key)}: <code>{E(i.Value)}</code></li>")) + "</ul>");
        h.AppendLine("</body></html>");
        return h.ToString();
    }

    // A horizontal bar per fidelity field, scaled to the largest share so small drifts stay visible.
    private static string Chart(AuditReport report)
    {
        var d = report.Drift;
        const int rowHeight = 28, labelWidth = 160, barWidth = 420;
        var max = Math.Max(1, d.PerField.Count == 0 ? 1 : d.PerField.Max(f => Share(f.DriftedCount, d.SampleSize)));
        var height = rowHeight * Math.Max(1, d.PerField.Count) + 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Drift per field\" width=\"{labelWidth + barWidth + 70}\" height=\"{height}\" font-size=\"13\">");
        for (var i = 0; i < d.PerField.Count; i++)
        {
            var f = d.PerField[i];
            var share = Share(f.DriftedCount, d.SampleSize);
            var width = barWidth * share / max;
            var y = i * rowHeight + 4;
            var words = report.InWords(f.Field);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 17}\">{E(words)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{width:0.##}\" height=\"18\" fill=\"#d9534f\"><title>{E(words)}: {Percent(share)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + width + 6:0.##}\" y=\"{y + 17}\">{Percent(share)}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    // The file name becomes a link: the listing sits next to the page.
    private static void MoreLine(StringBuilder h, AuditReport report, long total, int shown, string file)
    {
        if (More(report, total, shown, file) is not { } more) return;
        h.AppendLine(report.Listings is null ? $"<p>{E(more)}</p>" : $"<p>{E(more[..^(file.Length + 1)])}<a href=\"{E(file)}\">{E(file)}</a>.</p>");
    }

    private static double Share(long count, long of) => of == 0 ? 0 : 100.0 * count / of;

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "(empty)");
}
