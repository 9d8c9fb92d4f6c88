using System.Globalization;
using System.Text;
using System.Text.Json;
using SignalFidelity.Audit.Reviews;
using SignalFidelity.Worker.Alerts;
using SignalFidelity.Worker.Storage;
using SignalFidelity.Worker.Tests.Crash;

namespace SignalFidelity.Worker.Tests.Checks;

/// <summary>
/// <c>sigfid fidelity report --month</c> as the founder runs it: a real process over a real SQLite store whose history,
/// alert outbox and dead letters were written through the store's own API, and a reviews/ folder written by ReviewFolder.
/// </summary>
public sealed class FidelityReportCommandTests : IDisposable
{
    private static readonly DateTimeOffset November = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly OperatorCommand _sigfid = new("sigfid-fidelity-report-test.");

    [Fact]
    public async Task The_monthly_page_shows_the_months_trend_against_the_last_its_incidents_dead_letters_and_the_reviews_open_at_its_end()
    {
        var clock = new ManualClock(November.AddDays(-20));
        await using (var store = new SqliteWorkerStore(_sigfid.Database, clock: clock))
        {
            await store.InitializeAsync();
            await DriftAsync(store, November.AddDays(-20), 1.0, CheckLevel.Normal);   // October: 99.0% and 98.5%
            await DriftAsync(store, November.AddDays(-13), 1.5, CheckLevel.Normal);
            await DriftAsync(store, November.AddDays(1), 1.5, CheckLevel.Normal);    // November: 98.5%, 94.0%, 97.0%
            clock.Advance(TimeSpan.FromDays(28));
            var alert = await DriftAsync(store, November.AddDays(8), 6.0, CheckLevel.Alert, "slack", "email");
            await DriftAsync(store, November.AddDays(15), 3.0, CheckLevel.Warning);
            await VolumeAsync(store, November.AddDays(9), 1.0, CheckLevel.Normal);
            await VolumeAsync(store, November.AddDays(10), 34.0, CheckLevel.Alert);
            var slack = alert.Single(a => a.Channel == "slack");
            Assert.True(await store.TryClaimAlertAsync(slack.Id, TimeSpan.FromMinutes(5)));
            await store.RecordAlertAttemptAsync(slack.Id, null, TimeSpan.Zero);
            await store.RecordAlertAttemptAsync(alert.Single(a => a.Channel == "email").Id, "SmtpCommandException: 550 relay denied", TimeSpan.FromMinutes(5));

            clock.Advance(TimeSpan.FromDays(5)); // 2026-11-14: two unreadable deliveries and a refused write
            await UnreadableAsync(store, "evt-1");
            await UnreadableAsync(store, "evt-2");
            await store.ProposeWritesAsync([new ProposedWrite("gid://shopify/Customer/7", SyncSystem.Klaviyo, WriteOperation.Upsert, [new FieldValue("total_spent", "12.5", clock.GetUtcNow())])]);
            var claimed = Assert.Single(await store.ClaimDueWritesAsync("t", TimeSpan.FromMinutes(1), 10));
            await store.FailWriteAsync(claimed.Id, "t", "HTTP 400: invalid email", retryAt: null);
            clock.Advance(TimeSpan.FromDays(20)); // December's dead letter is not November's
            await UnreadableAsync(store, "evt-3");
        }

        var reviews = new ReviewFolder(Path.Combine(_sigfid.Folder, "repo", "reviews"));
        var open = reviews.Open(ReviewTrigger.PlatformRelease, "Shopify 2027-01 removes order roll-ups", November.AddDays(19), null);
        var closed = reviews.Open(ReviewTrigger.VendorChange, "Klaviyo revision 2026-10-15", November.AddDays(2), null);
        reviews.Close(closed.Id, "Pinned the new revision", November.AddDays(3));
        reviews.Open(ReviewTrigger.PlatformRelease, "Opened in December", November.AddMonths(1).AddDays(1), null);

        var output = Path.Combine(_sigfid.Folder, "out");
        var (exitCode, printed) = await _sigfid.RunAsync("fidelity", "report", "--month", "2026-11", "--out", output, "--root", Path.Combine(_sigfid.Folder, "repo"));

        Assert.True(exitCode == 0, printed);
        Assert.Contains("klaviyo: record fidelity 96.5% over 3 check(s) (latest 97.0%), 98.8% in 2026-10 over 2: down 2.3 points", printed, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "fidelity-2026-11.json")));
        var root = json.RootElement;
        Assert.Equal("2026-11", root.GetProperty("month").GetString());
        var trend = Assert.Single(root.GetProperty("fidelityTrend").EnumerateArray());
        Assert.Equal((3, 96.5, 97.0, 2, 98.75), (trend.GetProperty("checks").GetInt32(), trend.GetProperty("fidelityPercent").GetDouble(),
            trend.GetProperty("latestFidelityPercent").GetDouble(), trend.GetProperty("previousMonthChecks").GetInt32(), trend.GetProperty("previousMonthFidelityPercent").GetDouble()));
        Assert.Equal([98.5, 94.0, 97.0], root.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("fidelityPercent").GetDouble()));

        var incidents = root.GetProperty("incidents");
        Assert.Equal([("drift", "normal", "alert"), ("drift", "alert", "warning")], incidents.GetProperty("levelChanges").EnumerateArray()
            .Select(c => (c.GetProperty("kind").GetString(), c.GetProperty("from").GetString(), c.GetProperty("to").GetString())));
        var messages = incidents.GetProperty("messages").EnumerateArray().ToDictionary(m => m.GetProperty("channel").GetString()!);
        Assert.Equal(("sent", 1), (messages["slack"].GetProperty("status").GetString(), messages["slack"].GetProperty("attempts").GetInt32()));
        Assert.Equal(("pending", "SmtpCommandException: 550 relay denied"), (messages["email"].GetProperty("status").GetString(), messages["email"].GetProperty("lastError").GetString()));
        Assert.Equal("Drift alert: Klaviyo at 6.0% (above the 5.0% alert line)", messages["email"].GetProperty("headline").GetString());
        var gap = Assert.Single(incidents.GetProperty("volumeGaps").EnumerateArray());
        Assert.Equal((34.0, 150L, 99L, 51L), (gap.GetProperty("gapPercent").GetDouble(), gap.GetProperty("placed").GetInt64(), gap.GetProperty("synced").GetInt64(), gap.GetProperty("missing").GetInt64()));

        var deadLetters = root.GetProperty("deadLetters");
        Assert.Equal(3, deadLetters.GetProperty("total").GetInt32());
        Assert.Equal([("delivery", "customers/update body unreadable", 2), ("write", "HTTP 400: invalid email", 1)], deadLetters.GetProperty("byReason").EnumerateArray()
            .Select(d => (d.GetProperty("kind").GetString(), d.GetProperty("reason").GetString(), d.GetProperty("count").GetInt32())));

        var window = Assert.Single(root.GetProperty("openReviews").GetProperty("windows").EnumerateArray());
        Assert.Equal((open.Id, true), (window.GetProperty("id").GetString(), window.GetProperty("overdue").GetBoolean())); // due 7 days after 2026-11-20

        var page = File.ReadAllText(Path.Combine(output, "fidelity-2026-11.html"));
        Assert.Contains("<h1>Record fidelity, November 2026</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<b>97.0%</b>latest record fidelity", page, StringComparison.Ordinal);
        Assert.Contains("<b>3</b>incidents", page, StringComparison.Ordinal);
        Assert.Contains("<b>3</b>dead letters", page, StringComparison.Ordinal);
        Assert.Contains("<b>1</b>open reviews", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Equal(5, CountOf(page, "<circle")); // both months' checks on the chart
        Assert.Contains("SmtpCommandException: 550 relay denied", page, StringComparison.Ordinal);
        Assert.Contains("Shopify 2027-01 removes order roll-ups", page, StringComparison.Ordinal);
        Assert.Contains("(overdue)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Klaviyo revision 2026-10-15", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Opened in December", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-13", "--month is '2026-13'; give a calendar month as YYYY-MM")]
    [InlineData("November", "--month is 'November'; give a calendar month as YYYY-MM")]
    [InlineData("2999-01", "--month 2999-01 has not begun yet")]
    public async Task A_month_that_is_no_month_or_not_begun_is_refused_with_exit_2_naming_the_option_and_the_form(string month, string message)
    {
        var (exitCode, printed) = await _sigfid.RunAsync("fidelity", "report", "--month", month, "--out", Path.Combine(_sigfid.Folder, "out"));

        Assert.Equal(2, exitCode);
        Assert.Contains(message, printed, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_sigfid.Folder, "out")));
    }

    private static async Task<IReadOnlyList<OutboxAlert>> DriftAsync(SqliteWorkerStore store, DateTimeOffset at, double drift, CheckLevel level, params string[] channels)
    {
        var message = new AlertMessage("drift", "Klaviyo", CheckLevel.Normal, level, drift, drift / 2, drift * 2, 200, 4000, (long)(drift * 2), 2, 5, "/srv/sigfid/drift.html", at).ToJson();
        var (_, queued) = await store.RecordCheckAsync(new CheckRecord(0, at, "drift", "klaviyo", 200, 4000, (long)(drift * 2), drift, drift / 2, drift * 2, level,
            new Dictionary<string, int> { ["TotalSpent"] = (int)(drift * 2) }, $"/srv/sigfid/reports/drift-{at:yyyyMMdd}/drift.html"), _ => [.. channels.Select(c => (c, message))]);
        return queued;
    }

    private static Task VolumeAsync(SqliteWorkerStore store, DateTimeOffset at, double gap, CheckLevel level) =>
        store.RecordCheckAsync(new CheckRecord(0, at, "volume", "klaviyo", 150, 150 - (long)Math.Round(150 * gap / 100), (long)Math.Round(150 * gap / 100),
            gap, gap, gap, level, new Dictionary<string, int>(), $"/srv/sigfid/reports/volume-{at.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}/volume.json"), _ => []);

    private static Task UnreadableAsync(SqliteWorkerStore store, string eventId) => store.RecordDeliveryAsync(
        new DeliveryRecord(eventId, "w-" + eventId, "customers/update", "s.myshopify.com", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            Encoding.UTF8.GetBytes("{oops"), DeliveryDisposition.Unparseable, Reason: "customers/update body unreadable"), []);

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;

    public void Dispose() => _sigfid.Dispose();
}
