using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests.Storage;

/// <summary>Migrations on a real SQLite file.</summary>
public sealed class SqliteSchemaMigrationTests : SchemaMigrationContract
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sigfid-migrate.");

    private string DatabasePath => Path.Combine(_folder.FullName, "worker.db");

    protected override string Engine => "sqlite";

    public override Task InitializeAsync() => Task.CompletedTask;

    protected override async Task<DbConnection> OpenRawAsync()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    protected override IWorkerStore OpenStore(string shop = ConfiguredShop) => new SqliteWorkerStore(DatabasePath, shop: shop);

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>Migrations on real PostgreSQL, each test in its own schema.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaMigrationTests(PostgresServer server) : SchemaMigrationContract
{
    private string _connectionString = "";

    protected override string Engine => "postgres";

    public override async Task InitializeAsync() => _connectionString = await server.CreateIsolatedSchemaAsync();

    protected override async Task<DbConnection> OpenRawAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    protected override IWorkerStore OpenStore(string shop = ConfiguredShop) => new PostgresWorkerStore(_connectionString, shop: shop);
}
