using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SignalFidelity.Connectors.Shopify;

// GraphQL Admin 2026-04 shapes for the fields SignalFidelity queries. Money is MoneyV2 (amount as a
// decimal string) and counts are UnsignedInt64 (strings), as the API serialises them.

public sealed record ShopifyGraphQlRequest
{
    public required string Query { get; init; }
    public required string OperationName { get; init; }
    public Dictionary<string, JsonElement> Variables { get; init; } = [];
}

public sealed record ShopifyGraphQlError
{
    public required string Message { get; init; }
    public Dictionary<string, JsonElement>? Extensions { get; init; }
}

public sealed record ShopifyThrottleStatusDto
{
    public double MaximumAvailable { get; init; }
    public double CurrentlyAvailable { get; init; }
    public double RestoreRate { get; init; }
}

public sealed record ShopifyQueryCost
{
    public double RequestedQueryCost { get; init; }
    public double? ActualQueryCost { get; init; }
    public ShopifyThrottleStatusDto? ThrottleStatus { get; init; }
}

public sealed record ShopifyExtensions
{
    public ShopifyQueryCost? Cost { get; init; }
}

public sealed record ShopifyGraphQlResponse
{
    public JsonElement? Data { get; init; }
    public List<ShopifyGraphQlError>? Errors { get; init; }
    public ShopifyExtensions? Extensions { get; init; }
}

public sealed record ShopifyMoney
{
    public required string Amount { get; init; }
    public string? CurrencyCode { get; init; }

    [JsonIgnore] public decimal Value => decimal.Parse(Amount, NumberStyles.Number, CultureInfo.InvariantCulture);
}

public sealed record ShopifyMoneyBag
{
    public required ShopifyMoney ShopMoney { get; init; }
}

public sealed record ShopifyEmailAddress
{
    public string? EmailAddress { get; init; }
}

public sealed record ShopifyPhoneNumber
{
    public string? PhoneNumber { get; init; }
}

public sealed record ShopifyOrderRef
{
    public required string Id { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? DisplayFinancialStatus { get; init; }
}

/// <summary>A customer as GraphQL Admin returns it, with typed accessors for the roll-ups.</summary>
public sealed record ShopifyCustomer
{
    public required string Id { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public ShopifyEmailAddress? DefaultEmailAddress { get; init; }
    public ShopifyPhoneNumber? DefaultPhoneNumber { get; init; }
    public List<string> Tags { get; init; } = [];
    public string NumberOfOrders { get; init; } = "0";
    public ShopifyMoney? AmountSpent { get; init; }
    public ShopifyOrderRef? LastOrder { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The customer as Shopify answered it, with the connection's <see cref="ShopifyConnection.CustomerSelection"/>: what the topology's generated reader reads.</summary>
    [JsonIgnore] public JsonElement Node { get; init; }

    [JsonIgnore] public string? Email => DefaultEmailAddress?.EmailAddress;
    [JsonIgnore] public string? Phone => DefaultPhoneNumber?.PhoneNumber;
    [JsonIgnore] public long OrderCount => long.Parse(NumberOfOrders, NumberStyles.None, CultureInfo.InvariantCulture);
    [JsonIgnore] public decimal TotalSpent => AmountSpent?.Value ?? 0m;
}

public sealed record ShopifyPageInfo
{
    public bool HasNextPage { get; init; }
    public string? EndCursor { get; init; }
}

public sealed record ShopifyCustomerConnection
{
    public required ShopifyPageInfo PageInfo { get; init; }
    public List<JsonElement> Nodes { get; init; } = [];
}

public sealed record ShopifyCustomersPageData
{
    public required ShopifyCustomerConnection Customers { get; init; }
}

public sealed record ShopifyCustomerData
{
    public JsonElement? Customer { get; init; }
}

public sealed record ShopifyCount
{
    public long Count { get; init; }
    public string? Precision { get; init; }
}

public sealed record ShopifyOrdersCountData
{
    public required ShopifyCount OrdersCount { get; init; }
}

public sealed record ShopifyShop
{
    public required string Name { get; init; }
}

public sealed record ShopifyShopData
{
    public required ShopifyShop Shop { get; init; }
}

public sealed record ShopifyUserError
{
    public List<string>? Field { get; init; }
    public required string Message { get; init; }
}

public sealed record ShopifyNodeRef
{
    public required string Id { get; init; }
}

public sealed record ShopifyTagsPayload
{
    public ShopifyNodeRef? Node { get; init; }
    public List<ShopifyUserError> UserErrors { get; init; } = [];
}

public sealed record ShopifyTagsAddData
{
    public required ShopifyTagsPayload TagsAdd { get; init; }
}

public sealed record ShopifyTagsRemoveData
{
    public required ShopifyTagsPayload TagsRemove { get; init; }
}

/// <summary>A bulk operation's state; <see cref="Url"/> is set once it completed.</summary>
public sealed record ShopifyBulkOperation
{
    public required string Id { get; init; }
    public required string Status { get; init; }
    public string? ErrorCode { get; init; }
    public string? ObjectCount { get; init; }
    public string? Url { get; init; }
    public string? PartialDataUrl { get; init; }
}

public sealed record ShopifyBulkRunPayload
{
    public ShopifyBulkOperation? BulkOperation { get; init; }
    public List<ShopifyUserError> UserErrors { get; init; } = [];
}

public sealed record ShopifyBulkRunData
{
    public required ShopifyBulkRunPayload BulkOperationRunQuery { get; init; }
}

public sealed record ShopifyBulkStatusData
{
    public ShopifyBulkOperation? BulkOperation { get; init; }
}

/// <summary>An order line of a bulk export; <see cref="ParentId"/> is the customer it belongs to.</summary>
public sealed record ShopifyBulkOrder
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public string? DisplayFinancialStatus { get; init; }
    public ShopifyMoneyBag? TotalPriceSet { get; init; }
    public ShopifyMoneyBag? TotalRefundedSet { get; init; }

    [JsonPropertyName("__parentId")]
    public string? ParentId { get; init; }
}

/// <summary>A customer of a bulk export with its orders joined back from their <c>__parentId</c>.</summary>
public sealed record ShopifyBulkCustomer(ShopifyCustomer Customer, IReadOnlyList<ShopifyBulkOrder> Orders);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ShopifyGraphQlRequest))]
[JsonSerializable(typeof(ShopifyGraphQlResponse))]
[JsonSerializable(typeof(ShopifyCustomersPageData))]
[JsonSerializable(typeof(ShopifyCustomerData))]
[JsonSerializable(typeof(ShopifyOrdersCountData))]
[JsonSerializable(typeof(ShopifyShopData))]
[JsonSerializable(typeof(ShopifyTagsAddData))]
[JsonSerializable(typeof(ShopifyTagsRemoveData))]
[JsonSerializable(typeof(ShopifyBulkRunData))]
[JsonSerializable(typeof(ShopifyBulkStatusData))]
[JsonSerializable(typeof(ShopifyCustomer))]
[JsonSerializable(typeof(ShopifyBulkOrder))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(List<string>))]
public sealed partial class ShopifyJsonContext : JsonSerializerContext;
