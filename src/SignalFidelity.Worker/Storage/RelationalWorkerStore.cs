using System.Data.Common;
using System.Text;
using Dapper;
using SignalFidelity.Worker.Storage.Migrations;

namespace SignalFidelity.Worker.Storage;

/// <summary>
/// The outbox logic both engines share: the SQL is portable (upserts with <c>ON CONFLICT</c>,
/// <c>RETURNING</c>, partial unique indexes), and each engine supplies its schema, how a transaction
/// starts, how due writes are claimed, and which errors mean "run the transaction again".
/// </summary>
public abstract partial class RelationalWorkerStore : IWorkerStore
{
    private const int MaxTransactionAttempts = 8;

    /// <summary>The shop rows written before the store was keyed by shop carry until a store for a named shop claims them.</summary>
    public const string UnkeyedShop = "";

    /// <summary>Creates the store on a clock (tests move time with their own provider), working on <paramref name="shop"/>'s rows.</summary>
    protected RelationalWorkerStore(TimeProvider? clock, string shop)
    {
        Clock = clock ?? TimeProvider.System;
        Shop = shop;
    }

    /// <inheritdoc />
    public string Shop { get; }

    /// <inheritdoc />
    public abstract IWorkerStore ForShop(string shop);

    /// <summary>The clock every stored time comes from.</summary>
    protected TimeProvider Clock { get; }

    /// <summary>The engine's name in the migration scripts' file names (<c>NNNN_name.{engine}.sql</c>).</summary>
    protected abstract string MigrationEngine { get; }

    /// <summary>Run first in the migration transaction to keep other replicas out (empty where the transaction already does).</summary>
    protected virtual string MigrationLockSql => string.Empty;

    /// <summary>Appended to selects of rows the transaction will change (<c> FOR UPDATE</c> where row locks exist).</summary>
    protected abstract string LockRowsClause { get; }

    /// <summary>The condition "id is one of the array parameter @ids" in this engine's SQL.</summary>
    protected abstract string IdInListSql { get; }

    /// <summary>Opens a connection.</summary>
    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Starts a write transaction; the returned lease is disposed after commit or rollback.</summary>
    protected abstract ValueTask<(DbTransaction Transaction, IDisposable? WriterLease)> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// The claim statement; parameters @now, @until, @owner, @max and, when filtered, @destination. Besides the rule of
    /// one in flight per person and destination, it must hold <see cref="NotMergedAwaySql"/> for every claimed row and
    /// <see cref="NoMergedAwayInFlightSql"/> for every pending one (the writes table aliased <c>w</c>).
    /// </summary>
    protected abstract string ClaimSql(bool filterByDestination);

    /// <summary>True for errors after which the whole transaction may simply run again (conflicts, deadlocks).</summary>
    protected abstract bool IsRetryableConflict(Exception exception);

    /// <summary>Brings the schema to <see cref="SchemaMigrations.Latest"/> in one write transaction under the migration lock.</summary>
    public virtual async Task InitializeAsync(CancellationToken cancellationToken = default) =>
        await InWriteTransactionAsync(async (c, t) =>
        {
            if (MigrationLockSql.Length > 0)
            {
                await c.ExecuteAsync(new CommandDefinition(MigrationLockSql, transaction: t, cancellationToken: cancellationToken));
            }

            var from = await SchemaMigrator.MigrateAsync(c, t, MigrationEngine, NowTicks(), UpgradeUnversionedAsync, cancellationToken);
            await ClaimUnkeyedRowsAsync(c, t, cancellationToken);
            return from;
        }, cancellationToken);

    /// <summary>The tables keyed by <c>shop</c> (deliveries carry theirs in <c>shop_domain</c> from the first release).</summary>
    private static readonly string[] ShopKeyedTables =
        ["ledger", "writes", "dead_letters", "cursors", "customer_tags", "merged_customers", "schedule_leases", "shopify_api_versions", "check_history", "alert_outbox"];

    /// <summary>
    /// Rows from before migration 0006 belonged to the one shop that deployment served, which is the configured
    /// <c>SignalFidelity:Shopify:ShopDomain</c>: a store opened for it takes them over, in the migration's transaction
    /// when that runs now, at a later start when the migration ran in a process that named no shop. Cheap once done:
    /// each table's key or index starts with the shop.
    /// </summary>
    private async Task ClaimUnkeyedRowsAsync(DbConnection c, DbTransaction t, CancellationToken cancellationToken)
    {
        if (Shop == UnkeyedShop)
        {
            return;
        }

        foreach (var table in ShopKeyedTables)
        {
            await c.ExecuteAsync(Command($"UPDATE {table} SET shop = @Shop WHERE shop = @UnkeyedShop", new { Shop, UnkeyedShop }, t, cancellationToken));
        }
    }

    /// <summary>Work for a database from before numbered migrations that step 1's <c>IF NOT EXISTS</c> cannot do.</summary>
    protected virtual Task UpgradeUnversionedAsync(DbConnection connection, DbTransaction transaction) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<IntakeResult> RecordDeliveryAsync(
        DeliveryRecord delivery, IReadOnlyList<LedgerChange> changes, long? replayingDeadLetterId = null, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync((c, t) => RecordOneAsync(c, t, delivery, changes, replayingDeadLetterId, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<IntakeResult>> RecordDeliveriesAsync(
        IReadOnlyList<(DeliveryRecord Delivery, IReadOnlyList<LedgerChange> Changes)> batch, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync(async (c, t) =>
        {
            if (GroupCommitsSetWise && IsSetWise(batch))
            {
                return await RecordSetWiseAsync(c, t, batch, cancellationToken);
            }

            var results = new IntakeResult[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                results[i] = await RecordOneAsync(c, t, batch[i].Delivery, batch[i].Changes, null, cancellationToken);
            }

            return (IReadOnlyList<IntakeResult>)results;
        }, cancellationToken);

    private async Task<IntakeResult> RecordOneAsync(
        DbConnection c, DbTransaction t, DeliveryRecord delivery, IReadOnlyList<LedgerChange> changes, long? replayingDeadLetterId, CancellationToken cancellationToken)
    {
            var now = NowTicks();
            if (replayingDeadLetterId is { } deadLetterId)
            {
                await c.ExecuteAsync(Command(
                    "DELETE FROM deliveries WHERE shop_domain = @ShopDomain AND (webhook_id = @WebhookId OR (event_id = @EventId AND topic = @Topic))",
                    new { delivery.ShopDomain, delivery.WebhookId, delivery.EventId, delivery.Topic }, t, cancellationToken));
                await c.ExecuteAsync(Command("UPDATE dead_letters SET replayed_at = @now WHERE id = @deadLetterId", new { now, deadLetterId }, t, cancellationToken));
            }

            var inserted = await c.QuerySingleOrDefaultAsync<long?>(Command(
                """
                INSERT INTO deliveries (event_id, webhook_id, topic, shop_domain, triggered_at, received_at, disposition, customer_key, reason, body)
                VALUES (@EventId, @WebhookId, @Topic, @ShopDomain, @triggeredAt, @receivedAt, @disposition, @CustomerKey, @Reason, @Body)
                ON CONFLICT DO NOTHING
                RETURNING id
                """,
                new
                {
                    delivery.EventId, delivery.WebhookId, delivery.Topic, delivery.ShopDomain,
                    triggeredAt = delivery.TriggeredAt.UtcTicks, receivedAt = delivery.ReceivedAt.UtcTicks,
                    disposition = delivery.Disposition.ToString(), delivery.CustomerKey, delivery.Reason, delivery.Body,
                },
                t, cancellationToken));
            if (inserted is null)
            {
                return IntakeResult.DuplicateEvent;
            }

            if (delivery.Disposition is DeliveryDisposition.Unparseable or DeliveryDisposition.OutsideWindow)
            {
                await DeadLetterDeliveryAsync(c, t, delivery, now, cancellationToken);
            }

            return await ApplyChangesAsync(c, t, delivery.ShopDomain, changes, now, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IntakeResult> ProposeWritesAsync(IReadOnlyList<LedgerChange> changes, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync((c, t) => ApplyChangesAsync(c, t, Shop, changes, NowTicks(), cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ClaimedWrite>> ClaimDueWritesAsync(
        string leaseOwner, TimeSpan lease, int max, SyncSystem? destination = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await InWriteTransactionAsync(async (c, t) =>
            {
                var now = NowTicks();
                await DropAbandonedMergedAwayWritesAsync(c, t, Shop, now, cancellationToken);
                var rows = await c.QueryAsync<WriteRow>(Command(
                    ClaimSql(destination is not null),
                    new { shop = Shop, now, until = now + lease.Ticks, owner = leaseOwner, max, destination = destination?.ToString() },
                    t, cancellationToken));
                var claimed = new List<ClaimedWrite>();
                foreach (var row in rows.OrderBy(r => r.id))
                {
                    var write = row.ToClaimed();
                    claimed.Add(write.Attempt > 1 && write.Operation != WriteOperation.Delete ? await WithLedgerValuesAsync(c, t, Shop, write, cancellationToken) : write);
                }

                return (IReadOnlyList<ClaimedWrite>)claimed;
            }, cancellationToken);
        }
        catch (Exception exception) when (IsRetryableConflict(exception))
        {
            // Another replica claimed the same person at the same instant; the next poll picks it up.
            return [];
        }
    }

    /// <summary>
    /// A write sent before whose outcome is unknown may be overtaken by a newer value accepted meanwhile (its
    /// write waits behind this in-flight one): it is sent with the ledger's current value, so a late arrival of
    /// the earlier attempt is at once corrected and the CRM never ends older than the ledger.
    /// </summary>
    private static async Task<ClaimedWrite> WithLedgerValuesAsync(DbConnection c, DbTransaction t, string shop, ClaimedWrite write, CancellationToken cancellationToken)
    {
        var ledger = (await c.QueryAsync<(string property, string value_json, long source_ts)>(Command(
                "SELECT property, value_json, source_ts FROM ledger WHERE shop = @shop AND customer_key = @customer AND destination = @destination",
                new { shop, customer = write.CustomerKey, destination = write.Destination.ToString() }, t, cancellationToken)))
            .ToDictionary(r => r.property, StringComparer.Ordinal);
        var fields = write.Fields
            .Select(f => ledger.TryGetValue(f.Property, out var current) && current.source_ts > f.SourceTimestamp.UtcTicks
                ? new FieldValue(f.Property, current.value_json, new DateTimeOffset(current.source_ts, TimeSpan.Zero))
                : f)
            .ToList();
        return write with { Fields = fields };
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> LastDeliveryOfAsync(string topic, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenConnectionAsync(cancellationToken);
        var ticks = await c.QuerySingleOrDefaultAsync<long?>(Command(
            "SELECT MAX(received_at) FROM deliveries WHERE shop_domain = @Shop AND topic = @topic", new { Shop, topic }, null, cancellationToken));
        return ticks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;
    }

    /// <inheritdoc />
    public Task<int> RenewLeasesAsync(IReadOnlyList<long> writeIds, string leaseOwner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        writeIds.Count == 0
            ? Task.FromResult(0)
            : InWriteTransactionAsync(
                async (c, t) => await c.ExecuteAsync(Command(
                    "UPDATE writes SET lease_until = @until WHERE status = 'in_flight' AND lease_owner = @leaseOwner AND " + IdInListSql,
                    new { until = NowTicks() + lease.Ticks, leaseOwner, ids = writeIds.ToArray() }, t, cancellationToken)),
                cancellationToken);

    /// <inheritdoc />
    public Task<bool> CompleteWriteAsync(long writeId, string leaseOwner, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync(async (c, t) =>
            await c.ExecuteAsync(Command(
                "DELETE FROM writes WHERE id = @writeId AND status = 'in_flight' AND lease_owner = @leaseOwner",
                new { writeId, leaseOwner }, t, cancellationToken)) == 1,
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> FailWriteAsync(long writeId, string leaseOwner, string reason, DateTimeOffset? retryAt, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync(async (c, t) =>
        {
            var failed = await c.QuerySingleOrDefaultAsync<WriteRow>(Command(
                "SELECT * FROM writes WHERE id = @writeId AND status = 'in_flight' AND lease_owner = @leaseOwner" + LockRowsClause,
                new { writeId, leaseOwner }, t, cancellationToken));
            if (failed is null)
            {
                return false;
            }

            if (failed.operation != nameof(WriteOperation.Delete) && await IsMergedAwayAsync(c, t, failed.shop, failed.customer_key, cancellationToken))
            {
                // The customer no longer exists in Shopify; their values went to the kept customer, whose merge write carries them.
                await c.ExecuteAsync(Command("DELETE FROM writes WHERE id = @writeId", new { writeId }, t, cancellationToken));
                return true;
            }

            var now = NowTicks();
            if (retryAt is null)
            {
                await c.ExecuteAsync(Command(
                    """
                    INSERT INTO dead_letters (shop, kind, reason, created_at, customer_key, destination, operation, attempts, payload)
                    VALUES (@shop, 'Write', @reason, @now, @customer_key, @destination, @operation, @attempts, @fields)
                    """,
                    new { failed.shop, reason, now, failed.customer_key, failed.destination, failed.operation, failed.attempts, failed.fields },
                    t, cancellationToken));
                await c.ExecuteAsync(Command("DELETE FROM writes WHERE id = @writeId", new { writeId }, t, cancellationToken));
                return true;
            }

            var retryTicks = retryAt.Value.UtcTicks;
            var pending = await FindPendingAsync(c, t, failed.shop, failed.customer_key, failed.destination, cancellationToken);
            if (pending is null)
            {
                await c.ExecuteAsync(Command(
                    "UPDATE writes SET status = 'pending', next_attempt_at = @retryTicks, lease_owner = NULL, lease_until = NULL, last_error = @reason WHERE id = @writeId",
                    new { retryTicks, reason, writeId }, t, cancellationToken));
                return true;
            }

            // A newer patch is already waiting: fold the failed fields under it (newer values win per
            // field) so one write carries both, and keep the backoff the destination asked for.
            var deleteWins = failed.operation == nameof(WriteOperation.Delete) || pending.operation == nameof(WriteOperation.Delete);
            var merged = deleteWins
                ? (failed.operation == nameof(WriteOperation.Delete) ? failed.fields : pending.fields)
                : FieldSet.Encode(FieldSet.Merge(FieldSet.Decode(failed.fields), FieldSet.Decode(pending.fields)));
            var operation = deleteWins ? nameof(WriteOperation.Delete) : Combined(failed.operation, pending.operation);
            await c.ExecuteAsync(Command(
                """
                UPDATE writes SET fields = @merged, operation = @operation, next_attempt_at = @next, attempts = @attempts, last_error = @reason
                WHERE id = @id
                """,
                new
                {
                    merged,
                    operation,
                    next = Math.Max(retryTicks, pending.next_attempt_at),
                    attempts = Math.Max(failed.attempts, pending.attempts),
                    reason,
                    pending.id,
                },
                t, cancellationToken));
            await c.ExecuteAsync(Command("DELETE FROM writes WHERE id = @writeId", new { writeId }, t, cancellationToken));
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(int limit = 100, bool includeReplayed = false, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenConnectionAsync(cancellationToken);
        var rows = await c.QueryAsync<DeadLetterRow>(Command(
            "SELECT * FROM dead_letters WHERE shop = @Shop" + (includeReplayed ? string.Empty : " AND replayed_at IS NULL") + " ORDER BY id DESC LIMIT @limit",
            new { Shop, limit }, null, cancellationToken));
        return rows.Select(r => r.ToDeadLetter()).ToList();
    }

    /// <inheritdoc />
    public Task<int> ReplayWriteDeadLettersAsync(IReadOnlyList<long>? ids = null, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync(async (c, t) =>
        {
            var now = NowTicks();
            var sql = "SELECT * FROM dead_letters WHERE shop = @Shop AND kind = 'Write' AND replayed_at IS NULL";
            var rows = ids is null
                ? await c.QueryAsync<DeadLetterRow>(Command(sql, new { Shop }, t, cancellationToken))
                : await c.QueryAsync<DeadLetterRow>(Command(sql + " AND " + IdInListSql, new { Shop, ids = ids.ToArray() }, t, cancellationToken));
            var replayed = 0;
            foreach (var row in rows)
            {
                var destination = Enum.Parse<SyncSystem>(row.destination!);
                var fields = FieldSet.Decode(row.payload);
                var operation = Enum.Parse<WriteOperation>(row.operation!);
                if (operation != WriteOperation.Delete && await IsMergedAwayAsync(c, t, Shop, row.customer_key!, cancellationToken))
                {
                    fields = []; // merged into another customer since: the kept customer's merge write carried the values
                }
                else if (operation != WriteOperation.Delete)
                {
                    // Only values still current in the ledger go out again: a newer fact accepted since
                    // the failure must not be overwritten by the replay.
                    var current = new List<FieldValue>();
                    foreach (var field in fields.Where(FieldSet.IsValue))
                    {
                        var ledgerTicks = await c.QuerySingleOrDefaultAsync<long?>(Command(
                            "SELECT source_ts FROM ledger WHERE shop = @Shop AND customer_key = @customer AND destination = @destination AND property = @property",
                            new { Shop, customer = row.customer_key, destination = row.destination, property = field.Property }, t, cancellationToken));
                        if (ledgerTicks is { } ticks && ticks <= field.SourceTimestamp.UtcTicks)
                        {
                            current.Add(field);
                        }
                    }

                    // A record still to merge does not age; the values a replacing write removes go only with a value.
                    if (current.Count > 0 || FieldSet.MergedAwayOf(fields).Count > 0)
                    {
                        current.AddRange(fields.Where(f => !FieldSet.IsValue(f)));
                    }

                    fields = current;
                }

                if (fields.Count > 0 || operation == WriteOperation.Delete)
                {
                    await EnqueueAsync(c, t, Shop, row.customer_key!, destination, operation, fields, now, asOlder: true, cancellationToken);
                }

                await c.ExecuteAsync(Command("UPDATE dead_letters SET replayed_at = @now WHERE id = @id", new { now, row.id }, t, cancellationToken));
                replayed++;
            }

            return replayed;
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<QueueStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await OpenConnectionAsync(cancellationToken);
        var row = await c.QuerySingleAsync<StatsRow>(Command(
            """
            SELECT
              (SELECT COUNT(*) FROM writes WHERE shop = @Shop AND status = 'pending') AS pending,
              (SELECT COUNT(*) FROM writes WHERE shop = @Shop AND status = 'in_flight') AS in_flight,
              (SELECT MIN(created_at) FROM writes WHERE shop = @Shop) AS oldest,
              (SELECT COUNT(*) FROM dead_letters WHERE shop = @Shop AND replayed_at IS NULL) AS dead,
              (SELECT COUNT(*) FROM deliveries WHERE shop_domain = @Shop) AS deliveries,
              (SELECT COUNT(*) FROM deliveries WHERE shop_domain = @Shop AND disposition = 'Unrouted') AS unrouted,
              (SELECT updated_at FROM cursors WHERE shop = @Shop AND name = 'reconciliation') AS reconciled,
              (SELECT COUNT(DISTINCT customer_key) FROM ledger WHERE shop = @Shop) AS customers
            """, new { Shop }, null, cancellationToken));
        var now = NowTicks();
        return new QueueStats(
            Shop,
            row.pending,
            row.in_flight,
            row.oldest is { } oldest ? TimeSpan.FromTicks(Math.Max(0, now - oldest)) : TimeSpan.Zero,
            row.dead,
            row.deliveries,
            row.unrouted,
            row.reconciled is { } reconciled ? new DateTimeOffset(reconciled, TimeSpan.Zero) : null)
        {
            ShopifyApiVersions = await ListShopifyApiVersionsAsync(cancellationToken),
            LedgerCustomers = row.customers,
        };
    }

    /// <inheritdoc />
    public Task RedactCustomerAsync(string customerKey, IReadOnlyList<ProposedWrite> deleteWrites, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync(async (c, t) =>
        {
            var now = NowTicks();
            var customer = new { Shop, customerKey };
            await c.ExecuteAsync(Command("DELETE FROM ledger WHERE shop = @Shop AND customer_key = @customerKey", customer, t, cancellationToken));
            await c.ExecuteAsync(Command("DELETE FROM customer_tags WHERE shop = @Shop AND customer_key = @customerKey", customer, t, cancellationToken));
            await c.ExecuteAsync(Command("DELETE FROM writes WHERE shop = @Shop AND customer_key = @customerKey AND status = 'pending'", customer, t, cancellationToken));
            await c.ExecuteAsync(Command("DELETE FROM dead_letters WHERE shop = @Shop AND customer_key = @customerKey", customer, t, cancellationToken));
            await c.ExecuteAsync(Command(
                "UPDATE deliveries SET body = NULL, customer_key = NULL WHERE shop_domain = @Shop AND customer_key = @customerKey", customer, t, cancellationToken));
            foreach (var delete in deleteWrites)
            {
                await EnqueueAsync(c, t, Shop, customerKey, delete.Destination, WriteOperation.Delete, delete.Fields, now, asOlder: false, cancellationToken);
            }

            return 0;
        }, cancellationToken);

    /// <inheritdoc />
    public Task RedactShopAsync(CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync(async (c, t) =>
        {
            // Only this shop's rows: another shop served by the same worker keeps everything.
            var shop = new { Shop };
            await c.ExecuteAsync(Command("DELETE FROM ledger WHERE shop = @Shop", shop, t, cancellationToken));
            await c.ExecuteAsync(Command("DELETE FROM customer_tags WHERE shop = @Shop", shop, t, cancellationToken));
            await c.ExecuteAsync(Command("DELETE FROM merged_customers WHERE shop = @Shop", shop, t, cancellationToken));
            await c.ExecuteAsync(Command("DELETE FROM writes WHERE shop = @Shop AND status = 'pending'", shop, t, cancellationToken));
            await c.ExecuteAsync(Command("DELETE FROM dead_letters WHERE shop = @Shop", shop, t, cancellationToken));
            await c.ExecuteAsync(Command("UPDATE deliveries SET body = NULL, customer_key = NULL WHERE shop_domain = @Shop", shop, t, cancellationToken));
            return 0;
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<FieldValue>> GetLedgerAsync(string customerKey, SyncSystem destination, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenConnectionAsync(cancellationToken);
        var rows = await c.QueryAsync<(string property, string value_json, long source_ts)>(Command(
            "SELECT property, value_json, source_ts FROM ledger WHERE shop = @Shop AND customer_key = @customerKey AND destination = @destination ORDER BY property",
            new { Shop, customerKey, destination = destination.ToString() }, null, cancellationToken));
        return rows.Select(r => new FieldValue(r.property, r.value_json, new DateTimeOffset(r.source_ts, TimeSpan.Zero))).ToList();
    }

    /// <inheritdoc />
    public async Task<DeliveryRecord?> FindDeliveryAsync(string eventId, string? topic = null, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenConnectionAsync(cancellationToken);
        var row = await c.QueryFirstOrDefaultAsync<DeliveryRow>(Command(
            topic is null
                ? "SELECT * FROM deliveries WHERE shop_domain = @Shop AND event_id = @eventId ORDER BY id LIMIT 1"
                : "SELECT * FROM deliveries WHERE shop_domain = @Shop AND event_id = @eventId AND topic = @topic",
            new { Shop, eventId, topic }, null, cancellationToken));
        return row?.ToRecord();
    }

    /// <inheritdoc />
    public async Task<string?> GetCursorAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenConnectionAsync(cancellationToken);
        return await c.QuerySingleOrDefaultAsync<string?>(Command("SELECT value FROM cursors WHERE shop = @Shop AND name = @name", new { Shop, name }, null, cancellationToken));
    }

    /// <inheritdoc />
    public Task SetCursorAsync(string name, string value, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync(async (c, t) => await c.ExecuteAsync(Command(
            """
            INSERT INTO cursors (shop, name, value, updated_at) VALUES (@Shop, @name, @value, @now)
            ON CONFLICT (shop, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """,
            new { Shop, name, value, now = NowTicks() }, t, cancellationToken)), cancellationToken);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    /// <summary>True when a bounded wait ran out (the engine's lock or statement timeout).</summary>
    protected virtual bool IsBusy(Exception exception) => false;

    /// <summary>Runs <paramref name="work"/> in a write transaction, again from the start after a retryable conflict.</summary>
    protected async Task<T> InWriteTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            var (transaction, lease) = await BeginWriteAsync(connection, cancellationToken);
            try
            {
                var result = await work(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception exception) when (attempt < MaxTransactionAttempts && IsRetryableConflict(exception))
            {
                await SafeRollbackAsync(transaction);
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
            }
            catch (Exception exception) when (IsBusy(exception))
            {
                await SafeRollbackAsync(transaction);
                throw new StoreBusyException(exception);
            }
            catch
            {
                await SafeRollbackAsync(transaction);
                throw;
            }
            finally
            {
                await transaction.DisposeAsync();
                lease?.Dispose();
            }
        }
    }

    private static async Task SafeRollbackAsync(DbTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already completed or the connection broke; nothing was committed either way.
        }
        catch (DbException)
        {
        }
    }

    private async Task<IntakeResult> ApplyChangesAsync(
        DbConnection c, DbTransaction t, string shop, IReadOnlyList<LedgerChange> changes, long now, CancellationToken cancellationToken)
    {
        int accepted = 0, refused = 0;
        foreach (var change in changes)
        {
            switch (change)
            {
                case CustomerMerge merge:
                    await MergeAsync(c, t, shop, merge, now, cancellationToken);
                    continue;
                case TagObservation tags:
                    await ObserveTagsAsync(c, t, shop, tags, cancellationToken);
                    continue;
            }

            var write = (ProposedWrite)change;
            if (write.Operation == WriteOperation.Delete)
            {
                await EnqueueAsync(c, t, shop, write.CustomerKey, write.Destination, WriteOperation.Delete, write.Fields, now, asOlder: false, cancellationToken);
                continue;
            }

            if (await IsMergedAwayAsync(c, t, shop, write.CustomerKey, cancellationToken))
            {
                // Shopify merged this customer into another: a late delivery about them is stale by definition, and
                // writing it would bring back the record the CRM merge removed. The kept customer carries the truth.
                refused += write.Fields.Count;
                continue;
            }

            var passed = new List<FieldValue>(write.Fields.Count);
            // A stable order of row locks keeps two transactions on one person from deadlocking.
            foreach (var field in write.Fields.OrderBy(f => f.Property, StringComparer.Ordinal))
            {
                var previous = write.ReplacesPrevious
                    ? await c.QuerySingleOrDefaultAsync<string?>(Command(
                        "SELECT value_json FROM ledger WHERE shop = @shop AND customer_key = @customer AND destination = @destination AND property = @property" + LockRowsClause,
                        new { shop, customer = write.CustomerKey, destination = write.Destination.ToString(), property = field.Property },
                        t, cancellationToken))
                    : null;
                var applied = await c.QuerySingleOrDefaultAsync<string?>(Command(
                    """
                    INSERT INTO ledger (shop, customer_key, destination, property, value_json, source_ts)
                    VALUES (@shop, @customer, @destination, @property, @value, @ts)
                    ON CONFLICT (shop, customer_key, destination, property) DO UPDATE
                      SET value_json = excluded.value_json, source_ts = excluded.source_ts
                      WHERE (excluded.source_ts > ledger.source_ts AND (@onlyChanges = 0 OR excluded.value_json <> ledger.value_json))
                         OR (excluded.source_ts = ledger.source_ts AND (@reassert = 1 OR excluded.value_json <> ledger.value_json))
                    RETURNING property
                    """,
                    new
                    {
                        shop, customer = write.CustomerKey, destination = write.Destination.ToString(), property = field.Property,
                        value = field.JsonValue, ts = field.SourceTimestamp.UtcTicks, reassert = write.ReassertEqual ? 1 : 0,
                        onlyChanges = write.OnlyChanges ? 1 : 0,
                    },
                    t, cancellationToken));
                if (applied is null)
                {
                    refused++;
                }
                else
                {
                    passed.Add(field);
                    if (previous is not null && previous != field.JsonValue)
                    {
                        passed.Add(FieldSet.Superseded(field.Property, previous, field.SourceTimestamp));
                    }
                }
            }

            accepted += passed.Count(FieldSet.IsValue);
            if (passed.Count > 0)
            {
                await EnqueueAsync(c, t, shop, write.CustomerKey, write.Destination, WriteOperation.Upsert, passed, now, asOlder: false, cancellationToken);
            }
        }

        return new IntakeResult(false, accepted, refused);
    }

    /// <summary>Merges fields into the person's pending write for the destination, or creates it.</summary>
    /// <param name="asOlder">True when the fields are older than any pending ones (a replay): pending values win ties.</param>
    private async Task EnqueueAsync(
        DbConnection c, DbTransaction t, string shop, string customerKey, SyncSystem destination, WriteOperation operation,
        IReadOnlyList<FieldValue> fields, long now, bool asOlder, CancellationToken cancellationToken)
    {
        var destinationName = destination.ToString();
        var pending = await FindPendingAsync(c, t, shop, customerKey, destinationName, cancellationToken);
        if (pending is null)
        {
            await c.ExecuteAsync(Command(
                """
                INSERT INTO writes (shop, customer_key, destination, operation, fields, status, attempts, next_attempt_at, created_at)
                VALUES (@shop, @customerKey, @destinationName, @operation, @fields, 'pending', 0, @now, @now)
                """,
                new { shop, customerKey, destinationName, operation = operation.ToString(), fields = FieldSet.Encode(fields), now },
                t, cancellationToken));
            return;
        }

        string mergedFields;
        string mergedOperation;
        if (operation == WriteOperation.Delete)
        {
            (mergedFields, mergedOperation) = (FieldSet.Encode(fields), nameof(WriteOperation.Delete));
        }
        else if (pending.operation == nameof(WriteOperation.Delete))
        {
            // The person is being erased; nothing may be written for them before the delete lands.
            return;
        }
        else
        {
            var existing = FieldSet.Decode(pending.fields);
            var merged = asOlder ? FieldSet.Merge(fields, existing) : FieldSet.Merge(existing, fields);
            (mergedFields, mergedOperation) = (FieldSet.Encode(merged), Combined(pending.operation, operation.ToString()));
        }

        await c.ExecuteAsync(Command(
            "UPDATE writes SET fields = @mergedFields, operation = @mergedOperation WHERE id = @id",
            new { mergedFields, mergedOperation, pending.id }, t, cancellationToken));
    }

    /// <summary>Two writes folded into one: a merge still to do stays a merge; otherwise an upsert (a delete is handled before).</summary>
    private static string Combined(string first, string second) =>
        first == nameof(WriteOperation.Merge) || second == nameof(WriteOperation.Merge) ? nameof(WriteOperation.Merge) : nameof(WriteOperation.Upsert);

    private Task<WriteRow?> FindPendingAsync(DbConnection c, DbTransaction t, string shop, string customerKey, string destination, CancellationToken cancellationToken) =>
        c.QuerySingleOrDefaultAsync<WriteRow?>(Command(
            "SELECT * FROM writes WHERE shop = @shop AND customer_key = @customerKey AND destination = @destination AND status = 'pending'" + LockRowsClause,
            new { shop, customerKey, destination }, t, cancellationToken));

    private long NowTicks() => Clock.GetUtcNow().UtcTicks;

    private static CommandDefinition Command(string sql, object? parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);
}
