using System.Text.Json;
using SignalFidelity.Connectors.Shopify.Webhooks;

namespace SignalFidelity.Connectors.Tests;

/// <summary>Shopify's own sample payloads for 2026-04 parse into the typed webhook models.</summary>
public sealed class ShopifyWebhookPayloadTests
{
    private static byte[] Sample(string file) => File.ReadAllBytes(Path.Combine(KlaviyoOpenApi.ReferenceDirectory, "shopify-webhooks", file));

    [Fact]
    public void Customer_topics_parse()
    {
        var created = JsonSerializer.Deserialize(Sample("customers_create.json"), ShopifyWebhookJsonContext.Default.ShopifyCustomerWebhook)!;
        var updated = JsonSerializer.Deserialize(Sample("customers_update.json"), ShopifyWebhookJsonContext.Default.ShopifyCustomerWebhook)!;
        var deleted = JsonSerializer.Deserialize(Sample("customers_delete.json"), ShopifyWebhookJsonContext.Default.ShopifyDeletedWebhook)!;
        Assert.Equal(706405506930370084, created.Id);
        Assert.Equal("bob@biller.com", created.Email);
        Assert.Equal("555-555-5555", created.DefaultAddress!.Phone);
        Assert.Equal(created.Id, updated.Id);
        Assert.Equal("gid://shopify/Customer/706405506930370084", deleted.AdminGraphqlApiId);
    }

    [Fact]
    public void Order_and_refund_topics_parse()
    {
        var order = JsonSerializer.Deserialize(Sample("orders_create.json"), ShopifyWebhookJsonContext.Default.ShopifyOrderWebhook)!;
        var refund = JsonSerializer.Deserialize(Sample("refunds_create.json"), ShopifyWebhookJsonContext.Default.ShopifyRefundWebhook)!;
        var deleted = JsonSerializer.Deserialize(Sample("orders_delete.json"), ShopifyWebhookJsonContext.Default.ShopifyDeletedWebhook)!;
        Assert.Equal("#9999", order.Name);
        Assert.Equal("jon@example.com", order.Email);
        Assert.Equal(115310627314723954, order.Customer!.Id);
        Assert.NotEmpty(order.LineItems);
        Assert.Equal("voided", order.FinancialStatus);
        Assert.Equal(820982911946154508, refund.OrderId);
        Assert.Equal(["75.00", "10.00"], refund.Transactions.Select(t => t.Amount));
        Assert.Equal(820982911946154508, deleted.Id);
    }

    [Fact]
    public void Roll_up_tag_consent_merge_and_compliance_topics_parse()
    {
        var summary = JsonSerializer.Deserialize(Sample("customers_purchasing_summary.json"), ShopifyEventWebhookJsonContext.Default.ShopifyPurchasingSummaryWebhook)!;
        var tags = JsonSerializer.Deserialize(Sample("customer_tags_added.json"), ShopifyEventWebhookJsonContext.Default.ShopifyCustomerTagsWebhook)!;
        var consent = JsonSerializer.Deserialize(Sample("customers_email_marketing_consent_update.json"), ShopifyWebhookJsonContext.Default.ShopifyEmailConsentWebhook)!;
        var merge = JsonSerializer.Deserialize(Sample("customers_merge.json"), ShopifyWebhookJsonContext.Default.ShopifyCustomersMergeWebhook)!;
        var redact = JsonSerializer.Deserialize(Sample("customers_redact.json"), ShopifyWebhookJsonContext.Default.ShopifyCustomersRedactWebhook)!;
        var request = JsonSerializer.Deserialize(Sample("customers_data_request.json"), ShopifyWebhookJsonContext.Default.ShopifyCustomersDataRequestWebhook)!;

        Assert.Equal(1, summary.NumberOfOrders);
        Assert.Equal(100.00m, summary.AmountSpent!.Value);
        Assert.Equal("gid://shopify/Order/1", summary.LastOrderId);
        Assert.Equal(["tag1", "tag2"], tags.Tags);
        Assert.Equal("not_subscribed", consent.EmailMarketingConsent!.State);
        Assert.Equal("failed", merge.Status);
        Assert.Equal([299938, 280263, 220458], redact.OrdersToRedact);
        Assert.Equal("john@example.com", redact.Customer.Email);
        Assert.Equal(9999, request.DataRequest!.Id);
    }
}
