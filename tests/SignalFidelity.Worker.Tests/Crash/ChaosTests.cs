using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;
using SignalFidelity.Sandbox;
using SignalFidelity.Worker.Tests.Pipeline;

namespace SignalFidelity.Worker.Tests.Crash;

/// <summary>
/// A sale under every fault at once: thousands of webhook deliveries with duplicates and reordering,
/// Klaviyo answering 429 storms, 5xx and cut connections, and the worker process killed with SIGKILL
/// mid-stream and started again. Drained, every Klaviyo profile equals Shopify's truth, nothing was
/// dead-lettered, and every acknowledged event was stored once. Reconciliation is off, so the webhook
/// path alone has to be right.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sigfid-chaos-test.");

    [Fact]
    public async Task A_faulty_sale_with_a_killed_worker_drains_to_a_CRM_equal_to_Shopify()
    {
        const int customers = 200;
        const int rounds = 8;
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Seed = 7 });
        var webhooks = sandbox.Options.Webhooks;
        webhooks.DuplicateRate = 0.2;
        webhooks.ReorderWindow = TimeSpan.FromSeconds(1);
        webhooks.CoalesceWindow = TimeSpan.Zero;
        webhooks.RetrySchedule = [.. Enumerable.Repeat(TimeSpan.FromMilliseconds(500), 4), .. Enumerable.Repeat(TimeSpan.FromSeconds(2), 4)];
        var faults = sandbox.Options.KlaviyoFaults;
        faults.ThrottleRate = 0.25;
        faults.ServerErrorRate = 0.15;
        faults.DropRate = 0.03;
        var shop = new SandboxStore(sandbox);
        shop.AddCustomers(customers);

        var environment = new Dictionary<string, string>
        {
            ["SignalFidelity__Shopify__WebhookSecret"] = sandbox.ShopifyWebhookSecret,
            ["SignalFidelity__Shopify__ShopDomain"] = sandbox.Shopify.Store.ShopDomain,
            ["SignalFidelity__Store__Sqlite"] = Path.Combine(_folder.FullName, "worker.db"),
            ["SignalFidelity__Shopify__AdminBaseUrl"] = sandbox.ShopifyBaseUrl.ToString(),
            ["SignalFidelity__Shopify__AccessToken"] = sandbox.ShopifyAccessToken,
            ["SignalFidelity__Klaviyo__BaseUrl"] = sandbox.KlaviyoBaseUrl.ToString(),
            ["SignalFidelity__Klaviyo__ApiKey"] = sandbox.KlaviyoApiKey,
            ["SignalFidelity__HubSpot__BaseUrl"] = sandbox.HubSpotBaseUrl.ToString(),
            ["SignalFidelity__HubSpot__AccessToken"] = sandbox.HubSpotAccessToken,
            ["SignalFidelity__Schedules__Reconciliation"] = "00:00:00",
            ["SignalFidelity__Schedules__CrmPoll"] = "00:00:00",
            ["SignalFidelity__Dispatch__IdlePoll"] = "00:00:00.050",
            ["SignalFidelity__Dispatch__Lease"] = "00:00:03",
            ["SignalFidelity__Dispatch__FirstBackoff"] = "00:00:00.100",
            ["SignalFidelity__Dispatch__MaxBackoff"] = "00:00:01",
            ["SignalFidelity__Dispatch__MaxAttempts"] = "100",
            ["SignalFidelity__Dispatch__BatchSize"] = "40", // profile-import only (the backfill test covers bulk jobs), so Klaviyo's faults hit many requests
            ["SignalFidelity__Dispatch__BulkThreshold"] = "1000",
        };
        var worker = await WorkerProcess.StartAsync(environment);
        var port = worker.BaseAddress.Port;
        webhooks.TargetUrl = new Uri(worker.BaseAddress, "/webhooks/shopify");
        try
        {
            for (var round = 0; round < rounds; round++)
            {
                if (round == 2)
                {
                    faults.StormUntil = sandbox.Clock.GetUtcNow().AddSeconds(2); // a 429 storm as the sale peaks
                }

                for (var customer = 1; customer <= customers; customer++)
                {
                    if ((customer + round) % 3 != 0)
                    {
                        shop.PlaceOrder(customer, 7m + customer % 50 + round, raiseWebhooks: true);
                    }
                }

                if (round == rounds / 2)
                {
                    await worker.KillAsync(); // SIGKILL mid-stream: in-flight requests and claimed writes die with it
                    await Task.Delay(500);
                    worker = await WorkerProcess.StartAsync(environment, port);
                }

                await Task.Delay(200);
            }

            await sandbox.Webhooks.DrainAsync(TimeSpan.FromSeconds(90));
            faults.Clear();
            using var client = new HttpClient { BaseAddress = worker.BaseAddress };
            await PipelineTests.WaitUntilDrainedAsync(client, requireReconciliation: false, TimeSpan.FromSeconds(60));

            var attempts = sandbox.Webhooks.Attempts;
            var acknowledgedEvents = attempts.Where(a => a.Status == 200).Select(a => a.EventId).ToHashSet();
            var raisedEvents = attempts.Select(a => a.EventId).ToHashSet();
            output.WriteLine($"deliveries attempted {attempts.Count}, refused or failed {attempts.Count(a => a.Status != 200)}, events {raisedEvents.Count}");
            foreach (var group in attempts.Where(a => a.Status != 200).GroupBy(a => (a.Status, a.Error?.Split(':')[0])))
            {
                output.WriteLine($"  delivery answer {group.Key}: {group.Count()}");
            }

            output.WriteLine($"Klaviyo: {sandbox.Traffic.TotalRequests("klaviyo")} requests, {sandbox.Traffic.TotalThrottled("klaviyo")} answered 429");
            foreach (var (operation, counters) in sandbox.Traffic.Snapshot().Where(kv => kv.Key.StartsWith("klaviyo", StringComparison.Ordinal)))
            {
                output.WriteLine($"  {operation}: {counters.Requests} requests, {counters.Throttled} throttled, {counters.Faulted} faulted");
            }

            Assert.Equal(0, sandbox.Webhooks.GivenUpEvents);
            Assert.True(sandbox.Traffic.TotalThrottled("klaviyo") > 0, "no 429 reached the worker");
            Assert.Equal(raisedEvents.Count, acknowledgedEvents.Count); // every event got its 200 in the end
            Assert.True(attempts.Count > 2_000, $"only {attempts.Count} deliveries were attempted");
            Assert.Contains(attempts, a => a.Status != 200); // the kill really cost deliveries

            var status = await client.GetFromJsonAsync<JsonElement>("/status");
            Assert.Equal(acknowledgedEvents.Count, status.GetProperty("deliveries").GetInt64()); // each event stored once, duplicates not
            Assert.Equal(0, status.GetProperty("deadLetters").GetInt64());
            Assert.Empty(shop.Mismatches());
        }
        finally
        {
            await worker.DisposeAsync();
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
