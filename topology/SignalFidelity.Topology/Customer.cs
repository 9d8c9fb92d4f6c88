namespace SignalFidelity.Topology;

/// <summary>
/// A store customer as Shopify, Klaviyo and HubSpot hold it. Shopify owns the transactional facts (what
/// the person bought and paid); Klaviyo owns the lifecycle facts (what marketing learned about them).
/// Each value flows outward from its owner only. HubSpot gets its own contact properties where it has them
/// (email, phone, firstname, lastname) and custom properties for the roll-ups: its own revenue and deal
/// counts are calculated from deals, not written.
/// </summary>
[SyncEntity("customer", Identity = IdentityRule.CanonicalEmailThenPhone)]
public partial record Customer
{
    /// <summary>The address as the customer typed it; matching uses the canonical key.</summary>
    [OwnedBy(SyncSystem.Shopify, Property = "defaultEmailAddress.emailAddress"),
     FromWebhook("customers/create", "email"), FromWebhook("customers/update", "email"),
     FlowsTo(SyncSystem.Klaviyo, "email"), FlowsTo(SyncSystem.HubSpot, "email")]
    public string? Email { get; init; }

    /// <summary>The phone number; the identity fallback for Apple relay addresses.</summary>
    [OwnedBy(SyncSystem.Shopify, Property = "defaultPhoneNumber.phoneNumber"),
     FromWebhook("customers/create", "phone"), FromWebhook("customers/update", "phone"),
     FlowsTo(SyncSystem.Klaviyo, "phone_number"), FlowsTo(SyncSystem.HubSpot, "phone")]
    public string? Phone { get; init; }

    /// <summary>Given name.</summary>
    [OwnedBy(SyncSystem.Shopify, Property = "firstName"),
     FromWebhook("customers/create", "first_name"), FromWebhook("customers/update", "first_name"),
     FlowsTo(SyncSystem.Klaviyo, "first_name"), FlowsTo(SyncSystem.HubSpot, "firstname")]
    public string? FirstName { get; init; }

    /// <summary>Family name.</summary>
    [OwnedBy(SyncSystem.Shopify, Property = "lastName"),
     FromWebhook("customers/create", "last_name"), FromWebhook("customers/update", "last_name"),
     FlowsTo(SyncSystem.Klaviyo, "last_name"), FlowsTo(SyncSystem.HubSpot, "lastname")]
    public string? LastName { get; init; }

    /// <summary>Lifetime spend net of refunds, in the shop currency.</summary>
    [OwnedBy(SyncSystem.Shopify, Property = "amountSpent.amount"),
     FromWebhook("customers/purchasing_summary", "amountSpent.amount"),
     FlowsTo(SyncSystem.Klaviyo, "total_spent"), FlowsTo(SyncSystem.HubSpot, "total_spent"),
     FidelityField, DriftTolerance(Amount = 0.01)]
    public decimal TotalSpent { get; init; }

    /// <summary>Number of orders placed.</summary>
    [OwnedBy(SyncSystem.Shopify, Property = "numberOfOrders"),
     FromWebhook("customers/purchasing_summary", "numberOfOrders"),
     FlowsTo(SyncSystem.Klaviyo, "order_count"), FlowsTo(SyncSystem.HubSpot, "order_count"),
     FidelityField, DriftTolerance(Count = 1)]
    public int OrderCount { get; init; }

    /// <summary>When the latest order was placed; winback flows key on it.</summary>
    // orders/create carries the date itself; a refund or a deleted order moves the last order back, and only
    // customers/purchasing_summary says so, by the order's id: the worker reads that order's createdAt.
    [OwnedBy(SyncSystem.Shopify, Property = "lastOrder.createdAt"),
     FromWebhook("orders/create", "created_at"),
     FromWebhook("customers/purchasing_summary", "lastOrderId", ResolveThrough = "order.createdAt"),
     FlowsTo(SyncSystem.Klaviyo, "last_order_date"), FlowsTo(SyncSystem.HubSpot, "last_order_date"),
     FidelityField, DriftTolerance(Hours = 24)]
    public DateTimeOffset? LastOrderDate { get; init; }

    /// <summary>Financial status of the latest order (paid, pending, refunded, ...).</summary>
    [OwnedBy(SyncSystem.Shopify, Property = "lastOrder.displayFinancialStatus"),
     FromWebhook("orders/create", "financial_status"),
     FlowsTo(SyncSystem.Klaviyo, "last_order_payment_status"), FlowsTo(SyncSystem.HubSpot, "last_order_payment_status")]
    public string? LastOrderPaymentStatus { get; init; }

    /// <summary>Email marketing consent as Klaviyo holds it (subscribed, unsubscribed, never subscribed).</summary>
    [OwnedBy(SyncSystem.Klaviyo, Property = "email_subscription_state", Why = "Consent is collected and honoured in Klaviyo")]
    public string? EmailSubscriptionState { get; init; }

    /// <summary>The segment tag marketing steers by; written back to Shopify tags for staff.</summary>
    [OwnedBy(SyncSystem.Klaviyo, Property = "primary_tag", Why = "Segments are built in Klaviyo"),
     FlowsTo(SyncSystem.Shopify, "tags"), FidelityField]
    public string? PrimaryTag { get; init; }

    /// <summary>Klaviyo's predicted churn probability, 0 to 1.</summary>
    [OwnedBy(SyncSystem.Klaviyo, Property = "predicted_churn", Why = "Predictive analytics run in Klaviyo")]
    public double? PredictedChurn { get; init; }

    /// <summary>The customer's latest Net Promoter Score answer, 0 to 10.</summary>
    [OwnedBy(SyncSystem.Klaviyo, Property = "nps_score", Why = "Surveys are sent and collected from Klaviyo")]
    public int? NpsScore { get; init; }
}
