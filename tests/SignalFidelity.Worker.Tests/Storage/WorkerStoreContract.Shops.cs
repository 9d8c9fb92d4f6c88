using System.Text;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests.Storage;

/// <summary>
/// Every table is keyed by shop: one worker serves several shops, and the same Shopify customer id in two shops is two
/// people, each with their own ledger, queue, tags, merges, dead letters, cursors, leases and API version counts.
/// </summary>
public abstract partial class WorkerStoreContract
{
    private const string ShopB = "other-store.myshopify.com";

    [Fact]
    public async Task The_same_customer_id_in_two_shops_is_two_people_with_their_own_ledger_and_queue()
    {
        var shopB = Store.ForShop(ShopB);
        // Even the same webhook and event ids: each shop's deliveries are deduplicated among themselves.
        var a = await Store.RecordDeliveryAsync(ShopDelivery(ShopA, "evt-1", "wh-1"), [Upsert("c1", ("total_spent", "10", T0))]);
        var b = await Store.RecordDeliveryAsync(ShopDelivery(ShopB, "evt-1", "wh-1"), [Upsert("c1", ("total_spent", "20", T0.AddMinutes(-5)))]);

        Assert.False(a.Duplicate);
        Assert.False(b.Duplicate);
        Assert.Equal(1, b.FieldsAccepted); // older than shop A's value, and still accepted: another person's
        Assert.Equal("10", Assert.Single(await Store.GetLedgerAsync("c1", SyncSystem.Klaviyo)).JsonValue);
        Assert.Equal("20", Assert.Single(await shopB.GetLedgerAsync("c1", SyncSystem.Klaviyo)).JsonValue);

        var claimedA = Assert.Single(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));
        Assert.Equal("10", Assert.Single(claimedA.Fields).JsonValue);
        // Shop A's write in flight does not hold back shop B's write for its own c1.
        var claimedB = Assert.Single(await shopB.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));
        Assert.Equal("20", Assert.Single(claimedB.Fields).JsonValue);

        var (statsA, statsB) = (await Store.GetStatsAsync(), await shopB.GetStatsAsync());
        Assert.Equal((ShopA, 1L, 1L), (statsA.Shop, statsA.InFlightWrites, statsA.Deliveries));
        Assert.Equal((ShopB, 1L, 1L), (statsB.Shop, statsB.InFlightWrites, statsB.Deliveries));
        Assert.NotNull(await shopB.FindDeliveryAsync("evt-1", "customers/update"));
        Assert.Null(await Store.ForShop("third.myshopify.com").FindDeliveryAsync("evt-1"));
    }

    [Fact]
    public async Task A_group_commit_of_two_shops_deliveries_keeps_each_shops_people_apart()
    {
        var results = await Store.RecordDeliveriesAsync(
        [
            (ShopDelivery(ShopA, "evt-a", "wh-a"), [Upsert("c1", ("total_spent", "10", T0))]),
            (ShopDelivery(ShopB, "evt-b", "wh-b"), [Upsert("c1", ("total_spent", "5", T0.AddMinutes(-1)))]),
            (ShopDelivery(ShopB, "evt-b", "wh-b"), [Upsert("c1", ("total_spent", "99", T0.AddHours(1)))]),
        ]);

        Assert.Equal([false, false, true], results.Select(r => r.Duplicate));
        Assert.Equal([1, 1], results.Take(2).Select(r => r.FieldsAccepted));
        Assert.Equal("10", Assert.Single(await Store.GetLedgerAsync("c1", SyncSystem.Klaviyo)).JsonValue);
        Assert.Equal("5", Assert.Single(await Store.ForShop(ShopB).GetLedgerAsync("c1", SyncSystem.Klaviyo)).JsonValue);
    }

    [Fact]
    public async Task Shop_redact_erases_only_that_shops_rows()
    {
        var shopB = Store.ForShop(ShopB);
        foreach (var (store, shop) in new[] { (Store, ShopA), (shopB, ShopB) })
        {
            await store.RecordDeliveryAsync(ShopDelivery(shop, "evt-1", "wh-1") with { CustomerKey = "c1" }, [Upsert("c1", ("total_spent", "10", T0))]);
            await store.RecordDeliveryAsync(
                ShopDelivery(shop, "evt-2", "wh-2") with { Disposition = DeliveryDisposition.Unparseable, Reason = "unreadable", CustomerKey = "c1" }, []);
            await store.ProposeWritesAsync([new TagObservation("c1", TagChange.Added, ["vip"], T0), new CustomerMerge("c1", "c2", [SyncSystem.Klaviyo])]);
        }

        await shopB.RedactShopAsync();

        Assert.Empty(await shopB.GetLedgerAsync("c1", SyncSystem.Klaviyo));
        Assert.Empty(await shopB.GetTagsAsync("c1"));
        Assert.Empty(await shopB.ListDeadLettersAsync());
        Assert.Empty(await shopB.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));
        Assert.Empty((await shopB.FindDeliveryAsync("evt-1"))!.Body);

        Assert.Single(await Store.GetLedgerAsync("c1", SyncSystem.Klaviyo));
        Assert.Single(await Store.GetTagsAsync("c1"));
        Assert.Single(await Store.ListDeadLettersAsync());
        Assert.Single(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));
        Assert.NotEmpty((await Store.FindDeliveryAsync("evt-1"))!.Body);
        // Shop A's merge survived: a late write for its merged-away c2 is still refused.
        Assert.Equal(1, (await Store.ProposeWritesAsync([Upsert("c2", ("total_spent", "1", T0.AddHours(1)))])).FieldsRefused);
    }

    [Fact]
    public async Task Cursors_leases_dead_letter_replays_and_Shopify_API_versions_are_per_shop()
    {
        var shopB = Store.ForShop(ShopB);
        await Store.SetCursorAsync("reconciliation", "a-position");
        await shopB.SetCursorAsync("reconciliation", "b-position");
        Assert.Equal(("a-position", "b-position"), (await Store.GetCursorAsync("reconciliation"), await shopB.GetCursorAsync("reconciliation")));

        // A lease per shop per check: each shop's drift check runs once per due time, both shops' run.
        var until = Clock.GetUtcNow().AddMinutes(10);
        Assert.True(await Store.TryClaimScheduledRunAsync("drift", T0, "replica-1", until));
        Assert.True(await shopB.TryClaimScheduledRunAsync("drift", T0, "replica-2", until));
        Assert.False(await shopB.TryClaimScheduledRunAsync("drift", T0, "replica-1", until));

        await shopB.RecordShopifyApiVersionAsync("2027-01", T0);
        Assert.Empty(await Store.ListShopifyApiVersionsAsync());
        Assert.True(await shopB.ClaimShopifyApiVersionReviewAsync("2027-01"));

        await shopB.ProposeWritesAsync([Upsert("c1", ("total_spent", "20", T0))]);
        var write = Assert.Single(await shopB.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));
        Assert.True(await shopB.FailWriteAsync(write.Id, "d1", "400 invalid", retryAt: null));
        Assert.Equal(0, await Store.ReplayWriteDeadLettersAsync());
        Assert.Equal(1, await shopB.ReplayWriteDeadLettersAsync());
        Assert.Empty(await Store.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10));
        Assert.Equal("20", Assert.Single(Assert.Single(await shopB.ClaimDueWritesAsync("d1", TimeSpan.FromMinutes(1), 10)).Fields).JsonValue);
    }

    private DeliveryRecord ShopDelivery(string shop, string eventId, string webhookId) => new(
        eventId, webhookId, "customers/update", shop, T0, Clock.GetUtcNow(), Encoding.UTF8.GetBytes("{}"), DeliveryDisposition.Accepted);
}
