using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;

namespace SignalFidelity.Worker.Storage;

/// <summary>
/// A group commit applied set-wise: the batch's deliveries, the ledger rows and the pending writes of every person
/// in it are read and written with a handful of multi-row statements, whatever the batch's size, where the
/// one-by-one path runs several statements per field. On PostgreSQL each statement is a network round trip, so
/// this is what lets intake keep up with a sale. The decisions are the one-by-one path's, taken in memory in the
/// batch's order (the stale guard per field, the fold into the pending write), on rows this transaction has
/// locked; a row another replica inserted meanwhile makes the insert fail with a unique violation, and the
/// transaction runs again from the start. A batch with anything else (a merge, an erasure) goes one by one.
/// </summary>
public abstract partial class RelationalWorkerStore
{
    /// <summary>
    /// True where a statement costs a round trip (a database server): group commits are then applied set-wise. An
    /// in-process engine runs the one-by-one path faster.
    /// </summary>
    protected virtual bool GroupCommitsSetWise => true;

    /// <summary>
    /// Parameters per multi-row statement, far under PostgreSQL's 65,535 (an <c>IN</c> list is padded up to twice its size).
    /// </summary>
    private const int MaxParametersPerStatement = 20_000;

    private static bool IsSetWise(IReadOnlyList<(DeliveryRecord Delivery, IReadOnlyList<LedgerChange> Changes)> batch) =>
        batch.All(item => item.Changes.All(change => change is TagObservation or ProposedWrite { Operation: WriteOperation.Upsert }));

    private async Task<IReadOnlyList<IntakeResult>> RecordSetWiseAsync(
        DbConnection c, DbTransaction t, IReadOnlyList<(DeliveryRecord Delivery, IReadOnlyList<LedgerChange> Changes)> batch, CancellationToken cancellationToken)
    {
        var now = NowTicks();
        var inserted = await InsertDeliveriesAsync(c, t, batch.Select(item => item.Delivery).ToList(), MaxParametersPerStatement, cancellationToken);
        var results = new IntakeResult[batch.Count];
        var writes = new List<(int Item, ProposedWrite Write)>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (!inserted[i])
            {
                results[i] = IntakeResult.DuplicateEvent;
                continue;
            }

            var delivery = batch[i].Delivery;
            if (delivery.Disposition is DeliveryDisposition.Unparseable or DeliveryDisposition.OutsideWindow)
            {
                await DeadLetterDeliveryAsync(c, t, delivery, now, cancellationToken);
            }

            foreach (var change in batch[i].Changes)
            {
                if (change is TagObservation tags)
                {
                    await ObserveTagsAsync(c, t, delivery.ShopDomain, tags, cancellationToken);
                }
                else
                {
                    writes.Add((i, (ProposedWrite)change));
                }
            }
        }

        var counts = new (int Accepted, int Refused)[batch.Count];
        // One shop's people share nothing with another's (the same customer id in two shops is two people): each
        // shop's rows are read, decided and written as a set of their own, in the batch's order within the shop.
        foreach (var ofShop in writes.GroupBy(w => batch[w.Item].Delivery.ShopDomain, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            await ApplySetWiseAsync(c, t, ofShop.Key, ofShop.ToList(), counts, now, cancellationToken);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            results[i] ??= new IntakeResult(false, counts[i].Accepted, counts[i].Refused);
        }

        return results;
    }

    private async Task ApplySetWiseAsync(
        DbConnection c, DbTransaction t, string shop, IReadOnlyList<(int Item, ProposedWrite Write)> writes, (int Accepted, int Refused)[] counts, long now,
        CancellationToken cancellationToken)
    {
        var customers = writes.Select(w => w.Write.CustomerKey).Distinct(StringComparer.Ordinal).ToList();
        var mergedAway = await MergedAwayAmongAsync(c, t, shop, customers, cancellationToken);
        var ledger = await LedgerOfAsync(c, t, shop, customers, cancellationToken);
        var pending = new PendingFold(shop, await PendingWritesOfAsync(c, t, shop, customers, cancellationToken));
        foreach (var (item, write) in writes)
        {
            if (mergedAway.Contains(write.CustomerKey))
            {
                counts[item].Refused += write.Fields.Count; // as one by one: a merged-away customer's delivery is stale by definition
                continue;
            }

            var passed = ledger.Apply(write, out var refused);
            counts[item].Accepted += passed.Count(FieldSet.IsValue);
            counts[item].Refused += refused;
            if (passed.Count > 0)
            {
                pending.Add(write.CustomerKey, write.Destination.ToString(), passed);
            }
        }

        await ledger.SaveAsync(c, t, MaxParametersPerStatement, cancellationToken);
        await pending.SaveAsync(c, t, now, MaxParametersPerStatement, cancellationToken);
    }

    /// <summary>Inserts the deliveries not seen before; true at the index of each one stored (the first of a repeated id in the batch).</summary>
    private static async Task<bool[]> InsertDeliveriesAsync(
        DbConnection c, DbTransaction t, IReadOnlyList<DeliveryRecord> deliveries, int maxParameters, CancellationToken cancellationToken)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in deliveries.Chunk(MultiRow.RowsPerStatement(maxParameters, 10)))
        {
            var rows = new MultiRow("event_id", "webhook_id", "topic", "shop_domain", "triggered_at", "received_at", "disposition", "customer_key", "reason", "body");
            foreach (var d in chunk)
            {
                rows.Add(d.EventId, d.WebhookId, d.Topic, d.ShopDomain, d.TriggeredAt.UtcTicks, d.ReceivedAt.UtcTicks, d.Disposition.ToString(), d.CustomerKey, d.Reason, d.Body);
            }

            stored.UnionWith(await rows.QueryStringsAsync(
                c, t, $"INSERT INTO deliveries ({rows.Columns}) VALUES {rows.Values} ON CONFLICT DO NOTHING RETURNING shop_domain || ' ' || webhook_id", cancellationToken));
        }

        // Only the first of two deliveries with one webhook id (of one shop) can have been stored; a second copy is a duplicate.
        return deliveries.Select(d => stored.Remove(d.ShopDomain + " " + d.WebhookId)).ToArray();
    }

    private static Task DeadLetterDeliveryAsync(DbConnection c, DbTransaction t, DeliveryRecord delivery, long now, CancellationToken cancellationToken) =>
        c.ExecuteAsync(Command(
            """
            INSERT INTO dead_letters (shop, kind, reason, created_at, customer_key, topic, event_id, attempts, payload)
            VALUES (@ShopDomain, 'Delivery', @reason, @now, @CustomerKey, @Topic, @EventId, 1, @payload)
            """,
            new { delivery.ShopDomain, reason = delivery.Reason ?? "unparseable body", now, delivery.CustomerKey, delivery.Topic, delivery.EventId, payload = Encoding.UTF8.GetString(delivery.Body) },
            t, cancellationToken));

    private static async Task<HashSet<string>> MergedAwayAmongAsync(
        DbConnection c, DbTransaction t, string shop, IReadOnlyList<string> customers, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in customers.Chunk(MaxParametersPerStatement / 2))
        {
            var keys = KeyList(shop, chunk, out var parameters);
            found.UnionWith(await c.QueryAsync<string>(Command(
                $"SELECT merged_key FROM merged_customers WHERE shop = @shop AND merged_key IN ({keys})", parameters, t, cancellationToken)));
        }

        return found;
    }

    private async Task<LedgerSet> LedgerOfAsync(DbConnection c, DbTransaction t, string shop, IReadOnlyList<string> customers, CancellationToken cancellationToken)
    {
        var rows = new List<LedgerRow>();
        foreach (var chunk in customers.Chunk(MaxParametersPerStatement / 2))
        {
            var keys = KeyList(shop, chunk, out var parameters);
            // Sorted, so two transactions lock shared rows in the same order.
            rows.AddRange(await c.QueryAsync<LedgerRow>(Command(
                $"SELECT customer_key, destination, property, value_json, source_ts FROM ledger WHERE shop = @shop AND customer_key IN ({keys}) ORDER BY customer_key, destination, property" + LockRowsClause,
                parameters, t, cancellationToken)));
        }

        return new LedgerSet(shop, rows);
    }

    private async Task<IReadOnlyList<WriteRow>> PendingWritesOfAsync(
        DbConnection c, DbTransaction t, string shop, IReadOnlyList<string> customers, CancellationToken cancellationToken)
    {
        var rows = new List<WriteRow>();
        foreach (var chunk in customers.Chunk(MaxParametersPerStatement / 2))
        {
            var keys = KeyList(shop, chunk, out var parameters);
            rows.AddRange(await c.QueryAsync<WriteRow>(Command(
                $"SELECT * FROM writes WHERE shop = @shop AND status = 'pending' AND customer_key IN ({keys}) ORDER BY id" + LockRowsClause, parameters, t, cancellationToken)));
        }

        return rows;
    }

    /// <summary>
    /// The keys as an <c>IN</c> list of parameters, padded to a power of two by repeating the last key: the statement's
    /// text then takes a few shapes only, and Dapper caches one mapper per shape instead of one per batch size. The
    /// shop the keys are of goes along as <c>@shop</c>.
    /// </summary>
    private static string KeyList(string shop, IReadOnlyList<string> keys, out DynamicParameters parameters)
    {
        parameters = new DynamicParameters();
        parameters.Add("shop", shop, DbType.String);
        var names = new StringBuilder();
        var padded = (int)Math.Max(8, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)keys.Count));
        for (var i = 0; i < padded; i++)
        {
            var name = "k" + i.ToString(CultureInfo.InvariantCulture);
            parameters.Add(name, keys[Math.Min(i, keys.Count - 1)], DbType.String);
            names.Append(i == 0 ? "@" : ", @").Append(name);
        }

        return names.ToString();
    }
}
