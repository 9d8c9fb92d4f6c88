using System.Text.Json;
using SignalFidelity.Audit;
using SignalFidelity.Core.Reports;

namespace SignalFidelity.Cli.Tests.Audit;

/// <summary>
/// The must-hold of the audit: on the hand-built 200-customer fixture, through the real generated
/// comparer and manifest, every tolerance edge and identity trap lands where build_fixture.py says.
/// </summary>
public sealed class AuditFixtureTests
{
    private static readonly AuditReport Report = DefaultTopologyAudit.CreateRunner().Run(AuditFixture.Options());

    [Fact]
    public void Drift_percent_is_exactly_right()
    {
        Assert.Equal(200, Report.Drift.SampleSize);
        Assert.Equal(17, Report.Drift.DriftedCount);
        Assert.Equal(8.5, Report.Drift.DriftPercent);
        Assert.Equal(91.5, Report.Drift.FidelityPercent);
    }

    [Fact]
    public void Drift_per_field_matches_the_traps()
    {
        var perField = Report.Drift.PerField.ToDictionary(f => f.Field, f => f.DriftedCount);
        Assert.Equal(3, perField["TotalSpent"]);
        Assert.Equal(2, perField["OrderCount"]);
        Assert.Equal(4, perField["LastOrderDate"]);
        Assert.Equal(3, perField["PrimaryTag"]);
    }

    [Fact]
    public void Identity_traps_that_must_not_match_are_missing()
    {
        Assert.Equal(7, Report.Drift.MissingCount);
        var keys = Report.Drift.Missing.Select(m => m.Key).ToHashSet();
        Assert.Contains("eve-shop@yahoo.com", keys);
        Assert.Contains("sam+news@acme.com", keys);
        Assert.Contains("jo.doe@outlook.com", keys);
        Assert.Contains(Report.Drift.Missing, m => m.Reason.Contains("Apple relay", StringComparison.Ordinal));
    }

    [Fact]
    public void Identity_traps_that_must_match_are_not_missing()
    {
        var ids = Report.Drift.Missing.Select(m => m.Id).ToHashSet();
        // Customers 24-31: gmail dots, googlemail, +tag at gmail/outlook/icloud, case and spaces, relay by phone, phone only.
        for (var n = 24; n <= 31; n++) Assert.DoesNotContain((7_000_000_000L + n).ToString(System.Globalization.CultureInfo.InvariantCulture), ids);
    }

    [Fact]
    public void Duplicates_contested_and_unowned_are_found()
    {
        Assert.Equal(2, Report.Drift.DuplicateCount);
        Assert.Contains(Report.Drift.Duplicates, d => d.Key == "dupgmail@gmail.com");
        Assert.Equal("total_spent", Assert.Single(Report.ContestedFields).Property);
        // first_order_date: the fixture's CRM holds it, and the topology declares no such field (Shopify's Admin API has none).
        Assert.Equal(["first_order_date", "loyalty_points", "old_zapier_ltv"], Report.UnownedCustomProperties);
    }

    [Fact]
    public void Malformed_rows_are_listed_with_line_numbers_and_the_currency_is_refused_by_name()
    {
        Assert.Equal(2, Report.MalformedRowCount);
        var shopify = Assert.Single(Report.MalformedRows, r => r.File == "shopify_customers.csv");
        Assert.Equal(202, shopify.Line);
        Assert.Contains("EUR", shopify.Problem);
        var klaviyo = Assert.Single(Report.MalformedRows, r => r.File == "klaviyo_profiles.csv");
        Assert.Contains("columns", klaviyo.Problem);
    }

    [Fact]
    public void Worst_examples_show_both_values_side_by_side()
    {
        var worst = Report.Drift.Examples[0];
        Assert.Equal(3, worst.DriftedFieldCount); // edge.many: spend, count and date
        var spent = worst.Fields.Single(f => f.Field == "TotalSpent");
        Assert.Equal("500.00", spent.Expected);
        Assert.Equal("300.00", spent.Actual);
        Assert.True(spent.Drifted);
    }

    [Fact]
    public void Json_has_the_agreed_keys()
    {
        using var stream = new MemoryStream();
        JsonReportRenderer.Write(Report, stream);
        using var json = JsonDocument.Parse(stream.ToArray());
        var root = json.RootElement;
        Assert.Equal(200, root.GetProperty("sampleSize").GetInt32());
        Assert.Equal(17, root.GetProperty("driftedCount").GetInt32());
        Assert.Equal(8.5, root.GetProperty("driftPercent").GetDouble());
        var ci = root.GetProperty("driftPercentCi95");
        Assert.Equal(2, ci.GetArrayLength());
        Assert.True(ci[0].GetDouble() < 8.5 && 8.5 < ci[1].GetDouble());
        Assert.Equal(91.5, root.GetProperty("fidelityPercent").GetDouble());
        Assert.Equal(7, root.GetProperty("missingInCrm").GetInt32());
        Assert.Equal(2, root.GetProperty("duplicatesInCrm").GetInt32());
        Assert.Equal("total_spent", root.GetProperty("contestedFields")[0].GetString());
        Assert.Equal(3, root.GetProperty("unownedCustomProperties").GetArrayLength());
        Assert.Equal(4, root.GetProperty("perField").GetProperty("LastOrderDate").GetInt32());
    }

    [Fact]
    public void Whole_population_gives_the_same_numbers_on_a_population_of_200()
    {
        var all = DefaultTopologyAudit.CreateRunner().Run(AuditFixture.Options(sample: null));
        Assert.True(all.Drift.WholePopulation);
        Assert.Equal(17, all.Drift.DriftedCount);
    }

    [Fact]
    public void A_smaller_sample_is_reproducible_with_its_seed()
    {
        var runner = DefaultTopologyAudit.CreateRunner();
        var first = runner.Run(AuditFixture.Options(sample: 50));
        var second = runner.Run(AuditFixture.Options(sample: 50));
        Assert.Equal(50, first.Drift.SampleSize);
        Assert.Equal(first.Drift.DriftedCount, second.Drift.DriftedCount);
        Assert.Equal(first.Drift.Missing.Select(m => m.Id), second.Drift.Missing.Select(m => m.Id));
    }
}
