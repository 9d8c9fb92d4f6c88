using System.Net;
using System.Text.Json;
using SignalFidelity.Worker.Hosting;
using SignalFidelity.Worker.Intake;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Tests.Intake;

/// <summary>
/// Shopify's delivery contract over real HTTP: who may send (the configured shop, under a current or
/// rotated-out secret), what a duplicate is (the same webhook id, or the same event id and topic), and the
/// unprefixed header forms of Shopify's Events deliveries.
/// </summary>
public sealed class DeliveryContractTests : IAsyncLifetime
{
    private const string PreviousSecret = "shpss_previous_0123456789abcdef";
    private RunningWorker _worker = null!;

    public async Task InitializeAsync() =>
        _worker = await RunningWorker.StartAsync(extraArgs: [$"--SignalFidelity:Shopify:PreviousWebhookSecret={PreviousSecret}"]);

    public async Task DisposeAsync() => await _worker.DisposeAsync();

    private static string CustomerUpdate(long id = 706405506930370084) =>
        SharedReference.ShopifyWebhook("customers_update.json").Replace("706405506930370084", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string PurchasingSummary(long id) =>
        SharedReference.ShopifyWebhook("customers_purchasing_summary.json").Replace("gid://shopify/Customer/1\"", $"gid://shopify/Customer/{id}\"");

    [Fact]
    public async Task A_delivery_signed_with_the_secret_but_sent_as_another_shop_is_refused_and_stored_nowhere()
    {
        var before = await _worker.Store.GetStatsAsync();

        var response = await _worker.PostAsync("customers/update", CustomerUpdate(), eventId: "evt-foreign", shop: "attacker-store.myshopify.com");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("attacker-store.myshopify.com is not served here", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await _worker.Store.FindDeliveryAsync("evt-foreign"));
        var after = await _worker.Store.GetStatsAsync();
        Assert.Equal(before with { ShopifyApiVersions = [] }, after with { ShopifyApiVersions = [] }); // a list compares by reference
        Assert.Equal(before.ShopifyApiVersions, after.ShopifyApiVersions);
    }

    [Fact]
    public async Task A_shop_redact_from_another_shop_erases_nothing()
    {
        await _worker.PostAsync("customers/update", CustomerUpdate(id: 1));

        var response = await _worker.PostAsync("shop/redact", "{\"shop_id\": 1, \"shop_domain\": \"attacker-store.myshopify.com\"}", shop: "attacker-store.myshopify.com");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEmpty(await _worker.Store.GetLedgerAsync("gid://shopify/Customer/1", SyncSystem.Klaviyo));
    }

    [Fact]
    public async Task An_authentic_compliance_body_of_another_shop_sent_under_this_shop_header_erases_nothing()
    {
        await _worker.PostAsync("customers/update", CustomerUpdate(id: 5));

        // The HMAC signs the body only: a genuine shop/redact of another shop replayed with this shop's header.
        var response = await _worker.PostAsync("shop/redact", "{\"shop_id\": 2, \"shop_domain\": \"other-store.myshopify.com\"}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEmpty(await _worker.Store.GetLedgerAsync("gid://shopify/Customer/5", SyncSystem.Klaviyo));
    }

    [Fact]
    public async Task During_a_rotation_both_secrets_sign_and_any_other_is_refused()
    {
        var body = CustomerUpdate(id: 2);
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);

        var current = await _worker.PostAsync("customers/update", body);
        var previous = await _worker.PostAsync("customers/update", body, signature: new ShopifyHmac(PreviousSecret).Sign(bytes));
        var other = await _worker.PostAsync("customers/update", body, eventId: "evt-other-secret", signature: new ShopifyHmac("shpss_someone_else").Sign(bytes));

        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(HttpStatusCode.OK, previous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
        Assert.Null(await _worker.Store.FindDeliveryAsync("evt-other-secret"));
    }

    [Fact]
    public async Task Two_topics_of_one_merchant_action_are_both_applied_and_a_retry_of_either_is_not()
    {
        var update = await _worker.PostAsync("customers/update", CustomerUpdate(id: 3), eventId: "evt-one-action", webhookId: "wh-update");
        var summary = await _worker.PostAsync("customers/purchasing_summary", PurchasingSummary(id: 3), eventId: "evt-one-action", webhookId: "wh-summary");
        var retryOfUpdate = await _worker.PostAsync("customers/update", CustomerUpdate(id: 3), eventId: "evt-one-action", webhookId: "wh-update");
        var retryOfSummary = await _worker.PostAsync("customers/purchasing_summary", PurchasingSummary(id: 3), eventId: "evt-one-action", webhookId: "wh-summary");
        // A second subscription delivers the same (event, topic) under its own webhook id: applied once only.
        var secondSubscription = await _worker.PostAsync("customers/update", CustomerUpdate(id: 3), eventId: "evt-one-action", webhookId: "wh-update-2");

        Assert.Equal(["stored", "stored", "duplicate", "duplicate", "duplicate"],
            [await Status(update), await Status(summary), await Status(retryOfUpdate), await Status(retryOfSummary), await Status(secondSubscription)]);
        Assert.NotNull(await _worker.Store.FindDeliveryAsync("evt-one-action", "customers/update"));
        Assert.NotNull(await _worker.Store.FindDeliveryAsync("evt-one-action", "customers/purchasing_summary"));
        var ledger = (await _worker.Store.GetLedgerAsync("gid://shopify/Customer/3", SyncSystem.Klaviyo)).Select(f => f.Property).ToList();
        Assert.Contains("email", ledger);          // from customers/update
        Assert.Contains("total_spent", ledger);    // from customers/purchasing_summary, same event id
    }

    [Fact]
    public async Task The_unprefixed_Shopify_headers_of_Events_deliveries_are_read_as_the_classic_ones()
    {
        var response = await _worker.PostAsync("customers/update", CustomerUpdate(id: 4), eventId: "evt-unprefixed", headerPrefix: "Shopify-");

        Assert.Equal("stored", await Status(response));
        var stored = await _worker.Store.FindDeliveryAsync("evt-unprefixed");
        Assert.Equal(("customers/update", RunningWorker.DefaultShop), (stored!.Topic, stored.ShopDomain));
    }

    [Fact]
    public void A_secret_without_a_shop_is_a_configuration_error_that_names_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ShopSecrets.From(new WorkerOptions { Shopify = { WebhookSecret = "shpss_x" } }));

        Assert.StartsWith("SignalFidelity:Shopify:ShopDomain is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_shops_are_served_each_under_its_own_secret()
    {
        var options = new WorkerOptions { Shopify = { ShopDomain = "One.myshopify.com", WebhookSecret = "s1" } };
        options.Shops["two.myshopify.com"] = new ShopCredentials { WebhookSecret = "s2" };
        var shops = ShopSecrets.From(options);
        var body = "{}"u8.ToArray();

        Assert.Equal(ShopVerdict.Authentic, shops.Verify("one.myshopify.com", body, new ShopifyHmac("s1").Sign(body)));
        Assert.Equal(ShopVerdict.Authentic, shops.Verify("two.myshopify.com", body, new ShopifyHmac("s2").Sign(body)));
        Assert.Equal(ShopVerdict.BadSignature, shops.Verify("two.myshopify.com", body, new ShopifyHmac("s1").Sign(body)));
        Assert.Equal(ShopVerdict.UnknownShop, shops.Verify("three.myshopify.com", body, new ShopifyHmac("s1").Sign(body)));
    }

    private static async Task<string> Status(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("status").GetString()!;
    }
}
