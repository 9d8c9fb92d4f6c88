using System.Net.Http.Json;
using System.Text.Json;
using SignalFidelity.Sandbox;

namespace SignalFidelity.Worker.Tests.Pipeline;

/// <summary>The whole pipeline against the sandbox over real HTTP: Shopify in, Klaviyo out.</summary>
public sealed class PipelineTests
{
    [Fact]
    public async Task The_first_reconciliation_backfills_every_customer_into_Klaviyo_as_Shopify_holds_them()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var shop = new SandboxStore(sandbox);
        shop.AddCustomers(60);
        for (var i = 1; i <= 60; i++)
        {
            for (var order = 0; order < i % 4; order++)
            {
                shop.PlaceOrder(i, 10m + i + order, raiseWebhooks: false);
            }
        }

        await using var worker = await RunningWorker.StartAsync(extraArgs: SandboxArgs(sandbox));
        await WaitUntilDrainedAsync(worker.Client, requireReconciliation: true, TimeSpan.FromSeconds(60));

        Assert.Empty(shop.Mismatches());
        var health = await worker.Client.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("healthy", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Webhooks_with_duplicates_and_reordering_end_with_Klaviyo_equal_to_Shopify()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        sandbox.Options.Webhooks.DuplicateRate = 0.3;
        sandbox.Options.Webhooks.ReorderWindow = TimeSpan.FromMilliseconds(800);
        sandbox.Options.Webhooks.CoalesceWindow = TimeSpan.Zero;
        var shop = new SandboxStore(sandbox);
        shop.AddCustomers(20);
        await using var worker = await RunningWorker.StartAsync(extraArgs: [.. SandboxArgs(sandbox), "--SignalFidelity:Schedules:Reconciliation=00:00:00"]);
        sandbox.Options.Webhooks.TargetUrl = new Uri(worker.Client.BaseAddress!, "/webhooks/shopify");

        for (var round = 0; round < 5; round++)
        {
            for (var customer = 1; customer <= 20; customer++)
            {
                shop.PlaceOrder(customer, 5m * (round + 1) + customer, raiseWebhooks: true);
            }

            await Task.Delay(30);
        }

        await Task.Delay(3000);
        var failed = sandbox.Webhooks.Attempts.Where(a => a.Status != 200).Take(5).ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
        await sandbox.Webhooks.DrainAsync(TimeSpan.FromSeconds(60));
        await WaitUntilDrainedAsync(worker.Client, requireReconciliation: false, TimeSpan.FromSeconds(60));

        Assert.Empty(shop.Mismatches());
        var status = await worker.Client.GetFromJsonAsync<JsonElement>("/status");
        Assert.Equal(0, status.GetProperty("deadLetters").GetInt64());
    }

    [Fact]
    public async Task The_CRM_owned_primary_tag_is_polled_from_Klaviyo_and_written_to_Shopify_tags()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var shop = new SandboxStore(sandbox);
        shop.AddCustomers(10);
        for (var i = 1; i <= 10; i++)
        {
            shop.PlaceOrder(i, 20m, raiseWebhooks: false);
        }

        await using var worker = await RunningWorker.StartAsync(extraArgs: [.. SandboxArgs(sandbox), "--SignalFidelity:Schedules:CrmPoll=00:00:00.300"]);
        await WaitUntilDrainedAsync(worker.Client, requireReconciliation: true, TimeSpan.FromSeconds(60));

        // Marketing moves customer 3 into the "vip" segment in Klaviyo, the field's owner.
        // (Through Klaviyo's own API, as Klaviyo's segment sync would.)
        using (var klaviyo = new HttpClient { BaseAddress = sandbox.KlaviyoBaseUrl })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/profile-import")
            {
                Content = new StringContent(
                    """{"data":{"type":"profile","attributes":{"email":"customer3@store.example","properties":{"primary_tag":"vip"}}}}""",
                    System.Text.Encoding.UTF8,
                    "application/vnd.api+json"),
            };
            request.Headers.TryAddWithoutValidation("Authorization", "Klaviyo-API-Key " + sandbox.KlaviyoApiKey);
            request.Headers.TryAddWithoutValidation("revision", "2026-07-15");
            using var response = await klaviyo.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!shop.Shopify.Customer(3)!.Tags.Contains("vip") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Contains("vip", shop.Shopify.Customer(3)!.Tags);
        Assert.DoesNotContain(shop.Shopify.Customers.Where(c => c.Id != 3), c => c.Tags.Contains("vip"));
    }

    internal static string[] SandboxArgs(SandboxHost sandbox) =>
    [
        $"--SignalFidelity:Shopify:WebhookSecret={sandbox.ShopifyWebhookSecret}",
        $"--SignalFidelity:Shopify:ShopDomain={sandbox.Shopify.Store.ShopDomain}",
        $"--SignalFidelity:Shopify:AdminBaseUrl={sandbox.ShopifyBaseUrl}",
        $"--SignalFidelity:Shopify:AccessToken={sandbox.ShopifyAccessToken}",
        $"--SignalFidelity:Klaviyo:BaseUrl={sandbox.KlaviyoBaseUrl}",
        $"--SignalFidelity:Klaviyo:ApiKey={sandbox.KlaviyoApiKey}",
        // The default topology sends Shopify's facts to HubSpot as well: a drained worker has written both.
        $"--SignalFidelity:HubSpot:BaseUrl={sandbox.HubSpotBaseUrl}",
        $"--SignalFidelity:HubSpot:AccessToken={sandbox.HubSpotAccessToken}",
        "--SignalFidelity:Dispatch:IdlePoll=00:00:00.050",
        "--SignalFidelity:Schedules:CrmPoll=00:00:00",
    ];

    internal static async Task WaitUntilDrainedAsync(HttpClient client, bool requireReconciliation, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var quietRounds = 0;
        while (DateTime.UtcNow < deadline)
        {
            var status = await client.GetFromJsonAsync<JsonElement>("/status");
            var idle = status.GetProperty("pendingWrites").GetInt64() == 0 && status.GetProperty("inFlightWrites").GetInt64() == 0
                && (!requireReconciliation || status.GetProperty("lastReconciliation").ValueKind != JsonValueKind.Null);
            quietRounds = idle ? quietRounds + 1 : 0;
            if (quietRounds >= 3)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the worker did not drain in time");
    }
}
