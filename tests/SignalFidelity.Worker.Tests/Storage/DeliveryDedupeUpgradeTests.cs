using Microsoft.Data.Sqlite;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests.Storage;

/// <summary>A SQLite file written before per-delivery dedupe (event id alone unique) is upgraded in place, rows kept.</summary>
public sealed class DeliveryDedupeUpgradeTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sigfid-dedupe-upgrade.");

    [Fact]
    public async Task An_old_database_keeps_its_deliveries_and_accepts_a_second_topic_of_one_event()
    {
        var path = Path.Combine(_folder.FullName, "worker.db");
        await using (var old = new SqliteConnection($"Data Source={path}"))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            // The deliveries table exactly as the previous release created it.
            create.CommandText = """
                CREATE TABLE deliveries (
                  id INTEGER PRIMARY KEY,
                  event_id TEXT NOT NULL UNIQUE,
                  webhook_id TEXT NOT NULL,
                  topic TEXT NOT NULL,
                  shop_domain TEXT NOT NULL,
                  triggered_at INTEGER NOT NULL,
                  received_at INTEGER NOT NULL,
                  disposition TEXT NOT NULL,
                  customer_key TEXT,
                  reason TEXT,
                  body BLOB);
                INSERT INTO deliveries (event_id, webhook_id, topic, shop_domain, triggered_at, received_at, disposition, body)
                VALUES ('evt-1', 'wh-1', 'customers/update', 'snowdevil.myshopify.com', 0, 0, 'Unrouted', x'7B7D');
                """;
            await create.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        await using var store = new SqliteWorkerStore(path, shop: "snowdevil.myshopify.com");
        await store.InitializeAsync();
        var now = DateTimeOffset.UtcNow;
        var second = await store.RecordDeliveryAsync(
            new DeliveryRecord("evt-1", "wh-2", "customers/purchasing_summary", "snowdevil.myshopify.com", now, now, "{}"u8.ToArray(), DeliveryDisposition.Unrouted), []);
        var retry = await store.RecordDeliveryAsync(
            new DeliveryRecord("evt-1", "wh-1", "customers/update", "snowdevil.myshopify.com", now, now, "{}"u8.ToArray(), DeliveryDisposition.Unrouted), []);

        Assert.False(second.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.NotNull(await store.FindDeliveryAsync("evt-1", "customers/update"));
        Assert.Equal(2, (await store.GetStatsAsync()).Deliveries);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
