using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SignalFidelity.Cli.Fidelity;
using SignalFidelity.Cli.Worker;
using SignalFidelity.Worker.Checks;

namespace SignalFidelity.Cli.Commands;

/// <summary><c>sigfid fidelity history</c>: the stored checks as a table or JSON, and record fidelity over time as an HTML chart.</summary>
internal static class FidelityCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var html = new Option<FileInfo?>("--html") { Description = "Also write a self-contained HTML chart of record fidelity per check (95% interval, 98% target, 2%/5% lines)." };
        var history = new Command("history", "Every stored check: when, CRM, sample, population, drift %, interval, level, per-field counts, report.") { format, html };
        history.TreatUnmatchedTokensAsErrors = false;
        history.SetAction(async (parse, cancellationToken) =>
        {
            if (await ConfiguredStore.OpenAsync(parse.UnmatchedTokens, cancellationToken) is not { } opened) return ConfiguredStore.UnusableInput;
            await using var store = opened.Store;
            // Record fidelity is the drift checks'; the volume checks kept beside them are the monthly page's.
            var checks = (await store.GetChecksAsync(cancellationToken)).Where(c => c.Kind == DriftCheck.Kind).ToList();
            if (parse.GetValue(format) == "json")
                Console.WriteLine(JsonSerializer.Serialize(checks, new JsonSerializerOptions { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } }));
            else
            {
                Console.WriteLine($"{"id",4}  {"when (UTC)",-16}  {"crm",-8}  {"sample",7}  {"population",10}  {"drift",6}  {"95% interval",15}  {"level",-7}  report");
                foreach (var c in checks)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{c.Id,4}  {c.RanAt.UtcDateTime,-16:yyyy-MM-dd HH:mm}  {c.Crm,-8}  {c.Sample,7}  {c.Population,10}  {c.DriftPercent,5:0.0}%  {c.CiLow,6:0.0}%-{c.CiHigh,5:0.0}%  {c.Level.ToString().ToLowerInvariant(),-7}  {c.ReportPath}"));
            }
            if (parse.GetValue(html) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, FidelityHistoryChart.Render(checks), cancellationToken);
                Console.Error.WriteLine($"chart: {file.FullName}");
            }
            return 0;
        });
        return new Command("fidelity", "Record fidelity over time, from the stored checks.") { history };
    }
}
