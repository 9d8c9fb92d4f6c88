using System.Text.Json.Nodes;

namespace SignalFidelity.Sandbox.Klaviyo;

/// <summary>A profile as the Klaviyo simulator stores it; custom properties keep their JSON values.</summary>
public sealed class KlaviyoProfileRecord
{
    public required string Id { get; init; }
    public string? Email { get; set; }
    public string? PhoneNumber { get; set; }
    public string? ExternalId { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset Updated { get; set; }
    public Dictionary<string, JsonNode?> Properties { get; } = new(StringComparer.Ordinal);

    /// <summary>A detached copy for ground-truth readers, so tests never see a record change under them.</summary>
    public KlaviyoProfileRecord Snapshot()
    {
        var copy = new KlaviyoProfileRecord
        {
            Id = Id, Email = Email, PhoneNumber = PhoneNumber, ExternalId = ExternalId,
            FirstName = FirstName, LastName = LastName, Created = Created, Updated = Updated,
        };
        foreach (var (k, v) in Properties) copy.Properties[k] = v?.DeepClone();
        return copy;
    }
}

/// <summary>An event as stored: the metric by name, the profile by id, and the idempotency key.</summary>
public sealed record KlaviyoEventRecord(
    string Id, string MetricId, string ProfileId, DateTimeOffset Datetime, string? UniqueId, JsonObject Properties, double? Value);

/// <summary>A bulk profile import job; its progress is derived from the clock when read.</summary>
public sealed class KlaviyoImportJob
{
    public required string Id { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset StartsAt { get; init; }
    public required DateTimeOffset CompletesAt { get; init; }
    public required List<JsonObject> Profiles { get; init; }
    public List<(string Code, string Title, string Detail, string Pointer, JsonObject Payload)> Errors { get; } = [];
    public List<string> ProfileIds { get; } = [];
    public bool Applied { get; set; }
}
