using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Sandbox;
using SignalFidelity.Worker.Alerts;
using SignalFidelity.Worker.Checks;
using SignalFidelity.Worker.Pipeline;
using SignalFidelity.Worker.Storage;
using SignalFidelity.Worker.Tests.Pipeline;

namespace SignalFidelity.Worker.Tests.Checks;

/// <summary>The alert rule end to end: live checks against the sandbox, a Slack receiver on loopback, a real SMTP server.</summary>
public sealed class DriftAlertTests
{
    [Fact]
    public async Task The_alert_goes_out_once_on_crossing_5_percent_not_again_at_the_same_level_and_a_recovery_follows_the_repair()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var shop = new SandboxStore(sandbox);
        shop.AddCustomers(40);
        await using var worker = await RunningWorker.StartAsync(extraArgs: PipelineTests.SandboxArgs(sandbox));
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: true, TimeSpan.FromSeconds(60));
        await using var slack = new SlackReceiver(SmtpServer.FreePort());
        using var smtp = await SmtpServer.StartAsync();
        var options = new AlertOptions
        {
            Slack = { WebhookUrl = slack.Url.ToString() },
            Email = { Host = "127.0.0.1", Port = smtp.Port, UseTls = false, From = "sigfid@shop.example", To = "founder@shop.example" },
        };
        using var http = new HttpClient();
        var alerts = new DriftAlerts(worker.Store, DriftAlerts.ChannelsOf(options, http), options);
        var check = worker.Services.GetRequiredService<DriftCheck>();
        var folder = worker.Folder.FullName;

        // 3 of 40 drifted: 7.5%, above the alert line.
        foreach (var id in new[] { 5, 12, 33 }) await DriftCheckTests.OverwriteTotalSpentInKlaviyoAsync(sandbox, $"customer{id}@store.example", 1234.5m);
        var first = await alerts.RecordAsync(await RunAsync(check, folder, "week1"), alert: true, default);
        Assert.Equal(CheckLevel.Alert, first.Check.Level);
        Assert.Single(slack.Bodies);
        Assert.Contains("Drift alert", slack.Bodies[0]);
        Assert.Contains($"Klaviyo of {sandbox.Shopify.Store.ShopDomain} at 7.5%", slack.Bodies[0]); // one worker may serve several shops
        Assert.Contains("\"blocks\"", slack.Bodies[0]);
        Assert.Contains("7.5%", slack.Bodies[0]);
        Assert.All(await worker.Store.GetAlertsAsync(), a => Assert.True(a.SentAt is not null, a.Channel + ": " + a.LastError));
        var mail = Assert.Single(smtp.Messages());
        Assert.Contains("Subject: Drift alert", mail);
        Assert.Contains("founder@shop.example", mail);

        // The same level a week later: stored, not announced.
        var second = await alerts.RecordAsync(await RunAsync(check, folder, "week2"), alert: true, default);
        Assert.Equal(CheckLevel.Alert, second.Check.Level);
        Assert.Empty(second.Queued);
        Assert.Single(slack.Bodies);
        Assert.Single(smtp.Messages());

        // The repair re-asserts Shopify's values through the ledger and the dispatcher; the next check recovers.
        await worker.Services.GetRequiredService<Reconciler>().RunAsync(full: true, default);
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: true, TimeSpan.FromSeconds(60));
        var third = await alerts.RecordAsync(await RunAsync(check, folder, "week3"), alert: true, default);
        Assert.Equal(CheckLevel.Normal, third.Check.Level);
        Assert.Equal(2, slack.Bodies.Count);
        Assert.Contains("Drift recovered", slack.Bodies[1]);
        Assert.Equal(2, smtp.Messages().Count);
        Assert.Equal(3, (await worker.Store.GetChecksAsync()).Count);
    }

    [Fact]
    public async Task The_scheduled_drift_check_measures_every_connected_CRM_stores_it_and_alerts_through_the_configured_channel()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var shop = new SandboxStore(sandbox);
        shop.AddCustomers(20);
        await using var slack = new SlackReceiver(SmtpServer.FreePort());
        await using var worker = await RunningWorker.StartAsync(extraArgs:
            [.. PipelineTests.SandboxArgs(sandbox), $"--SignalFidelity:Alerts:Slack:WebhookUrl={slack.Url}", "--SignalFidelity:Schedules:DriftCheck="]);
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: true, TimeSpan.FromSeconds(60));
        foreach (var id in new[] { 3, 7 }) await DriftCheckTests.OverwriteTotalSpentInKlaviyoAsync(sandbox, $"customer{id}@store.example", 1m);

        var job = worker.Services.GetServices<IScheduledCheck>().Single(c => c.Name == ScheduledCheckNames.DriftCheck);
        var line = await job.RunAsync(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero), default);

        Assert.Contains("Klaviyo: alert (10.0% drifted)", line); // 2 of 20, changed in Klaviyo only
        Assert.Contains("HubSpot: normal (0.0% drifted)", line);
        var checks = await worker.Store.GetChecksAsync();
        Assert.Equal([("klaviyo", CheckLevel.Alert), ("hubspot", CheckLevel.Normal)], checks.Select(c => (c.Crm, c.Level)).OrderByDescending(c => c.Crm));
        Assert.All(checks, c => Assert.True(File.Exists(c.ReportPath), c.ReportPath));
        Assert.Contains("drift-klaviyo-20261207T0600Z", checks.Single(c => c.Crm == "klaviyo").ReportPath);
        Assert.Single(slack.Bodies); // HubSpot stayed normal: nothing to announce
        Assert.Contains("Drift alert", slack.Bodies[0]);
    }

    [Fact]
    public async Task A_channel_that_is_down_keeps_the_check_in_history_and_its_message_is_retried_until_it_goes_out()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var shop = new SandboxStore(sandbox);
        shop.AddCustomers(20);
        await using var worker = await RunningWorker.StartAsync(extraArgs: PipelineTests.SandboxArgs(sandbox));
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: true, TimeSpan.FromSeconds(60));
        var port = SmtpServer.FreePort(); // nothing listens there yet: the receiver is down
        var options = new AlertOptions { Slack = { WebhookUrl = $"http://127.0.0.1:{port}/services/T000/B000/XXXX/" }, RetryAfter = TimeSpan.Zero };
        using var http = new HttpClient();
        var alerts = new DriftAlerts(worker.Store, DriftAlerts.ChannelsOf(options, http), options);

        await DriftCheckTests.OverwriteTotalSpentInKlaviyoAsync(sandbox, "customer2@store.example", 1m);
        await DriftCheckTests.OverwriteTotalSpentInKlaviyoAsync(sandbox, "customer9@store.example", 1m);
        var stored = await alerts.RecordAsync(await RunAsync(worker.Services.GetRequiredService<DriftCheck>(), worker.Folder.FullName, "down"), alert: true, default);

        Assert.Equal(CheckLevel.Alert, stored.Check.Level); // 2 of 20: 10%
        Assert.Single(await worker.Store.GetChecksAsync());
        var pending = Assert.Single(await worker.Store.GetAlertsAsync());
        Assert.Null(pending.SentAt);
        Assert.Equal(1, pending.Attempts);
        Assert.NotNull(pending.LastError);

        await using var slack = new SlackReceiver(port);
        Assert.Equal(0, await alerts.FlushAsync(default));
        Assert.Contains("Drift alert", Assert.Single(slack.Bodies));
        var sent = Assert.Single(await worker.Store.GetAlertsAsync());
        Assert.NotNull(sent.SentAt);
        Assert.Equal(2, sent.Attempts);
    }

    private static Task<DriftCheckResult> RunAsync(DriftCheck check, string folder, string week) =>
        check.RunAsync(new DriftCheckOptions { Crm = SyncSystem.Klaviyo, SampleSize = null, OutputDirectory = Path.Combine(folder, week) });
}
