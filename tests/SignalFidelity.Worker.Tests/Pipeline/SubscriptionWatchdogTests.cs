using System.Net;
using System.Net.Sockets;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Shopify;
using SignalFidelity.Worker.Pipeline;

namespace SignalFidelity.Worker.Tests.Pipeline;

/// <summary>
/// Shopify deletes an app's subscription after repeated failed deliveries and tells no one. The worker's
/// watchdog, against the sandbox's GraphQL <c>webhookSubscriptions</c>, notices, recreates it and pulls the
/// changes made while it was gone, so they reach the CRM (read from the Klaviyo simulator).
/// </summary>
public sealed class SubscriptionWatchdogTests
{
    [Fact]
    public async Task A_deleted_subscription_is_noticed_recreated_and_the_changes_in_between_reach_the_CRM()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        sandbox.Options.Webhooks.ReorderWindow = TimeSpan.Zero;
        sandbox.Options.Webhooks.CoalesceWindow = TimeSpan.Zero; // delivered at once, well inside the watchdog's interval
        var shop = new SandboxStore(sandbox);
        shop.AddCustomers(3);
        var port = FreePort();
        var webhookUrl = new Uri($"http://127.0.0.1:{port}/webhooks/shopify");
        await using var worker = await RunningWorker.StartAsync(extraArgs:
        [
            .. PipelineTests.SandboxArgs(sandbox),
            "--urls", $"http://127.0.0.1:{port}",
            $"--SignalFidelity:Shopify:WebhookUrl={webhookUrl}",
            "--SignalFidelity:Schedules:SubscriptionCheck=00:00:03",
            "--SignalFidelity:Schedules:Reconciliation=00:00:00", // only the watchdog may fill the gap
            "--SignalFidelity:Schedules:CrmPoll=00:00:00",
        ]);
        var subscriptions = sandbox.Shopify.Store.WebhookSubscriptions;
        await WaitForAsync(() => subscriptions.All.Count == SubscriptionWatchdog.ConsumedTopics.Count, "the watchdog's first run to subscribe every consumed topic");
        Assert.All(subscriptions.All, s => Assert.Equal(webhookUrl, s.Uri));

        shop.PlaceOrder(1, 40m, raiseWebhooks: true);
        await sandbox.Webhooks.DrainAsync(TimeSpan.FromSeconds(20));
        await WaitForAsync(() => shop.Mismatches().Count(m => m.StartsWith("customer1@", StringComparison.Ordinal)) == 0, "the first sale to reach Klaviyo");

        // Shopify drops the subscription the roll-ups arrive on, and a sale happens while it is gone. Should the
        // watchdog's 3-second run fall between the two (it rarely does), the sale is delivered: drop it again.
        var summaryTopic = ShopifyWebhookSubscriptions.EnumOf("customers/purchasing_summary");
        var customer = 1;
        while (!sandbox.Webhooks.Attempts.Any(a => a.Topic == "customers/purchasing_summary" && a.Error?.StartsWith("no subscription", StringComparison.Ordinal) == true))
        {
            Assert.True(++customer <= 3, "the deleted subscription was recreated before every sale could miss it");
            Assert.True(subscriptions.Delete(subscriptions.All.Single(s => s.Topic == summaryTopic).Gid));
            shop.PlaceOrder(customer, 75m, raiseWebhooks: true);
            shop.Shopify.Customer(customer)!.UpdatedAt = sandbox.Clock.GetUtcNow(); // a new order changes the customer's roll-ups, and its updatedAt
            await sandbox.Webhooks.DrainAsync(TimeSpan.FromSeconds(20));
        }

        await WaitForAsync(() => subscriptions.All.Any(s => s.Topic == summaryTopic), "the lost subscription to be recreated");
        // Customers who have not ordered are never synced here (reconciliation is off): only those who did are compared.
        List<string> Mismatches() => [.. shop.Mismatches().Where(m => Enumerable.Range(1, customer).Any(c => m.StartsWith($"customer{c}@", StringComparison.Ordinal)))];
        await WaitForAsync(() => Mismatches().Count == 0, "the gap's changes to reach Klaviyo", TimeSpan.FromSeconds(30), () => string.Join("; ", Mismatches()));
        Assert.Equal(75m, sandbox.Klaviyo.State.Profiles.Single(p => p.Email == $"customer{customer}@store.example").Properties["total_spent"]!.GetValue<decimal>());
    }

    private static async Task WaitForAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? detail = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting for " + what + (detail is null ? string.Empty : ": " + detail()));
            }

            await Task.Delay(100);
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
