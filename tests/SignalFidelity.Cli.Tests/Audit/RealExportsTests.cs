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
    public void Klaviyo_s_own_columns_are_not_unowned_custom_properties()
    {
        // klaviyo_profiles_export.csv carries the 32 columns Klaviyo writes (Email Suppressions, Last Active,
        // Predicted Customer Lifetime Value, ...), the topology's properties, and one property nobody owns.
        Assert.Equal(["loyalty_points"], Report.UnownedCustomProperties);
    }

    [Fact]
    public void A_float_total_is_read_as_written_and_drifts_only_outside_the_tolerance()
    {
        // Ava: 106.15 in Shopify, 106.154 in Klaviyo (0.004 apart). Ben: 106.17 against 106.154 (0.016).
        Assert.DoesNotContain(Report.MalformedRows, r => r.Problem.Contains("106.154", StringComparison.Ordinal));
        var full = DefaultTopologyAudit.CreateRunner().Run(AuditFixture.RealExports.Options() with { MaxExamples = 50 });
        Assert.DoesNotContain(full.Drift.Examples, e => e.Id == "7812345000401");
        var ben = Assert.Single(full.Drift.Examples, e => e.Id == "7812345000402");
        var spent = Assert.Single(ben.Fields, f => f.Drifted);
        Assert.Equal("TotalSpent", spent.Field);
        Assert.Equal("106.17", spent.Expected);
        Assert.Equal("106.154", spent.Actual);
    }

    [Fact]
    public void A_profile_that_cannot_be_read_is_unreadable_not_missing()
    {
        var cleo = Assert.Single(Report.Drift.Unreadable);
        Assert.Equal("7812345000403", cleo.Id);
        Assert.Equal("klaviyo_profiles_export.csv", cleo.Row.File);
        Assert.Equal(6, cleo.Row.Line);
        Assert.Contains("order_count", cleo.Row.Problem, StringComparison.Ordinal);
        Assert.StartsWith("unreadable in the CRM (klaviyo_profiles_export.csv:6, column 'order_count'", cleo.Reason, StringComparison.Ordinal);
        var missing = Assert.Single(Report.Drift.Missing);
        Assert.Equal("7812345000404", missing.Id);
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

    [Fact]
    public void Every_drifted_missing_unreadable_and_duplicated_record_is_listed_in_its_file()
    {
        using var temp = new AuditFixture.TempDir();
        var report = DefaultTopologyAudit.CreateRunner().Run(AuditFixture.RealExports.Options() with { ListingDirectory = temp.Path });
        var files = AuditRunner.WriteReports(report, temp.Path);

        Assert.Equal(["audit.md", "audit.html", "audit.json", "drifted.csv", "missing.csv", "duplicates.csv", "unreadable.csv"], files.Select(Path.GetFileName));
        Assert.DoesNotContain(Directory.GetFiles(temp.Path), f => f.EndsWith(".partial", StringComparison.Ordinal));

        // Twelve customers drifted on a field, fifteen (customer, field) pairs; the page shows the worst ten.
        var drifted = Csv(temp, "drifted.csv");
        Assert.Equal(["shopify_customer_id", "match_key", "field", "shopify_value", "klaviyo_value", "owner"], drifted[0]);
        Assert.Equal(15, drifted.Length - 1);
        Assert.Equal(12, drifted.Skip(1).Select(r => r[0]).Distinct().Count());
        Assert.Equal(10, report.Drift.Examples.Count);
        var ben = Assert.Single(drifted, r => r[0] == "7812345000402");
        Assert.Equal(["ben.rivera@example.com", "Total spent", "106.17", "106.154", "Shopify"], ben[1..]);
        // The primary tag is Klaviyo's: its value is Klaviyo's, Shopify's is what its tag list holds.
        var hal = Assert.Single(drifted, r => r[0] == "7812345000408");
        Assert.Equal(["Primary tag", "newsletter", "vip", "Klaviyo"], hal[2..]);

        Assert.Equal(2, Csv(temp, "missing.csv").Length);
        Assert.Equal(["cleo.rivera@example.com", "klaviyo_profiles_export.csv", "6"], Csv(temp, "unreadable.csv")[1][1..4]);
        var duplicates = Csv(temp, "duplicates.csv");
        Assert.Equal(3, duplicates.Length);
        Assert.Equal(["pia.rivera@example.com", "yes"], new[] { duplicates[1][0], duplicates[1][2] });

        var md = File.ReadAllText(Path.Combine(temp.Path, "audit.md"));
        Assert.Contains("... and 2 more in drifted.csv.", md, StringComparison.Ordinal);
        Assert.Contains("`drifted.csv`: 12 drifted customers", md, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(temp.Path, "audit.html"));
        Assert.Contains("... and 2 more in <a href=\"drifted.csv\">drifted.csv</a>.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Shopify_s_apostrophes_are_not_part_of_ids_and_phones()
    {
        // Every id in customers_export.csv is written '78123450004nn, the relay customer's phone '+16135550135.
        var md = MarkdownReportRenderer.Render(Report);
        Assert.Contains("| 7812345000415 | oli.rivera@example.com |", md, StringComparison.Ordinal);
        Assert.DoesNotContain("'78123", md, StringComparison.Ordinal);
        Assert.DoesNotContain("'78123", HtmlReportRenderer.Render(Report), StringComparison.Ordinal);
        Assert.All(Report.Drift.Examples, e => Assert.Matches("^7812345000[0-9]{3}$", e.Id));
        Assert.Equal("7812345000404", Assert.Single(Report.Drift.Missing).Id);
        // Iris signs in with an Apple relay address: she is matched by the phone, apostrophe and all.
        Assert.DoesNotContain(Report.Drift.Missing, m => m.Id == "7812345000417");
    }

    [Fact]
    public void Fields_are_named_in_the_topology_s_words_on_the_page_and_by_code_name_in_json()
    {
        var md = MarkdownReportRenderer.Render(Report);
        Assert.Contains("| Total spent | 6 |", md, StringComparison.Ordinal);
        Assert.Contains("| Last order date | 3 |", md, StringComparison.Ordinal);
        Assert.Contains("| 7812345000402 | ben.rivera@example.com | Total spent | 106.17 | 106.154 |", md, StringComparison.Ordinal);
        Assert.DoesNotContain("TotalSpent", md, StringComparison.Ordinal);
        Assert.Contains(">Order count<", HtmlReportRenderer.Render(Report), StringComparison.Ordinal);

        using var stream = new MemoryStream();
        JsonReportRenderer.Write(Report, stream);
        using var json = JsonDocument.Parse(stream.ToArray());
        Assert.Equal(6, json.RootElement.GetProperty("perField").GetProperty("TotalSpent").GetInt32());
        Assert.Equal("Total spent", json.RootElement.GetProperty("fieldWords").GetProperty("TotalSpent").GetString());
    }

    // The listings hold no quoted cells in this fixture, so a split on commas reads them.
    private static string[][] Csv(AuditFixture.TempDir temp, string name) =>
        File.ReadAllLines(Path.Combine(temp.Path, name)).Select(l => l.Split(',')).ToArray();
}
