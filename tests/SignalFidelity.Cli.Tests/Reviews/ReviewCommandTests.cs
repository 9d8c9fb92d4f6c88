using System.Text.Json;
using SignalFidelity.Cli.Tests.Topology;
using SignalFidelity.Connectors.Klaviyo;

namespace SignalFidelity.Cli.Tests.Reviews;

/// <summary>`sigfid review` on a throwaway reviews folder, judged at fixed times through --at.</summary>
public sealed class ReviewCommandTests
{
    // Well inside the connector's Klaviyo revision's stable year, so only the window rules speak.
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse(KlaviyoClient.Revision + "T12:00:00Z").AddDays(30);

    private static string At(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    [Fact]
    public void An_overdue_window_fails_the_check_until_it_is_closed()
    {
        using var folder = new TempFolder();
        var dir = folder.File("reviews");
        CloseAQuarterlyReview(dir, Now.AddDays(-10));

        var opened = CliRun.Review("open", "--trigger", "vendor-change", "--title", "Shopify falls forward to 2025-01", "--at", At(Now.AddDays(-3)), "--dir", dir);
        Assert.Equal(0, opened.ExitCode);
        Assert.Contains($"due {At(Now.AddDays(-3).AddHours(48))}", opened.Output, StringComparison.Ordinal);
        var id = $"{Now.AddDays(-3):yyyy-MM-dd}-shopify-falls-forward-to-2025-01";
        Assert.True(File.Exists(Path.Combine(dir, id + ".md")));

        // Inside its 48 hours it is fine; after them it fails, naming the window and the fix.
        Assert.Equal(0, CliRun.Review("check", "--at", At(Now.AddDays(-2)), "--dir", dir).ExitCode);
        var overdue = CliRun.Review("check", "--at", At(Now), "--dir", dir);
        Assert.Equal(1, overdue.ExitCode);
        Assert.Contains($"{id}: vendor-change review", overdue.Error, StringComparison.Ordinal);
        Assert.Contains($"sigfid review close {id}", overdue.Error, StringComparison.Ordinal);

        Assert.Equal(0, CliRun.Review("close", id, "--decision", "Roll-ups read from customers/purchasing_summary", "--at", At(Now), "--dir", dir).ExitCode);
        Assert.Equal(0, CliRun.Review("check", "--at", At(Now.AddMinutes(1)), "--dir", dir).ExitCode);

        var listed = JsonDocument.Parse(CliRun.Review("list", "--format", "json", "--dir", dir).Output).RootElement;
        var window = listed.EnumerateArray().Single(w => w.GetProperty("id").GetString() == id);
        Assert.Equal("closed", window.GetProperty("status").GetString());
        Assert.Equal("Roll-ups read from customers/purchasing_summary", window.GetProperty("decision").GetString());
    }

    [Fact]
    public void Each_trigger_gets_its_own_due_time_and_an_internal_request_names_the_topology_owner()
    {
        using var folder = new TempFolder();
        var dir = folder.File("reviews");
        Assert.Contains($"due {At(Now.AddDays(7))}", CliRun.Review("open", "--trigger", "platform-release", "--title", "Shopify 2026-07", "--at", At(Now), "--dir", dir).Output, StringComparison.Ordinal);
        var request = CliRun.Review("open", "--trigger", "internal-request", "--title", "Loyalty tier field", "--at", At(Now), "--dir", dir);
        Assert.Contains("due none, reviewer " + SignalFidelity.Generated.GeneratedTopologyManifest.Instance.Owner!.Name, request.Output, StringComparison.Ordinal);
        Assert.Contains("reviewer: " + SignalFidelity.Generated.GeneratedTopologyManifest.Instance.Owner!.Name, File.ReadAllText(Path.Combine(dir, $"{Now:yyyy-MM-dd}-loyalty-tier-field.md")), StringComparison.Ordinal);

        var unknown = CliRun.Review("close", "no-such-review", "--decision", "x", "--dir", dir);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("sigfid review list", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_check_fails_when_no_quarterly_review_was_closed_in_the_last_92_days_and_the_next_is_due_92_days_after_the_last()
    {
        using var folder = new TempFolder();
        var dir = folder.File("reviews");
        var none = CliRun.Review("check", "--at", At(Now), "--dir", dir);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("no quarterly review was closed in the last 92 days (none was ever closed)", none.Error, StringComparison.Ordinal);

        var closedAt = Now.AddDays(-100);
        CloseAQuarterlyReview(dir, closedAt);
        Assert.Equal(0, CliRun.Review("check", "--at", At(closedAt.AddDays(92)), "--dir", dir).ExitCode);
        var late = CliRun.Review("check", "--at", At(closedAt.AddDays(93)), "--dir", dir);
        Assert.Equal(1, late.ExitCode);
        Assert.Contains($"the last one closed {At(closedAt)}", late.Error, StringComparison.Ordinal);

        var next = CliRun.Review("open", "--trigger", "quarterly", "--title", "Q next", "--at", At(Now), "--dir", dir);
        Assert.Contains($"due {At(closedAt.AddDays(92))}", next.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_connectors_Klaviyo_revision_warns_90_days_before_retirement_and_fails_once_two_years_old()
    {
        using var folder = new TempFolder();
        var dir = folder.File("reviews");
        var retired = DateTimeOffset.Parse(KlaviyoClient.Revision + "T00:00:00Z").AddYears(2);

        CloseAQuarterlyReview(dir, retired.AddDays(-120));
        var stable = CliRun.Review("check", "--at", At(retired.AddDays(-100)), "--dir", dir);
        Assert.Equal(0, stable.ExitCode);
        Assert.DoesNotContain("Klaviyo", stable.Output + stable.Error, StringComparison.Ordinal);

        var soon = CliRun.Review("check", "--at", At(retired.AddDays(-60)), "--dir", dir);
        Assert.Equal(0, soon.ExitCode);
        Assert.Contains($"warning: Klaviyo revision {KlaviyoClient.Revision} retires {At(retired)} (60 days)", soon.Output, StringComparison.Ordinal);

        CloseAQuarterlyReview(dir, retired.AddDays(-1));
        var past = CliRun.Review("check", "--at", At(retired.AddDays(1)), "--dir", dir);
        Assert.Equal(1, past.ExitCode);
        Assert.Contains($"error: Klaviyo revision {KlaviyoClient.Revision} was retired {At(retired)}", past.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_repositorys_own_reviews_pass_the_check_today_and_CODEOWNERS_covers_them()
    {
        var check = CliRun.Review("check", "--dir", Path.Combine(Repository.Root, "reviews"));
        Assert.True(check.ExitCode == 0, check.Output + check.Error);
        Assert.Contains(File.ReadAllLines(Path.Combine(Repository.Root, ".github", "CODEOWNERS")), l => l.StartsWith("/reviews/ ", StringComparison.Ordinal));
    }

    private static void CloseAQuarterlyReview(string dir, DateTimeOffset at)
    {
        var title = $"Quarterly topology review {at:yyyyMMddHHmm}";
        Assert.Equal(0, CliRun.Review("open", "--trigger", "quarterly", "--title", title, "--at", At(at.AddHours(-1)), "--dir", dir).ExitCode);
        var id = $"{at.AddHours(-1):yyyy-MM-dd}-{SignalFidelity.Audit.Reviews.ReviewFolder.Slug(title)}";
        Assert.Equal(0, CliRun.Review("close", id, "--decision", "Ownership unchanged", "--at", At(at), "--dir", dir).ExitCode);
    }
}
