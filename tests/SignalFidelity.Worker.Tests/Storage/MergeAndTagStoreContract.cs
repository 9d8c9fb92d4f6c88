using System.Text;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests.Storage;

/// <summary>
/// The storage contract for Shopify's customer merges and the customer's tag set, run against every engine: a merge
/// moves the merged-away customer under the kept one (newer value winning per field) and queues one merge write per
/// destination that knew them; afterwards nothing is written for the merged-away customer; the tag set keeps the
/// newest state per tag whatever order Shopify's deltas arrive in, and remembers which tags the write-back placed.
/// </summary>
public abstract class MergeAndTagStoreContract : IAsyncLifetime
{
    /// <summary>The shop the store is opened for and its deliveries come from.</summary>
    protected const string Shop = "shop.myshopify.com";

    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    protected ManualClock Clock { get; } = new();

    protected IWorkerStore Store { get; private set; } = null!;

    protected abstract Task<IWorkerStore> CreateStoreAsync(TimeProvider clock);

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync(Clock);
        await Store.InitializeAsync();
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();

    [Fact]
    public async Task A_merge_moves_the_merged_away_ledger_under_the_kept_customer_and_queues_one_merge_write_with_both()
    {
        await SyncedAsync(Upsert("kept", ("email", "\"ann@example.com\"", T0.AddMinutes(2)), ("first_name", "\"Ann\"", T0.AddMinutes(2))));
        await SyncedAsync(Upsert("gone", ("email", "\"ann.old@example.com\"", T0.AddMinutes(1)), ("phone_number", "\"+15556251199\"", T0.AddMinutes(1))));
        await Store.ProposeWritesAsync([Upsert("gone", ("first_name", "\"Annie\"", T0.AddMinutes(5)))]); // pending, and newer than the kept name

        var result = await Store.RecordDeliveryAsync(Delivery("evt-merge"), [new CustomerMerge("kept", "gone", [SyncSystem.Klaviyo, SyncSystem.HubSpot])]);

        Assert.False(result.Duplicate);
        Assert.Empty(await Store.GetLedgerAsync("gone", SyncSystem.Klaviyo));
        Assert.Equal(
            [("email", "\"ann@example.com\""), ("first_name", "\"Annie\""), ("phone_number", "\"+15556251199\"")],
            (await Store.GetLedgerAsync("kept", SyncSystem.Klaviyo)).Select(v => (v.Property, v.JsonValue)));
        var merge = Assert.Single(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10)); // HubSpot never knew them: nothing to merge there
        Assert.Equal(("kept", SyncSystem.Klaviyo, WriteOperation.Merge), (merge.CustomerKey, merge.Destination, merge.Operation));
        Assert.Equal(["email", "first_name", "phone_number"], merge.Fields.Where(FieldSet.IsValue).Select(f => f.Property).Order());
        var (mergedAway, known) = Assert.Single(FieldSet.MergedAwayOf(merge.Fields));
        Assert.Equal("gone", mergedAway);
        Assert.Equal([("email", "\"ann.old@example.com\""), ("first_name", "\"Annie\""), ("phone_number", "\"+15556251199\"")],
            known.Select(f => (f.Property, f.JsonValue)).Order());
    }

    [Fact]
    public async Task After_a_merge_nothing_is_written_for_the_merged_away_customer_and_a_repeat_queues_nothing()
    {
        await SyncedAsync(Upsert("kept", ("email", "\"ann@example.com\"", T0)));
        await SyncedAsync(Upsert("gone", ("email", "\"ann.old@example.com\"", T0)));
        await Store.ProposeWritesAsync([new CustomerMerge("kept", "gone", [SyncSystem.Klaviyo])]);
        await CompleteAllAsync();

        var late = await Store.ProposeWritesAsync([Upsert("gone", ("first_name", "\"Late\"", T0.AddHours(1)))]);
        await Store.ProposeWritesAsync([new TagObservation("gone", TagChange.Added, ["late"], T0.AddHours(1))]);
        await Store.ProposeWritesAsync([new CustomerMerge("kept", "gone", [SyncSystem.Klaviyo])]);

        Assert.Equal((0, 1), (late.FieldsAccepted, late.FieldsRefused));
        Assert.Empty(await Store.GetLedgerAsync("gone", SyncSystem.Klaviyo));
        Assert.Empty(await Store.GetTagsAsync("gone"));
        Assert.Empty(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));
        Assert.Equal(0, (await Store.GetStatsAsync()).PendingWrites);
    }

    [Fact]
    public async Task A_merge_of_customers_never_synced_queues_nothing()
    {
        await Store.RecordDeliveryAsync(Delivery("evt-merge"), [new CustomerMerge("stranger-1", "stranger-2", [SyncSystem.Klaviyo, SyncSystem.HubSpot])]);

        Assert.Empty(await Store.GetLedgerAsync("stranger-1", SyncSystem.Klaviyo));
        Assert.Empty(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));
    }

    [Fact]
    public async Task The_kept_customer_waits_while_a_write_for_the_merged_away_one_is_in_flight_and_that_write_is_never_retried()
    {
        await SyncedAsync(Upsert("kept", ("email", "\"ann@example.com\"", T0)));
        await Store.ProposeWritesAsync([Upsert("gone", ("email", "\"ann.old@example.com\"", T0))]);
        var inFlight = Assert.Single(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));

        await Store.ProposeWritesAsync([new CustomerMerge("kept", "gone", [SyncSystem.Klaviyo])]);
        Assert.Empty(await Store.ClaimDueWritesAsync("d2", TimeSpan.FromMinutes(1), 10)); // it could land after the CRM merge
        Assert.True(await Store.FailWriteAsync(inFlight.Id, "d1", "timeout", Clock.GetUtcNow()));

        var merge = Assert.Single(await Store.ClaimDueWritesAsync("d2", TimeSpan.FromMinutes(1), 10));
        Assert.Equal(("kept", WriteOperation.Merge), (merge.CustomerKey, merge.Operation));
        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, (await Store.GetStatsAsync()).InFlightWrites); // only the merge: the failed write was dropped, not queued again
    }

    [Fact]
    public async Task Tag_deltas_keep_the_newest_state_per_tag_whatever_order_they_arrive_in()
    {
        await ObserveAsync(TagChange.Added, T0.AddMinutes(2), "VIP", "gift");
        await ObserveAsync(TagChange.Removed, T0.AddMinutes(1), "gift");     // older than the add: changes nothing
        await ObserveAsync(TagChange.Removed, T0.AddMinutes(3), "vip");      // Shopify compares tags ignoring case
        await ObserveAsync(TagChange.Added, T0.AddMinutes(2.5), "vip");      // an add from before the removal, late
        await ObserveAsync(TagChange.FullSet, T0.AddMinutes(4), "wholesale"); // the whole set: gift is gone

        Assert.Equal([("gift", false), ("vip", false), ("wholesale", true)], (await Store.GetTagsAsync("c1")).Select(t => (t.Tag, t.Present)));
    }

    [Fact]
    public async Task The_write_backs_own_tags_stay_its_own_whatever_order_their_echo_arrives_in_until_someone_else_adds_them()
    {
        await ObserveAsync(TagChange.Added, T0.AddMinutes(5), "lapsed");  // Shopify's echo of the write-back's add, first
        await ObserveAsync(TagChange.Placed, T0.AddMinutes(4), "lapsed");
        await ObserveAsync(TagChange.Placed, T0.AddMinutes(1), "vip");
        await ObserveAsync(TagChange.Added, T0.AddMinutes(2), "vip");     // the echo, after
        await ObserveAsync(TagChange.Added, T0.AddMinutes(2), "wholesale");
        await ObserveAsync(TagChange.Withdrawn, T0.AddMinutes(1), "gift"); // removed by the write-back: known, absent
        await ObserveAsync(TagChange.Added, T0.AddMinutes(6), "gift");     // put back by staff: theirs now

        Assert.Equal([("gift", true, false), ("lapsed", true, true), ("vip", true, true), ("wholesale", true, false)],
            (await Store.GetTagsAsync("c1")).Select(t => (t.Tag, t.Present, t.PlacedByWriteBack)));
    }

    [Fact]
    public async Task A_merge_moves_the_tag_set_and_a_redact_erases_it()
    {
        await SyncedAsync(Upsert("kept", ("email", "\"ann@example.com\"", T0)));
        await Store.ProposeWritesAsync([new TagObservation("kept", TagChange.Added, ["vip"], T0.AddMinutes(1))]);
        await Store.ProposeWritesAsync([new TagObservation("gone", TagChange.Added, ["wholesale"], T0), new TagObservation("gone", TagChange.Removed, ["vip"], T0)]);

        await Store.ProposeWritesAsync([new CustomerMerge("kept", "gone", [SyncSystem.Klaviyo])]);

        Assert.Empty(await Store.GetTagsAsync("gone"));
        Assert.Equal([("vip", true), ("wholesale", true)], (await Store.GetTagsAsync("kept")).Select(t => (t.Tag, t.Present)));
        await Store.RedactCustomerAsync("kept", []);
        Assert.Empty(await Store.GetTagsAsync("kept"));
    }

    private Task ObserveAsync(TagChange change, DateTimeOffset at, params string[] tags) =>
        Store.ProposeWritesAsync([new TagObservation("c1", change, tags, at)]);

    /// <summary>Proposes the write and lets it land, as a person already synced.</summary>
    private async Task SyncedAsync(ProposedWrite write)
    {
        await Store.ProposeWritesAsync([write]);
        await CompleteAllAsync();
    }

    private async Task CompleteAllAsync()
    {
        foreach (var write in await Store.ClaimDueWritesAsync("d0", TimeSpan.FromMinutes(1), 100))
        {
            Assert.True(await Store.CompleteWriteAsync(write.Id, "d0"));
        }
    }

    private static ProposedWrite Upsert(string customer, params (string Property, string Json, DateTimeOffset At)[] fields) =>
        new(customer, SyncSystem.Klaviyo, WriteOperation.Upsert, fields.Select(f => new FieldValue(f.Property, f.Json, f.At)).ToList());

    private DeliveryRecord Delivery(string eventId) => new(
        eventId, Guid.NewGuid().ToString(), "customers/merge", Shop, T0, Clock.GetUtcNow(), Encoding.UTF8.GetBytes("{}"), DeliveryDisposition.Accepted);
}

/// <summary>The merge and tag contract on SQLite.</summary>
public sealed class SqliteMergeAndTagStoreTests : MergeAndTagStoreContract, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sigfid-sqlite-merge-test.");

    protected override Task<IWorkerStore> CreateStoreAsync(TimeProvider clock) =>
        Task.FromResult<IWorkerStore>(new SqliteWorkerStore(Path.Combine(_folder.FullName, "worker.db"), clock: clock, shop: Shop));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}

/// <summary>The merge and tag contract on PostgreSQL, each test in its own schema.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMergeAndTagStoreTests(PostgresServer server) : MergeAndTagStoreContract
{
    protected override async Task<IWorkerStore> CreateStoreAsync(TimeProvider clock) =>
        new PostgresWorkerStore(await server.CreateIsolatedSchemaAsync(), clock, Shop);
}
