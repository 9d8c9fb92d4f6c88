using SignalFidelity.Core.Reports;
using Spectre.Console;

namespace SignalFidelity.Cli.Audit;

/// <summary>The terminal summary: the headline numbers and drift per field.</summary>
internal static class AuditSummaryTable
{
    public static void Write(IAnsiConsole console, AuditReport report, IReadOnlyList<string> files)
    {
        var d = report.Drift;
        var table = new Table().Border(TableBorder.Rounded).Title($"Shopify -> {report.Crm} audit")
            .AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("customers measured", $"{d.SampleSize:N0} of {d.PopulationSize:N0}" + (d.WholePopulation ? " (all)" : $" (seed {d.Seed})"));
        table.AddRow("[bold]drift[/]", $"[bold]{d.DriftPercent:0.0}%[/] ({d.DriftedCount:N0})");
        table.AddRow("95% interval", $"{d.DriftPercentCi95.Low:0.0}% to {d.DriftPercentCi95.High:0.0}%");
        table.AddRow("record fidelity", $"{d.FidelityPercent:0.0}%");
        table.AddRow("[bold]contested fields[/]", report.ContestedFields.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("[bold]unowned custom properties[/]", report.UnownedCustomProperties.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow($"missing in {report.Crm}", d.MissingCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow($"unreadable in {report.Crm}", d.UnreadableCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow($"duplicate keys in {report.Crm}", d.DuplicateCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("malformed rows skipped", report.MalformedRowCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var f in d.PerField)
            table.AddRow($"  drifted on {Markup.Escape(report.InWords(f.Field))}", f.DriftedCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        if (report.Volume.LastOrDefault(v => v.Level != Core.Volume.VolumeLevel.Pending) is { } day)
            table.AddRow("volume (last judged day)", $"{day.Day:yyyy-MM-dd}: {day.Level.ToString().ToLowerInvariant()} (gap {day.GapPercent:0.0}%)");
        console.Write(table);
        foreach (var file in files) console.MarkupLine($"wrote [link]{Markup.Escape(file)}[/]");
    }
}
