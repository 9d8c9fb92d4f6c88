using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Sandbox;
using SignalFidelity.Worker.Checks;
using SignalFidelity.Worker.Storage;
using SignalFidelity.Worker.Tests.Pipeline;

namespace SignalFidelity.Worker.Tests.Checks;

/// <summary>
/// The worker's scheduled volume check announces by the drift check's rule: its job as the worker registers it, the
/// sandbox's Shopify and Klaviyo over HTTP, a Slack receiver on loopback and a real SMTP server.
/// </summary>
public sealed class VolumeAlertTests
{
    [Fact]
    public async Task The_scheduled_volume_check_sends_one_message_per_channel_into_alert_none_while_it_holds_and_one_recovery()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var day = SandboxOrders.LastJudgedDay(DateTimeOffset.UtcNow);
        await using var orders = SandboxOrders.For(sandbox);
        for (var d = day.AddDays(-7); d <= day; d = d.AddDays(1)) await orders.PlaceDayAsync(d);
        await using var slack = new SlackReceiver(SmtpServer.FreePort());
        using var smtp = await SmtpServer.StartAsync();
        await using var worker = await RunningWorker.StartAsync(extraArgs:
        [
            .. PipelineTests.SandboxArgs(sandbox), $"--SignalFidelity:Alerts:Slack:WebhookUrl={slack.Url}",
            "--SignalFidelity:Alerts:Email:Host=127.0.0.1", $"--SignalFidelity:Alerts:Email:Port={smtp.Port}", "--SignalFidelity:Alerts:Email:UseTls=false",
            "--SignalFidelity:Alerts:Email:From=sigfid@shop.example", "--SignalFidelity:Alerts:Email:To=founder@shop.example",
        ]);
        var job = worker.Services.GetServices<IScheduledCheck>().Single(c => c.Name == ScheduledCheckNames.VolumeCheck);
        var due = new DateTimeOffset(2026, 12, 3, 5, 0, 0, TimeSpan.Zero);

        Assert.StartsWith("normal", await job.RunAsync(due, default)); // the first check, normal: nothing to announce
        Assert.Empty(slack.Bodies);

        var lost = await orders.PlaceDayAsync(day, lost: _ => true);
        var line = await job.RunAsync(due.AddDays(1), default);
        Assert.StartsWith("alert", line);
        Assert.Contains("2 message(s)", line);
        var text = JsonDocument.Parse(Assert.Single(slack.Bodies)).RootElement.GetProperty("text").GetString();
        Assert.StartsWith($"Volume alert: Klaviyo of {sandbox.Shopify.Store.ShopDomain} is missing", text);
        Assert.Contains($"of {day:yyyy-MM-dd}'s orders", text);
        Assert.Contains("volume-20261204T0500Z", slack.Bodies[0]); // the path of the report
        Assert.Contains("Subject: Volume alert", Assert.Single(smtp.Messages()));

        Assert.Contains("0 message(s)", await job.RunAsync(due.AddDays(2), default)); // the level holds
        Assert.Single(slack.Bodies);
        Assert.Single(smtp.Messages());

        foreach (var order in lost) await orders.ReachCrmAsync(order);
        Assert.StartsWith("normal", await job.RunAsync(due.AddDays(3), default));
        Assert.Equal(2, slack.Bodies.Count);
        Assert.StartsWith("Volume recovered", JsonDocument.Parse(slack.Bodies[1]).RootElement.GetProperty("text").GetString());
        Assert.Equal(2, smtp.Messages().Count);
        Assert.All(await worker.Store.GetAlertsAsync(), a => Assert.True(a.SentAt is not null, a.Channel + ": " + a.LastError));
        Assert.Equal([CheckLevel.Normal, CheckLevel.Alert, CheckLevel.Alert, CheckLevel.Normal],
            (await worker.Store.GetChecksAsync()).Where(c => c.Kind == VolumeCheck.Kind).Select(c => c.Level));
    }

    [Fact]
    public void A_headline_over_Slacks_150_character_header_limit_is_cut_in_the_header_and_kept_whole_as_the_notification_text()
    {
        var message = new Alerts.AlertMessage(VolumeCheck.Kind, "Klaviyo", CheckLevel.Normal, CheckLevel.Alert, 47.8, 47.8, 47.8, 23, 12, 11, 2, 5,
            "/srv/sigfid/reports/volume-20261207T0500Z/volume.json", DateTimeOffset.UtcNow)
        {
            Shop = "a-shop-with-a-very-long-name-for-its-many-regional-storefronts.myshopify.com", Day = "2026-12-06", UsualGapPercent = 0.4,
        };

        var body = Alerts.SlackAlertChannel.Body(message);

        var header = body["blocks"]![0]!["text"]!["text"]!.GetValue<string>();
        Assert.True(message.Headline.Length > 150, message.Headline);
        Assert.Equal(150, header.Length);
        Assert.StartsWith(header[..^1], message.Headline);
        Assert.Equal(message.Headline, body["text"]!.GetValue<string>());
    }
}
