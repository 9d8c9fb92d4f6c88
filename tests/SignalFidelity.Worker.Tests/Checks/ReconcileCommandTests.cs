using System.Text.Json;
using SignalFidelity.Core.Mapping;
using SignalFidelity.Sandbox;
using SignalFidelity.Worker.Storage;
using SignalFidelity.Worker.Tests.Crash;

namespace SignalFidelity.Worker.Tests.Checks;

/// <summary>
/// <c>sigfid reconcile</c> as an operator runs it: a real process configured through the environment, reading the
/// sandbox's Shopify (orders created in its store) and Klaviyo (order events recorded through Klaviyo's API) over HTTP.
/// </summary>
public sealed class ReconcileCommandTests : IAsyncLifetime, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sigfid-reconcile-test.");
    private SandboxHost _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxHost.StartAsync(new SandboxOptions());

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task The_counts_per_day_are_the_orders_placed_and_the_events_recorded_and_a_day_losing_a_third_is_an_alert()
    {
        var lossDay = SandboxOrders.LastJudgedDay(DateTimeOffset.UtcNow);
        await using var orders = SandboxOrders.For(_sandbox);
        // Nine days lose nothing; on the last one the CRM misses a third of the orders.
        for (var day = lossDay.AddDays(-9); day < lossDay; day = day.AddDays(1)) await orders.PlaceDayAsync(day);
        await orders.PlaceDayAsync(lossDay, lost: i => i % 3 == 0);

        var (exitCode, output) = await SigfidAsync("reconcile", "--days", "10", "--out", _folder.FullName);

        Assert.True(exitCode == 1, output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folder.FullName, "volume.json")));
        var days = report.RootElement.GetProperty("days").EnumerateArray().ToDictionary(d => DateOnly.Parse(d.GetProperty("day").GetString()!), d => d);
        var placedPerDay = _sandbox.Shopify.Store.Orders.GroupBy(o => DateOnly.FromDateTime(o.CreatedAt.UtcDateTime)).ToDictionary(g => g.Key, g => g.Count());
        var metric = _sandbox.Klaviyo.State.MetricIdByName(KlaviyoNativeIntegration.OrderMetric);
        var eventsPerDay = _sandbox.Klaviyo.State.Events.Where(e => e.MetricId == metric).GroupBy(e => DateOnly.FromDateTime(e.Datetime.UtcDateTime)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, days.Count);
        foreach (var (day, row) in days)
        {
            Assert.Equal(placedPerDay.GetValueOrDefault(day), row.GetProperty("placed").GetInt32());
            Assert.Equal(eventsPerDay.GetValueOrDefault(day), row.GetProperty("synced").GetInt32());
        }

        Assert.True(placedPerDay[lossDay] > eventsPerDay[lossDay]);
        Assert.Equal("alert", days[lossDay].GetProperty("level").GetString());
        Assert.Equal("normal", days[lossDay.AddDays(-1)].GetProperty("level").GetString());
        Assert.Equal("alert", report.RootElement.GetProperty("level").GetString());
        Assert.Equal(lossDay.ToString("yyyy-MM-dd"), report.RootElement.GetProperty("lastJudgedDay").GetString());
        Assert.Contains("level: alert", output);

        // Kept in the history where the worker keeps its own: the last judged day, its gap and its report.
        await using var history = new SqliteWorkerStore(Path.Combine(_folder.FullName, "signalfidelity-worker.db"));
        var kept = Assert.Single(await history.GetChecksAsync());
        Assert.Equal(("volume", "klaviyo", CheckLevel.Alert, Path.Combine(_folder.FullName, "volume.json")), (kept.Kind, kept.Crm, kept.Level, kept.ReportPath));
        Assert.Equal((placedPerDay[lossDay], eventsPerDay[lossDay]), ((int)kept.Sample, (int)kept.Population));
        Assert.Equal(days[lossDay].GetProperty("gapPercent").GetDouble(), kept.DriftPercent, 3);
    }

    [Fact]
    public async Task HubSpot_is_refused_with_the_reason_and_the_flag_to_use()
    {
        var (exitCode, output) = await SigfidAsync("reconcile", "--crm", "hubspot", "--out", _folder.FullName);

        Assert.Equal(2, exitCode);
        Assert.Contains("HubSpot keeps no order events here", output);
        Assert.Contains("--crm klaviyo", output);
    }

    [Fact]
    public async Task With_alert_a_gap_crossing_into_alert_sends_one_Slack_message_and_one_email_none_while_it_holds_and_one_recovery()
    {
        var day = SandboxOrders.LastJudgedDay(DateTimeOffset.UtcNow);
        await using var orders = SandboxOrders.For(_sandbox);
        for (var d = day.AddDays(-7); d <= day; d = d.AddDays(1)) await orders.PlaceDayAsync(d);
        await using var slack = new SlackReceiver(SmtpServer.FreePort());
        using var smtp = await SmtpServer.StartAsync();
        var channels = new Dictionary<string, string>
        {
            ["SignalFidelity__Alerts__Slack__WebhookUrl"] = slack.Url.ToString(),
            ["SignalFidelity__Alerts__Email__Host"] = "127.0.0.1",
            ["SignalFidelity__Alerts__Email__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SignalFidelity__Alerts__Email__UseTls"] = "false",
            ["SignalFidelity__Alerts__Email__From"] = "sigfid@shop.example",
            ["SignalFidelity__Alerts__Email__To"] = "founder@shop.example",
        };
        Task<(int ExitCode, string Output)> Reconcile(params string[] extra) => SigfidAsync(channels, ["reconcile", "--days", "2", "--out", _folder.FullName, .. extra]);

        var (exitCode, output) = await Reconcile("--alert"); // the first check, normal: a shop that starts healthy gets no message
        Assert.True(exitCode == 0, output);
        Assert.Contains("0 alert message(s) queued", output);

        var lost = await orders.PlaceDayAsync(day, lost: _ => true); // a burst of orders the CRM never sees
        (exitCode, output) = await Reconcile("--alert");
        Assert.True(exitCode == 1, output);
        var message = JsonDocument.Parse(Assert.Single(slack.Bodies)).RootElement;
        var (placed, synced) = (_sandbox.Shopify.Store.Orders.Count(o => DateOnly.FromDateTime(o.CreatedAt.UtcDateTime) == day), _sandbox.Klaviyo.State.Events.Count(e => DateOnly.FromDateTime(e.Datetime.UtcDateTime) == day));
        var gap = (100.0 * (placed - synced) / placed).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
        Assert.StartsWith("Volume alert: Klaviyo", message.GetProperty("text").GetString());
        Assert.Contains($"is missing {gap} of {day:yyyy-MM-dd}'s orders", message.GetProperty("text").GetString());
        var blocks = string.Join("\n", Strings(message.GetProperty("blocks")));
        Assert.Contains($"{placed} placed in Shopify, {synced} reached Klaviyo", blocks);
        Assert.Contains("normal -> alert", blocks);
        Assert.Contains(Path.Combine(_folder.FullName, "volume.json"), blocks);
        var mail = Assert.Single(smtp.Messages());
        Assert.Contains("Subject: Volume alert", mail);
        Assert.Contains("founder@shop.example", mail);

        (exitCode, output) = await Reconcile("--alert"); // the same level the next day: stored, not announced
        Assert.True(exitCode == 1, output);
        Assert.Single(slack.Bodies);
        Assert.Single(smtp.Messages());

        foreach (var order in lost) await orders.ReachCrmAsync(order); // the connector catches up
        (exitCode, output) = await Reconcile("--alert");
        Assert.True(exitCode == 0, output);
        Assert.Equal(2, slack.Bodies.Count);
        Assert.StartsWith("Volume recovered: Klaviyo", JsonDocument.Parse(slack.Bodies[1]).RootElement.GetProperty("text").GetString());
        Assert.Contains("Subject: Volume recovered", string.Join("\n", smtp.Messages()));
        Assert.Equal(2, smtp.Messages().Count);

        await orders.PlaceDayAsync(day, lost: _ => true); // without --alert the change is stored, not sent
        (exitCode, output) = await Reconcile();
        Assert.True(exitCode == 1, output);
        Assert.Equal(2, slack.Bodies.Count);
        await using var history = new SqliteWorkerStore(Path.Combine(_folder.FullName, "signalfidelity-worker.db"));
        Assert.Equal([CheckLevel.Normal, CheckLevel.Alert, CheckLevel.Alert, CheckLevel.Normal, CheckLevel.Alert], (await history.GetChecksAsync()).Select(c => c.Level));
        Assert.Equal(4, (await history.GetAlertsAsync()).Count);
    }

    // Every string in a Block Kit payload, unescaped (the JSON writer escapes '>' and the like).
    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };

    private Task<(int ExitCode, string Output)> SigfidAsync(params string[] arguments) => SigfidAsync(new Dictionary<string, string>(), arguments);

    private Task<(int ExitCode, string Output)> SigfidAsync(IReadOnlyDictionary<string, string> extra, params string[] arguments) =>
        SigfidCommand.RunAsync(_folder.FullName, new Dictionary<string, string>(extra)
        {
            ["SignalFidelity__Shopify__AdminBaseUrl"] = _sandbox.ShopifyBaseUrl.ToString(),
            ["SignalFidelity__Shopify__AccessToken"] = _sandbox.ShopifyAccessToken,
            ["SignalFidelity__Klaviyo__BaseUrl"] = _sandbox.KlaviyoBaseUrl.ToString(),
            ["SignalFidelity__Klaviyo__ApiKey"] = _sandbox.KlaviyoApiKey,
        }, arguments);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
