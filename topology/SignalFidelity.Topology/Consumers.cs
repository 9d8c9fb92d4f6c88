namespace SignalFidelity.Topology;

// One consumer per Shopify topic and destination (SF0004). The generator completes each class with
// the Shopify -> Klaviyo mapper of the entity its topic carries.

/// <summary>A new order changes order count, spend and last order date.</summary>
[WebhookConsumer("orders/create", Writes = SyncSystem.Klaviyo)]
public partial class KlaviyoOrderCreatedProjection;

/// <summary>Fulfilment changes nothing Klaviyo scores on but keeps the timeline whole.</summary>
[WebhookConsumer("orders/fulfilled", Writes = SyncSystem.Klaviyo)]
public partial class KlaviyoOrderFulfilledProjection;

/// <summary>A cancelled order lowers spend and may change the last order date.</summary>
[WebhookConsumer("orders/cancelled", Writes = SyncSystem.Klaviyo)]
public partial class KlaviyoOrderCancelledProjection;

/// <summary>A refund lowers spend and raises the refunded total.</summary>
[WebhookConsumer("refunds/create", Writes = SyncSystem.Klaviyo)]
public partial class KlaviyoRefundProjection;

/// <summary>A new customer profile.</summary>
[WebhookConsumer("customers/create", Writes = SyncSystem.Klaviyo)]
public partial class KlaviyoCustomerCreatedProjection;

/// <summary>Contact details changed.</summary>
[WebhookConsumer("customers/update", Writes = SyncSystem.Klaviyo)]
public partial class KlaviyoCustomerUpdatedProjection;

/// <summary>Since API 2026-07 the order roll-ups (count, spend, last order) arrive on this topic only.</summary>
[WebhookConsumer("customers/purchasing_summary", Writes = SyncSystem.Klaviyo)]
public partial class KlaviyoPurchasingSummaryProjection;
