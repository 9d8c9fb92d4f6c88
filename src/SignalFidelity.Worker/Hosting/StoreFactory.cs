using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Hosting;

/// <summary>Opens the configured store: PostgreSQL when a connection string is given, else the SQLite file.</summary>
public static class StoreFactory
{
    /// <summary>Opens and initialises the store.</summary>
    public static async Task<IWorkerStore> OpenAsync(StoreOptions options, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        IWorkerStore store = string.IsNullOrWhiteSpace(options.Postgres)
            ? new SqliteWorkerStore(options.Sqlite, options.SqliteFullSync, clock)
            : new PostgresWorkerStore(options.Postgres, clock);
        try
        {
            await store.InitializeAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync(); // a retry opens a fresh one; this one must not keep a connection or a file handle
            throw;
        }
    }

    /// <summary>Where the store is, for people (never the connection string, which may hold a password).</summary>
    public static string Describe(StoreOptions options) =>
        string.IsNullOrWhiteSpace(options.Postgres) ? $"SQLite {Path.GetFullPath(options.Sqlite)}" : "PostgreSQL (SignalFidelity:Store:Postgres)";
}
