using System.Net;
using System.Text.Json;
using SignalFidelity.Audit.Reviews;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests.Intake;

/// <summary>
/// Shopify falling forward: deliveries rendered in an API version other than the topology's pin are applied as usual,
/// counted, shown on /status and /health, and open one 48-hour vendor-change review per version, restarts included.
/// </summary>
public sealed class ApiVersionFallForwardTests
{
    private const string Customer = "gid://shopify/Customer/706405506930370084";

    [Fact]
    public async Task A_delivery_under_a_newer_version_is_applied_and_opens_exactly_one_review_across_deliveries_and_a_restart()
    {
        var folder = Directory.CreateTempSubdirectory("sigfid-fall-forward.");
        try
        {
            var newer = NewerVersionThanThePin();
            string[] args = [$"--SignalFidelity:Store:Sqlite={Path.Combine(folder.FullName, "worker.db")}", $"--SignalFidelity:Reviews:Directory={Path.Combine(folder.FullName, "reviews")}"];
            var reviews = new ReviewFolder(Path.Combine(folder.FullName, "reviews"));

            await using (var worker = await RunningWorker.StartAsync(extraArgs: args))
            {
                var pinned = await worker.PostAsync("customers/update", CustomerUpdate("pinned@example.com"), eventId: "evt-pinned");
                Assert.Equal(HttpStatusCode.OK, pinned.StatusCode);
                Assert.Empty(reviews.List());

                for (var i = 0; i < 3; i++)
                {
                    var response = await worker.PostAsync("customers/update", CustomerUpdate($"newer{i}@example.com"), eventId: $"evt-newer-{i}", apiVersion: newer);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Contains("\"stored\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                }

                Assert.Equal(DeliveryDisposition.Accepted, (await worker.Store.FindDeliveryAsync("evt-newer-2"))!.Disposition);
                var ledger = (await worker.Store.GetLedgerAsync(Customer, SyncSystem.Klaviyo)).ToDictionary(f => f.Property, f => f.JsonValue);
                Assert.Equal("\"newer2@example.com\"", ledger["email"]);

                var status = JsonDocument.Parse(await worker.Client.GetStringAsync("/status")).RootElement.GetProperty("shopifyApiVersions");
                var seen = Assert.Single(status.EnumerateArray());
                Assert.Equal(newer, seen.GetProperty("version").GetString());
                Assert.Equal(3, seen.GetProperty("deliveries").GetInt64());
                Assert.True(seen.TryGetProperty("firstSeen", out _));
                var health = JsonDocument.Parse(await worker.Client.GetStringAsync("/health")).RootElement;
                Assert.Equal(newer, health.GetProperty("queue").GetProperty("shopifyApiVersions")[0].GetProperty("version").GetString());
            }

            // The unprefixed header (Shopify's Events deliveries) after a restart on the same store: counted, no second window.
            await using (var restarted = await RunningWorker.StartAsync(extraArgs: args))
            {
                var again = await restarted.PostAsync("customers/update", CustomerUpdate("after-restart@example.com"), eventId: "evt-newer-after", apiVersion: newer, headerPrefix: "Shopify-");
                Assert.Equal(HttpStatusCode.OK, again.StatusCode);
                var stats = await restarted.Store.GetStatsAsync();
                var seen = Assert.Single(stats.ShopifyApiVersions);
                Assert.Equal(4, seen.Deliveries);
                // What `sigfid status` prints from the same store.
                Assert.Contains($"shopify versions    {newer} since {seen.FirstSeen:u} (4 deliveries, review {seen.Review})", SignalFidelity.Worker.Hosting.StatusReport.From(stats).ToText(), StringComparison.Ordinal);

                var window = Assert.Single(reviews.List());
                Assert.Equal(ReviewTrigger.VendorChange, window.Trigger);
                Assert.Equal(window.Opened.AddHours(48), window.Due);
                Assert.Contains(newer, window.Title, StringComparison.Ordinal);
                Assert.Contains(RunningWorker.PinnedShopifyVersion, window.Title, StringComparison.Ordinal);
                Assert.Equal(window.Id, seen.Review);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    // A real version Shopify would fall forward to: the pin's successor by the vendored snapshots, else a later quarter.
    private static string NewerVersionThanThePin() =>
        SignalFidelity.Audit.Topology.ShopifyWebhookSchema.Versions.FirstOrDefault(v => string.CompareOrdinal(v, RunningWorker.PinnedShopifyVersion) > 0)
        ?? $"{int.Parse(RunningWorker.PinnedShopifyVersion[..4], System.Globalization.CultureInfo.InvariantCulture) + 1}-01";

    private static string CustomerUpdate(string email) =>
        SharedReference.ShopifyWebhook("customers_update.json")
            .Replace("bob@biller.com", email)
            .Replace("\"updated_at\": \"2021-12-31T19:00:00-05:00\"", $"\"updated_at\": \"{DateTimeOffset.UtcNow.AddSeconds(-5):O}\"");
}
