using System.Net;
using SignalFidelity.Worker.Storage;
using SignalFidelity.Worker.Tests.Storage;

namespace SignalFidelity.Worker.Tests.Intake;

/// <summary>The same worker configured for PostgreSQL (the scale-out engine) stores deliveries there.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresIntakeTests(PostgresServer server)
{
    [Fact]
    public async Task A_worker_configured_with_a_PostgreSQL_connection_string_stores_its_deliveries_there()
    {
        var connectionString = await server.CreateIsolatedSchemaAsync();
        await using (var worker = await RunningWorker.StartAsync(extraArgs: $"--SignalFidelity:Store:Postgres={connectionString}"))
        {
            var response = await worker.PostAsync("customers/update", SharedReference.ShopifyWebhook("customers_update.json"), eventId: "evt-pg");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(File.Exists(Path.Combine(worker.Folder.FullName, "worker.db")));
        }

        await using var store = new PostgresWorkerStore(connectionString, shop: RunningWorker.DefaultShop);
        Assert.Equal(DeliveryDisposition.Accepted, (await store.FindDeliveryAsync("evt-pg"))!.Disposition);
        Assert.Single(await store.ClaimDueWritesAsync("replica-2", TimeSpan.FromMinutes(1), 10, SyncSystem.Klaviyo));
    }
}
