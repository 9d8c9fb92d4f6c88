using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SignalFidelity.Connectors.Klaviyo;

// JSON:API wire shapes of Klaviyo's 2026-07-15 revision, limited to the members SignalFidelity sends
// and reads. Names follow the OpenAPI schema names so a reader can find each one there.

/// <summary>A profile's attributes (ProfileUpsertQueryResourceObject.attributes and the response's).</summary>
public sealed record KlaviyoProfileAttributes
{
    public string? Email { get; init; }
    public string? PhoneNumber { get; init; }
    public string? ExternalId { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public DateTimeOffset? Created { get; init; }
    public DateTimeOffset? Updated { get; init; }

    /// <summary>Custom properties: Klaviyo merges them key by key into the stored profile.</summary>
    public JsonObject? Properties { get; init; }
}

public sealed record KlaviyoProfileResource
{
    public string Type { get; init; } = "profile";
    public string? Id { get; init; }
    public required KlaviyoProfileAttributes Attributes { get; init; }
}

public sealed record KlaviyoLinks
{
    public string? Self { get; init; }
    public string? Next { get; init; }
    public string? Prev { get; init; }
}

/// <summary>ProfileUpsertQuery (request) and PostProfileResponse / GetProfileResponse (answer).</summary>
public sealed record KlaviyoProfileDocument
{
    public required KlaviyoProfileResource Data { get; init; }
}

public sealed record KlaviyoProfileCollection
{
    public List<KlaviyoProfileResource> Data { get; init; } = [];
    public KlaviyoLinks? Links { get; init; }
}

/// <summary>ProfileImportJobCreateQuery.</summary>
public sealed record KlaviyoImportJobCreateDocument
{
    public required KlaviyoImportJobCreateResource Data { get; init; }
}

public sealed record KlaviyoImportJobCreateResource
{
    public string Type { get; init; } = "profile-bulk-import-job";
    public required KlaviyoImportJobCreateAttributes Attributes { get; init; }
}

public sealed record KlaviyoImportJobCreateAttributes
{
    public required KlaviyoProfileList Profiles { get; init; }
}

public sealed record KlaviyoProfileList
{
    public required List<KlaviyoProfileResource> Data { get; init; }
}

/// <summary>PostProfileImportJobResponse / GetProfileImportJobResponse.</summary>
public sealed record KlaviyoImportJobDocument
{
    public required KlaviyoImportJobResource Data { get; init; }
}

public sealed record KlaviyoImportJobResource
{
    public string Type { get; init; } = "profile-bulk-import-job";
    public required string Id { get; init; }
    public required KlaviyoImportJobAttributes Attributes { get; init; }
}

public sealed record KlaviyoImportJobAttributes
{
    /// <summary>cancelled, complete, processing or queued.</summary>
    public required string Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public int TotalCount { get; init; }
    public int? CompletedCount { get; init; }
    public int? FailedCount { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
}

/// <summary>GetImportErrorResponseCollection.</summary>
public sealed record KlaviyoImportErrorCollection
{
    public List<KlaviyoImportErrorResource> Data { get; init; } = [];
    public KlaviyoLinks? Links { get; init; }
}

public sealed record KlaviyoImportErrorResource
{
    public string Type { get; init; } = "import-error";
    public required string Id { get; init; }
    public required KlaviyoImportErrorAttributes Attributes { get; init; }
}

public sealed record KlaviyoImportErrorAttributes
{
    public required string Code { get; init; }
    public required string Title { get; init; }
    public required string Detail { get; init; }
    public KlaviyoErrorSource? Source { get; init; }
    public JsonObject? OriginalPayload { get; init; }
}

public sealed record KlaviyoErrorSource
{
    public string? Pointer { get; init; }
}

/// <summary>EventCreateQueryV2.</summary>
public sealed record KlaviyoEventCreateDocument
{
    public required KlaviyoEventCreateResource Data { get; init; }
}

public sealed record KlaviyoEventCreateResource
{
    public string Type { get; init; } = "event";
    public required KlaviyoEventCreateAttributes Attributes { get; init; }
}

public sealed record KlaviyoEventCreateAttributes
{
    public required JsonObject Properties { get; init; }
    public DateTimeOffset? Time { get; init; }
    public decimal? Value { get; init; }
    public string? ValueCurrency { get; init; }

    /// <summary>Makes the event idempotent per profile and metric: a resend is accepted and not counted twice.</summary>
    public string? UniqueId { get; init; }
    public required KlaviyoMetricRef Metric { get; init; }
    public required KlaviyoEventProfileRef Profile { get; init; }
}

public sealed record KlaviyoMetricRef
{
    public required KlaviyoMetricRefData Data { get; init; }
}

public sealed record KlaviyoMetricRefData
{
    public string Type { get; init; } = "metric";
    public required KlaviyoMetricAttributes Attributes { get; init; }
}

public sealed record KlaviyoMetricAttributes
{
    public required string Name { get; init; }
}

public sealed record KlaviyoEventProfileRef
{
    public required KlaviyoProfileResource Data { get; init; }
}

/// <summary>GetEventResponseCollectionCompoundDocument (the members read).</summary>
public sealed record KlaviyoEventCollection
{
    public List<KlaviyoEventResource> Data { get; init; } = [];
    public KlaviyoLinks? Links { get; init; }
}

public sealed record KlaviyoEventResource
{
    public string Type { get; init; } = "event";
    public required string Id { get; init; }
    public required KlaviyoEventAttributes Attributes { get; init; }
}

public sealed record KlaviyoEventAttributes
{
    public long? Timestamp { get; init; }
    public DateTimeOffset? Datetime { get; init; }
    public JsonObject? EventProperties { get; init; }
}

public sealed record KlaviyoMetricCollection
{
    public List<KlaviyoMetricResource> Data { get; init; } = [];
}

public sealed record KlaviyoMetricResource
{
    public string Type { get; init; } = "metric";
    public required string Id { get; init; }
    public required KlaviyoMetricAttributes Attributes { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KlaviyoProfileDocument))]
[JsonSerializable(typeof(KlaviyoProfileCollection))]
[JsonSerializable(typeof(KlaviyoImportJobCreateDocument))]
[JsonSerializable(typeof(KlaviyoImportJobDocument))]
[JsonSerializable(typeof(KlaviyoImportErrorCollection))]
[JsonSerializable(typeof(KlaviyoEventCreateDocument))]
[JsonSerializable(typeof(KlaviyoEventCollection))]
[JsonSerializable(typeof(KlaviyoMetricCollection))]
[JsonSerializable(typeof(KlaviyoDeletionJobCreateDocument))]
[JsonSerializable(typeof(KlaviyoProfileMergeDocument))]
[JsonSerializable(typeof(KlaviyoProfileMergeResponse))]
public sealed partial class KlaviyoJsonContext : JsonSerializerContext;
