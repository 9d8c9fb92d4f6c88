using System.Data.Common;
using Dapper;

namespace SignalFidelity.Worker.Storage;

/// <summary>
/// Shopify's customer merges (<c>customers/merge</c>): the merged-away customer's ledger and tag set move under the
/// kept one, and a merge write is queued per destination that knew the merged-away customer. Afterwards the merged-away
/// key is remembered in <c>merged_customers</c> so that nothing is written for that customer again: Shopify no longer
/// holds them, and a late write would bring back the CRM record the merge removed.
/// </summary>
public abstract partial class RelationalWorkerStore
{
    /// <summary>
    /// Claim condition: a write for a customer merged away is never sent (a compliance delete excepted). Their pending
    /// writes are dropped by the merge and later ones refused; this covers one failed or abandoned while in flight.
    /// </summary>
    protected const string NotMergedAwaySql =
        "(w.operation = 'Delete' OR NOT EXISTS (SELECT 1 FROM merged_customers m WHERE m.shop = w.shop AND m.merged_key = w.customer_key))";

    /// <summary>
    /// Claim condition for pending writes: none goes out while a write for a customer merged into this one is still in
    /// flight to the same destination, so that send cannot land after the CRM merge and recreate the merged-away record.
    /// </summary>
    protected const string NoMergedAwayInFlightSql = """
        NOT EXISTS (SELECT 1 FROM writes f JOIN merged_customers m ON m.shop = f.shop AND m.merged_key = f.customer_key
                    WHERE f.shop = w.shop AND m.kept_key = w.customer_key AND f.destination = w.destination AND f.status = 'in_flight')
        """;

    private static async Task<bool> IsMergedAwayAsync(DbConnection c, DbTransaction t, string shop, string customerKey, CancellationToken cancellationToken) =>
        await c.ExecuteScalarAsync<long?>(Command(
            "SELECT 1 FROM merged_customers WHERE shop = @shop AND merged_key = @customerKey", new { shop, customerKey }, t, cancellationToken)) is not null;

    private async Task MergeAsync(DbConnection c, DbTransaction t, string shop, CustomerMerge merge, long now, CancellationToken cancellationToken)
    {
        // A kept customer merged away since (merges applied out of order) hands everything on to where it went.
        var kept = await c.QuerySingleOrDefaultAsync<string?>(Command(
            "SELECT kept_key FROM merged_customers WHERE shop = @shop AND merged_key = @key", new { shop, key = merge.CustomerKey }, t, cancellationToken)) ?? merge.CustomerKey;
        var mergedAway = merge.MergedAwayKey;
        if (kept == mergedAway)
        {
            return;
        }

        var parameters = new { shop, kept, mergedAway, now };
        // What each destination knew of the merged-away customer, before it moves: the writer finds their record by it.
        var known = (await c.QueryAsync<(string destination, string property, string value_json, long source_ts)>(Command(
                "SELECT destination, property, value_json, source_ts FROM ledger WHERE shop = @shop AND customer_key = @mergedAway", parameters, t, cancellationToken)))
            .GroupBy(r => r.destination, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => new FieldValue(r.property, r.value_json, new DateTimeOffset(r.source_ts, TimeSpan.Zero))).ToList(), StringComparer.Ordinal);

        // The WHERE in each SELECT also keeps SQLite from reading ON CONFLICT as a join constraint.
        await c.ExecuteAsync(Command(
            """
            INSERT INTO ledger (shop, customer_key, destination, property, value_json, source_ts)
            SELECT shop, @kept, destination, property, value_json, source_ts FROM ledger WHERE shop = @shop AND customer_key = @mergedAway
            ON CONFLICT (shop, customer_key, destination, property) DO UPDATE
              SET value_json = excluded.value_json, source_ts = excluded.source_ts
              WHERE excluded.source_ts > ledger.source_ts
            """, parameters, t, cancellationToken));
        await c.ExecuteAsync(Command("DELETE FROM ledger WHERE shop = @shop AND customer_key = @mergedAway", parameters, t, cancellationToken));
        await c.ExecuteAsync(Command(
            """
            INSERT INTO customer_tags (shop, customer_key, tag_key, tag, present, placed, source_ts)
            SELECT shop, @kept, tag_key, tag, present, placed, source_ts FROM customer_tags WHERE shop = @shop AND customer_key = @mergedAway
            ON CONFLICT (shop, customer_key, tag_key) DO UPDATE
              SET tag = excluded.tag, present = excluded.present, placed = excluded.placed, source_ts = excluded.source_ts
              WHERE excluded.source_ts > customer_tags.source_ts
            """, parameters, t, cancellationToken));
        await c.ExecuteAsync(Command("DELETE FROM customer_tags WHERE shop = @shop AND customer_key = @mergedAway", parameters, t, cancellationToken));

        // Their pending values are in the moved ledger, which the kept customer's merge write carries; a compliance delete stays.
        await c.ExecuteAsync(Command(
            "DELETE FROM writes WHERE shop = @shop AND customer_key = @mergedAway AND status = 'pending' AND operation <> 'Delete'", parameters, t, cancellationToken));
        await c.ExecuteAsync(Command(
            """
            INSERT INTO merged_customers (shop, merged_key, kept_key, merged_at) VALUES (@shop, @mergedAway, @kept, @now)
            ON CONFLICT (shop, merged_key) DO UPDATE SET kept_key = excluded.kept_key, merged_at = excluded.merged_at
            """, parameters, t, cancellationToken));
        await c.ExecuteAsync(Command("UPDATE merged_customers SET kept_key = @kept WHERE shop = @shop AND kept_key = @mergedAway", parameters, t, cancellationToken));

        var at = new DateTimeOffset(now, TimeSpan.Zero);
        foreach (var destination in merge.Destinations)
        {
            // Someone the destination never heard of has no record there to merge: nothing to do.
            if (!known.TryGetValue(destination.ToString(), out var mergedAwayKnown))
            {
                continue;
            }

            var keptValues = (await c.QueryAsync<(string property, string value_json, long source_ts)>(Command(
                    "SELECT property, value_json, source_ts FROM ledger WHERE shop = @shop AND customer_key = @kept AND destination = @destination",
                    new { shop, kept, destination = destination.ToString() }, t, cancellationToken)))
                .Select(r => new FieldValue(r.property, r.value_json, new DateTimeOffset(r.source_ts, TimeSpan.Zero)));
            var fields = keptValues.Concat(FieldSet.MergedAway(mergedAway, mergedAwayKnown, at)).ToList();
            await EnqueueAsync(c, t, shop, kept, destination, WriteOperation.Merge, fields, now, asOlder: false, cancellationToken);
        }
    }

    /// <summary>
    /// A write for a merged-away customer whose sender died with it in flight is never claimed again
    /// (<see cref="NotMergedAwaySql"/>): it is dropped once its lease has run out, so the queue drains.
    /// </summary>
    private static Task DropAbandonedMergedAwayWritesAsync(DbConnection c, DbTransaction t, string shop, long now, CancellationToken cancellationToken) =>
        c.ExecuteAsync(Command(
            """
            DELETE FROM writes
            WHERE shop = @shop AND status = 'in_flight' AND lease_until <= @now AND operation <> 'Delete'
              AND customer_key IN (SELECT merged_key FROM merged_customers WHERE shop = @shop)
            """, new { shop, now }, t, cancellationToken));
}
