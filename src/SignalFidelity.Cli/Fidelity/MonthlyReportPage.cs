using System.Globalization;
using System.Net;
using System.Text;
using SignalFidelity.Core.Reports;
using SignalFidelity.Audit.Reviews;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Cli.Fidelity;

/// <summary>
/// The monthly page as one self-contained HTML document in the audit page's style (inline CSS, the history's inline SVG
/// chart over this month and the one before, no script, no external request), so it can be mailed as it is.
/// </summary>
internal static class MonthlyReportPage
{
    public static string Render(MonthlyReport r)
    {
        var h = new StringBuilder();
        h.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.AppendLine($"<title>SignalFidelity: {r.Month.Name}</title>");
        h.AppendLine(HtmlReportRenderer.Style + "</head><body>");
        h.AppendLine($"<h1>Record fidelity, {E(r.Month.From.ToString("MMMM yyyy", CultureInfo.InvariantCulture))}</h1>");
        h.AppendLine($"<p>Generated {Time(r.GeneratedAt)}, from the worker's check history, alert outbox and dead letters, and the review windows in <code>{E(r.ReviewsFolder ?? "(no reviews/ folder found)")}</code>.</p>");
        h.AppendLine("<div class=\"head\">");
        h.AppendLine($"<div class=\"num\"><b>{Pct(r.Trend.Select(t => t.Latest).OfType<double>().DefaultIfEmpty(double.NaN).Min())}</b>latest record fidelity (lowest CRM)</div>");
        h.AppendLine($"<div class=\"num\"><b>{r.Incidents}</b>incidents</div>");
        h.AppendLine($"<div class=\"num\"><b>{r.DeadLetters.Sum(d => d.Count)}</b>dead letters</div>");
        h.AppendLine($"<div class=\"num\"><b>{r.OpenReviews.Count}</b>open reviews</div></div>");

        h.AppendLine("<h2>Fidelity trend</h2>");
        if (r.Trend.Count == 0) h.AppendLine($"<p>No drift check ran in {r.Month.Name} or the month before: is the worker's DriftCheck schedule on?</p>");
        else
        {
            foreach (var t in r.Trend) h.AppendLine($"<p>{E(Sentence(t, r.Month))}</p>");
            h.AppendLine(Fidelity.FidelityHistoryChart.Svg([.. r.PreviousChecks, .. r.Checks]));
            Table(h, r.Checks, $"No drift check ran in {r.Month.Name}.", ["when (UTC)", "CRM", "sample", "fidelity", "95% interval (drift)", "level", "report"], c =>
                $"<td>{Time(c.RanAt)}</td><td>{E(c.Crm)}</td><td class=\"n\">{c.Sample}</td><td class=\"n\">{Pct(100 - c.DriftPercent)}</td><td>{Pct(c.CiLow)} to {Pct(c.CiHigh)}</td>"
                + $"{LevelCell(c.Level)}<td><code>{E(c.ReportPath)}</code></td>");
        }

        h.AppendLine("<h2>Incidents</h2><h3>Level changes</h3>");
        Table(h, r.LevelChanges, "None: every drift check held the level of the one before.", ["when (UTC)", "CRM", "from", "to", "drift"], c =>
            $"<td>{Time(c.Check.RanAt)}</td><td>{E(c.Check.Crm)}</td><td>{MonthlyReportJson.Level(c.From)}</td>{LevelCell(c.Check.Level)}<td class=\"n\">{Pct(c.Check.DriftPercent)}</td>");
        h.AppendLine("<h3>Messages</h3>");
        Table(h, r.Alerts, "None sent or pending.", ["check (UTC)", "channel", "message", "status", "attempts", "last error"], a =>
            $"<td>{Time(a.Check.RanAt)}</td><td>{E(a.Alert.Channel)}</td><td>{E(a.Headline)}</td>"
            + (a.Alert.SentAt is { } sent ? $"<td>sent {Time(sent)}</td>" : "<td class=\"alert\">pending</td>")
            + $"<td class=\"n\">{a.Alert.Attempts}</td><td>{E(a.Alert.LastError ?? "")}</td>");
        h.AppendLine("<h3>Volume gaps</h3>");
        Table(h, r.VolumeGaps, "None: every volume check kept its gap within the 7-day baseline.",
            ["check (UTC)", "CRM", "orders placed", "reached the CRM", "missing", "gap", "level", "report"], g =>
            $"<td>{Time(g.RanAt)}</td><td>{E(g.Crm)}</td><td class=\"n\">{g.Sample}</td><td class=\"n\">{g.Population}</td><td class=\"n\">{g.Drifted}</td>"
            + $"<td class=\"n\">{Pct(g.DriftPercent)}</td>{LevelCell(g.Level)}<td><code>{E(g.ReportPath)}</code></td>");

        h.AppendLine("<h2>Dead letters</h2><p>Deliveries or writes given up on; <code>sigfid deadletters list</code> shows each, <code>sigfid deadletters replay</code> queues the writes again.</p>");
        Table(h, r.DeadLetters, "None this month.", ["kind", "topic or destination", "reason", "count"], d =>
            $"<td>{E(d.Kind.ToString().ToLowerInvariant())}</td><td>{E(d.Topic ?? d.Destination?.ToString() ?? "")}</td><td>{E(d.Reason)}</td><td class=\"n\">{d.Count}</td>");

        h.AppendLine($"<h2>Open reviews</h2><p>Review windows open at {Time(r.ReviewsAt)}.</p>");
        Table(h, r.OpenReviews, "None.", ["review", "trigger", "opened", "due"], w =>
            $"<td>{E(w.Title)} <code>{E(w.Id)}</code></td><td>{E(w.Trigger.Name())}</td><td>{Time(w.Opened)}</td>"
            + (w.Due is not { } due ? "<td>none</td>" : w.IsOverdueAt(r.ReviewsAt) ? $"<td class=\"alert\">{Time(due)} (overdue)</td>" : $"<td>{Time(due)}</td>"));
        h.AppendLine("</body></html>");
        return h.ToString();
    }

    /// <summary>"klaviyo: record fidelity 96.5% over 3 checks (latest 97.0%), 98.8% in 2026-10 over 2: down 2.3 points; target 98%."</summary>
    public static string Sentence(FidelityTrend t, ReportMonth month)
    {
        var now = t.Checks == 0 ? $"no check in {month.Name}" : $"record fidelity {Pct(t.Fidelity!.Value)} over {t.Checks} check(s) (latest {Pct(t.Latest!.Value)})";
        var before = t.PreviousChecks == 0 ? $"none in {month.Previous.Name} to compare with" : $"{Pct(t.PreviousFidelity!.Value)} in {month.Previous.Name} over {t.PreviousChecks}";
        var change = t.ChangePoints switch
        {
            null => "",
            > 0 and var up => $": up {Points(up)}",
            < 0 and var down => $": down {Points(-down)}",
            _ => ": unchanged",
        };
        return $"{t.Crm}: {now}, {before}{change}; target 98%.";
    }

    // A table of one row per item, or a sentence saying there is none.
    private static void Table<T>(StringBuilder h, IReadOnlyCollection<T> items, string none, string[] headers, Func<T, string> cells)
    {
        if (items.Count == 0)
        {
            h.AppendLine($"<p>{E(none)}</p>");
            return;
        }
        h.AppendLine("<table><tr>" + string.Concat(headers.Select(c => $"<th>{E(c)}</th>")) + "</tr>");
        foreach (var item in items) h.AppendLine("<tr>" + cells(item) + "</tr>");
        h.AppendLine("</table>");
    }

    private static string LevelCell(CheckLevel level) => $"<td class=\"{MonthlyReportJson.Level(level)}\">{MonthlyReportJson.Level(level)}</td>";

    private static string Points(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " points";

    private static string Pct(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
