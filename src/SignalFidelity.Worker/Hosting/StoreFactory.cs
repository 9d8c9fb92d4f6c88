using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Hosting;

/// <summary>Opens the configured store: PostgreSQL when a connection string is given, else the SQLite file.</summary>
public static class StoreFactory
{
    /// <summary>Opens and initialises the store for <paramref name="shop"/>, the configured main shop (<c>SignalFidelity:Shopify:ShopDomain</c>).</summary>
    public static async Task<IWorkerStore> OpenAsync(StoreOptions options, string shop, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        IWorkerStore store = string.IsNullOrWhiteSpace(options.Postgres)
            ? new SqliteWorkerStore(options.Sqlite, options.SqliteFullSync, clock, shop)
            : new PostgresWorkerStore(options.Postgres, clock, shop);
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

    /// <summary>The main shop, whose store also holds the rows written before the store was keyed by shop.</summary>
    public static string MainShopOf(WorkerOptions options) => Intake.ShopSecrets.Normalize(options.Shopify.ShopDomain);

    /// <summary>Opens and initialises the store for the configured main shop.</summary>
    public static Task<IWorkerStore> OpenAsync(WorkerOptions options, TimeProvider? clock = null, CancellationToken cancellationToken = default) =>
        OpenAsync(options.Store, MainShopOf(options), clock, cancellationToken);

    /// <summary>Where the store is, for people (never the connection string, which may hold a password).</summary>
    public static string Describe(StoreOptions options) =>
        string.IsNullOrWhiteSpace(options.Postgres) ? $"SQLite {Path.GetFullPath(options.Sqlite)}" : "PostgreSQL (SignalFidelity:Store:Postgres)";
}
