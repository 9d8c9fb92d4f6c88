using System.Text.Json.Serialization;

namespace SignalFidelity.Connectors.Shopify.Webhooks;

// Webhook bodies for API version 2026-04 (the pinned version), modelled on Shopify's sample payloads (shared/reference/
// shopify-webhooks). REST-era topics use snake_case; the topics added for 2026 (purchasing summary,
// tags) use camelCase, so they have their own context. Money stays a decimal string as sent.

public sealed record ShopifyWebhookAddress
{
    public long? Id { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Phone { get; init; }
    public string? City { get; init; }
    public string? CountryCode { get; init; }
    public string? Zip { get; init; }
}

/// <summary>customers/create and customers/update (2025-01 dropped orders_count, total_spent, tags from these).</summary>
public sealed record ShopifyCustomerWebhook
{
    public required long Id { get; init; }
    public string? AdminGraphqlApiId { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? State { get; init; }
    public bool VerifiedEmail { get; init; }
    public string? Currency { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public ShopifyWebhookAddress? DefaultAddress { get; init; }
}

public sealed record ShopifyWebhookCustomerRef
{
    public required long Id { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? AdminGraphqlApiId { get; init; }
}

public sealed record ShopifyWebhookLineItem
{
    public required long Id { get; init; }
    public string? Title { get; init; }
    public string? Name { get; init; }
    public int Quantity { get; init; }
    public string? Price { get; init; }
    public string? Sku { get; init; }
}

public sealed record ShopifyRefundTransaction
{
    public long Id { get; init; }
    public long? OrderId { get; init; }
    public string? Kind { get; init; }
    public string? Status { get; init; }
    public string? Amount { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>refunds/create.</summary>
public sealed record ShopifyRefundWebhook
{
    public required long Id { get; init; }
    public required long OrderId { get; init; }
    public string? AdminGraphqlApiId { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? ProcessedAt { get; init; }
    public List<ShopifyRefundTransaction> Transactions { get; init; } = [];
}

/// <summary>orders/create, orders/updated, orders/cancelled, orders/fulfilled.</summary>
public sealed record ShopifyOrderWebhook
{
    public required long Id { get; init; }
    public string? AdminGraphqlApiId { get; init; }
    public string? Name { get; init; }
    public int? OrderNumber { get; init; }
    public string? Email { get; init; }
    public string? ContactEmail { get; init; }
    public string? Phone { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public string? CancelReason { get; init; }
    public string? FinancialStatus { get; init; }
    public string? FulfillmentStatus { get; init; }
    public string? Currency { get; init; }
    public string? TotalPrice { get; init; }
    public string? CurrentTotalPrice { get; init; }
    public string? SubtotalPrice { get; init; }
    public string? Tags { get; init; }
    public ShopifyWebhookCustomerRef? Customer { get; init; }
    public List<ShopifyWebhookLineItem> LineItems { get; init; } = [];
    public List<ShopifyRefundWebhook> Refunds { get; init; } = [];
}

/// <summary>orders/delete and customers/delete carry the id only.</summary>
public sealed record ShopifyDeletedWebhook
{
    public required long Id { get; init; }
    public string? AdminGraphqlApiId { get; init; }
}

/// <summary>customers/redact (compliance): erase the person everywhere.</summary>
public sealed record ShopifyCustomersRedactWebhook
{
    public long ShopId { get; init; }
    public string? ShopDomain { get; init; }
    public required ShopifyWebhookCustomerRef Customer { get; init; }
    public List<long> OrdersToRedact { get; init; } = [];
}

public sealed record ShopifyDataRequestRef
{
    public long Id { get; init; }
}

/// <summary>customers/data_request (compliance).</summary>
public sealed record ShopifyCustomersDataRequestWebhook
{
    public long ShopId { get; init; }
    public string? ShopDomain { get; init; }
    public required ShopifyWebhookCustomerRef Customer { get; init; }
    public List<long> OrdersRequested { get; init; } = [];
    public ShopifyDataRequestRef? DataRequest { get; init; }
}

public sealed record ShopifyEmailMarketingConsent
{
    public string? State { get; init; }
    public string? OptInLevel { get; init; }
    public DateTimeOffset? ConsentUpdatedAt { get; init; }
}

/// <summary>customers_email_marketing_consent/update.</summary>
public sealed record ShopifyEmailConsentWebhook
{
    public required long CustomerId { get; init; }
    public string? EmailAddress { get; init; }
    public ShopifyEmailMarketingConsent? EmailMarketingConsent { get; init; }
}

public sealed record ShopifyMergeError
{
    public List<long> CustomerIds { get; init; } = [];
    public string? Field { get; init; }
    public string? Message { get; init; }
}

/// <summary>customers/merge.</summary>
public sealed record ShopifyCustomersMergeWebhook
{
    public string? AdminGraphqlApiCustomerKeptId { get; init; }
    public string? AdminGraphqlApiCustomerDeletedId { get; init; }
    public string? AdminGraphqlApiJobId { get; init; }
    public string? Status { get; init; }
    public List<ShopifyMergeError> Errors { get; init; } = [];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ShopifyCustomerWebhook))]
[JsonSerializable(typeof(ShopifyOrderWebhook))]
[JsonSerializable(typeof(ShopifyRefundWebhook))]
[JsonSerializable(typeof(ShopifyDeletedWebhook))]
[JsonSerializable(typeof(ShopifyCustomersRedactWebhook))]
[JsonSerializable(typeof(ShopifyCustomersDataRequestWebhook))]
[JsonSerializable(typeof(ShopifyEmailConsentWebhook))]
[JsonSerializable(typeof(ShopifyCustomersMergeWebhook))]
public sealed partial class ShopifyWebhookJsonContext : JsonSerializerContext;

/// <summary>customers/purchasing_summary: since 2025-01 the only source of the order roll-ups.</summary>
public sealed record ShopifyPurchasingSummaryWebhook
{
    public required string CustomerId { get; init; }
    public long NumberOfOrders { get; init; }
    public ShopifyMoney? AmountSpent { get; init; }
    public string? LastOrderId { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
}

/// <summary>customer.tags_added and customer.tags_removed.</summary>
public sealed record ShopifyCustomerTagsWebhook
{
    public required string CustomerId { get; init; }
    public List<string> Tags { get; init; } = [];
    public DateTimeOffset OccurredAt { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ShopifyPurchasingSummaryWebhook))]
[JsonSerializable(typeof(ShopifyCustomerTagsWebhook))]
public sealed partial class ShopifyEventWebhookJsonContext : JsonSerializerContext;
