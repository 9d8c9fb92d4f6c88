namespace SignalFidelity.Topology;

// One consumer per Shopify topic and destination (SF0004); the generator completes each class.
[WebhookConsumer("customers/create", Writes = SyncSystem.Klaviyo)]
public partial class KlaviyoCustomerCreatedProjection;

[WebhookConsumer("customers/update", Writes = SyncSystem.Klaviyo)]
public partial class KlaviyoCustomerUpdatedProjection;

[WebhookConsumer("customers/purchasing_summary", Writes = SyncSystem.Klaviyo)]
public partial class KlaviyoPurchasingSummaryProjection;
