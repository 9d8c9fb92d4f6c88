using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SignalFidelity.Connectors;
using SignalFidelity.Connectors.HubSpot;
using SignalFidelity.Connectors.Resilience;
using SignalFidelity.Sandbox;
using SignalFidelity.Worker.Hosting;
using SignalFidelity.Worker.Pipeline;
using SignalFidelity.Worker.Pipeline.Destinations;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests.Pipeline;

/// <summary>
/// HubSpot as a destination, over real HTTP against the sandbox's HubSpot simulator. The default topology
/// declares no HubSpot flow, so the pending writes are stored through the store's public API as intake
/// would store them for a topology that does.
/// </summary>
public sealed class HubSpotDestinationTests
{
    private const string UpsertOperation = "hubspot POST /crm/v3/objects/contacts/batch/upsert";

    [Fact]
    public async Task A_backlog_of_pending_writes_lands_in_HubSpot_in_batches_of_at_most_100_with_its_properties()
    {
        await using var harness = await Harness.StartAsync();
        await harness.ProposeAsync(Enumerable.Range(1, 230).Select(i => (i, $"customer{i}@store.example")));

        await harness.Dispatcher.DrainAsync(TimeSpan.FromSeconds(20), CancellationToken.None);

        // 230 writes claimed in one round went out as 100 + 100 + 30 (the simulator answers 400 to more than 100).
        Assert.Equal(3, harness.Sandbox.Traffic[UpsertOperation].Requests);
        Assert.Equal(230, harness.Sandbox.HubSpot.State.ContactCount);
        var contact = harness.Sandbox.HubSpot.State.Contacts.Single(c => c.Properties["email"] == "customer7@store.example");
        Assert.Equal("First7", contact.Properties["firstname"]);
        Assert.Equal("107.5", contact.Properties["total_spent"]);
        Assert.Equal("7", contact.Properties["order_count"]);
        Assert.Equal("2026-11-01T10:00:00.0000000Z", contact.Properties["last_order_date"]);
        Assert.Equal("gid://shopify/Customer/7", contact.Properties["shopify_customer_id"]);
        Assert.Equal(0, (await harness.Store.GetStatsAsync()).DeadLetters);
    }

    [Fact]
    public async Task An_input_a_207_refuses_is_dead_lettered_alone_with_HubSpots_reason_and_the_rest_land()
    {
        await using var harness = await Harness.StartAsync();
        await harness.ProposeAsync([(1, "customer1@store.example"), (2, "customer2@store.example"), (3, "not-an-email"), (4, "customer4@store.example")]);

        await harness.Dispatcher.DrainAsync(TimeSpan.FromSeconds(20), CancellationToken.None);

        Assert.Equal(3, harness.Sandbox.HubSpot.State.ContactCount);
        var deadLetter = Assert.Single(await harness.Store.ListDeadLettersAsync());
        Assert.Equal("gid://shopify/Customer/3", deadLetter.CustomerKey);
        Assert.Equal(SyncSystem.HubSpot, deadLetter.Destination);
        Assert.Contains("VALIDATION_ERROR", deadLetter.Reason, StringComparison.Ordinal);
        Assert.Contains("invalid", deadLetter.Reason, StringComparison.Ordinal);
        var stats = await harness.Store.GetStatsAsync();
        Assert.Equal(0, stats.PendingWrites + stats.InFlightWrites);
    }

    [Fact]
    public async Task A_429_storm_delays_the_writes_and_loses_none()
    {
        await using var harness = await Harness.StartAsync();
        harness.Sandbox.Options.HubSpotFaults.StormUntil = harness.Sandbox.Clock.GetUtcNow().AddSeconds(3);
        await harness.ProposeAsync(Enumerable.Range(1, 50).Select(i => (i, $"customer{i}@store.example")));

        // During the storm the connector's short budget runs out: the writes go back to the queue, none is written or dead-lettered.
        Assert.Equal(50, await harness.Dispatcher.RunOnceAsync(CancellationToken.None));
        var during = await harness.Store.GetStatsAsync();
        Assert.Equal(50, during.PendingWrites);
        Assert.Equal(0, during.DeadLetters);
        Assert.Equal(0, harness.Sandbox.HubSpot.State.ContactCount);

        await harness.Dispatcher.DrainAsync(TimeSpan.FromSeconds(20), CancellationToken.None);

        Assert.True(harness.Sandbox.Traffic.TotalThrottled("hubspot") > 0);
        Assert.Equal(50, harness.Sandbox.HubSpot.State.ContactCount);
        Assert.Equal(0, (await harness.Store.GetStatsAsync()).DeadLetters);
    }

    [Fact]
    public async Task The_worker_configured_with_HubSpot_counts_it_as_a_destination_on_health()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        await using var worker = await RunningWorker.StartAsync(extraArgs:
        [
            $"--SignalFidelity:Shopify:WebhookSecret={sandbox.ShopifyWebhookSecret}",
            $"--SignalFidelity:HubSpot:BaseUrl={sandbox.HubSpotBaseUrl}",
            $"--SignalFidelity:HubSpot:AccessToken={sandbox.HubSpotAccessToken}",
        ]);

        var health = await worker.Client.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("destinations").GetProperty("HubSpot").GetProperty("ok").GetBoolean());
    }

    /// <summary>The sandbox, a real SQLite outbox, the production HubSpot client and a dispatcher with short waits.</summary>
    private sealed class Harness : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly string _database;

        private Harness(SandboxHost sandbox, ServiceProvider services, SqliteWorkerStore store, string database)
        {
            Sandbox = sandbox;
            _services = services;
            Store = store;
            _database = database;
            var writer = new HubSpotDestinationWriter(services.GetRequiredService<HubSpotClient>(), store, shopify: null);
            var options = new DispatchOptions
            {
                BatchSize = 250,
                IdlePoll = TimeSpan.FromMilliseconds(50),
                FirstBackoff = TimeSpan.FromMilliseconds(200),
                MaxBackoff = TimeSpan.FromSeconds(1),
            };
            Dispatcher = new Dispatcher(store, [writer], options, TimeProvider.System, NullLogger<Dispatcher>.Instance);
        }

        public SandboxHost Sandbox { get; }

        public SqliteWorkerStore Store { get; }

        public Dispatcher Dispatcher { get; }

        public static async Task<Harness> StartAsync()
        {
            var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            var services = new ServiceCollection().AddHubSpotConnector(new HubSpotConnection
            {
                BaseUrl = sandbox.HubSpotBaseUrl,
                AccessToken = sandbox.HubSpotAccessToken,
                // A short budget so a storm reaches the dispatcher (which requeues) instead of waiting inside the client.
                Resilience = new ResilienceSettings { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(50), TotalBudget = TimeSpan.FromSeconds(1), AttemptTimeout = TimeSpan.FromSeconds(5) },
            }).BuildServiceProvider();
            var database = Path.Combine(Path.GetTempPath(), $"sigfid-hubspot-{Guid.NewGuid():N}.db");
            var store = new SqliteWorkerStore(database);
            await store.InitializeAsync();
            return new Harness(sandbox, services, store, database);
        }

        /// <summary>Stores one pending HubSpot write per customer, with the properties a HubSpot flow would carry.</summary>
        public async Task ProposeAsync(IEnumerable<(int Customer, string Email)> customers)
        {
            var at = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
            var writes = customers.Select(c => new ProposedWrite(
                $"gid://shopify/Customer/{c.Customer}",
                SyncSystem.HubSpot,
                WriteOperation.Upsert,
                [
                    new FieldValue("email", JsonSerializer.Serialize(c.Email), at),
                    new FieldValue("firstname", JsonSerializer.Serialize($"First{c.Customer}"), at),
                    new FieldValue("total_spent", (100m + c.Customer + 0.5m).ToString(CultureInfo.InvariantCulture), at),
                    new FieldValue("order_count", c.Customer.ToString(CultureInfo.InvariantCulture), at),
                    new FieldValue("last_order_date", JsonSerializer.Serialize(at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)), at),
                    new FieldValue("shopify_customer_id", JsonSerializer.Serialize($"gid://shopify/Customer/{c.Customer}"), at),
                ])).ToList();
            var result = await Store.ProposeWritesAsync(writes);
            Assert.Equal(writes.Count * 6, result.FieldsAccepted);
        }

        public async ValueTask DisposeAsync()
        {
            await Store.DisposeAsync();
            await _services.DisposeAsync();
            await Sandbox.DisposeAsync();
            foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
