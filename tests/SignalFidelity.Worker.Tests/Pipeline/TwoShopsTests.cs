using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SignalFidelity.Sandbox;
using SignalFidelity.Sandbox.Shopify;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Storage;
using SignalFidelity.Worker.Tests.Crash;
using SignalFidelity.Worker.Tests.Storage;

namespace SignalFidelity.Worker.Tests.Pipeline;

/// <summary>
/// One worker process serving two shops over real HTTP: two sandboxes, each a Shopify shop with its own Klaviyo and
/// HubSpot. The same Shopify customer id in both shops ends as two people, each in its own shop's CRMs with its own
/// shop's values; shop B's <c>shop/redact</c> erases only B's rows; <c>sigfid status --shop A</c> shows only A.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoShopsTests(PostgresServer server)
{
    private const string ShopB = "second-sandbox.myshopify.com";

    [Fact]
    public Task Two_shops_on_SQLite_stay_two_sets_of_people_and_a_shop_redact_erases_one() => RunAsync(store: []);

    [Fact]
    public async Task Two_shops_on_PostgreSQL_stay_two_sets_of_people_and_a_shop_redact_erases_one() =>
        await RunAsync([$"--SignalFidelity:Store:Postgres={await server.CreateIsolatedSchemaAsync()}"]);

    private static async Task RunAsync(string[] store)
    {
        await using var sandboxA = await SandboxHost.StartAsync(new SandboxOptions());
        var optionsB = new SandboxOptions { Seed = 7 };
        optionsB.Shopify.ShopDomain = ShopB;
        await using var sandboxB = await SandboxHost.StartAsync(optionsB);
        var shopA = new SandboxStore(sandboxA);
        shopA.AddCustomers(3);
        AddOtherPeople(sandboxB.Shopify.Store, sandboxB.Clock.GetUtcNow());
        var shopB = new SandboxStore(sandboxB);
        for (var id = 1; id <= 3; id++)
        {
            shopA.PlaceOrder(id, 10m * id, raiseWebhooks: false);
            shopB.PlaceOrder(id, 70m + id, raiseWebhooks: false);
        }

        var domainA = sandboxA.Shopify.Store.ShopDomain;
        await using var worker = await RunningWorker.StartAsync(extraArgs: [.. PipelineTests.SandboxArgs(sandboxA), .. ShopArgs(sandboxB), .. store]);
        await WaitUntilEveryShopDrainedAsync(worker.Client, TimeSpan.FromSeconds(90));

        // Each shop's CRM holds its own three people, with its own values, and nobody of the other shop.
        Assert.Empty(shopA.Mismatches());
        Assert.Empty(shopB.Mismatches());
        var (profilesA, profilesB) = (sandboxA.Klaviyo.State.Profiles, sandboxB.Klaviyo.State.Profiles);
        Assert.Equal(3, profilesA.Count);
        Assert.Equal(3, profilesB.Count);
        Assert.Equal("customer1@store.example", profilesA.Single(p => p.ExternalId == "gid://shopify/Customer/1").Email);
        Assert.Equal("pat1@second-shop.example", profilesB.Single(p => p.ExternalId == "gid://shopify/Customer/1").Email);
        Assert.DoesNotContain(profilesA, p => p.Email!.EndsWith("@second-shop.example", StringComparison.Ordinal));
        Assert.DoesNotContain(profilesB, p => p.Email!.EndsWith("@store.example", StringComparison.Ordinal));
        Assert.Contains(sandboxB.HubSpot.State.Contacts, c => c.Properties.GetValueOrDefault("email") == "pat1@second-shop.example");
        Assert.DoesNotContain(sandboxA.HubSpot.State.Contacts, c => c.Properties.GetValueOrDefault("email") == "pat1@second-shop.example");
        var storeB = worker.Store.ForShop(ShopB);
        Assert.NotEqual(
            (await worker.Store.GetLedgerAsync("gid://shopify/Customer/1", SyncSystem.Klaviyo)).Select(v => v.JsonValue),
            (await storeB.GetLedgerAsync("gid://shopify/Customer/1", SyncSystem.Klaviyo)).Select(v => v.JsonValue));

        // The queue gauges: one series per shop.
        var metrics = "";
        for (var i = 0; i < 100 && !metrics.Contains($"shop=\"{ShopB}\"", StringComparison.Ordinal); i++)
        {
            await Task.Delay(200); // read every 5 s
            metrics = await worker.Client.GetStringAsync("/metrics");
        }

        Assert.Contains($"sigfid_writes_pending{{otel_scope_name=\"SignalFidelity.Worker\",shop=\"{ShopB}\"}} 0", metrics, StringComparison.Ordinal);
        Assert.Contains($"sigfid_writes_pending{{otel_scope_name=\"SignalFidelity.Worker\",shop=\"{domainA}\"}} 0", metrics, StringComparison.Ordinal);

        // shop/redact from B, signed with B's secret: B's rows go, A's stay.
        var body = $$"""{"shop_id":2,"shop_domain":"{{ShopB}}"}""";
        using (var response = await worker.PostAsync("shop/redact", body, shop: ShopB, signature: new ShopifyHmac(sandboxB.ShopifyWebhookSecret).Sign(Encoding.UTF8.GetBytes(body))))
        {
            Assert.Equal(200, (int)response.StatusCode);
        }

        Assert.Equal(0, (await storeB.GetStatsAsync()).LedgerCustomers);
        Assert.Empty(await storeB.GetLedgerAsync("gid://shopify/Customer/1", SyncSystem.Klaviyo));
        Assert.Equal(3, (await worker.Store.GetStatsAsync()).LedgerCustomers);
        Assert.NotEmpty(await worker.Store.GetLedgerAsync("gid://shopify/Customer/1", SyncSystem.Klaviyo));

        // The operator's view: --shop A shows A alone; without it, one section per shop.
        var environment = new Dictionary<string, string>
        {
            ["SignalFidelity__Shopify__ShopDomain"] = domainA,
            [$"SignalFidelity__Shops__{ShopB}__WebhookSecret"] = sandboxB.ShopifyWebhookSecret,
        };
        if (store.Length == 0)
        {
            environment["SignalFidelity__Store__Sqlite"] = Path.Combine(worker.Folder.FullName, "worker.db");
        }
        else
        {
            environment["SignalFidelity__Store__Postgres"] = store[0][(store[0].IndexOf('=') + 1)..];
        }

        var onlyA = await SigfidCommand.RunAsync(worker.Folder.FullName, environment, "status", "--shop", domainA);
        Assert.True(onlyA.ExitCode == 0, onlyA.Output);
        Assert.Contains($"shop                {domainA}", onlyA.Output, StringComparison.Ordinal);
        Assert.Contains("ledger              3 customers", onlyA.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(ShopB, onlyA.Output, StringComparison.Ordinal);
        var every = await SigfidCommand.RunAsync(worker.Folder.FullName, environment, "status");
        Assert.Contains($"shop                {ShopB}", every.Output, StringComparison.Ordinal);
        Assert.Contains("ledger              0 customers", every.Output, StringComparison.Ordinal);
        var unknown = await SigfidCommand.RunAsync(worker.Folder.FullName, environment, "status", "--shop", "nobody.myshopify.com");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--shop nobody.myshopify.com is not a shop this worker serves", unknown.Output, StringComparison.Ordinal);
    }

    /// <summary>Shop B's customers: the same ids as shop A's, other people.</summary>
    internal static void AddOtherPeople(ShopifyStore shopify, DateTimeOffset now)
    {
        for (var i = 1; i <= 3; i++)
        {
            shopify.AddCustomer(new ShopifyCustomerRecord
            {
                Id = i, Email = $"pat{i}@second-shop.example", FirstName = $"Pat{i}", LastName = "Second", CreatedAt = now.AddDays(-3), UpdatedAt = now.AddDays(-3),
            });
        }
    }

    /// <summary>Shop B under SignalFidelity:Shops:&lt;domain&gt;: its secret, its Admin API and its own Klaviyo and HubSpot.</summary>
    internal static string[] ShopArgs(SandboxHost sandbox)
    {
        var section = $"--SignalFidelity:Shops:{sandbox.Shopify.Store.ShopDomain}:";
        return
        [
            $"{section}WebhookSecret={sandbox.ShopifyWebhookSecret}",
            $"{section}Shopify:AdminBaseUrl={sandbox.ShopifyBaseUrl}",
            $"{section}Shopify:AccessToken={sandbox.ShopifyAccessToken}",
            $"{section}Klaviyo:BaseUrl={sandbox.KlaviyoBaseUrl}",
            $"{section}Klaviyo:ApiKey={sandbox.KlaviyoApiKey}",
            $"{section}HubSpot:BaseUrl={sandbox.HubSpotBaseUrl}",
            $"{section}HubSpot:AccessToken={sandbox.HubSpotAccessToken}",
        ];
    }

    /// <summary>Until every shop in <c>/status</c> has nothing pending or in flight and has reconciled once.</summary>
    private static async Task WaitUntilEveryShopDrainedAsync(HttpClient client, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var quietRounds = 0;
        while (DateTime.UtcNow < deadline)
        {
            var status = await client.GetFromJsonAsync<JsonElement>("/status");
            var shops = status.GetProperty("shops").EnumerateArray().ToList();
            var idle = shops.Count == 2 && shops.All(s => s.GetProperty("pendingWrites").GetInt64() == 0 && s.GetProperty("inFlightWrites").GetInt64() == 0
                && s.GetProperty("lastReconciliation").ValueKind != JsonValueKind.Null);
            quietRounds = idle ? quietRounds + 1 : 0;
            if (quietRounds >= 3)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the two shops did not drain in time: " + await client.GetStringAsync("/status"));
    }
}
