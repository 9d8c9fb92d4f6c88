using SignalFidelity.Analyzers.Tests.Infrastructure;

namespace SignalFidelity.Analyzers.Tests;

public sealed class SF0005FlowAgainstOwnershipTests
{
    private const string ShopifyToKlaviyo = """
        [SyncEntity("customer")]
        public partial record Customer
        {
            [OwnedBy(SyncSystem.Shopify), FlowsTo(SyncSystem.Klaviyo, "total_spent")]
            public decimal TotalSpent { get; init; }
        }
        """;

    [Fact]
    public Task A_field_flowing_into_its_own_owner()
    {
        const string source = """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Klaviyo, Property = "primary_tag"), {|SF0005:FlowsTo(SyncSystem.Klaviyo, "tag")|}]
                public string? PrimaryTag { get; init; }
            }
            """;
        return Verify.AnalyzerAsync<FlowAgainstOwnershipAnalyzer>(source);
    }

    [Fact]
    public Task A_field_shopify_does_not_own_read_from_a_shopify_webhook()
    {
        const string source = """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Klaviyo, Property = "consent"), {|SF0005:FromWebhook("customers/update", "email_marketing_consent.state")|}]
                public string? EmailConsent { get; init; }

                [OwnedBy(SyncSystem.Shopify, Property = "note"), FromWebhook("customers/update", "note")]
                public string? Note { get; init; }
            }
            """;
        return Verify.AnalyzerAsync<FlowAgainstOwnershipAnalyzer>(source);
    }

    [Fact]
    public Task A_consumer_writing_back_into_shopify()
    {
        const string consumer = """
            [{|SF0005:WebhookConsumer("customers/update", Writes = SyncSystem.Shopify)|}]
            public partial class ShopifyEcho;
            """;
        return Verify.AnalyzerAsync<FlowAgainstOwnershipAnalyzer>(ShopifyToKlaviyo, consumer);
    }

    [Fact]
    public Task A_consumer_writing_a_system_no_shopify_field_flows_to()
    {
        const string consumer = """
            [WebhookConsumer("orders/create", Writes = SyncSystem.Klaviyo)]
            public partial class KlaviyoOrderProjection;

            [{|SF0005:WebhookConsumer("orders/create", Writes = SyncSystem.HubSpot)|}]
            public partial class HubSpotOrderProjection;
            """;
        return Verify.AnalyzerAsync<FlowAgainstOwnershipAnalyzer>(ShopifyToKlaviyo, consumer);
    }

    [Fact]
    public Task Consumers_carrying_shopify_fields_outward_are_clean()
    {
        const string source = """
            [SyncEntity("customer")]
            public partial record Customer
            {
                [OwnedBy(SyncSystem.Shopify), FlowsTo(SyncSystem.Klaviyo, "total_spent"), FlowsTo(SyncSystem.HubSpot, "total_spent")]
                public decimal TotalSpent { get; init; }

                [OwnedBy(SyncSystem.Klaviyo, Property = "primary_tag"), FlowsTo(SyncSystem.Shopify, "tags")]
                public string? PrimaryTag { get; init; }
            }

            [WebhookConsumer("orders/create", Writes = SyncSystem.Klaviyo)]
            public partial class KlaviyoOrderProjection;

            [WebhookConsumer("orders/create", Writes = SyncSystem.HubSpot)]
            public partial class HubSpotOrderProjection;
            """;
        return Verify.AnalyzerAsync<FlowAgainstOwnershipAnalyzer>(source);
    }
}
