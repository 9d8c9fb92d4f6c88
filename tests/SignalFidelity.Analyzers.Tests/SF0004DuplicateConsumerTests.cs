using SignalFidelity.Analyzers.Tests.Infrastructure;

namespace SignalFidelity.Analyzers.Tests;

public sealed class SF0004DuplicateConsumerTests
{
    [Fact]
    public Task Two_consumers_of_one_topic_and_destination_in_two_files()
    {
        const string first = """
            [{|SF0004:WebhookConsumer("orders/create", Writes = SyncSystem.Klaviyo)|}]
            public partial class KlaviyoOrderProjection;
            """;
        const string second = """
            [{|SF0004:WebhookConsumer("Orders/Create")|}]
            public partial class AnotherKlaviyoOrderProjection;
            """;
        return Verify.AnalyzerAsync<DuplicateConsumerAnalyzer>(first, second);
    }

    [Fact]
    public Task One_consumer_per_destination_is_clean()
    {
        const string source = """
            [WebhookConsumer("orders/create", Writes = SyncSystem.Klaviyo)]
            public partial class KlaviyoOrderProjection;

            [WebhookConsumer("orders/create", Writes = SyncSystem.HubSpot)]
            public partial class HubSpotOrderProjection;

            [WebhookConsumer("orders/cancelled", Writes = SyncSystem.Klaviyo)]
            public partial class KlaviyoOrderCancelledProjection;
            """;
        return Verify.AnalyzerAsync<DuplicateConsumerAnalyzer>(source);
    }
}
