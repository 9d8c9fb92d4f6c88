namespace SignalFidelity.Topology;

// One consumer per Shopify topic and destination (SF0004). The generator completes each class with
// the Shopify -> destination mapper of the entity its topic carries; [FromWebhook] on each field says
// what the topic's body carries.

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

/// <summary>Since API 2025-01 the order roll-ups (count, spend, last order) arrive on this topic only.</summary>
[WebhookConsumer("customers/purchasing_summary", Writes = SyncSystem.Klaviyo)]
public partial class KlaviyoPurchasingSummaryProjection;

/// <summary>A new order changes the contact's last order date and payment status.</summary>
[WebhookConsumer("orders/create", Writes = SyncSystem.HubSpot)]
public partial class HubSpotOrderCreatedProjection;

/// <summary>Fulfilment changes nothing on the contact today; declared so the topic has its HubSpot reader.</summary>
[WebhookConsumer("orders/fulfilled", Writes = SyncSystem.HubSpot)]
public partial class HubSpotOrderFulfilledProjection;

/// <summary>A cancelled order; the roll-ups follow on customers/purchasing_summary.</summary>
[WebhookConsumer("orders/cancelled", Writes = SyncSystem.HubSpot)]
public partial class HubSpotOrderCancelledProjection;

/// <summary>A refund; the roll-ups follow on customers/purchasing_summary.</summary>
[WebhookConsumer("refunds/create", Writes = SyncSystem.HubSpot)]
public partial class HubSpotRefundProjection;

/// <summary>A new customer becomes a contact.</summary>
[WebhookConsumer("customers/create", Writes = SyncSystem.HubSpot)]
public partial class HubSpotCustomerCreatedProjection;

/// <summary>Contact details changed.</summary>
[WebhookConsumer("customers/update", Writes = SyncSystem.HubSpot)]
public partial class HubSpotCustomerUpdatedProjection;

/// <summary>Order count and spend.</summary>
[WebhookConsumer("customers/purchasing_summary", Writes = SyncSystem.HubSpot)]
public partial class HubSpotPurchasingSummaryProjection;
