using System.Text.Json.Serialization;

namespace SignalFidelity.Connectors.HubSpot;

// CRM v3 contact shapes as HubSpot documents them (its OpenAPI is not licensed for reuse, so none is
// stored here). Property values travel as strings, as HubSpot stores them.

public sealed record HubSpotUpsertInput
{
    public required string IdProperty { get; init; }
    public required string Id { get; init; }
    public required Dictionary<string, string?> Properties { get; init; }
}

public sealed record HubSpotBatchUpsertRequest
{
    public required List<HubSpotUpsertInput> Inputs { get; init; }
}

public sealed record HubSpotContact
{
    public required string Id { get; init; }
    public Dictionary<string, string?> Properties { get; init; } = [];
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public bool Archived { get; init; }
    public bool? New { get; init; }
}

public sealed record HubSpotBatchError
{
    public string? Status { get; init; }
    public string? Category { get; init; }
    public string? Message { get; init; }
    public Dictionary<string, List<string>>? Context { get; init; }
}

/// <summary>The answer to batch upsert and batch read: 200 when all succeeded, 207 with <see cref="Errors"/> otherwise.</summary>
public sealed record HubSpotBatchResponse
{
    public string? Status { get; init; }
    public List<HubSpotContact> Results { get; init; } = [];
    public int? NumErrors { get; init; }
    public List<HubSpotBatchError>? Errors { get; init; }
}

public sealed record HubSpotReadInput
{
    public required string Id { get; init; }
}

public sealed record HubSpotBatchReadRequest
{
    public required string IdProperty { get; init; }
    public required List<HubSpotReadInput> Inputs { get; init; }
    public required List<string> Properties { get; init; }
}

public sealed record HubSpotFilter
{
    public required string PropertyName { get; init; }
    public required string Operator { get; init; }
    public string? Value { get; init; }
}

public sealed record HubSpotFilterGroup
{
    public required List<HubSpotFilter> Filters { get; init; }
}

/// <summary>A search sort: <c>{"propertyName": "lastmodifieddate", "direction": "ASCENDING"}</c>.</summary>
public sealed record HubSpotSort
{
    public required string PropertyName { get; init; }
    public string Direction { get; init; } = "ASCENDING";
}

public sealed record HubSpotSearchRequest
{
    public List<HubSpotFilterGroup> FilterGroups { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<HubSpotSort>? Sorts { get; init; }
    public List<string> Properties { get; init; } = [];
    public int Limit { get; init; } = 100;
    public string? After { get; init; }
}

public sealed record HubSpotPagingNext
{
    public string? After { get; init; }
}

public sealed record HubSpotPaging
{
    public HubSpotPagingNext? Next { get; init; }
}

public sealed record HubSpotSearchResponse
{
    public int Total { get; init; }
    public List<HubSpotContact> Results { get; init; } = [];
    public HubSpotPaging? Paging { get; init; }
}

/// <summary>A page of <c>GET /crm/v3/objects/contacts</c>.</summary>
public sealed record HubSpotContactPage
{
    public List<HubSpotContact> Results { get; init; } = [];
    public HubSpotPaging? Paging { get; init; }
}

public sealed record HubSpotProperty
{
    public required string Name { get; init; }
    public string? Label { get; init; }
    public string? Type { get; init; }
    public string? FieldType { get; init; }
    public string? GroupName { get; init; }
    public bool HasUniqueValue { get; init; }
}

public sealed record HubSpotPropertiesResponse
{
    public List<HubSpotProperty> Results { get; init; } = [];
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HubSpotBatchUpsertRequest))]
[JsonSerializable(typeof(HubSpotBatchResponse))]
[JsonSerializable(typeof(HubSpotBatchReadRequest))]
[JsonSerializable(typeof(HubSpotSearchRequest))]
[JsonSerializable(typeof(HubSpotSearchResponse))]
[JsonSerializable(typeof(HubSpotPropertiesResponse))]
[JsonSerializable(typeof(HubSpotContactPage))]
[JsonSerializable(typeof(HubSpotGdprDeleteRequest))]
[JsonSerializable(typeof(HubSpotMergeRequest))]
[JsonSerializable(typeof(HubSpotContact))]
public sealed partial class HubSpotJsonContext : JsonSerializerContext;

/// <summary>The body of HubSpot's GDPR delete: the contact by an id property (email here).</summary>
public sealed record HubSpotGdprDeleteRequest
{
    public required string ObjectId { get; init; }
    public string? IdProperty { get; init; }
}

/// <summary>
/// The body of <c>POST /crm/v3/objects/contacts/merge</c> (developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/post-crm-v3-objects-contacts-merge):
/// the primary contact's values generally become the merged contact's, the other's fill the gaps.
/// </summary>
public sealed record HubSpotMergeRequest
{
    public required string PrimaryObjectId { get; init; }
    public required string ObjectIdToMerge { get; init; }
}
