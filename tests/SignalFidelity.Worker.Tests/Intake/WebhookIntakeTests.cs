using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests.Intake;

/// <summary>Every bad input over real HTTP, asserting both the answer and what was (not) stored.</summary>
public sealed class WebhookIntakeTests : IAsyncLifetime
{
    private RunningWorker _worker = null!;

    public async Task InitializeAsync() => _worker = await RunningWorker.StartAsync(maxBodyBytes: 64 * 1024);

    public async Task DisposeAsync() => await _worker.DisposeAsync();

    private static string CustomerUpdate(long id = 706405506930370084, string email = "bob@biller.com", string updatedAt = "2026-11-27T10:00:00Z") =>
        SharedReference.ShopifyWebhook("customers_update.json")
            .Replace("706405506930370084", id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("bob@biller.com", email)
            .Replace("\"updated_at\": \"2021-12-31T19:00:00-05:00\"", $"\"updated_at\": \"{updatedAt}\"");

    [Fact]
    public async Task An_authentic_delivery_is_stored_with_its_ledger_update_and_pending_write_before_the_200()
    {
        var response = await _worker.PostAsync("customers/update", CustomerUpdate(), eventId: "evt-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("stored", await Status(response));
        var delivery = await _worker.Store.FindDeliveryAsync("evt-1");
        Assert.Equal((DeliveryDisposition.Accepted, "customers/update", "gid://shopify/Customer/706405506930370084"), (delivery!.Disposition, delivery.Topic, delivery.CustomerKey));
        var ledger = (await _worker.Store.GetLedgerAsync("gid://shopify/Customer/706405506930370084", SyncSystem.Klaviyo)).ToDictionary(f => f.Property, f => f.JsonValue);
        Assert.Equal("\"bob@biller.com\"", ledger["email"]);
        Assert.Equal("\"Bob\"", ledger["first_name"]);
        Assert.DoesNotContain("total_spent", ledger.Keys); // customers/update carries no spend: it must not be written as 0
        // One pending write per destination the topology sends contact details to (Klaviyo and HubSpot).
        Assert.Equal(DestinationsOfContactDetails, (await _worker.Store.GetStatsAsync()).PendingWrites);
    }

    private static int DestinationsOfContactDetails => GeneratedTopologyRuntime.Instance.ShopifyDestinations.Count;

    [Theory]
    [InlineData("X-Shopify-Hmac-Sha256")]
    [InlineData("X-Shopify-Topic")]
    [InlineData("X-Shopify-Shop-Domain")]
    [InlineData("X-Shopify-Event-Id")]
    [InlineData("X-Shopify-Webhook-Id")]
    [InlineData("X-Shopify-Triggered-At")]
    public async Task A_missing_Shopify_header_is_a_400_naming_it_and_nothing_is_stored(string header)
    {
        var response = await _worker.PostAsync("customers/update", CustomerUpdate(), eventId: "evt-1", omit: header);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(header, await Error(response));
        await AssertNothingStored();
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("c2hvcnQ=")]
    public async Task A_wrong_HMAC_is_a_401_and_nothing_is_stored(string signature)
    {
        var response = await _worker.PostAsync("customers/update", CustomerUpdate(), eventId: "evt-1", signature: signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingStored();
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_a_401()
    {
        var signature = _worker.Hmac.Sign(Encoding.UTF8.GetBytes(CustomerUpdate(email: "bob@biller.com")));
        var response = await _worker.PostAsync("customers/update", CustomerUpdate(email: "mallory@evil.example"), signature: signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingStored();
    }

    [Fact]
    public async Task A_body_over_the_cap_is_a_413_whether_its_length_is_declared_or_streamed_and_nothing_is_stored()
    {
        var huge = "{\"pad\":\"" + new string('x', 70 * 1024) + "\"}";
        var declared = await _worker.PostAsync("customers/update", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);

        var bytes = Encoding.UTF8.GetBytes(huge);
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/webhooks/shopify") { Content = new StreamContent(new NoLengthStream(bytes)) };
        chunked.Headers.TransferEncodingChunked = true;
        foreach (var (name, value) in new Dictionary<string, string>
                 {
                     ["X-Shopify-Topic"] = "customers/update", ["X-Shopify-Hmac-Sha256"] = _worker.Hmac.Sign(bytes),
                     ["X-Shopify-Shop-Domain"] = RunningWorker.DefaultShop, ["X-Shopify-Webhook-Id"] = "w", ["X-Shopify-Event-Id"] = "e",
                     ["X-Shopify-Triggered-At"] = "2026-11-27T10:00:00Z",
                 })
        {
            chunked.Headers.TryAddWithoutValidation(name, value);
        }

        var streamed = await _worker.Client.SendAsync(chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        await AssertNothingStored();
    }

    [Fact]
    public async Task A_duplicate_event_id_is_acknowledged_and_not_processed_twice()
    {
        await _worker.PostAsync("customers/update", CustomerUpdate(email: "first@example.com"), eventId: "evt-dup");
        var again = await _worker.PostAsync("customers/update", CustomerUpdate(email: "second@example.com", updatedAt: "2026-11-28T10:00:00Z"), eventId: "evt-dup");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("duplicate", await Status(again));
        var ledger = await _worker.Store.GetLedgerAsync("gid://shopify/Customer/706405506930370084", SyncSystem.Klaviyo);
        Assert.Equal("\"first@example.com\"", ledger.Single(f => f.Property == "email").JsonValue);
        Assert.Equal(1, (await _worker.Store.GetStatsAsync()).Deliveries);
    }

    [Fact]
    public async Task An_authentic_but_unparseable_body_is_acknowledged_and_dead_lettered()
    {
        var response = await _worker.PostAsync("customers/purchasing_summary", "{\"customerId\": \"gid://shopify/Customer/1\", \"numberOfOrders\": \"many\"", eventId: "evt-bad");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("dead-lettered", await Status(response));
        var dead = Assert.Single(await _worker.Store.ListDeadLettersAsync());
        Assert.Equal((DeadLetterKind.Delivery, "evt-bad", "customers/purchasing_summary"), (dead.Kind, dead.EventId, dead.Topic));
        Assert.Equal(DeliveryDisposition.Unparseable, (await _worker.Store.FindDeliveryAsync("evt-bad"))!.Disposition);
        Assert.Equal(0, (await _worker.Store.GetStatsAsync()).PendingWrites);
    }

    [Fact]
    public async Task A_body_missing_what_its_topic_promises_is_dead_lettered_too()
    {
        var response = await _worker.PostAsync("customers/purchasing_summary", "{\"numberOfOrders\": 3, \"amountSpent\": {\"amount\": \"1.00\"}}", eventId: "evt-no-id");

        Assert.Equal("dead-lettered", await Status(response));
        Assert.Contains("customerId", Assert.Single(await _worker.Store.ListDeadLettersAsync()).Reason);
    }

    [Fact]
    public async Task An_unknown_topic_is_acknowledged_and_recorded_as_unrouted()
    {
        var response = await _worker.PostAsync("products/update", "{\"id\": 1}", eventId: "evt-product");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("unrouted", await Status(response));
        Assert.Equal(DeliveryDisposition.Unrouted, (await _worker.Store.FindDeliveryAsync("evt-product"))!.Disposition);
        var stats = await _worker.Store.GetStatsAsync();
        Assert.Equal((1L, 0L, 0L), (stats.UnroutedDeliveries, stats.PendingWrites, stats.DeadLetters));
    }

    [Fact]
    public async Task Customers_redact_erases_the_person_keeps_no_body_and_queues_the_CRM_delete()
    {
        await _worker.PostAsync("customers/update", CustomerUpdate(id: 191167, email: "john@example.com"), eventId: "evt-update");
        var response = await _worker.PostAsync("customers/redact", SharedReference.ShopifyWebhook("customers_redact.json").Replace("{shop}.myshopify.com", RunningWorker.DefaultShop), eventId: "evt-redact");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await _worker.Store.GetLedgerAsync("gid://shopify/Customer/191167", SyncSystem.Klaviyo));
        Assert.Empty((await _worker.Store.FindDeliveryAsync("evt-update"))!.Body);
        var redact = await _worker.Store.FindDeliveryAsync("evt-redact");
        Assert.Equal(DeliveryDisposition.Compliance, redact!.Disposition);
        Assert.Empty(redact.Body);
        var delete = Assert.Single(await _worker.Store.ClaimDueWritesAsync("test", TimeSpan.FromMinutes(1), 10, SyncSystem.Klaviyo));
        Assert.Equal((WriteOperation.Delete, "gid://shopify/Customer/191167"), (delete.Operation, delete.CustomerKey));
        Assert.Contains(delete.Fields, f => f.Property == "email" && f.JsonValue == "\"john@example.com\"");
    }

    [Fact]
    public async Task Customers_data_request_writes_what_the_worker_holds_for_the_merchant()
    {
        await _worker.PostAsync("customers/update", CustomerUpdate(id: 191167, email: "john@example.com"));
        var response = await _worker.PostAsync("customers/data_request", SharedReference.ShopifyWebhook("customers_data_request.json").Replace("{shop}.myshopify.com", RunningWorker.DefaultShop));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var export = Path.Combine(_worker.Folder.FullName, "data-requests", "data-request-9999.json");
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(export));
        Assert.Equal("john@example.com", document.RootElement.GetProperty("heldPerDestination").GetProperty("Klaviyo").GetProperty("email").GetString());
    }

    [Fact]
    public async Task Shop_redact_erases_every_customer()
    {
        await _worker.PostAsync("customers/update", CustomerUpdate(id: 1));
        await _worker.PostAsync("customers/update", CustomerUpdate(id: 2));
        var response = await _worker.PostAsync("shop/redact", "{\"shop_id\": 954889, \"shop_domain\": \"snowdevil.myshopify.com\"}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await _worker.Store.GetLedgerAsync("gid://shopify/Customer/1", SyncSystem.Klaviyo));
        Assert.Empty(await _worker.Store.GetLedgerAsync("gid://shopify/Customer/2", SyncSystem.Klaviyo));
        Assert.Equal(0, (await _worker.Store.GetStatsAsync()).PendingWrites);
    }

    [Fact]
    public async Task Health_is_degraded_when_no_destination_is_reachable_and_status_shows_the_queue()
    {
        await _worker.PostAsync("customers/update", CustomerUpdate());

        var health = await _worker.Client.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var status = await _worker.Client.GetFromJsonAsync<JsonElement>("/status");
        Assert.Equal(DestinationsOfContactDetails, status.GetProperty("pendingWrites").GetInt64());
        Assert.Equal(1, status.GetProperty("deliveries").GetInt64());
    }

    [Fact]
    public async Task Two_deliveries_of_one_event_and_a_late_retry_of_an_older_event_leave_what_one_in_order_delivery_leaves()
    {
        // In order: the older fact, then the newer one.
        await using var inOrder = await RunningWorker.StartAsync();
        await inOrder.PostAsync("customers/update", CustomerUpdate(email: "old@example.com", updatedAt: "2026-11-27T09:00:00Z"), eventId: "evt-old");
        await inOrder.PostAsync("customers/update", CustomerUpdate(email: "new@example.com", updatedAt: "2026-11-27T10:00:00Z"), eventId: "evt-new");

        // Out of order: the newer event twice, then Shopify's late retry of the older one.
        await _worker.PostAsync("customers/update", CustomerUpdate(email: "new@example.com", updatedAt: "2026-11-27T10:00:00Z"), eventId: "evt-new");
        await _worker.PostAsync("customers/update", CustomerUpdate(email: "new@example.com", updatedAt: "2026-11-27T10:00:00Z"), eventId: "evt-new");
        await _worker.PostAsync("customers/update", CustomerUpdate(email: "old@example.com", updatedAt: "2026-11-27T09:00:00Z"), eventId: "evt-old");

        const string key = "gid://shopify/Customer/706405506930370084";
        var expected = await inOrder.Store.GetLedgerAsync(key, SyncSystem.Klaviyo);
        var actual = await _worker.Store.GetLedgerAsync(key, SyncSystem.Klaviyo);
        Assert.Equal(expected, actual);
        Assert.Equal("\"new@example.com\"", actual.Single(f => f.Property == "email").JsonValue);
        var pending = Assert.Single(await _worker.Store.ClaimDueWritesAsync("t", TimeSpan.FromMinutes(1), 10, SyncSystem.Klaviyo));
        Assert.Equal("\"new@example.com\"", pending.Fields.Single(f => f.Property == "email").JsonValue);
    }

    private async Task AssertNothingStored()
    {
        var stats = await _worker.Store.GetStatsAsync();
        Assert.Equal((0L, 0L, 0L), (stats.Deliveries, stats.PendingWrites, stats.DeadLetters));
    }

    private static async Task<string?> Status(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();

    private static async Task<string?> Error(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();

    /// <summary>A stream that hides its length, so the client sends it chunked.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
