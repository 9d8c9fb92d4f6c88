using System.Globalization;
using System.Text;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests.Storage;

/// <summary>
/// The set-wise group commit decides exactly as the one-by-one path: the same random deliveries (same people twice in
/// a batch, same-second ties, reasserts, tag-replacing writes, repeated webhook ids, dead letters, a merged-away
/// customer, pending and completed writes before, two shops with the same customer ids) are stored in one store as group
/// commits and in another one delivery at a time, and every result, ledger row, pending write and dead letter of each
/// shop must agree.
/// </summary>
public abstract class SetWiseGroupCommitContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] Customers = ["c0", "c1", "c2", "c3", "c4", "gone"];
    private static readonly string[] Properties = ["email", "order_count", "primary_tag", "total_spent"];
    private static readonly SyncSystem[] Destinations = [SyncSystem.Klaviyo, SyncSystem.HubSpot];

    /// <summary>The store's own shop first; the second one's "gone" was never merged, so the same key is written there.</summary>
    private static readonly string[] Shops = ["shop.myshopify.com", "second-shop.myshopify.com"];

    private IWorkerStore _batched = null!;
    private IWorkerStore _oneByOne = null!;

    protected ManualClock Clock { get; } = new();

    /// <summary>A fresh store of the engine under test, opened for <paramref name="shop"/>.</summary>
    protected abstract Task<IWorkerStore> CreateStoreAsync(string name, string shop, TimeProvider clock);

    public async Task InitializeAsync()
    {
        _batched = await CreateStoreAsync("batched", Shops[0], Clock);
        _oneByOne = await CreateStoreAsync("one-by-one", Shops[0], Clock);
        await _batched.InitializeAsync();
        await _oneByOne.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _batched.DisposeAsync();
        await _oneByOne.DisposeAsync();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Group_commits_store_what_one_delivery_at_a_time_stores(int seed)
    {
        var random = new Random(seed);
        foreach (var store in new[] { _batched, _oneByOne })
        {
            await store.ProposeWritesAsync([Write(new Random(seed * 7), "gone", Destinations[0])]);
            await store.ProposeWritesAsync([new CustomerMerge("c0", "gone", [SyncSystem.Klaviyo])]);
            await CompleteSomeAsync(store, "c1");
            await CompleteSomeAsync(store.ForShop(Shops[1]), "c2");
        }

        var sequence = 0;
        for (var round = 0; round < 12; round++)
        {
            var batch = Enumerable.Range(0, random.Next(1, 40)).Select(_ => Delivery(random, ref sequence)).ToList();
            var batched = await _batched.RecordDeliveriesAsync(batch);
            var oneByOne = new List<IntakeResult>();
            foreach (var (delivery, changes) in batch)
            {
                oneByOne.Add(await _oneByOne.RecordDeliveryAsync(delivery, changes));
            }

            Assert.Equal(oneByOne, batched);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        foreach (var shop in Shops)
        {
            await AssertSameAsync(_oneByOne.ForShop(shop), _batched.ForShop(shop));
        }

        // The shops stayed apart: the merged-away "gone" of the first shop is a person of its own in the second.
        Assert.Empty(await _batched.GetLedgerAsync("gone", Destinations[0]));
        Assert.NotEmpty(await _batched.ForShop(Shops[1]).GetLedgerAsync("gone", Destinations[0]));
    }

    private static async Task AssertSameAsync(IWorkerStore oneByOne, IWorkerStore batched)
    {
        foreach (var customer in Customers)
        {
            foreach (var destination in Destinations)
            {
                Assert.Equal(Rows(await oneByOne.GetLedgerAsync(customer, destination)), Rows(await batched.GetLedgerAsync(customer, destination)));
            }

            Assert.Equal(
                (await oneByOne.GetTagsAsync(customer)).Select(t => (t.Tag, t.Present, t.PlacedByWriteBack)),
                (await batched.GetTagsAsync(customer)).Select(t => (t.Tag, t.Present, t.PlacedByWriteBack)));
        }

        Assert.Equal(await PendingAsync(oneByOne), await PendingAsync(batched));
        Assert.Equal(
            (await oneByOne.ListDeadLettersAsync(1000)).Select(d => (d.Reason, d.Topic)).Order(),
            (await batched.ListDeadLettersAsync(1000)).Select(d => (d.Reason, d.Topic)).Order());
        Assert.Equal((await oneByOne.GetStatsAsync()).Deliveries, (await batched.GetStatsAsync()).Deliveries);
    }

    private static (DeliveryRecord, IReadOnlyList<LedgerChange>) Delivery(Random random, ref int sequence)
    {
        // One in eight repeats an earlier webhook id (Shopify's retry racing the original).
        var id = random.Next(8) == 0 && sequence > 0 ? random.Next(sequence) : ++sequence;
        var webhookId = "wh-" + id.ToString(CultureInfo.InvariantCulture);
        var disposition = random.Next(15) == 0 ? DeliveryDisposition.Unparseable : DeliveryDisposition.Accepted;
        var changes = new List<LedgerChange>();
        if (disposition == DeliveryDisposition.Accepted)
        {
            var customer = Customers[random.Next(Customers.Length)];
            foreach (var destination in Destinations.Where(_ => random.Next(3) > 0))
            {
                changes.Add(Write(random, customer, destination));
            }

            if (random.Next(4) == 0)
            {
                changes.Add(new TagObservation(customer, (TagChange)random.Next(3), new[] { "vip", "gift" }[..random.Next(1, 3)], T0.AddSeconds(random.Next(4))));
            }
        }

        // Both shops draw from one id sequence, so a repeated webhook id is sometimes another shop's: not a duplicate there.
        var delivery = new DeliveryRecord(
            "evt-" + webhookId, webhookId, "customers/update", Shops[random.Next(Shops.Length)], T0, T0,
            Encoding.UTF8.GetBytes("{}"), disposition, Reason: disposition == DeliveryDisposition.Unparseable ? "unreadable body" : null);
        return (delivery, changes);
    }

    private static ProposedWrite Write(Random random, string customer, SyncSystem destination)
    {
        var fields = Properties.Where(_ => random.Next(2) == 0)
            .Select(p => new FieldValue(p, "\"v" + random.Next(3).ToString(CultureInfo.InvariantCulture) + "\"", T0.AddSeconds(random.Next(4))))
            .ToList();
        return new ProposedWrite(customer, destination, WriteOperation.Upsert, fields,
            ReassertEqual: random.Next(4) == 0, OnlyChanges: random.Next(4) == 0, ReplacesPrevious: random.Next(3) == 0);
    }

    private static async Task CompleteSomeAsync(IWorkerStore store, string customer)
    {
        await store.ProposeWritesAsync([new ProposedWrite(customer, SyncSystem.Klaviyo, WriteOperation.Upsert, [new FieldValue("email", "\"v0\"", T0.AddSeconds(1))])]);
        foreach (var write in await store.ClaimDueWritesAsync("seed", TimeSpan.FromMinutes(1), 10))
        {
            await store.CompleteWriteAsync(write.Id, "seed");
        }
    }

    private static List<(string, string, long)> Rows(IEnumerable<FieldValue> values) =>
        values.Select(v => (v.Property, v.JsonValue, v.SourceTimestamp.UtcTicks)).Order().ToList();

    private static async Task<List<string>> PendingAsync(IWorkerStore store) =>
        (await store.ClaimDueWritesAsync("check", TimeSpan.FromMinutes(1), 10_000))
        .Select(w => $"{w.CustomerKey} {w.Destination} {w.Operation} "
            + string.Join(";", w.Fields.Select(f => $"{f.Property}={f.JsonValue}@{f.SourceTimestamp.UtcTicks}").Order(StringComparer.Ordinal)))
        .Order(StringComparer.Ordinal)
        .ToList();
}

/// <summary>The set-wise group commit on PostgreSQL (SQLite runs group commits one by one): two schemas.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSetWiseGroupCommitTests(PostgresServer server) : SetWiseGroupCommitContract
{
    protected override async Task<IWorkerStore> CreateStoreAsync(string name, string shop, TimeProvider clock) =>
        new PostgresWorkerStore(await server.CreateIsolatedSchemaAsync(), clock, shop);
}
