using System.Text.Json;
using SignalFidelity.Audit;
using SignalFidelity.Core.Reports;

namespace SignalFidelity.Cli.Tests.Audit;

/// <summary>
/// The audit on exports in the vendors' full shapes (Fixtures/RealExports/build.py says what each customer
/// must show): float totals, a profile that cannot be read, apostrophe-prefixed ids, Klaviyo's own columns.
/// </summary>
public sealed class RealExportsTests
{
    private static readonly AuditReport Report = DefaultTopologyAudit.CreateRunner().Run(AuditFixture.RealExports.Options());

    private static IEnumerable<string> DriftedIds => Report.Drift.Examples.Select(e => e.Id);

    [Fact]
    public void Headline_counts_match_the_fixture()
    {
        Assert.Equal(18, Report.Drift.SampleSize);
        Assert.Equal(14, Report.Drift.DriftedCount);
        Assert.Equal(1, Report.Drift.MissingCount);
        Assert.Equal(1, Report.Drift.UnreadableCount);
        Assert.Equal(1, Report.Drift.DuplicateCount);
        var perField = Report.Drift.PerField.ToDictionary(f => f.Field, f => f.DriftedCount);
        Assert.Equal(6, perField["TotalSpent"]);
        Assert.Equal(4, perField["OrderCount"]);
        Assert.Equal(3, perField["LastOrderDate"]);
        Assert.Equal(2, perField["PrimaryTag"]);
    }

    [Fact]
    public void A_float_total_is_read_as_written_and_drifts_only_outside_the_tolerance()
    {
        // Ava: 106.15 in Shopify, 106.154 in Klaviyo (0.004 apart). Ben: 106.17 against 106.154 (0.016).
        Assert.DoesNotContain(Report.MalformedRows, r => r.Problem.Contains("106.154", StringComparison.Ordinal));
        var full = DefaultTopologyAudit.CreateRunner().Run(AuditFixture.RealExports.Options() with { MaxExamples = 50 });
        Assert.DoesNotContain(full.Drift.Examples, e => e.Id.EndsWith("7812345000401", StringComparison.Ordinal));
        var ben = Assert.Single(full.Drift.Examples, e => e.Id.EndsWith("7812345000402", StringComparison.Ordinal));
        var spent = Assert.Single(ben.Fields, f => f.Drifted);
        Assert.Equal("TotalSpent", spent.Field);
        Assert.Equal("106.17", spent.Expected);
        Assert.Equal("106.154", spent.Actual);
    }

    [Fact]
    public void A_profile_that_cannot_be_read_is_unreadable_not_missing()
    {
        var cleo = Assert.Single(Report.Drift.Unreadable);
        Assert.EndsWith("7812345000403", cleo.Id, StringComparison.Ordinal);
        Assert.Equal("klaviyo_profiles_export.csv", cleo.Row.File);
        Assert.Equal(6, cleo.Row.Line);
        Assert.Contains("order_count", cleo.Row.Problem, StringComparison.Ordinal);
        Assert.StartsWith("unreadable in the CRM (klaviyo_profiles_export.csv:6, column 'order_count'", cleo.Reason, StringComparison.Ordinal);
        var missing = Assert.Single(Report.Drift.Missing);
        Assert.EndsWith("7812345000404", missing.Id, StringComparison.Ordinal);
        Assert.Equal("no CRM record with this key", missing.Reason);
    }

    [Fact]
    public void The_reports_count_unreadable_apart_from_missing()
    {
        using var stream = new MemoryStream();
        JsonReportRenderer.Write(Report, stream);
        using var json = JsonDocument.Parse(stream.ToArray());
        Assert.Equal(1, json.RootElement.GetProperty("unreadableInCrm").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("missingInCrm").GetInt32());
        Assert.Equal(14, json.RootElement.GetProperty("driftedCount").GetInt32());
        Assert.Equal(6, json.RootElement.GetProperty("unreadable")[0].GetProperty("line").GetInt32());

        var md = MarkdownReportRenderer.Render(Report);
        Assert.Contains("Missing in Klaviyo: 1 (counted as drifted). Unreadable in Klaviyo: 1", md, StringComparison.Ordinal);
        Assert.Contains("## Unreadable in Klaviyo", md, StringComparison.Ordinal);
        Assert.Contains("klaviyo_profiles_export.csv:6", md, StringComparison.Ordinal);
        Assert.Contains("unreadable in Klaviyo: 1", HtmlReportRenderer.Render(Report), StringComparison.Ordinal);
    }
}
