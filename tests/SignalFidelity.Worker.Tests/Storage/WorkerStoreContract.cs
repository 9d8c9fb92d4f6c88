using System.Collections.Concurrent;
using System.Text;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests.Storage;

/// <summary>
/// The storage contract, run against every engine: whatever the engine, a duplicate changes nothing,
/// the ledger refuses the stale, one writer per person and destination holds, leases expire and
/// failures retry then dead-letter.
/// </summary>
public abstract partial class WorkerStoreContract : IAsyncLifetime
{
    /// <summary>The shop the store under test is opened for, and the shop its deliveries come from.</summary>
    protected const string ShopA = "shop.myshopify.com";

    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    protected ManualClock Clock { get; } = new();

    protected IWorkerStore Store { get; private set; } = null!;

    /// <summary>Creates a fresh, empty store of the engine under test, on <paramref name="clock"/>.</summary>
    protected abstract Task<IWorkerStore> CreateStoreAsync(TimeProvider clock);

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync(Clock);
        await Store.InitializeAsync();
        await Store.InitializeAsync(); // idempotent: a second replica starting must not fail
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();

    [Fact]
    public async Task A_Shopify_API_version_seen_is_counted_and_its_review_claimed_by_exactly_one_of_many_concurrent_callers()
    {
        await Store.RecordShopifyApiVersionAsync("2027-01", T0.AddMinutes(5));
        await Store.RecordShopifyApiVersionAsync("2027-01", T0);
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Store.ClaimShopifyApiVersionReviewAsync("2027-01")));
        Assert.Equal(1, claims.Count(c => c));
        Assert.Null(Assert.Single(await Store.ListShopifyApiVersionsAsync()).Review); // claimed, but no window written yet

        await Store.SetShopifyApiVersionReviewAsync("2027-01", "2026-11-27-shopify-delivers-2027-01");
        Assert.False(await Store.ClaimShopifyApiVersionReviewAsync("2027-01"));
        var seen = Assert.Single((await Store.GetStatsAsync()).ShopifyApiVersions);
        Assert.Equal(("2027-01", T0, T0.AddMinutes(5), 2L, "2026-11-27-shopify-delivers-2027-01"), (seen.Version, seen.FirstSeen, seen.LastSeen, seen.Deliveries, seen.Review));
    }

    [Fact]
    public async Task A_duplicate_event_id_is_acknowledged_and_changes_nothing()
    {
        var first = await Store.RecordDeliveryAsync(Delivery("evt-1"), [Upsert("c1", ("total_spent", "10", T0))]);
        var second = await Store.RecordDeliveryAsync(Delivery("evt-1"), [Upsert("c1", ("total_spent", "99", T0.AddHours(1)))]);

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal("10", Assert.Single(await Store.GetLedgerAsync("c1", SyncSystem.Klaviyo)).JsonValue);
        var claimed = await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10);
        Assert.Equal("10", Assert.Single(Assert.Single(claimed).Fields).JsonValue);
        Assert.Equal(1, (await Store.GetStatsAsync()).Deliveries);
    }

    [Fact]
    public async Task A_group_commit_stores_each_delivery_as_alone_and_sees_duplicates_inside_the_batch()
    {
        var results = await Store.RecordDeliveriesAsync(
        [
            (Delivery("evt-a"), [Upsert("c1", ("total_spent", "10", T0))]),
            (Delivery("evt-b"), [Upsert("c1", ("total_spent", "5", T0.AddMinutes(-1)))]),
            (Delivery("evt-a"), [Upsert("c1", ("total_spent", "99", T0.AddHours(1)))]),
        ]);

        Assert.Equal([false, false, true], results.Select(r => r.Duplicate));
        Assert.Equal(1, results[1].FieldsRefused);
        Assert.Equal("10", Assert.Single(await Store.GetLedgerAsync("c1", SyncSystem.Klaviyo)).JsonValue);
        Assert.Equal(2, (await Store.GetStatsAsync()).Deliveries);
    }

    [Fact]
    public async Task The_ledger_refuses_a_field_older_than_the_accepted_one_and_lets_newer_fields_through()
    {
        await Store.RecordDeliveryAsync(Delivery("new"), [Upsert("c1", ("total_spent", "50", T0.AddMinutes(5)), ("order_count", "2", T0.AddMinutes(5)))]);
        var late = await Store.RecordDeliveryAsync(Delivery("old"), [Upsert("c1", ("total_spent", "10", T0), ("email", "\"a@b.example\"", T0))]);

        Assert.Equal(1, late.FieldsAccepted); // email was never set
        Assert.Equal(1, late.FieldsRefused);  // total_spent 10 is older than 50
        var ledger = (await Store.GetLedgerAsync("c1", SyncSystem.Klaviyo)).ToDictionary(f => f.Property, f => f.JsonValue);
        Assert.Equal("50", ledger["total_spent"]);
        var write = Assert.Single(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));
        var fields = write.Fields.ToDictionary(f => f.Property, f => f.JsonValue);
        Assert.Equal(["email", "order_count", "total_spent"], fields.Keys.Order());
        Assert.Equal("50", fields["total_spent"]);
    }

    [Fact]
    public async Task Same_source_time_is_refused_unless_reconciliation_reasserts_it()
    {
        await Store.ProposeWritesAsync([Upsert("c1", ("total_spent", "50", T0))]);
        await Complete(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));

        var replay = await Store.ProposeWritesAsync([Upsert("c1", ("total_spent", "50", T0))]);
        Assert.Equal(0, replay.FieldsAccepted);
        Assert.Empty(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));

        var reassert = await Store.ProposeWritesAsync([Upsert("c1", ("total_spent", "50", T0)) with { ReassertEqual = true }]);
        Assert.Equal(1, reassert.FieldsAccepted);
        Assert.Single(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));
    }

    [Fact]
    public async Task Only_changes_lets_a_newer_but_equal_value_pass_without_a_write()
    {
        await Store.ProposeWritesAsync([Upsert("c1", ("tags", "\"vip\"", T0)) with { OnlyChanges = true }]);
        await Complete(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));

        var same = await Store.ProposeWritesAsync([Upsert("c1", ("tags", "\"vip\"", T0.AddHours(1))) with { OnlyChanges = true }]);
        var changed = await Store.ProposeWritesAsync([Upsert("c1", ("tags", "\"loyal\"", T0.AddHours(2))) with { OnlyChanges = true }]);

        Assert.Equal((0, 1), (same.FieldsAccepted, changed.FieldsAccepted));
        Assert.Equal("\"loyal\"", Assert.Single(Assert.Single(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10)).Fields).JsonValue);
    }

    [Fact]
    public async Task A_newer_patch_merges_into_the_pending_write_instead_of_queueing_behind_it()
    {
        await Store.ProposeWritesAsync([Upsert("c1", ("total_spent", "10", T0), ("first_name", "\"Ann\"", T0))]);
        await Store.ProposeWritesAsync([Upsert("c1", ("total_spent", "20", T0.AddMinutes(1)))]);
        await Store.ProposeWritesAsync([Upsert("c2", ("total_spent", "7", T0))]);

        var stats = await Store.GetStatsAsync();
        Assert.Equal(2, stats.PendingWrites);
        var claimed = await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10);
        var c1 = claimed.Single(w => w.CustomerKey == "c1").Fields.ToDictionary(f => f.Property, f => f.JsonValue);
        Assert.Equal("20", c1["total_spent"]);
        Assert.Equal("\"Ann\"", c1["first_name"]);
    }

    [Fact]
    public async Task While_a_write_is_in_flight_the_next_one_for_that_person_waits_so_the_later_never_lands_first()
    {
        await Store.ProposeWritesAsync([Upsert("c1", ("total_spent", "10", T0))]);
        var first = Assert.Single(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));
        await Store.ProposeWritesAsync([Upsert("c1", ("total_spent", "20", T0.AddMinutes(1)))]);
        await Store.ProposeWritesAsync([Upsert("c1", ("total_spent", "30", T0.AddMinutes(2)))]);

        Assert.Empty(await Store.ClaimDueWritesAsync("d2", TimeSpan.FromMinutes(1), 10));
        var stats = await Store.GetStatsAsync();
        Assert.Equal((1, 1), (stats.PendingWrites, stats.InFlightWrites));

        Assert.True(await Store.CompleteWriteAsync(first.Id, "d1"));
        var second = Assert.Single(await Store.ClaimDueWritesAsync("d2", TimeSpan.FromMinutes(1), 10));
        Assert.Equal("30", Assert.Single(second.Fields).JsonValue);
    }

    [Fact]
    public async Task A_failed_write_retries_at_its_next_attempt_time_and_then_is_dead_lettered_with_the_reason()
    {
        await Store.ProposeWritesAsync([Upsert("c1", ("total_spent", "10", T0))]);
        var write = Assert.Single(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));
        Assert.True(await Store.FailWriteAsync(write.Id, "d1", "HTTP 503", Clock.GetUtcNow().AddSeconds(30)));

        Assert.Empty(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));
        Clock.Advance(TimeSpan.FromSeconds(31));
        var retry = Assert.Single(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));
        Assert.Equal(2, retry.Attempt);

        Assert.True(await Store.FailWriteAsync(retry.Id, "d1", "HTTP 400: invalid email", retryAt: null));
        var dead = Assert.Single(await Store.ListDeadLettersAsync());
        Assert.Equal((DeadLetterKind.Write, "HTTP 400: invalid email", "c1", SyncSystem.Klaviyo, 2), (dead.Kind, dead.Reason, dead.CustomerKey, dead.Destination, dead.Attempts));
        var stats = await Store.GetStatsAsync();
        Assert.Equal((0, 0, 1), (stats.PendingWrites, stats.InFlightWrites, stats.DeadLetters));
    }

    [Fact]
    public async Task A_failed_write_folds_under_a_newer_pending_one_and_newer_values_win()
    {
        await Store.ProposeWritesAsync([Upsert("c1", ("total_spent", "10", T0), ("first_name", "\"Ann\"", T0))]);
        var write = Assert.Single(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));
        await Store.ProposeWritesAsync([Upsert("c1", ("total_spent", "20", T0.AddMinutes(1)))]);
        Assert.True(await Store.FailWriteAsync(write.Id, "d1", "HTTP 429", Clock.GetUtcNow().AddSeconds(10)));

        var stats = await Store.GetStatsAsync();
        Assert.Equal((1, 0), (stats.PendingWrites, stats.InFlightWrites));
        Assert.Empty(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10)); // backoff is kept
        Clock.Advance(TimeSpan.FromSeconds(11));
        var merged = Assert.Single(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10)).Fields.ToDictionary(f => f.Property, f => f.JsonValue);
        Assert.Equal(("20", "\"Ann\""), (merged["total_spent"], merged["first_name"]));
    }

    [Fact]
    public async Task An_expired_lease_lets_another_dispatcher_reclaim_and_fences_the_old_holder()
    {
        await Store.ProposeWritesAsync([Upsert("c1", ("total_spent", "10", T0))]);
        var lost = Assert.Single(await Store.ClaimDueWritesAsync("crashed", TimeSpan.FromSeconds(30), 10));
        Assert.Empty(await Store.ClaimDueWritesAsync("d2", TimeSpan.FromSeconds(30), 10));

        Clock.Advance(TimeSpan.FromSeconds(31));
        var reclaimed = Assert.Single(await Store.ClaimDueWritesAsync("d2", TimeSpan.FromSeconds(30), 10));
        Assert.Equal(lost.Id, reclaimed.Id);
        Assert.False(await Store.CompleteWriteAsync(lost.Id, "crashed"));
        Assert.False(await Store.FailWriteAsync(lost.Id, "crashed", "late", null));
        Assert.True(await Store.CompleteWriteAsync(reclaimed.Id, "d2"));
    }

    [Fact]
    public async Task Replaying_a_dead_letter_requeues_only_the_values_the_ledger_still_holds()
    {
        await Store.ProposeWritesAsync([Upsert("c1", ("total_spent", "10", T0), ("first_name", "\"Ann\"", T0))]);
        var write = Assert.Single(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));
        Assert.True(await Store.FailWriteAsync(write.Id, "d1", "budget spent", null));
        await Store.ProposeWritesAsync([Upsert("c1", ("total_spent", "20", T0.AddMinutes(1)))]);
        await Complete(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));

        var dead = Assert.Single(await Store.ListDeadLettersAsync());
        Assert.Equal(1, await Store.ReplayWriteDeadLettersAsync([dead.Id]));
        Assert.Equal(0, await Store.ReplayWriteDeadLettersAsync([dead.Id]));

        var replayed = Assert.Single(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));
        var field = Assert.Single(replayed.Fields); // total_spent 10 is stale now: only the name goes out again
        Assert.Equal(("first_name", "\"Ann\""), (field.Property, field.JsonValue));
        Assert.Empty(await Store.ListDeadLettersAsync());
        Assert.NotNull(Assert.Single(await Store.ListDeadLettersAsync(includeReplayed: true)).ReplayedAt);
    }

    [Fact]
    public async Task An_unparseable_delivery_is_stored_once_and_dead_lettered_and_can_be_replaced_by_its_replay()
    {
        var garbage = Delivery("evt-bad", "{not json") with { Disposition = DeliveryDisposition.Unparseable, Reason = "JSON: '{' expected" };
        await Store.RecordDeliveryAsync(garbage, []);
        Assert.True((await Store.RecordDeliveryAsync(garbage, [])).Duplicate);

        var dead = Assert.Single(await Store.ListDeadLettersAsync());
        Assert.Equal((DeadLetterKind.Delivery, "evt-bad", "{not json"), (dead.Kind, dead.EventId, dead.Payload));
        Assert.Equal(DeliveryDisposition.Unparseable, (await Store.FindDeliveryAsync("evt-bad"))!.Disposition);

        var fixedUp = Delivery("evt-bad", "{}");
        var replay = await Store.RecordDeliveryAsync(fixedUp, [Upsert("c9", ("total_spent", "1", T0))], replayingDeadLetterId: dead.Id);
        Assert.False(replay.Duplicate);
        Assert.Equal(DeliveryDisposition.Accepted, (await Store.FindDeliveryAsync("evt-bad"))!.Disposition);
        Assert.Empty(await Store.ListDeadLettersAsync());
    }

    [Fact]
    public async Task Redacting_a_person_erases_them_from_every_table_and_queues_the_delete()
    {
        await Store.RecordDeliveryAsync(Delivery("evt-1", "{\"email\":\"ann@example.com\"}") with { CustomerKey = "c1" }, [Upsert("c1", ("email", "\"ann@example.com\"", T0))]);
        await Store.RecordDeliveryAsync(Delivery("evt-2") with { CustomerKey = "c2" }, [Upsert("c2", ("email", "\"bob@example.com\"", T0))]);

        await Store.RedactCustomerAsync("c1", [new ProposedWrite("c1", SyncSystem.Klaviyo, WriteOperation.Delete, [new FieldValue("email", "\"ann@example.com\"", T0)])]);

        Assert.Empty(await Store.GetLedgerAsync("c1", SyncSystem.Klaviyo));
        Assert.Single(await Store.GetLedgerAsync("c2", SyncSystem.Klaviyo));
        var stored = await Store.FindDeliveryAsync("evt-1");
        Assert.Empty(stored!.Body);
        Assert.Null(stored.CustomerKey);
        var claimed = await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10);
        Assert.Equal(WriteOperation.Delete, claimed.Single(w => w.CustomerKey == "c1").Operation);

        // Nothing new may be written for the person while the delete is waiting.
        await Store.RedactCustomerAsync("c2", [new ProposedWrite("c2", SyncSystem.Klaviyo, WriteOperation.Delete, [])]);
        await Store.ProposeWritesAsync([Upsert("c2", ("first_name", "\"Bob\"", T0.AddDays(1)))]);
        var c2 = claimed.Single(w => w.CustomerKey == "c2");
        Assert.True(await Store.CompleteWriteAsync(c2.Id, "d1"));
        var next = Assert.Single(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10), w => w.CustomerKey == "c2");
        Assert.Equal(WriteOperation.Delete, next.Operation);
    }

    [Fact]
    public async Task A_replacing_write_carries_every_value_it_replaced_until_one_write_lands()
    {
        static ProposedWrite Tag(string tag, DateTimeOffset at) =>
            new("c1", SyncSystem.Shopify, WriteOperation.Upsert, [new FieldValue("tags", $"\"{tag}\"", at)], OnlyChanges: true, ReplacesPrevious: true);

        await Store.ProposeWritesAsync([Tag("A", T0)]);
        var first = Assert.Single(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));
        Assert.Equal(["tags"], first.Fields.Select(f => f.Property)); // nothing was replaced yet
        Assert.True(await Store.CompleteWriteAsync(first.Id, "d1"));

        // A -> B -> C before the dispatcher runs: one merged write that removes both A and B.
        await Store.ProposeWritesAsync([Tag("B", T0.AddMinutes(1))]);
        await Store.ProposeWritesAsync([Tag("C", T0.AddMinutes(2))]);
        var merged = Assert.Single(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));
        Assert.Equal("\"C\"", merged.Fields.Single(f => f.Property == "tags").JsonValue);
        Assert.Equal(["\"A\"", "\"B\""], merged.Fields.Where(f => f.Property.StartsWith("tags@superseded:", StringComparison.Ordinal)).Select(f => f.JsonValue).Order());

        // The ledger keeps only the primary tag itself: the superseded values are write-only.
        Assert.Equal(["tags"], (await Store.GetLedgerAsync("c1", SyncSystem.Shopify)).Select(v => v.Property));
    }

    [Fact]
    public async Task Stats_report_depth_lag_dead_letters_unrouted_and_the_last_reconciliation()
    {
        await Store.RecordDeliveryAsync(Delivery("evt-1") with { Disposition = DeliveryDisposition.Unrouted, Topic = "products/update" }, []);
        await Store.ProposeWritesAsync([Upsert("c1", ("total_spent", "1", T0)), Upsert("c2", ("total_spent", "2", T0))]);
        Clock.Advance(TimeSpan.FromSeconds(42));
        Assert.Null((await Store.GetStatsAsync()).LastReconciliation);
        await Store.SetCursorAsync("reconciliation", "2026-11-27T12:00:00Z");

        var stats = await Store.GetStatsAsync();
        Assert.Equal((2L, 0L, 1L, 1L), (stats.PendingWrites, stats.InFlightWrites, stats.Deliveries, stats.UnroutedDeliveries));
        Assert.Equal(TimeSpan.FromSeconds(42), stats.Lag);
        Assert.Equal(Clock.GetUtcNow(), stats.LastReconciliation);
        Assert.Equal("2026-11-27T12:00:00Z", await Store.GetCursorAsync("reconciliation"));
    }

    [Fact]
    public async Task Concurrent_dispatchers_each_write_once_and_never_two_in_flight_for_one_person()
    {
        const int people = 40;
        const int versions = 5;
        for (var version = 1; version <= versions; version++)
        {
            await Store.ProposeWritesAsync(Enumerable.Range(0, people)
                .Select(p => Upsert($"c{p}", ("total_spent", version.ToString(System.Globalization.CultureInfo.InvariantCulture), T0.AddMinutes(version))))
                .ToList());
        }

        var inFlight = new ConcurrentDictionary<string, string>();
        var lastWritten = new ConcurrentDictionary<string, int>();
        var violations = new ConcurrentBag<string>();
        var dispatchers = Enumerable.Range(0, 4).Select(d => Task.Run(async () =>
        {
            var owner = $"d{d}";
            await using var replica = await OpenReplicaAsync();
            for (var idle = 0; idle < 3;)
            {
                var claimed = await replica.ClaimDueWritesAsync(owner, TimeSpan.FromMinutes(5), 7);
                idle = claimed.Count == 0 ? idle + 1 : 0;
                foreach (var write in claimed)
                {
                    if (!inFlight.TryAdd(write.CustomerKey, owner))
                    {
                        violations.Add($"{write.CustomerKey} claimed by {owner} while in flight elsewhere");
                    }

                    var value = int.Parse(Assert.Single(write.Fields).JsonValue, System.Globalization.CultureInfo.InvariantCulture);
                    lastWritten.AddOrUpdate(write.CustomerKey, value, (_, previous) =>
                    {
                        if (value < previous)
                        {
                            violations.Add($"{write.CustomerKey}: {value} landed after {previous}");
                        }

                        return value;
                    });
                    inFlight.TryRemove(write.CustomerKey, out _);
                    Assert.True(await replica.CompleteWriteAsync(write.Id, owner));
                }

                // New facts keep arriving while dispatchers drain.
                if (d == 0 && lastWritten.Count < people)
                {
                    await replica.ProposeWritesAsync([Upsert($"c{lastWritten.Count}", ("total_spent", "9", T0.AddHours(1)))]);
                }

                await Task.Delay(1);
            }
        })).ToArray();
        await Task.WhenAll(dispatchers);

        Assert.Empty(violations);
        Assert.Equal(people, lastWritten.Count);
        var stats = await Store.GetStatsAsync();
        Assert.Equal((0L, 0L), (stats.PendingWrites, stats.InFlightWrites));
        foreach (var person in Enumerable.Range(0, people))
        {
            var ledger = Assert.Single(await Store.GetLedgerAsync($"c{person}", SyncSystem.Klaviyo));
            Assert.Equal(ledger.JsonValue, lastWritten[$"c{person}"].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Another handle on the same data, as a second worker replica would open it.</summary>
    protected abstract Task<IWorkerStore> OpenReplicaAsync();

    private async Task Complete(IReadOnlyList<ClaimedWrite> claimed)
    {
        foreach (var write in claimed)
        {
            Assert.True(await Store.CompleteWriteAsync(write.Id, "d1"));
        }
    }

    private static ProposedWrite Upsert(string customer, params (string Property, string Json, DateTimeOffset At)[] fields) =>
        new(customer, SyncSystem.Klaviyo, WriteOperation.Upsert, fields.Select(f => new FieldValue(f.Property, f.Json, f.At)).ToList());

    private DeliveryRecord Delivery(string eventId, string body = "{}") => new(
        eventId, Guid.NewGuid().ToString(), "customers/update", ShopA, T0, Clock.GetUtcNow(),
        Encoding.UTF8.GetBytes(body), DeliveryDisposition.Accepted);
}
