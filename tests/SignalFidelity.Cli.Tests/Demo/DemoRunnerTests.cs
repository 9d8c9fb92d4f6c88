using System.Text.Json;
using SignalFidelity.Cli.Demo;

namespace SignalFidelity.Cli.Tests.Demo;

public sealed class DemoRunnerTests
{
    [Fact]
    public async Task The_default_scenario_decays_into_the_articles_drift_band_as_measured_by_the_audit()
    {
        var output = Path.Combine(Path.GetTempPath(), "sigfid-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = await DemoRunner.RunBeforeAsync(new DemoOptions { OutputDirectory = output });

            // The figure is the audit engine's, read back from the report it wrote.
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "before", "audit.json")));
            var drift = json.RootElement.GetProperty("driftPercent").GetDouble();
            Assert.InRange(drift, 18, 38);
            Assert.Equal(result.Report.Drift.DriftPercent, drift, 6);
            Assert.True(File.Exists(Path.Combine(output, "before", "audit.md")));
            Assert.True(File.Exists(Path.Combine(output, "before", "audit.html")));

            // The decay has the causes the scenario models, each visible in the run or the report.
            Assert.True(result.Naive.SkippedOnThrottle > 0, "no write was dropped on a 429");
            Assert.True(result.Report.Drift.DuplicateCount > 0, "no profile was split by a variant address");
            Assert.NotEmpty(result.Report.ContestedFields);
            Assert.Contains("loyalty_points", result.Report.UnownedCustomProperties);
            // Placed Order events dropped during the sale: the daily volume check flags Black Friday.
            Assert.Contains(result.Report.Volume, v => v.Day == new DateOnly(2026, 11, 27) && v.Level == SignalFidelity.Core.Volume.VolumeLevel.Alert);
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task The_same_seed_replays_the_same_story()
    {
        var a = Path.Combine(Path.GetTempPath(), "sigfid-demo-" + Guid.NewGuid().ToString("N"));
        var b = Path.Combine(Path.GetTempPath(), "sigfid-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = await DemoRunner.RunBeforeAsync(new DemoOptions { Customers = 600, Seed = 9, OutputDirectory = a });
            var second = await DemoRunner.RunBeforeAsync(new DemoOptions { Customers = 600, Seed = 9, OutputDirectory = b });
            Assert.Equal(first.Naive, second.Naive);
            Assert.Equal(first.Report.Drift.DriftedCount, second.Report.Drift.DriftedCount);
        }
        finally
        {
            foreach (var d in new[] { a, b }) if (Directory.Exists(d)) Directory.Delete(d, recursive: true);
        }
    }

    [Fact]
    public async Task On_HubSpot_the_same_story_is_told_from_HubSpot_s_export_and_the_governed_worker_s_writes_contest_nothing()
    {
        var output = Path.Combine(Path.GetTempPath(), "sigfid-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new DemoOptions { Customers = 800, Seed = 5, OutputDirectory = output, Crm = SyncSystem.HubSpot };
            DemoAfterResult? after = null;
            var before = await DemoRunner.RunBeforeAsync(options, afterAudit: async (sandbox, clock) => after = await DemoAfterPhase.RunAsync(sandbox, clock, options, null, CancellationToken.None));

            // Before: the naive HubSpot connector decayed the portal, measured from HubSpot's export headed by labels.
            Assert.Equal(SyncSystem.HubSpot, before.Report.Crm);
            var header = File.ReadLines(Path.Combine(before.ExportDirectory, "hubspot-crm-exports-all-contacts.csv")).First();
            Assert.StartsWith("Record ID,", header, StringComparison.Ordinal);
            Assert.Contains("Total Spent", header, StringComparison.Ordinal);
            Assert.InRange(before.Report.Drift.DriftPercent, 10, 60);
            Assert.True(before.Naive.SkippedOnThrottle > 0, "no write was dropped on a 429");
            Assert.Contains(before.Report.ContestedFields, c => c.Property == "total_spent"); // the loyalty app

            // After: the governed worker healed it, names itself SignalFidelity, and its own flows are no contest.
            Assert.NotNull(after);
            Assert.True(after.Report.Drift.FidelityPercent >= 98, $"fidelity after {after.Report.Drift.FidelityPercent}%");
            Assert.Empty(after.Report.ContestedFields);
            var writers = File.ReadAllLines(Path.Combine(after.ExportDirectory, "observed_writers.csv")).Skip(1).ToArray();
            Assert.NotEmpty(writers);
            Assert.All(writers, w => Assert.Contains(",SignalFidelity/", w, StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }
}
