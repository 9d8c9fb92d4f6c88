using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SignalFidelity.Cli.Fidelity;
using SignalFidelity.Audit.Reviews;
using SignalFidelity.Audit.Topology;
using SignalFidelity.Cli.Topology;
using SignalFidelity.Cli.Worker;
using SignalFidelity.Worker.Checks;

namespace SignalFidelity.Cli.Commands;

/// <summary>
/// <c>sigfid fidelity history</c>: the stored checks as a table or JSON, and record fidelity over time as an HTML chart;
/// <c>sigfid fidelity report --month</c>: the founder's monthly page.
/// </summary>
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
        return new Command("fidelity", "Record fidelity over time, from the stored checks.") { history, Report() };
    }

    // The founder's page: one month's fidelity against the month before, incidents, dead letters, open reviews.
    private static Command Report()
    {
        var month = new Option<string>("--month") { Description = "The calendar month, YYYY-MM (UTC).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for fidelity-YYYY-MM.html and fidelity-YYYY-MM.json.", DefaultValueFactory = _ => new DirectoryInfo("fidelity") };
        var root = new Option<string?>("--root") { Description = "The repository whose reviews/ folder lists the review windows (default: the nearest one up from here)." };
        var report = new Command("report", "The founder's monthly page: record fidelity against the month before, incidents (level changes, messages, volume gaps), dead letters, open reviews.")
        {
            month, output, root,
        };
        report.TreatUnmatchedTokensAsErrors = false;
        report.SetAction(async (parse, cancellationToken) =>
        {
            var now = DateTimeOffset.UtcNow;
            if (ReportMonth.Parse(parse.GetValue(month), now, out var problem) is not { } chosen)
            {
                Console.Error.WriteLine("fidelity report: " + problem);
                return ConfiguredStore.UnusableInput;
            }
            string? repository;
            try
            {
                repository = parse.GetValue(root) is { } explicitRoot ? RepositoryRoot.Resolve(explicitRoot) : RepositoryRoot.TryResolve();
            }
            catch (TopologyInputException e)
            {
                Console.Error.WriteLine("fidelity report: " + e.Message);
                return ConfiguredStore.UnusableInput;
            }
            if (await ConfiguredStore.OpenAsync(parse.UnmatchedTokens, cancellationToken) is not { } opened) return ConfiguredStore.UnusableInput;
            var (options, store) = opened;
            await using var _store = store;
            var reviews = repository is null ? null : new ReviewFolder(Path.Combine(repository, options.Reviews.Directory));
            var page = await MonthlyReport.BuildAsync(store, chosen, reviews, now, cancellationToken);

            var directory = parse.GetValue(output)!.FullName;
            Directory.CreateDirectory(directory);
            var html = Path.Combine(directory, $"fidelity-{chosen.Name}.html");
            var json = Path.Combine(directory, $"fidelity-{chosen.Name}.json");
            await File.WriteAllTextAsync(html, MonthlyReportPage.Render(page), cancellationToken);
            await using (var stream = File.Create(json)) MonthlyReportJson.Write(page, stream);
            foreach (var trend in page.Trend) Console.WriteLine(MonthlyReportPage.Sentence(trend, chosen));
            Console.WriteLine($"{page.Incidents} incident(s), {page.DeadLetters.Sum(d => d.Count)} dead letter(s), {page.OpenReviews.Count} open review(s)"
                + (reviews is null ? " (no repository found for reviews/: pass --root)" : ""));
            Console.WriteLine($"wrote {html}");
            Console.WriteLine($"wrote {json}");
            return 0;
        });
        return report;
    }
}
