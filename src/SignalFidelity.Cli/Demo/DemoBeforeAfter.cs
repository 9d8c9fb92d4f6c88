using System.Globalization;
using SignalFidelity.Cli.Demo.Worker;
using Spectre.Console;

namespace SignalFidelity.Cli.Demo;

/// <summary>The demo's closing table: the audit before and after the governed worker, side by side.</summary>
internal static class DemoBeforeAfter
{
    public static void Write(IAnsiConsole console, DemoBeforeResult before, DemoAfterResult after)
    {
        console.MarkupLine(Markup.Escape(GovernedWorkerRun.Describe(after.Worker)));
        var table = new Table().RoundedBorder().Title("Record fidelity: naive connector vs governed worker")
            .AddColumn("measure").AddColumn(new TableColumn("before").RightAligned()).AddColumn(new TableColumn("after").RightAligned());
        var b = before.Report.Drift;
        var a = after.Report.Drift;
        table.AddRow("record fidelity", Percent(b.FidelityPercent), $"[bold green]{Percent(a.FidelityPercent)}[/]");
        table.AddRow("drift", Percent(b.DriftPercent), Percent(a.DriftPercent));
        table.AddRow("customers measured", Count(b.SampleSize), Count(a.SampleSize));
        table.AddRow($"missing in {before.Report.Crm}", Count(b.MissingCount), Count(a.MissingCount));
        // A contest left after the switch would mean another writer still shares a field the worker governs.
        table.AddRow("contested fields", Count(before.Report.ContestedFields.Count), Count(after.Report.ContestedFields.Count));
        foreach (var field in b.PerField)
        {
            var afterCount = a.PerField.FirstOrDefault(f => f.Field == field.Field)?.DriftedCount ?? 0;
            table.AddRow($"  drifted on {Markup.Escape(before.Report.InWords(field.Field))}", Count(field.DriftedCount), Count(afterCount));
        }

        console.Write(table);
        foreach (var file in after.ReportFiles)
        {
            console.MarkupLine($"wrote {Markup.Escape(file)}");
        }
    }

    private static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
