using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests.Storage;

/// <summary>The contract on SQLite: a real file in WAL mode in a temporary folder.</summary>
public sealed class SqliteWorkerStoreTests : WorkerStoreContract, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sigfid-sqlite-test.");

    private string DatabasePath => Path.Combine(_folder.FullName, "worker.db");

    protected override Task<IWorkerStore> CreateStoreAsync(TimeProvider clock) =>
        Task.FromResult<IWorkerStore>(new SqliteWorkerStore(DatabasePath, clock: clock, shop: ShopA));

    protected override Task<IWorkerStore> OpenReplicaAsync() =>
        Task.FromResult<IWorkerStore>(new SqliteWorkerStore(DatabasePath, clock: Clock, shop: ShopA));

    [Fact]
    public async Task The_file_is_in_WAL_mode()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}

/// <summary>The contract on PostgreSQL: each test in its own schema, replicas as separate data sources.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresWorkerStoreTests(PostgresServer server) : WorkerStoreContract
{
    private string _connectionString = "";

    protected override async Task<IWorkerStore> CreateStoreAsync(TimeProvider clock)
    {
        _connectionString = await server.CreateIsolatedSchemaAsync();
        return new PostgresWorkerStore(_connectionString, clock, ShopA);
    }

    protected override Task<IWorkerStore> OpenReplicaAsync() =>
        Task.FromResult<IWorkerStore>(new PostgresWorkerStore(_connectionString, Clock, ShopA));
}
