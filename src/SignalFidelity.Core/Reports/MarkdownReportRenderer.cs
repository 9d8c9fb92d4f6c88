using System.Text;
using static SignalFidelity.Core.Reports.ReportFormat;

namespace SignalFidelity.Core.Reports;

/// <summary>Writes <c>audit.md</c>: the one page, headline numbers first.</summary>
public static class MarkdownReportRenderer
{
    /// <summary>Renders the report as Markdown.</summary>
    public static string Render(AuditReport report)
    {
        var d = report.Drift;
        var md = new StringBuilder();
        md.AppendLine($"# Shopify -> {report.Crm} audit").AppendLine();
        md.AppendLine($"{SampleDescription(report)}, generated {report.GeneratedAt:yyyy-MM-dd HH:mm} UTC.").AppendLine();
        md.AppendLine("| drift | contested fields | unowned custom properties |");
        md.AppendLine("|---:|---:|---:|");
        md.AppendLine($"| **{Percent(d.DriftPercent)}** | **{report.ContestedFields.Count}** | **{report.UnownedCustomProperties.Count}** |").AppendLine();
        md.AppendLine($"Record fidelity is **{Percent(d.FidelityPercent)}**: {Count(d.SampleSize - d.DriftedCount)} of {Count(d.SampleSize)} customers match on every fidelity field. " +
                      $"Drift is {Percent(d.DriftPercent)} ({Count(d.DriftedCount)} customers), {Verdict(d.DriftPercent)}; " +
                      $"the 95% interval (Wilson) is {Interval(d.DriftPercentCi95)}.").AppendLine();
        md.AppendLine($"Missing in {report.Crm}: {Count(d.MissingCount)} (counted as drifted). Unreadable in {report.Crm}: {Count(d.UnreadableCount)} (a row names the customer but its values could not be read; counted as drifted). Duplicate keys in {report.Crm}: {Count(d.DuplicateCount)}. " +
                      $"Malformed rows skipped: {Count(report.MalformedRowCount)}.").AppendLine();

        md.AppendLine("## Drift per field").AppendLine();
        md.AppendLine("| field | drifted | share of sample |").AppendLine("|---|---:|---:|");
        foreach (var f in d.PerField)
            md.AppendLine($"| {Cell(report.InWords(f.Field))} | {Count(f.DriftedCount)} | {Percent(d.SampleSize == 0 ? 0 : 100.0 * f.DriftedCount / d.SampleSize)} |");
        md.AppendLine();

        if (d.Examples.Count > 0)
        {
            md.AppendLine("## Worst examples").AppendLine();
            md.AppendLine("| customer | key | field | owner's value | other system's value |").AppendLine("|---|---|---|---|---|");
            foreach (var e in d.Examples)
                foreach (var f in e.Fields.Where(f => f.Drifted))
                    md.AppendLine($"| {Cell(e.Id)} | {Cell(e.Key)} | {Cell(report.InWords(f.Field))} | {Cell(f.Expected)} | {Cell(f.Actual)} |");
            md.AppendLine();
            if (More(report, FieldDrifted(report), d.Examples.Count, AuditListings.DriftedFile) is { } more) md.AppendLine(more).AppendLine();
            md.AppendLine($"Shopify owns the transactional fields, so its value is the owner's; for a field {report.Crm} owns (the segment tag) the roles swap.").AppendLine();
        }

        md.AppendLine("## Contested fields").AppendLine();
        if (report.ContestedFields.Count == 0) md.AppendLine("None: every CRM property has one writer.").AppendLine();
        else
        {
            md.AppendLine("| property | writers | seen in |").AppendLine("|---|---|---|");
            foreach (var c in report.ContestedFields) md.AppendLine($"| {Cell(c.Property)} | {Cell(string.Join(", ", c.Writers))} | {c.Source} |");
            md.AppendLine();
        }

        if (report.ContestedAtRunTime is { } contests)
        {
            md.AppendLine("## Contested at run time").AppendLine();
            if (contests.Count == 0) md.AppendLine($"None: no customer drifted here who drifted in the {RunTimeContest.Window} checks before.").AppendLine();
            else
            {
                md.AppendLine($"Drifted again within {RunTimeContest.Window} checks: something outside the topology keeps writing these fields.").AppendLine();
                md.AppendLine("| customer | fields | drifted before in the check of |").AppendLine("|---|---|---|");
                foreach (var c in contests) md.AppendLine($"| {Cell(c.CustomerId)} | {Cell(string.Join(", ", c.Fields))} | {c.EarlierCheckText} |");
                md.AppendLine();
            }
        }

        md.AppendLine("## Unowned custom properties").AppendLine();
        md.AppendLine(report.UnownedCustomProperties.Count == 0
            ? "None: every custom property in the CRM export is declared by the topology."
            : "Declare an owner for each in `topology/` or delete it from the CRM: " + string.Join(", ", report.UnownedCustomProperties.Select(p => $"`{p}`")) + ".").AppendLine();

        if (d.Missing.Count > 0)
        {
            md.AppendLine($"## Missing in {report.Crm}").AppendLine();
            md.AppendLine("| customer | key | reason |").AppendLine("|---|---|---|");
            var shown = d.Missing.Take(PageRows).ToArray();
            foreach (var m in shown) md.AppendLine($"| {Cell(m.Id)} | {Cell(m.Key)} | {Cell(m.Reason)} |");
            if (More(report, d.MissingCount, shown.Length, AuditListings.MissingFile) is { } more) md.AppendLine().AppendLine(more);
            md.AppendLine();
        }

        if (d.Unreadable.Count > 0)
        {
            md.AppendLine($"## Unreadable in {report.Crm}").AppendLine();
            md.AppendLine("| customer | key | CRM row | problem |").AppendLine("|---|---|---|---|");
            var shown = d.Unreadable.Take(PageRows).ToArray();
            foreach (var u in shown) md.AppendLine($"| {Cell(u.Id)} | {Cell(u.Key)} | {Cell(u.Row.File)}:{u.Row.Line} | {Cell(u.Row.Problem)} |");
            if (More(report, d.UnreadableCount, shown.Length, AuditListings.UnreadableFile) is { } more) md.AppendLine().AppendLine(more);
            md.AppendLine();
        }

        if (d.Duplicates.Count > 0)
        {
            md.AppendLine($"## Duplicates in {report.Crm}").AppendLine();
            md.AppendLine("| key | records |").AppendLine("|---|---|");
            var shown = d.Duplicates.Take(PageRows).ToArray();
            foreach (var dup in shown) md.AppendLine($"| {Cell(dup.Key)} | {Cell(string.Join(", ", dup.Ids))} |");
            if (More(report, d.DuplicateCount, shown.Length, AuditListings.DuplicatesFile) is { } more) md.AppendLine().AppendLine(more);
            md.AppendLine();
        }

        if (report.Volume.Count > 0)
        {
            md.AppendLine("## Volume: orders placed vs synced").AppendLine();
            md.AppendLine("| day | placed | synced | gap | 7-day baseline | delta | level |").AppendLine("|---|---:|---:|---:|---:|---:|---|");
            foreach (var v in report.Volume)
                md.AppendLine($"| {v.Day:yyyy-MM-dd} | {Count(v.Placed)} | {Count(v.Synced)} | {Percent(v.GapPercent)} | {(v.BaselinePercent is { } b ? Percent(b) : "-")} | {v.DeltaPoints:+0.0;-0.0;0.0} pts | {v.Level.ToString().ToLowerInvariant()} |");
            md.AppendLine();
        }

        if (report.MalformedRows.Count > 0)
        {
            md.AppendLine("## Malformed rows (skipped)").AppendLine();
            md.AppendLine("| file | line | problem |").AppendLine("|---|---:|---|");
            foreach (var r in report.MalformedRows.Take(50)) md.AppendLine($"| {Cell(r.File)} | {r.Line} | {Cell(r.Problem)} |");
            if (report.MalformedRowCount > 50) md.AppendLine().AppendLine($"... and {Count(report.MalformedRowCount - 50)} more in audit.json.");
            md.AppendLine();
        }

        if (report.Notes.Count > 0)
        {
            md.AppendLine("## Notes").AppendLine();
            foreach (var n in report.Notes) md.AppendLine("- " + n);
            md.AppendLine();
        }

        if (report.Listings is { } listings)
        {
            md.AppendLine("## Complete listings").AppendLine();
            md.AppendLine($"Next to this page, every row, past the page's first {PageRows}:").AppendLine();
            md.AppendLine($"- `{AuditListings.DriftedFile}`: {Count(FieldDrifted(report))} drifted customers, one row per customer and drifted field ({Count(listings.DriftedRows)} rows), Shopify's value beside {report.Crm}'s");
            md.AppendLine($"- `{AuditListings.MissingFile}`: {Count(d.MissingCount)} customers missing in {report.Crm}");
            md.AppendLine($"- `{AuditListings.UnreadableFile}`: {Count(d.UnreadableCount)} customers unreadable in {report.Crm}");
            md.AppendLine($"- `{AuditListings.DuplicatesFile}`: {Count(d.DuplicateCount)} duplicated keys, one row per {report.Crm} record");
            md.AppendLine();
        }

        md.AppendLine("## Inputs").AppendLine();
        foreach (var (label, file) in report.Inputs) md.AppendLine($"- {label}: `{file}`");
        return md.ToString();
    }

    private static string Cell(string? text) => string.IsNullOrEmpty(text) ? "(empty)" : text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
}
