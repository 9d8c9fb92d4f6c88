using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests.Crash;

/// <summary>
/// The worker process is killed with SIGKILL in the middle of a delivery stream and started again on
/// the same SQLite file: every delivery it acknowledged is there exactly once, and every delivery it
/// did not acknowledge is taken when the sender retries (as Shopify does), so nothing is lost.
/// </summary>
public sealed class IntakeCrashTests : IDisposable
{
    private const string Secret = "crash-test-secret";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sigfid-crash-test.");

    [Fact]
    public async Task Killing_the_worker_mid_stream_loses_no_acknowledged_delivery_and_retries_fill_the_rest()
    {
        var database = Path.Combine(_folder.FullName, "worker.db");
        var environment = new Dictionary<string, string>
        {
            ["SignalFidelity__Shopify__WebhookSecret"] = Secret,
            ["SignalFidelity__Shopify__ShopDomain"] = "crash.myshopify.com",
            ["SignalFidelity__Store__Sqlite"] = database,
            ["Logging__LogLevel__Default"] = "Information", // so the secret check below reads every log line
        };
        const int customers = 50;
        const int ordersEach = 12;
        var deliveries = Enumerable.Range(1, ordersEach)
            .SelectMany(order => Enumerable.Range(0, customers).Select(customer => (Customer: customer, Orders: order)))
            .ToList();
        var acknowledged = new ConcurrentDictionary<string, bool>();
        var hmac = new ShopifyHmac(Secret);

        var worker = await WorkerProcess.StartAsync(environment);
        var port = worker.BaseAddress.Port;
        var printed = new System.Text.StringBuilder();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var queue = new ConcurrentQueue<(int Customer, int Orders)>(deliveries);
        var killed = 0;

        async Task<bool> SendAsync((int Customer, int Orders) delivery)
        {
            var eventId = $"evt-{delivery.Customer}-{delivery.Orders}";
            var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $$"""{"customerId":"gid://shopify/Customer/{{delivery.Customer}}","numberOfOrders":{{delivery.Orders}},"amountSpent":{"amount":"{{delivery.Orders * 10}}.00"},"occurredAt":"2026-11-27T10:{{delivery.Orders:00}}:00Z"}"""));
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(worker.BaseAddress, "/webhooks/shopify")) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("X-Shopify-Topic", "customers/purchasing_summary");
            request.Headers.Add("X-Shopify-Hmac-Sha256", hmac.Sign(body));
            request.Headers.Add("X-Shopify-Shop-Domain", "crash.myshopify.com");
            request.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
            request.Headers.Add("X-Shopify-Event-Id", eventId);
            request.Headers.Add("X-Shopify-Triggered-At", DateTimeOffset.UtcNow.ToString("O"));
            try
            {
                using var response = await client.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    acknowledged[eventId] = true;
                    return true;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // The worker died under this request: no 200, so Shopify would retry it.
            }

            return false;
        }

        async Task SenderAsync()
        {
            while (queue.TryDequeue(out var delivery))
            {
                if (!await SendAsync(delivery))
                {
                    queue.Enqueue(delivery);
                    await Task.Delay(20);
                }

                if (acknowledged.Count >= deliveries.Count / 3 && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    await worker.KillAsync();
                    printed.Append(worker.Output);
                    worker = await WorkerProcess.StartAsync(environment, port);
                }
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(SenderAsync)));
            // Shopify also redelivers some that were acknowledged: they must stay single.
            foreach (var again in deliveries.Take(40))
            {
                Assert.True(await SendAsync(again));
            }

            // A forged delivery is logged (as a warning naming the shop), never with the secret.
            using var forged = new HttpRequestMessage(HttpMethod.Post, new Uri(worker.BaseAddress, "/webhooks/shopify")) { Content = new StringContent("{}") };
            foreach (var header in ShopifyWebhookIntake.RequiredHeaders)
            {
                forged.Headers.Add(header, header switch
                {
                    "X-Shopify-Triggered-At" => "2026-11-27T10:00:00Z",
                    "X-Shopify-Shop-Domain" => "crash.myshopify.com",
                    _ => "forged",
                });
            }

            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.SendAsync(forged)).StatusCode);
        }
        finally
        {
            await worker.DisposeAsync();
            printed.Append(worker.Output);
        }

        Assert.Contains("Refused a webhook with a bad HMAC", printed.ToString());
        Assert.DoesNotContain(Secret, printed.ToString());

        Assert.Equal(1, killed);
        Assert.Equal(deliveries.Count, acknowledged.Count);
        await using var store = new SqliteWorkerStore(database, shop: "crash.myshopify.com");
        await store.InitializeAsync();
        var stats = await store.GetStatsAsync();
        Assert.Equal(deliveries.Count, stats.Deliveries);
        foreach (var customer in Enumerable.Range(0, customers))
        {
            var ledger = (await store.GetLedgerAsync($"gid://shopify/Customer/{customer}", SyncSystem.Klaviyo)).ToDictionary(f => f.Property, f => f.JsonValue);
            Assert.Equal(ordersEach.ToString(CultureInfo.InvariantCulture), ledger["order_count"]);
        }

        // One merged pending write per person and destination: nothing dispatched (no destination connected).
        Assert.Equal(customers * SignalFidelity.Worker.Intake.GeneratedTopologyRuntime.Instance.ShopifyDestinations.Count, stats.PendingWrites);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
