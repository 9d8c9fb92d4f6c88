using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Audit.Listings;
using SignalFidelity.Sandbox;
using SignalFidelity.Worker.Alerts;
using SignalFidelity.Worker.Checks;
using SignalFidelity.Worker.Pipeline;
using SignalFidelity.Worker.Tests.Pipeline;

namespace SignalFidelity.Worker.Tests.Checks;

/// <summary>
/// "Contested at run time" with real checks: an outside writer overwrites the same Klaviyo profile through Klaviyo's API
/// before two checks, healed in between; the second check's report and its alert name the customer and the field.
/// </summary>
public sealed class ContestedAtRunTimeTests
{
    [Fact]
    public async Task A_customer_overwritten_again_after_the_heal_is_flagged_in_the_next_report_and_its_alert_naming_the_field_and_a_new_one_is_not()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var shop = new SandboxStore(sandbox);
        shop.AddCustomers(20);
        for (var i = 1; i <= 20; i++) shop.PlaceOrder(i, 25m + i, raiseWebhooks: false);
        await using var worker = await RunningWorker.StartAsync(extraArgs: PipelineTests.SandboxArgs(sandbox));
        await PipelineTests.WaitUntilDrainedAsync(worker.Client, requireReconciliation: true, TimeSpan.FromSeconds(60));
        await using var slack = new SlackReceiver(SmtpServer.FreePort());
        var options = new AlertOptions { Slack = { WebhookUrl = slack.Url.ToString() } };
        using var http = new HttpClient();
        var alerts = new DriftAlerts(worker.Store, DriftAlerts.ChannelsOf(options, http), options);
        var check = worker.Services.GetRequiredService<DriftCheck>();

        // Week 1: the loyalty app overwrites customer 6 in Klaviyo; 1 of 20 is 5%, a warning, nothing contested yet.
        await DriftCheckTests.OverwriteTotalSpentInKlaviyoAsync(sandbox, "customer6@store.example", 777m);
        var week1 = await alerts.RecordAsync(await RunAsync(check, worker, "week1"), alert: true, default);
        Assert.Empty(week1.Contested);
        Assert.Empty(Json(worker, "week1").GetProperty("contestedAtRunTime").EnumerateArray());
        var drifted = Assert.Single(DriftedListing.Read(Path.Combine(worker.Folder.FullName, "week1", "drifted.csv")).Rows);
        Assert.DoesNotContain("Contested at run time", Assert.Single(slack.Bodies), StringComparison.Ordinal);

        // The heal puts Shopify's value back...
        var heal = await new Healer(worker.Services.GetRequiredService<Reconciler>(), check, worker.Store)
            .HealAsync(Path.Combine(worker.Folder.FullName, "week1", "drifted.csv"), TimeSpan.FromSeconds(60), Path.Combine(worker.Folder.FullName, "heal"));
        Assert.True(heal.AllHealed, string.Join("; ", heal.Customers.SelectMany(c => c.Reasons)));

        // ...and the app overwrites it again before week 2, when customer 13 drifts for the first time: 2 of 20, an alert.
        await DriftCheckTests.OverwriteTotalSpentInKlaviyoAsync(sandbox, "customer6@store.example", 778m);
        await DriftCheckTests.OverwriteTotalSpentInKlaviyoAsync(sandbox, "customer13@store.example", 5m);
        var week2 = await alerts.RecordAsync(await RunAsync(check, worker, "week2"), alert: true, default);

        var contest = Assert.Single(week2.Contested);
        Assert.Equal((drifted.CustomerId, drifted.Field), (contest.CustomerId, Assert.Single(contest.Fields)));
        Assert.Equal(week1.Check.RanAt, contest.EarlierCheckAt);
        var json = Json(worker, "week2");
        var flagged = Assert.Single(json.GetProperty("contestedAtRunTime").EnumerateArray());
        Assert.Equal(drifted.CustomerId, flagged.GetProperty("customer").GetString());
        Assert.Equal([drifted.Field], flagged.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(2, json.GetProperty("driftedCount").GetInt32()); // the audit's keys are all still there
        Assert.True(json.TryGetProperty("perField", out _));
        var page = File.ReadAllText(Path.Combine(worker.Folder.FullName, "week2", "drift.md"));
        Assert.Contains("## Contested at run time", page, StringComparison.Ordinal);
        Assert.Contains($"| {drifted.CustomerId} | {drifted.Field} |", page, StringComparison.Ordinal);
        Assert.Contains("Contested at run time", File.ReadAllText(Path.Combine(worker.Folder.FullName, "week2", "drift.html")), StringComparison.Ordinal);

        Assert.Equal(2, slack.Bodies.Count); // warning -> alert
        var message = slack.Bodies[1];
        Assert.Contains("Drift alert", message, StringComparison.Ordinal);
        Assert.Contains($"Contested at run time (drifted again within 2 checks", message, StringComparison.Ordinal);
        Assert.Contains($"customer {drifted.CustomerId}: {drifted.Field}", message, StringComparison.Ordinal);
        var newcomer = DriftedListing.Read(Path.Combine(worker.Folder.FullName, "week2", "drifted.csv")).Rows.Single(r => r.CustomerId != drifted.CustomerId);
        Assert.DoesNotContain($"customer {newcomer.CustomerId}:", message, StringComparison.Ordinal);
    }

    private static Task<DriftCheckResult> RunAsync(DriftCheck check, RunningWorker worker, string week) =>
        check.RunAsync(new DriftCheckOptions { Crm = SyncSystem.Klaviyo, SampleSize = null, OutputDirectory = Path.Combine(worker.Folder.FullName, week) });

    private static JsonElement Json(RunningWorker worker, string week) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(worker.Folder.FullName, week, "drift.json"))).RootElement;
}
