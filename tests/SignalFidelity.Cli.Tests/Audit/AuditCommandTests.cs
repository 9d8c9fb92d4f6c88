using System.Diagnostics;
using System.Text.Json;

namespace SignalFidelity.Cli.Tests.Audit;

/// <summary>The real <c>sigfid</c> executable, run as a process: exit codes, files written, messages.</summary>
public sealed class AuditCommandTests
{
    private static readonly string Sigfid = Path.Combine(AppContext.BaseDirectory, "sigfid.dll");

    private static (int ExitCode, string Output) RunSigfid(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Sigfid);
        foreach (var a in args) start.ArgumentList.Add(a);
        // A wide, non-interactive console so Spectre does not wrap the table or draw progress.
        start.Environment["COLUMNS"] = "200";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "sigfid audit did not finish within a minute");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string[] FixtureArgs(string outDir, params string[] extra) =>
    [
        "audit", "--shopify-customers", AuditFixture.ShopifyCustomers, "--shopify-orders", AuditFixture.ShopifyOrders,
        "--crm", "klaviyo", "--crm-profiles", AuditFixture.KlaviyoProfiles, "--writers", AuditFixture.Writers,
        "--seed", "7", "--currency", "USD", "--out", outDir, .. extra,
    ];

    [Fact]
    public void Writes_the_three_reports_and_prints_the_summary()
    {
        using var temp = new AuditFixture.TempDir();
        var (exit, output) = RunSigfid(FixtureArgs(temp.Path));

        Assert.True(exit == 0, output);
        Assert.Contains("8.5%", output);
        Assert.Contains("contested fields", output);
        var md = File.ReadAllText(Path.Combine(temp.Path, "audit.md"));
        Assert.True(md.IndexOf("**8.5%**", StringComparison.Ordinal) < md.IndexOf("## Drift per field", StringComparison.Ordinal), "headline numbers come first");
        var html = File.ReadAllText(Path.Combine(temp.Path, "audit.html"));
        Assert.Contains("<svg", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("src=\"http", html);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(temp.Path, "audit.json")));
        Assert.Equal(17, json.RootElement.GetProperty("driftedCount").GetInt32());
    }

    [Fact]
    public void Writes_the_complete_listings_next_to_the_page_past_the_first_ten()
    {
        using var temp = new AuditFixture.TempDir();
        var (exit, output) = RunSigfid("audit", "--shopify-customers", AuditFixture.RealExports.ShopifyCustomers,
            "--shopify-orders", AuditFixture.RealExports.ShopifyOrders, "--crm", "klaviyo", "--crm-profiles", AuditFixture.RealExports.KlaviyoProfiles,
            "--sample", "all", "--out", temp.Path);

        Assert.True(exit == 0, output);
        foreach (var file in new[] { "drifted.csv", "missing.csv", "duplicates.csv", "unreadable.csv" })
        {
            Assert.True(File.Exists(Path.Combine(temp.Path, file)), file);
            Assert.Contains(file, output); // the summary says where it went
        }
        // Twelve drifted customers: the page shows ten and points to the file for the other two.
        Assert.Equal(12, File.ReadAllLines(Path.Combine(temp.Path, "drifted.csv")).Skip(1).Select(l => l.Split(',')[0]).Distinct().Count());
        Assert.Contains("... and 2 more in drifted.csv.", File.ReadAllText(Path.Combine(temp.Path, "audit.md")));
    }

    // A HubSpot export heads each property with its label ("Total Spent"), not the topology's name (total_spent).
    private static string[] HubSpotLabelled(AuditFixture.TempDir temp, params string[] extra)
    {
        var customers = temp.Write("customers.csv", "Customer ID,First Name,Last Name,Email,Phone,Total Spent,Total Orders,Tags\n'1,A,B,a@x.com,,10.00,1,vip\n'2,C,D,c@x.com,,5.00,1,\n");
        var orders = temp.Write("orders.csv", "Name,Email,Created at\n#1,a@x.com,2026-11-01 10:00:00 -0500\n#2,c@x.com,2026-11-02 10:00:00 -0500\n");
        var contacts = temp.Write("hubspot-crm-exports-all-contacts.csv",
            "Record ID,First Name,Last Name,Email,Phone Number,Create Date,Lifecycle Stage,Total Spent,Order Count,Last Order Date,Primary Tag,hs_legacy_score\n" +
            "101,A,B,a@x.com,,2025-01-01 09:00,customer,10.00,1,2026-11-01 15:00,vip,3\n102,C,D,c@x.com,,2025-01-01 09:00,customer,7.00,1,2026-11-02 15:00,,1\n");
        return ["audit", "--shopify-customers", customers, "--shopify-orders", orders, "--crm", "hubspot", "--crm-profiles", contacts,
            "--sample", "all", "--out", Path.Combine(temp.Path, "out"), .. extra];
    }

    [Fact]
    public void A_HubSpot_export_headed_by_labels_is_read_by_the_internal_names_HubSpot_makes_from_them()
    {
        using var temp = new AuditFixture.TempDir();
        var (exit, output) = RunSigfid(HubSpotLabelled(temp));
        Assert.True(exit == 0, output);
        var notes = File.ReadAllText(Path.Combine(temp.Path, "out", "audit.md"));
        Assert.Contains("the HubSpot property 'total_spent' was read from the column headed by its label 'Total Spent'", notes);
    }

    [Fact]
    public void A_column_the_topology_names_otherwise_is_refused_with_its_look_alike_and_the_flag_that_maps_it()
    {
        // Klaviyo keeps a custom property's name as its header, so 'Total Spent' is not total_spent's label there.
        using var temp = new AuditFixture.TempDir();
        var customers = temp.Write("customers.csv", "Customer ID,First Name,Last Name,Email,Phone,Total Spent,Total Orders,Tags\n'1,A,B,a@x.com,,10.00,1,vip\n");
        var orders = temp.Write("orders.csv", "Name,Email,Created at\n#1,a@x.com,2026-11-01 10:00:00 -0500\n");
        var profiles = temp.Write("klaviyo_profiles.csv", "Email,Phone Number,Total Spent,order_count,last_order_date,primary_tag\na@x.com,,10.00,1,2026-11-01 15:00,vip\n");
        var (exit, output) = RunSigfid(["audit", "--shopify-customers", customers, "--shopify-orders", orders, "--crm", "klaviyo", "--crm-profiles", profiles,
            "--sample", "all", "--out", Path.Combine(temp.Path, "out")]);
        Assert.Equal(2, exit);
        var message = string.Join(" ", output.Split('\n', StringSplitOptions.TrimEntries)); // Spectre wraps long lines
        Assert.Contains("klaviyo_profiles.csv: missing column 'total_spent'", message);
        Assert.Contains("Columns that look like it: 'Total Spent'.", message);
        Assert.Contains("--column TotalSpent=\"Total Spent\"", message);
    }

    [Fact]
    public void Columns_mapped_with_a_file_and_flags_are_read()
    {
        using var temp = new AuditFixture.TempDir();
        var mapping = temp.Write("columns.csv", "field,column\nTotalSpent,Total Spent\norder_count,Order Count\nLast order date,Last Order Date\n");
        var (exit, output) = RunSigfid(HubSpotLabelled(temp, "--columns", mapping, "--column", "PrimaryTag=Primary Tag"));

        Assert.True(exit == 0, output);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(temp.Path, "out", "audit.json")));
        Assert.Equal(1, json.RootElement.GetProperty("driftedCount").GetInt32()); // c@x.com: 5.00 against 7.00
        Assert.Equal(1, json.RootElement.GetProperty("perField").GetProperty("TotalSpent").GetInt32());
        Assert.Equal(["hs_legacy_score"], json.RootElement.GetProperty("unownedCustomProperties").EnumerateArray().Select(e => e.GetString()));
        var md = File.ReadAllText(Path.Combine(temp.Path, "out", "audit.md"));
        Assert.Contains("TotalSpent was read from the HubSpot column 'Total Spent' (mapped as TotalSpent).", md);
        Assert.DoesNotContain("'primary_tag' was read", md);
    }

    [Theory]
    [InlineData("Spend=Total Spent", "'Spend' names no column the audit reads. Map one of: TotalSpent, OrderCount, LastOrderDate, PrimaryTag, Email, Phone, Id.")]
    [InlineData("TotalSpent", "write it as Field=Header")]
    public void A_bad_mapping_is_refused_by_name(string flag, string expected)
    {
        using var temp = new AuditFixture.TempDir();
        var (exit, output) = RunSigfid(HubSpotLabelled(temp, "--column", flag));
        Assert.Equal(2, exit);
        Assert.Contains(expected, string.Join(" ", output.Split('\n', StringSplitOptions.TrimEntries)));
    }

    [Fact]
    public void Missing_column_names_the_file_and_the_column_and_exits_2()
    {
        using var temp = new AuditFixture.TempDir();
        var profiles = temp.Write("profiles.csv", "Email,Phone Number,total_spent,order_count,last_order_date\na@x.com,,1,1,\n");
        var (exit, output) = RunSigfid("audit", "--shopify-customers", AuditFixture.ShopifyCustomers, "--shopify-orders", AuditFixture.ShopifyOrders,
            "--crm", "klaviyo", "--crm-profiles", profiles, "--out", temp.Path);

        Assert.Equal(2, exit);
        Assert.Contains("profiles.csv", output);
        Assert.Contains("'primary_tag'", output);
    }

    [Fact]
    public void Unknown_crm_and_bad_sample_are_refused()
    {
        using var temp = new AuditFixture.TempDir();
        var (exitCrm, _) = RunSigfid("audit", "--shopify-customers", "a", "--shopify-orders", "b", "--crm", "salesforce", "--crm-profiles", "c");
        Assert.NotEqual(0, exitCrm);
        var (exitSample, output) = RunSigfid(FixtureArgs(temp.Path, "--sample", "zero"));
        Assert.Equal(2, exitSample);
        Assert.Contains("--sample", output);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        using var temp = new AuditFixture.TempDir();
        var (exit, output) = RunSigfid("audit", "--shopify-customers", Path.Combine(temp.Path, "nope.csv"), "--shopify-orders", AuditFixture.ShopifyOrders,
            "--crm", "klaviyo", "--crm-profiles", AuditFixture.KlaviyoProfiles, "--out", temp.Path);
        Assert.Equal(2, exit);
        Assert.Contains("nope.csv", output);
    }
}
