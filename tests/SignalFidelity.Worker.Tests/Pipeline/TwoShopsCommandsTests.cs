using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Shopify;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Pipeline;
using SignalFidelity.Worker.Tests.Crash;

namespace SignalFidelity.Worker.Tests.Pipeline;

/// <summary>
/// A further shop verified end to end over real HTTP (two sandboxes, each a Shopify shop with its own Klaviyo and HubSpot):
/// its purchasing_summary's lastOrderId is read through its own Admin API (shop A holds an order with the same id and
/// another date), <c>/health</c> names its subscription watchdog, and <c>sigfid drift|webhooks --shop B</c> read its
/// Shopify and CRM and keep the check in its history only.
/// </summary>
public sealed class TwoShopsCommandsTests
{
    private const string ShopB = "second-sandbox.myshopify.com";
    private const string EmailA = "customer1@store.example";
    private const string EmailB = "pat1@second-shop.example";

    [Fact]
    public async Task Shop_B_resolves_through_its_own_Admin_API_and_its_commands_read_its_own_vendors()
    {
        await using var sandboxA = await SandboxHost.StartAsync(new SandboxOptions());
        var optionsB = new SandboxOptions { Seed = 7 };
        optionsB.Shopify.ShopDomain = ShopB;
        await using var sandboxB = await SandboxHost.StartAsync(optionsB);
        var shopA = new SandboxStore(sandboxA);
        shopA.AddCustomers(2);
        TwoShopsTests.AddOtherPeople(sandboxB.Shopify.Store, sandboxB.Clock.GetUtcNow());
        var shopB = new SandboxStore(sandboxB);
        foreach (var sandbox in new[] { sandboxA, sandboxB })
        {
            sandbox.Options.Webhooks.ReorderWindow = TimeSpan.FromMilliseconds(100);
        }

        var port = SubscriptionWatchdogTests.FreePort();
        var webhookUrl = new Uri($"http://127.0.0.1:{port}/webhooks/shopify");
        string[] args =
        [
            .. PipelineTests.SandboxArgs(sandboxA), .. TwoShopsTests.ShopArgs(sandboxB),
            $"--SignalFidelity:Shopify:WebhookUrl={webhookUrl}",
            "--SignalFidelity:Schedules:SubscriptionCheck=01:00:00", // once, at start: the test removes a subscription later
            "--SignalFidelity:Schedules:Reconciliation=00:00:00", // the dates must come from the deliveries, not a pull
        ];
        await using var worker = await RunningWorker.StartAsync(extraArgs: ["--urls", $"http://127.0.0.1:{port}", .. args]);

        // /health: one watchdog per shop, each having subscribed its shop's topics to this worker.
        var webhooks = await WaitForWatchdogsAsync(worker.Client);
        var b = Assert.Single(webhooks, w => w.GetProperty("shop").GetString() == ShopB);
        Assert.True(b.GetProperty("complete").GetBoolean(), b.ToString());
        Assert.Equal(SubscriptionWatchdog.ConsumedTopics.Count, sandboxB.Shopify.Store.WebhookSubscriptions.All.Count);

        // Both shops have an order 5000001 of customer 1, on different days; A's is read (and cached) first.
        var now = WholeSeconds(sandboxA.Clock.GetUtcNow());
        RaiseCreated(sandboxA, shopA.Shopify, 1);
        RaiseCreated(sandboxB, shopB.Shopify, 1);
        await DrainAsync(worker, sandboxA, sandboxB);
        var orderA = shopA.PlaceOrder(1, 30m, raiseWebhooks: true, createdAt: now.AddDays(-20));
        await DrainAsync(worker, sandboxA, sandboxB);
        var olderB = shopB.PlaceOrder(1, 50m, raiseWebhooks: true, createdAt: now.AddDays(-10));
        var newerB = shopB.PlaceOrder(1, 70m, raiseWebhooks: true, createdAt: now.AddDays(-1));
        await DrainAsync(worker, sandboxA, sandboxB);
        Assert.Equal(orderA, olderB);

        // B's newest order goes: its summary names B's order 5000001, whose date only B's Admin API knows.
        shopB.DeleteOrder(newerB);
        await DrainAsync(worker, sandboxA, sandboxB);
        Assert.Equal(shopB.Shopify.Order(olderB)!.CreatedAt, await LastOrderDateAsync(sandboxB, EmailB));
        Assert.Equal(shopA.Shopify.Order(orderA)!.CreatedAt, await LastOrderDateAsync(sandboxA, EmailA));
        Assert.Equal(0L, worker.Services.GetRequiredService<ReferenceResolver>().Unresolved);

        // sigfid drift --shop B: B's one customer, found in B's Klaviyo; the check is in B's history, not A's.
        var environment = EnvironmentOf(args, worker.Folder.FullName);
        var report = Path.Combine(worker.Folder.FullName, "drift-b");
        var drift = await SigfidCommand.RunAsync(worker.Folder.FullName, environment, "drift", "--crm", "klaviyo", "--sample", "all", "--shop", ShopB, "--out", report);
        Assert.True(drift.ExitCode == 0, drift.Output);
        var checkB = Assert.Single(await worker.Store.ForShop(ShopB).GetChecksAsync(), c => c.ReportPath.StartsWith(report, StringComparison.Ordinal));
        Assert.Equal((3L, 3L), (checkB.Population, checkB.Sample)); // B's three customers (A has two)
        // Only the two B never delivered are missing: pat1 was found in B's Klaviyo (A's knows nobody of B's).
        var missing = File.ReadAllLines(Path.Combine(report, "missing.csv")).Skip(1).Select(l => l.Split(',')[1]).ToList();
        Assert.Equal(["pat2@second-shop.example", "pat3@second-shop.example"], missing);
        Assert.DoesNotContain(await worker.Store.GetChecksAsync(), c => c.ReportPath.StartsWith(report, StringComparison.Ordinal));
        var unknown = await SigfidCommand.RunAsync(worker.Folder.FullName, environment, "drift", "--crm", "klaviyo", "--shop", "nobody.myshopify.com");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains($"--shop nobody.myshopify.com is not a shop this worker serves ({sandboxA.Shopify.Store.ShopDomain}, {ShopB})", unknown.Output, StringComparison.Ordinal);

        // sigfid webhooks check --shop B: Shopify drops one of B's subscriptions; B's check sees it, A's does not.
        var dropped = sandboxB.Shopify.Store.WebhookSubscriptions.All.Single(s => s.Topic == ShopifyWebhookSubscriptions.EnumOf("customers/update"));
        Assert.True(sandboxB.Shopify.Store.WebhookSubscriptions.Delete(dropped.Gid));
        var checkOfB = await SigfidCommand.RunAsync(worker.Folder.FullName, environment, "webhooks", "check", "--shop", ShopB);
        Assert.True(checkOfB.ExitCode == 1, checkOfB.Output);
        Assert.Matches(@"customers/update\s+MISSING", checkOfB.Output);
        Assert.Matches(@"customers/create\s+subscribed", checkOfB.Output);
        var checkOfA = await SigfidCommand.RunAsync(worker.Folder.FullName, environment, "webhooks", "check");
        Assert.True(checkOfA.ExitCode == 0, checkOfA.Output);
        var ensure = await SigfidCommand.RunAsync(worker.Folder.FullName, environment, "webhooks", "ensure", "--shop", ShopB);
        Assert.True(ensure.ExitCode == 0, ensure.Output);
        Assert.Contains(sandboxB.Shopify.Store.WebhookSubscriptions.All, s => s.Topic == dropped.Topic && s.Uri == webhookUrl);
    }

    private static void RaiseCreated(SandboxHost sandbox, ShopifyStore shopify, long id)
    {
        var customer = shopify.Customer(id)!;
        sandbox.RaiseWebhook("customers/create", SandboxDeliveries.CustomerCreated(id, customer.Email!, customer.FirstName!, customer.LastName!, "+15556251101", customer.UpdatedAt));
    }

    /// <summary>The worker's settings as the operator's environment gives them to <c>sigfid</c> (SignalFidelity__Shopify__ShopDomain...).</summary>
    private static Dictionary<string, string> EnvironmentOf(IEnumerable<string> args, string folder)
    {
        var environment = args.Select(a => a.TrimStart('-').Split('=', 2)).ToDictionary(p => p[0].Replace(":", "__", StringComparison.Ordinal), p => p[1]);
        environment["SignalFidelity__Store__Sqlite"] = Path.Combine(folder, "worker.db");
        return environment;
    }

    /// <summary>Every shop's entry in /health's webhooks, once each watchdog has run.</summary>
    private static async Task<List<JsonElement>> WaitForWatchdogsAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var health = await client.GetFromJsonAsync<JsonElement>("/health");
            var webhooks = health.GetProperty("webhooks").EnumerateArray().ToList();
            if (webhooks.Count == 2 && webhooks.All(w => w.GetProperty("checkedAt").ValueKind != JsonValueKind.Null))
            {
                return webhooks;
            }

            Assert.True(DateTime.UtcNow < deadline, "the two watchdogs did not run: " + health);
            await Task.Delay(100);
        }
    }

    private static async Task DrainAsync(RunningWorker worker, params SandboxHost[] sandboxes)
    {
        foreach (var sandbox in sandboxes)
        {
            await sandbox.Webhooks.DrainAsync(TimeSpan.FromSeconds(30));
        }

        await WaitUntilEveryShopIdleAsync(worker.Client);
    }

    private static async Task WaitUntilEveryShopIdleAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var quietRounds = 0;
        while (quietRounds < 3)
        {
            var status = await client.GetFromJsonAsync<JsonElement>("/status");
            var idle = status.GetProperty("shops").EnumerateArray().All(s => s.GetProperty("pendingWrites").GetInt64() == 0 && s.GetProperty("inFlightWrites").GetInt64() == 0);
            quietRounds = idle ? quietRounds + 1 : 0;
            Assert.True(DateTime.UtcNow < deadline, "the shops did not drain: " + status);
            await Task.Delay(100);
        }
    }

    private static async Task<DateTimeOffset> LastOrderDateAsync(SandboxHost sandbox, string email) =>
        WholeSeconds(DateTimeOffset.Parse((await KlaviyoReadBack.PropertiesAsync(sandbox, email)).GetProperty("last_order_date").GetString()!, CultureInfo.InvariantCulture));

    private static DateTimeOffset WholeSeconds(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());
}
