using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SignalFidelity.Sandbox;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Storage;
using SignalFidelity.Worker.Tests.Pipeline;
using SignalFidelity.Worker.Tests.Storage;
using Xunit.Abstractions;

namespace SignalFidelity.Worker.Tests.Crash;

/// <summary>
/// Several real <c>sigfid worker</c> processes on one PostgreSQL server (the one <c>.ci/run</c> starts), with
/// the sandbox answering 429s whose Retry-After is longer than the lease, replicas paused with SIGSTOP and
/// killed with SIGKILL. What is asserted is what the CRM received, from the Klaviyo simulator's own record of
/// every profile write: no write ever older than one before it, and every profile equal to Shopify at the end.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReplicaTests(PostgresServer server, ITestOutputHelper output)
{
    private const int Customers = 240;
    private const int HotCustomers = 10;

    [Fact]
    public async Task Two_replicas_behind_429s_longer_than_the_lease_and_one_paused_never_write_a_stale_value()
    {
        await using var run = await ReplicaRun.StartAsync(server, replicas: 2, retryAfterSeconds: 4);
        for (var round = 0; round < 6; round++)
        {
            // Each round's newer versions go to the other replica than the last round's.
            run.TargetReplica(round % 2);
            if (round == 3)
            {
                run.Workers[0].Pause(); // frozen mid-send or mid-transaction, past its 2 s lease
                run.PlaceOrders(round);
                await Task.Delay(TimeSpan.FromSeconds(6));
                run.Workers[0].Resume();
            }
            else
            {
                run.PlaceOrders(round);
            }

            await Task.Delay(700);
        }

        await run.DrainAsync(output);
        run.AssertEveryProfileEqualsShopifyAndNoWriteWasStale();
        await run.AssertLedgerEqualsTheCrmAsync();
    }

    [Fact]
    public async Task Three_replicas_with_one_killed_lose_nothing_and_write_nothing_stale()
    {
        await using var run = await ReplicaRun.StartAsync(server, replicas: 3, retryAfterSeconds: 3);
        for (var round = 0; round < 6; round++)
        {
            run.TargetReplica(round % 3 == 1 && round > 2 ? 2 : round % 3);
            run.PlaceOrders(round);
            if (round == 2)
            {
                await run.Workers[1].KillAsync(); // SIGKILL with writes claimed and requests in flight
                run.TargetReplica(0);
            }

            await Task.Delay(700);
        }

        await run.DrainAsync(output, skipReplica: 1);
        run.AssertEveryProfileEqualsShopifyAndNoWriteWasStale();
        await run.AssertLedgerEqualsTheCrmAsync();
        Assert.Equal(0, run.Sandbox.Webhooks.GivenUpEvents);
    }

    [Fact]
    public async Task A_replica_paused_inside_a_transaction_does_not_stall_intake_on_the_other()
    {
        await using var run = await ReplicaRun.StartAsync(server, replicas: 2, retryAfterSeconds: 1);
        var secret = run.Sandbox.ShopifyWebhookSecret;
        using var toA = new HttpClient { BaseAddress = run.Workers[0].BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var toB = new HttpClient { BaseAddress = run.Workers[1].BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var acknowledged = new ConcurrentBag<string>();

        // A is busy with intake and dispatch for the same people B will get, so it holds their rows in
        // transactions; it is frozen in the middle of that, and B keeps receiving.
        using var load = new CancellationTokenSource();
        // Sixteen concurrent senders on a few people keep A's group commits, and their row locks, open most of the time.
        var loadOnA = Task.WhenAll(Enumerable.Range(0, 16).Select(sender => Task.Run(async () =>
        {
            for (var i = 0; !load.IsCancellationRequested; i++)
            {
                try
                {
                    var id = $"a-{sender}-{i}";
                    if (await PostAsync(toA, secret, run.ShopDomain, 1 + ((sender + i) % HotCustomers), id, load.Token) == 200)
                    {
                        acknowledged.Add(id);
                    }
                }
                catch (Exception exception) when (exception is OperationCanceledException or HttpRequestException)
                {
                }
            }
        })));
        await Task.Delay(1500);
        run.Workers[0].Pause();
        var latencies = new List<double>();
        var statuses = new List<int>();
        try
        {
            for (var i = 0; i < 150; i++)
            {
                var id = $"b-{i}";
                var clock = Stopwatch.StartNew();
                var status = await PostAsync(toB, secret, run.ShopDomain, 1 + (i % HotCustomers), id, CancellationToken.None);
                latencies.Add(clock.Elapsed.TotalMilliseconds);
                statuses.Add(status);
                if (status == 200)
                {
                    acknowledged.Add(id);
                }
            }
        }
        finally
        {
            run.Workers[0].Resume();
            await load.CancelAsync();
            await loadOnA;
        }

        latencies.Sort();
        var p99 = latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1];
        output.WriteLine($"intake on B while A was paused: p50 {latencies[latencies.Count / 2]:0} ms, p99 {p99:0} ms, max {latencies[^1]:0} ms; answers {string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Key} x{g.Count()}"))}");
        Assert.True(latencies[^1] < 5_000, $"a delivery to B took {latencies[^1]:0} ms while A was paused (Shopify gives up at 5 s)");
        Assert.All(statuses, s => Assert.True(s is 200 or 503, $"B answered {s}"));
        Assert.True(statuses.Count(s => s == 200) > statuses.Count / 2, "B refused most deliveries while A was paused");

        // After SIGCONT nothing acknowledged is lost: every 200 is stored.
        await using var store = new PostgresWorkerStore(run.ConnectionString, shop: run.ShopDomain);
        foreach (var id in acknowledged)
        {
            Assert.NotNull(await store.FindDeliveryAsync("evt-" + id));
        }
    }

    private static async Task<int> PostAsync(HttpClient client, string secret, string shop, int customer, string id, CancellationToken cancellationToken)
    {
        var body = SharedReference.ShopifyWebhook("customers_update.json")
            .Replace("706405506930370084", customer.ToString(CultureInfo.InvariantCulture))
            .Replace("bob@biller.com", $"customer{customer}@store.example");
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/shopify") { Content = new ByteArrayContent(bytes) };
        request.Headers.Add("X-Shopify-Topic", "customers/update");
        request.Headers.Add("X-Shopify-Hmac-Sha256", new ShopifyHmac(secret).Sign(bytes));
        request.Headers.Add("X-Shopify-Shop-Domain", shop);
        request.Headers.Add("X-Shopify-Webhook-Id", "wh-" + id);
        request.Headers.Add("X-Shopify-Event-Id", "evt-" + id);
        request.Headers.Add("X-Shopify-Triggered-At", DateTimeOffset.UtcNow.ToString("O"));
        using var response = await client.SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }

    /// <summary>The sandbox, the shared database, the replicas, and the Klaviyo simulator's log of profile writes.</summary>
    private sealed class ReplicaRun : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(string Email, decimal? TotalSpent)> _profileWrites = new();
        private readonly SandboxStore _shop;

        private ReplicaRun(SandboxHost sandbox, string connectionString, List<WorkerProcess> workers)
        {
            Sandbox = sandbox;
            ConnectionString = connectionString;
            Workers = workers;
            _shop = new SandboxStore(sandbox);
            sandbox.Klaviyo.RequestReceived += (operation, body) =>
            {
                if (operation == "POST /api/profile-import" && body["data"]?["attributes"] is JsonObject attributes)
                {
                    var spent = attributes["properties"]?["total_spent"];
                    _profileWrites.Enqueue(((string?)attributes["email"] ?? "?", spent is null ? null : decimal.Parse(spent.ToJsonString().Trim('"'), CultureInfo.InvariantCulture)));
                }
            };
        }

        public SandboxHost Sandbox { get; }

        public string ConnectionString { get; }

        public List<WorkerProcess> Workers { get; }

        public string ShopDomain => Sandbox.Shopify.Store.ShopDomain;

        public static async Task<ReplicaRun> StartAsync(PostgresServer server, int replicas, int retryAfterSeconds)
        {
            var connectionString = await server.CreateIsolatedSchemaAsync();
            var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Seed = 11 });
            var webhooks = sandbox.Options.Webhooks;
            webhooks.ReorderWindow = TimeSpan.FromMilliseconds(500);
            webhooks.CoalesceWindow = TimeSpan.Zero;
            webhooks.RetrySchedule = [.. Enumerable.Repeat(TimeSpan.FromMilliseconds(500), 6), .. Enumerable.Repeat(TimeSpan.FromSeconds(2), 6)];
            var faults = sandbox.Options.KlaviyoFaults;
            faults.ThrottleRate = 0.3;
            faults.ThrottleRetryAfterSeconds = retryAfterSeconds; // longer than the 2 s lease

            var environment = new Dictionary<string, string>
            {
                ["SignalFidelity__Shopify__WebhookSecret"] = sandbox.ShopifyWebhookSecret,
                ["SignalFidelity__Shopify__ShopDomain"] = sandbox.Shopify.Store.ShopDomain,
                ["SignalFidelity__Store__Postgres"] = connectionString,
                // The purchasing summary names no address: the writers look the customer's email up in the Admin API.
                ["SignalFidelity__Shopify__AdminBaseUrl"] = sandbox.ShopifyBaseUrl.ToString(),
                ["SignalFidelity__Shopify__AccessToken"] = sandbox.ShopifyAccessToken,
                ["SignalFidelity__Klaviyo__BaseUrl"] = sandbox.KlaviyoBaseUrl.ToString(),
                ["SignalFidelity__Klaviyo__ApiKey"] = sandbox.KlaviyoApiKey,
                ["SignalFidelity__HubSpot__BaseUrl"] = sandbox.HubSpotBaseUrl.ToString(),
                ["SignalFidelity__HubSpot__AccessToken"] = sandbox.HubSpotAccessToken,
                ["SignalFidelity__Schedules__Reconciliation"] = "00:00:00", // the webhook path alone must be right
                ["SignalFidelity__Schedules__CrmPoll"] = "00:00:00",
                ["SignalFidelity__Dispatch__Lease"] = "00:00:02",
                ["SignalFidelity__Dispatch__IdlePoll"] = "00:00:00.050",
                ["SignalFidelity__Dispatch__FirstBackoff"] = "00:00:00.100",
                ["SignalFidelity__Dispatch__MaxBackoff"] = "00:00:01",
                ["SignalFidelity__Dispatch__MaxAttempts"] = "100",
                ["SignalFidelity__Dispatch__BatchSize"] = "20",
                ["SignalFidelity__Dispatch__BulkThreshold"] = "1000", // one profile-import per write, so every write is in the log
            };
            var workers = new List<WorkerProcess>();
            for (var i = 0; i < replicas; i++)
            {
                workers.Add(await WorkerProcess.StartAsync(environment));
            }

            var run = new ReplicaRun(sandbox, connectionString, workers);
            run._shop.AddCustomers(Customers);
            return run;
        }

        public void TargetReplica(int index) => Sandbox.Options.Webhooks.TargetUrl = new Uri(Workers[index].BaseAddress, "/webhooks/shopify");

        public void PlaceOrders(int round)
        {
            for (var customer = 1; customer <= Customers; customer++)
            {
                _shop.PlaceOrder(customer, 5m + (customer % 40) + round, raiseWebhooks: true);
            }
        }

        public async Task DrainAsync(ITestOutputHelper output, int? skipReplica = null)
        {
            await Sandbox.Webhooks.DrainAsync(TimeSpan.FromSeconds(120));
            Sandbox.Options.KlaviyoFaults.Clear();
            var live = Workers.Where((_, i) => i != skipReplica).First();
            using var client = new HttpClient { BaseAddress = live.BaseAddress };
            await PipelineTests.WaitUntilDrainedAsync(client, requireReconciliation: false, TimeSpan.FromSeconds(120));
            var status = await client.GetFromJsonAsync<JsonElement>("/status");
            output.WriteLine($"Klaviyo: {Sandbox.Traffic.TotalRequests("klaviyo")} requests, {Sandbox.Traffic.TotalThrottled("klaviyo")} answered 429; "
                + $"{_profileWrites.Count} profile writes; dead letters {status.GetProperty("deadLetters").GetInt64()}");
            Assert.True(Sandbox.Traffic.TotalThrottled("klaviyo") > 0, "no 429 reached the replicas");
            Assert.Equal(0, status.GetProperty("deadLetters").GetInt64());
        }

        /// <summary>Orders only add, so a profile's total_spent as Klaviyo received it must never go down.</summary>
        public void AssertEveryProfileEqualsShopifyAndNoWriteWasStale()
        {
            var stale = _profileWrites
                .Where(w => w.TotalSpent is not null)
                .GroupBy(w => w.Email, StringComparer.OrdinalIgnoreCase)
                .SelectMany(g => g.Zip(g.Skip(1)).Where(pair => pair.Second.TotalSpent < pair.First.TotalSpent)
                    .Select(pair => $"{g.Key}: {pair.First.TotalSpent} then {pair.Second.TotalSpent}"))
                .ToList();
            Assert.True(stale.Count == 0, $"{stale.Count} stale writes reached Klaviyo, e.g. {string.Join("; ", stale.Take(5))}");
            Assert.Empty(_shop.Mismatches());
        }

        public async Task AssertLedgerEqualsTheCrmAsync()
        {
            await using var store = new PostgresWorkerStore(ConnectionString, shop: ShopDomain);
            var profiles = Sandbox.Klaviyo.State.Profiles.Where(p => p.Email is not null).ToDictionary(p => p.Email!, StringComparer.OrdinalIgnoreCase);
            for (var customer = 1; customer <= Customers; customer++)
            {
                var ledger = (await store.GetLedgerAsync($"gid://shopify/Customer/{customer}", SyncSystem.Klaviyo)).Single(f => f.Property == "total_spent");
                var crm = profiles[$"customer{customer}@store.example"].Properties["total_spent"]!.GetValue<decimal>();
                Assert.Equal(decimal.Parse(ledger.JsonValue.Trim('"'), CultureInfo.InvariantCulture), crm);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var worker in Workers)
            {
                try
                {
                    worker.Resume();
                }
                catch (InvalidOperationException)
                {
                    // already gone (killed)
                }

                await worker.DisposeAsync();
            }

            await Sandbox.DisposeAsync();
        }
    }
}
