using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Sandbox;
using SignalFidelity.Worker.Checks;
using SignalFidelity.Worker.Storage;
using SignalFidelity.Worker.Tests.Crash;
using SignalFidelity.Worker.Tests.Pipeline;

namespace SignalFidelity.Worker.Tests.Checks;

/// <summary>
/// A Slack receiver that answers 500 while the worker runs its scheduled check: the check is in the history, the
/// channel shows as failing on <c>/health</c>, <c>/status</c> and <c>sigfid status</c>, and the worker's own retry delivers
/// the message once the receiver answers again. Real HTTP throughout, a real SQLite store, <c>sigfid</c> as a process.
/// </summary>
public sealed class AlertChannelHealthTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_failing_Slack_channel_degrades_health_and_shows_in_status_and_the_workers_retry_delivers_the_alert_when_it_answers_again()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        new SandboxStore(sandbox).AddCustomers(20);
        await using var slack = new SlackReceiver(SmtpServer.FreePort()) { FailWith = 500 };
        await using var worker = await RunningWorker.StartAsync(extraArgs:
        [
            .. PipelineTests.SandboxArgs(sandbox), $"--SignalFidelity:Alerts:Slack:WebhookUrl={slack.Url}", "--SignalFidelity:Schedules:DriftCheck=",
            "--SignalFidelity:Alerts:RetryAfter=00:00:01", "--SignalFidelity:Alerts:FlushInterval=00:00:00.200",
        ]);
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: true, TimeSpan.FromSeconds(60));
        var before = await HealthAsync(worker);
        Assert.Equal("ok, nothing pending", Describe(Assert.Single(before.GetProperty("alerts").EnumerateArray())));
        foreach (var id in new[] { 4, 11 }) await DriftCheckTests.OverwriteTotalSpentInKlaviyoAsync(sandbox, $"customer{id}@store.example", 1m);

        var job = worker.Services.GetServices<IScheduledCheck>().Single(c => c.Name == ScheduledCheckNames.DriftCheck);
        Assert.Contains("Klaviyo: alert (10.0% drifted), 1 message(s)", await job.RunAsync(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero), default));

        // The check is kept whatever the channel does; the first send and the worker's first retry are refused.
        Assert.Contains(await worker.Store.GetChecksAsync(), c => c.Crm == "klaviyo" && c.Level == CheckLevel.Alert);
        var degraded = await WaitForHealthAsync(worker, h => Reasons(h).Any(r => r.StartsWith("alerts: slack:", StringComparison.Ordinal)));
        Assert.Equal("degraded", degraded.GetProperty("status").GetString());
        var reason = Reasons(degraded).Single(r => r.StartsWith("alerts: slack:", StringComparison.Ordinal));
        Assert.Contains("1 message(s) pending after", reason, StringComparison.Ordinal);
        Assert.Contains("Slack answered 500", reason, StringComparison.Ordinal);
        Assert.Contains("SignalFidelity:Alerts:Slack:WebhookUrl", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("/services/T000", degraded.GetRawText(), StringComparison.Ordinal); // the webhook URL is the credential
        var channel = Assert.Single(degraded.GetProperty("alerts").EnumerateArray());
        Assert.Equal(1, channel.GetProperty("pending").GetInt32());
        Assert.True(channel.GetProperty("attempts").GetInt32() >= 2);
        Assert.NotEqual(JsonValueKind.Null, channel.GetProperty("nextAttemptAt").ValueKind);

        var status = await worker.Client.GetFromJsonAsync<JsonElement>("/status");
        Assert.Equal(1, Assert.Single(status.GetProperty("alertChannels").EnumerateArray()).GetProperty("pending").GetInt32());
        var (exitCode, printed) = await SigfidStatusAsync(worker);
        Assert.Equal(0, exitCode);
        Assert.Matches(@"alert channels\s+slack: 1 message\(s\) pending after \d+ attempt\(s\), next attempt [0-9-]+ [0-9:]+Z, last error: HttpRequestException: Slack answered 500", printed);
        Assert.Empty(slack.Bodies);
        Assert.True(slack.Refused >= 2, $"{slack.Refused} refused");

        slack.FailWith = null;
        var cleared = await WaitForHealthAsync(worker, h => !Reasons(h).Any(r => r.StartsWith("alerts:", StringComparison.Ordinal)));
        Assert.Equal(before.GetProperty("status").GetString(), cleared.GetProperty("status").GetString());
        Assert.Contains($"Drift alert: Klaviyo of {sandbox.Shopify.Store.ShopDomain} at 10.0%", Assert.Single(slack.Bodies), StringComparison.Ordinal); // the shop names itself since one worker may serve several
        Assert.NotNull(Assert.Single(await worker.Store.GetAlertsAsync()).SentAt);
        Assert.Contains("alert channels      slack: ok, nothing pending", (await SigfidStatusAsync(worker)).Output, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output)> SigfidStatusAsync(RunningWorker worker) =>
        SigfidCommand.RunAsync(worker.Folder.FullName, new Dictionary<string, string>
        {
            ["SignalFidelity__Store__Sqlite"] = Path.Combine(worker.Folder.FullName, "worker.db"),
            ["SignalFidelity__Shopify__ShopDomain"] = worker.ShopDomain, // the store keeps each shop's outbox apart
            ["SignalFidelity__Alerts__Slack__WebhookUrl"] = "http://127.0.0.1:9/services/T000/B000/XXXX/",
        }, "status");

    private static string Describe(JsonElement channel) =>
        channel.GetProperty("pending").GetInt32() == 0 && channel.GetProperty("configured").GetBoolean() ? "ok, nothing pending" : channel.GetRawText();

    private static IEnumerable<string> Reasons(JsonElement health) => health.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!);

    private static async Task<JsonElement> HealthAsync(RunningWorker worker)
    {
        using var response = await worker.Client.GetAsync("/health");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> WaitForHealthAsync(RunningWorker worker, Func<JsonElement, bool> until)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var health = await HealthAsync(worker);
            if (until(health)) return health;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("/health never got there: " + health.GetRawText());
            await Task.Delay(100);
        }
    }
}
