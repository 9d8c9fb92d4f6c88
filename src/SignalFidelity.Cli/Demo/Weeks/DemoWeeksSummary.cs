using System.Globalization;
using SignalFidelity.Audit.Topology;
using SignalFidelity.Sandbox.Naive;
using SignalFidelity.Worker.Alerts;
using SignalFidelity.Worker.Storage;
using Spectre.Console;

namespace SignalFidelity.Cli.Demo.Weeks;

/// <summary>The demo's Phase 3 on the console: the weeks side by side, then every message as it was received, the heal and the chart.</summary>
internal static class DemoWeeksSummary
{
    public static void Write(IAnsiConsole console, DemoWeeksResult result)
    {
        var field = PlainWords.FieldName(result.Field.Field);
        console.MarkupLine(Markup.Escape(
            $"Phase 3, four weeks on the worker's weekly check: the loyalty app ({LoyaltyAppWriter.Agent}, an outside writer the topology does not declare) " +
            $"keeps overwriting {field} ({result.Crm} property '{result.Field.Property}') through {result.Crm}'s API."));
        var table = new Table().RoundedBorder().Title("Weekly drift check (every customer), levels at 2% and 5%")
            .AddColumn("week").AddColumn("checked").AddColumn(new TableColumn("overwritten that week").RightAligned())
            .AddColumn(new TableColumn("drifted").RightAligned()).AddColumn(new TableColumn("drift").RightAligned()).AddColumn("level").AddColumn("messages");
        foreach (var week in result.Weeks)
        {
            var c = week.Check;
            table.AddRow(
                week.Number.ToString(CultureInfo.InvariantCulture),
                c.RanAt.ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                week.Overwrites.Count.ToString("N0", CultureInfo.InvariantCulture),
                $"{c.Drifted.ToString("N0", CultureInfo.InvariantCulture)} of {c.Sample.ToString("N0", CultureInfo.InvariantCulture)}",
                AlertMessage.Pct(c.DriftPercent),
                Level(c.Level),
                week.SlackHeadlines.Count == 0 ? "[grey]none (level held)[/]" : $"Slack {week.SlackHeadlines.Count}, email {week.EmailSubjects.Count}");
        }
        console.Write(table);

        foreach (var week in result.Weeks)
        {
            foreach (var headline in week.SlackHeadlines) console.MarkupLine($"  week {week.Number} [bold]Slack[/] received: {Markup.Escape(headline)}");
            foreach (var subject in week.EmailSubjects) console.MarkupLine($"  week {week.Number} [bold]email[/] received, subject: {Markup.Escape(subject)}");
            if (week.Heal is { } heal)
            {
                console.MarkupLine(Markup.Escape(
                    $"  week {week.Number} heal: {heal.Customers.Count(h => h.Healed):N0} of {heal.Customers.Count:N0} customers healed through the worker's pipeline " +
                    $"(Shopify's values re-sent; re-check in {heal.RecheckDirectory})"));
            }
        }
        console.MarkupLine($"wrote [link]{Markup.Escape(result.HistoryHtml)}[/] (record fidelity week by week; history in {Markup.Escape(result.Store)})");
    }

    private static string Level(CheckLevel level) => level switch
    {
        CheckLevel.Alert => "[red]alert[/]",
        CheckLevel.Warning => "[yellow]warning[/]",
        _ => "[green]normal[/]",
    };
}
