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
    private readonly bool _isView;

    /// <summary>
    /// Every wait on the server is bounded, per connection, unless the connection string's <c>Options</c> set
    /// them: a lock wait (2 s), a statement (15 s), and a transaction left idle (10 s: a replica paused with
    /// SIGSTOP inside a transaction would otherwise hold its row locks, and stall every other replica's
    /// intake, until it is resumed).
    /// </summary>
    public const string BoundedWaits = "-c lock_timeout=2000 -c statement_timeout=15000 -c idle_in_transaction_session_timeout=10000";

    /// <summary>Connects with an Npgsql connection string (the schema is migrated by <see cref="RelationalWorkerStore.InitializeAsync"/>).</summary>
    /// <param name="shop">
    /// The shop this store works on (<c>SignalFidelity:Shopify:ShopDomain</c>); it also takes over the rows written
    /// before the store was keyed by shop. Omitted, only those unkeyed rows are seen.
    /// </param>
    public PostgresWorkerStore(string connectionString, TimeProvider? clock = null, string shop = UnkeyedShop)
        : base(clock, shop) => _dataSource = NpgsqlDataSource.Create(WithBoundedWaits(connectionString));

    private PostgresWorkerStore(PostgresWorkerStore root, string shop)
        : base(root.Clock, shop) => (_dataSource, _isView) = (root._dataSource, true);

    /// <inheritdoc />
    public override IWorkerStore ForShop(string shop) => new PostgresWorkerStore(this, shop);

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
    protected override string MigrationEngine => "postgres";

    /// <inheritdoc />
    protected override string MigrationLockSql => """
        -- Migration may wait for another replica's and build indexes on large tables: the per-connection
        -- bounded waits are for the delivery path, not for this. The advisory lock is held to commit,
        -- so replicas starting together migrate one after the other.
        SET LOCAL lock_timeout = 0;
        SET LOCAL statement_timeout = 0;
        SELECT pg_advisory_xact_lock(7245019);
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
          WHERE w.shop = @shop AND ((w.status = 'pending' AND w.next_attempt_at <= @now
                  AND NOT EXISTS (SELECT 1 FROM writes f
                                  WHERE f.shop = w.shop AND f.customer_key = w.customer_key AND f.destination = w.destination AND f.status = 'in_flight')
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
    public override ValueTask DisposeAsync() => _isView ? ValueTask.CompletedTask : _dataSource.DisposeAsync(); // the root owns the pool
}
