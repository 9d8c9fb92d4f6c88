using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SignalFidelity.Worker.Storage;

/// <summary>
/// The embedded default: one SQLite file in WAL mode, zero setup. SQLite has one writer at a time,
/// so writers queue on an in-process gate instead of spinning on SQLite's busy handler (another
/// process, such as <c>sigfid deadletters replay</c>, still waits on the busy timeout).
/// </summary>
public sealed class SqliteWorkerStore : RelationalWorkerStore
{
    private readonly string _connectionString;
    private readonly bool _fullSync;
    private readonly SemaphoreSlim _writerGate = new(1, 1);

    /// <summary>Opens (or creates) the store in <paramref name="path"/>.</summary>
    /// <param name="fullSync">
    /// True to fsync the WAL on every commit (survives power loss). False (the default) survives a
    /// killed process, which is what a crashed worker is; a power cut may lose the last commits.
    /// </param>
    public SqliteWorkerStore(string path, bool fullSync = false, TimeProvider? clock = null)
        : base(clock)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _fullSync = fullSync;
        DatabasePath = path;
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The deliveries table's columns: the schema and the one-time rebuild of older files share them.</summary>
    private const string DeliveriesColumns = """
        (
        id INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL,
        webhook_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        shop_domain TEXT NOT NULL,
        triggered_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        disposition TEXT NOT NULL,
        customer_key TEXT,
        reason TEXT,
        body BLOB);
        """;

    /// <inheritdoc />
    protected override string SchemaSql => "CREATE TABLE IF NOT EXISTS deliveries " + DeliveriesColumns + "\n" + """
        CREATE INDEX IF NOT EXISTS deliveries_by_customer ON deliveries (customer_key) WHERE customer_key IS NOT NULL;
        -- One row per delivery: X-Shopify-Webhook-Id is Shopify's idempotency key, and one merchant action
        -- (X-Shopify-Event-Id) fans out to several topics, each of which must be applied once.
        CREATE UNIQUE INDEX IF NOT EXISTS deliveries_by_webhook ON deliveries (webhook_id);
        CREATE UNIQUE INDEX IF NOT EXISTS deliveries_by_event_topic ON deliveries (event_id, topic);
        CREATE TABLE IF NOT EXISTS ledger (
          customer_key TEXT NOT NULL,
          destination TEXT NOT NULL,
          property TEXT NOT NULL,
          value_json TEXT NOT NULL,
          source_ts INTEGER NOT NULL,
          PRIMARY KEY (customer_key, destination, property)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS writes (
          id INTEGER PRIMARY KEY,
          customer_key TEXT NOT NULL,
          destination TEXT NOT NULL,
          operation TEXT NOT NULL,
          fields TEXT NOT NULL,
          status TEXT NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER NOT NULL,
          lease_owner TEXT,
          lease_until INTEGER,
          last_error TEXT,
          created_at INTEGER NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS writes_one_pending ON writes (customer_key, destination) WHERE status = 'pending';
        CREATE UNIQUE INDEX IF NOT EXISTS writes_one_in_flight ON writes (customer_key, destination) WHERE status = 'in_flight';
        CREATE INDEX IF NOT EXISTS writes_by_due ON writes (status, next_attempt_at);
        CREATE TABLE IF NOT EXISTS dead_letters (
          id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL,
          reason TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          replayed_at INTEGER,
          customer_key TEXT,
          destination TEXT,
          operation TEXT,
          topic TEXT,
          event_id TEXT,
          attempts INTEGER NOT NULL DEFAULT 0,
          payload TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS cursors (
          name TEXT PRIMARY KEY,
          value TEXT NOT NULL,
          updated_at INTEGER NOT NULL);
        -- The customer's Shopify tags: present or removed, since when, and whether the write-back placed them.
        CREATE TABLE IF NOT EXISTS customer_tags (
          customer_key TEXT NOT NULL,
          tag_key TEXT NOT NULL,
          tag TEXT NOT NULL,
          present INTEGER NOT NULL,
          placed INTEGER NOT NULL,
          source_ts INTEGER NOT NULL,
          PRIMARY KEY (customer_key, tag_key)) WITHOUT ROWID;
        -- Customers Shopify merged into another (customers/merge): nothing is written for them again.
        CREATE TABLE IF NOT EXISTS merged_customers (
          merged_key TEXT PRIMARY KEY,
          kept_key TEXT NOT NULL,
          merged_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS merged_customers_by_kept ON merged_customers (kept_key);
        """;

    /// <inheritdoc />
    protected override string IdInListSql => "id IN @ids"; // Dapper expands the list

    /// <inheritdoc />
    protected override string LockRowsClause => string.Empty; // the write transaction already excludes every other writer

    /// <inheritdoc />
    public override async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using (var connection = new SqliteConnection(_connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
            await DropEventIdUniquenessAsync(connection, cancellationToken);
        }

        await base.InitializeAsync(cancellationToken);
    }

    /// <summary>
    /// A database from before per-delivery dedupe declared <c>event_id UNIQUE</c> inline, which SQLite cannot
    /// drop: the table is rebuilt once, rows kept, so a second topic of one merchant action is no longer refused.
    /// </summary>
    private static async Task DropEventIdUniquenessAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var probe = connection.CreateCommand();
        probe.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'deliveries'";
        if (await probe.ExecuteScalarAsync(cancellationToken) is not string sql || !sql.Contains("event_id TEXT NOT NULL UNIQUE", StringComparison.Ordinal))
        {
            return;
        }

        await using var rebuild = connection.CreateCommand();
        rebuild.CommandText = """
            BEGIN IMMEDIATE;
            ALTER TABLE deliveries RENAME TO deliveries_before_webhook_dedupe;
            DROP INDEX IF EXISTS deliveries_by_customer;
            """ + "CREATE TABLE deliveries " + DeliveriesColumns + "\n" + """
            INSERT OR IGNORE INTO deliveries SELECT * FROM deliveries_before_webhook_dedupe;
            DROP TABLE deliveries_before_webhook_dedupe;
            COMMIT;
            """;
        await rebuild.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = _fullSync ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <inheritdoc />
    protected override async ValueTask<(DbTransaction Transaction, IDisposable? WriterLease)> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await _writerGate.WaitAsync(cancellationToken);
        try
        {
            // BEGIN IMMEDIATE: take the write lock now, so a reader never has to upgrade and fail.
            var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
            return (transaction, new GateRelease(_writerGate));
        }
        catch
        {
            _writerGate.Release();
            throw;
        }
    }

    /// <inheritdoc />
    protected override string ClaimSql(bool filterByDestination) => $"""
        UPDATE writes
        SET status = 'in_flight', lease_owner = @owner, lease_until = @until, attempts = attempts + 1
        WHERE id IN (
          SELECT w.id FROM writes w
          WHERE ((w.status = 'pending' AND w.next_attempt_at <= @now
                  AND NOT EXISTS (SELECT 1 FROM writes f
                                  WHERE f.customer_key = w.customer_key AND f.destination = w.destination AND f.status = 'in_flight')
                  AND {NoMergedAwayInFlightSql})
                 OR (w.status = 'in_flight' AND w.lease_until <= @now))
          AND {NotMergedAwaySql}
          {(filterByDestination ? "AND w.destination = @destination" : string.Empty)}
          ORDER BY w.id
          LIMIT @max)
        RETURNING *
        """;

    /// <inheritdoc />
    protected override bool IsRetryableConflict(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 }; // SQLITE_BUSY, SQLITE_LOCKED past the busy timeout

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        // Pooled connections hold the file open; release them so the file can be moved or deleted.
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writerGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class GateRelease(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
