using System.Data.Common;
using Npgsql;

namespace SignalFidelity.Worker.Storage;

/// <summary>
/// The scale-out engine: several stateless worker replicas share one PostgreSQL database. Due writes
/// are claimed with <c>FOR UPDATE SKIP LOCKED</c> so replicas never wait on each other's rows, and the
/// partial unique indexes keep one pending and one in-flight write per person and destination even
/// when two replicas race.
/// </summary>
public sealed class PostgresWorkerStore : RelationalWorkerStore
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>
    /// Every wait on the server is bounded, per connection, unless the connection string's <c>Options</c> set
    /// them: a lock wait (2 s), a statement (15 s), and a transaction left idle (10 s: a replica paused with
    /// SIGSTOP inside a transaction would otherwise hold its row locks, and stall every other replica's
    /// intake, until it is resumed).
    /// </summary>
    public const string BoundedWaits = "-c lock_timeout=2000 -c statement_timeout=15000 -c idle_in_transaction_session_timeout=10000";

    /// <summary>Connects with an Npgsql connection string (the schema is created by <see cref="RelationalWorkerStore.InitializeAsync"/>).</summary>
    public PostgresWorkerStore(string connectionString, TimeProvider? clock = null)
        : base(clock) => _dataSource = NpgsqlDataSource.Create(WithBoundedWaits(connectionString));

    private static string WithBoundedWaits(string connectionString)
    {
        // Each bound is added unless the connection string's Options already set that one (a search_path, say, keeps them all).
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var options = builder.Options ?? string.Empty;
        foreach (var setting in BoundedWaits.Split("-c ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!options.Contains(setting[..setting.IndexOf('=')], StringComparison.Ordinal))
            {
                options = (options + " -c " + setting).Trim();
            }
        }

        builder.Options = options;
        return builder.ConnectionString;
    }

    /// <inheritdoc />
    protected override string SchemaSql => """
        -- Schema work may wait for another replica's migration and build indexes on large tables: the
        -- per-connection bounded waits are for the delivery path, not for this.
        SET LOCAL lock_timeout = 0;
        SET LOCAL statement_timeout = 0;
        SELECT pg_advisory_xact_lock(7245019);
        CREATE TABLE IF NOT EXISTS deliveries (
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          event_id TEXT NOT NULL,
          webhook_id TEXT NOT NULL,
          topic TEXT NOT NULL,
          shop_domain TEXT NOT NULL,
          triggered_at BIGINT NOT NULL,
          received_at BIGINT NOT NULL,
          disposition TEXT NOT NULL,
          customer_key TEXT,
          reason TEXT,
          body BYTEA);
        CREATE INDEX IF NOT EXISTS deliveries_by_customer ON deliveries (customer_key) WHERE customer_key IS NOT NULL;
        -- Databases from before per-delivery dedupe: the event id alone was unique.
        ALTER TABLE deliveries DROP CONSTRAINT IF EXISTS deliveries_event_id_key;
        -- One row per delivery: X-Shopify-Webhook-Id is Shopify's idempotency key, and one merchant action
        -- (X-Shopify-Event-Id) fans out to several topics, each of which must be applied once.
        CREATE UNIQUE INDEX IF NOT EXISTS deliveries_by_webhook ON deliveries (webhook_id);
        CREATE UNIQUE INDEX IF NOT EXISTS deliveries_by_event_topic ON deliveries (event_id, topic);
        CREATE TABLE IF NOT EXISTS ledger (
          customer_key TEXT NOT NULL,
          destination TEXT NOT NULL,
          property TEXT NOT NULL,
          value_json TEXT NOT NULL,
          source_ts BIGINT NOT NULL,
          PRIMARY KEY (customer_key, destination, property));
        CREATE TABLE IF NOT EXISTS writes (
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          customer_key TEXT NOT NULL,
          destination TEXT NOT NULL,
          operation TEXT NOT NULL,
          fields TEXT NOT NULL,
          status TEXT NOT NULL,
          attempts BIGINT NOT NULL DEFAULT 0,
          next_attempt_at BIGINT NOT NULL,
          lease_owner TEXT,
          lease_until BIGINT,
          last_error TEXT,
          created_at BIGINT NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS writes_one_pending ON writes (customer_key, destination) WHERE status = 'pending';
        CREATE UNIQUE INDEX IF NOT EXISTS writes_one_in_flight ON writes (customer_key, destination) WHERE status = 'in_flight';
        CREATE INDEX IF NOT EXISTS writes_by_due ON writes (status, next_attempt_at);
        CREATE TABLE IF NOT EXISTS dead_letters (
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          kind TEXT NOT NULL,
          reason TEXT NOT NULL,
          created_at BIGINT NOT NULL,
          replayed_at BIGINT,
          customer_key TEXT,
          destination TEXT,
          operation TEXT,
          topic TEXT,
          event_id TEXT,
          attempts BIGINT NOT NULL DEFAULT 0,
          payload TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS cursors (
          name TEXT PRIMARY KEY,
          value TEXT NOT NULL,
          updated_at BIGINT NOT NULL);
        -- The customer's Shopify tags: present or removed, since when, and whether the write-back placed them.
        CREATE TABLE IF NOT EXISTS customer_tags (
          customer_key TEXT NOT NULL,
          tag_key TEXT NOT NULL,
          tag TEXT NOT NULL,
          present BIGINT NOT NULL,
          placed BIGINT NOT NULL,
          source_ts BIGINT NOT NULL,
          PRIMARY KEY (customer_key, tag_key));
        -- Customers Shopify merged into another (customers/merge): nothing is written for them again.
        CREATE TABLE IF NOT EXISTS merged_customers (
          merged_key TEXT PRIMARY KEY,
          kept_key TEXT NOT NULL,
          merged_at BIGINT NOT NULL);
        CREATE INDEX IF NOT EXISTS merged_customers_by_kept ON merged_customers (kept_key);
        """;

    /// <inheritdoc />
    protected override string IdInListSql => "id = ANY(@ids)"; // Npgsql sends the array as one parameter

    /// <inheritdoc />
    protected override string LockRowsClause => " FOR UPDATE";

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <inheritdoc />
    protected override async ValueTask<(DbTransaction Transaction, IDisposable? WriterLease)> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        (await connection.BeginTransactionAsync(cancellationToken), null);

    /// <inheritdoc />
    protected override string ClaimSql(bool filterByDestination) => $"""
        WITH due AS (
          SELECT w.id FROM writes w
          WHERE ((w.status = 'pending' AND w.next_attempt_at <= @now
                  AND NOT EXISTS (SELECT 1 FROM writes f
                                  WHERE f.customer_key = w.customer_key AND f.destination = w.destination AND f.status = 'in_flight')
                  AND {NoMergedAwayInFlightSql})
                 OR (w.status = 'in_flight' AND w.lease_until <= @now))
          AND {NotMergedAwaySql}
          {(filterByDestination ? "AND w.destination = @destination" : string.Empty)}
          ORDER BY w.id
          LIMIT @max
          FOR UPDATE SKIP LOCKED)
        UPDATE writes
        SET status = 'in_flight', lease_owner = @owner, lease_until = @until, attempts = writes.attempts + 1
        FROM due WHERE writes.id = due.id
        RETURNING writes.*
        """;

    /// <inheritdoc />
    protected override bool IsRetryableConflict(Exception exception) =>
        exception is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure,
        };

    /// <inheritdoc />
    protected override bool IsBusy(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.QueryCanceled };

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
