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
