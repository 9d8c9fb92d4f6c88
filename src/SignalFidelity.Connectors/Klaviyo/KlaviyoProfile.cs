using System.Globalization;
using System.Text.Json.Nodes;

namespace SignalFidelity.Connectors.Klaviyo;

/// <summary>
/// A profile to write, as callers hold it: identifiers, names and custom properties by name. The caller
/// decides which properties it owns; the connector sends exactly those.
/// </summary>
public sealed record KlaviyoProfile
{
    /// <summary>
    /// The attributes Klaviyo keeps beside <c>properties</c> that a patch may name (the members above, in Klaviyo's
    /// spelling); every other name is a custom property.
    /// </summary>
    public static IReadOnlySet<string> OwnAttributes { get; } = new HashSet<string>(StringComparer.Ordinal) { "email", "phone_number", "first_name", "last_name" };

    /// <summary>Klaviyo's id of the profile to update, when the caller knows it (it then wins over every other identifier).</summary>
    public string? Id { get; init; }

    public string? Email { get; init; }
    public string? PhoneNumber { get; init; }
    public string? ExternalId { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public IReadOnlyDictionary<string, object?> Properties { get; init; } = new Dictionary<string, object?>();

    internal KlaviyoProfileResource ToResource() => new()
    {
        Id = Id,
        Attributes = new KlaviyoProfileAttributes
        {
            Email = Email,
            PhoneNumber = PhoneNumber,
            ExternalId = ExternalId,
            FirstName = FirstName,
            LastName = LastName,
            Properties = Properties.Count == 0 ? null : ToJson(Properties),
        },
    };

    /// <summary>Property values become JSON the way Klaviyo stores them: numbers as numbers, dates as ISO 8601 strings.</summary>
    public static JsonObject ToJson(IReadOnlyDictionary<string, object?> properties)
    {
        var json = new JsonObject();
        foreach (var (key, value) in properties)
        {
            json[key] = value switch
            {
                null => null,
                string s => JsonValue.Create(s),
                decimal d => JsonValue.Create(d),
                double d => JsonValue.Create(d),
                float f => JsonValue.Create(f),
                int i => JsonValue.Create(i),
                long l => JsonValue.Create(l),
                bool b => JsonValue.Create(b),
                DateTimeOffset t => JsonValue.Create(t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                DateTime t => JsonValue.Create(t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                JsonNode n => n.DeepClone(),
                IFormattable f => JsonValue.Create(f.ToString(null, CultureInfo.InvariantCulture)),
                _ => JsonValue.Create(value.ToString()),
            };
        }
        return json;
    }
}

/// <summary>An event to record, such as "Placed Order"; <see cref="UniqueId"/> makes a resend harmless.</summary>
public sealed record KlaviyoEvent
{
    public required string MetricName { get; init; }
    public required KlaviyoProfile Profile { get; init; }
    public required string UniqueId { get; init; }
    public DateTimeOffset? Time { get; init; }
    public decimal? Value { get; init; }
    public string? ValueCurrency { get; init; }
    public IReadOnlyDictionary<string, object?> Properties { get; init; } = new Dictionary<string, object?>();
}

/// <summary>A finished bulk import: its job ids, how many profiles landed, and each refused one with Klaviyo's reason.</summary>
public sealed record KlaviyoImportOutcome(IReadOnlyList<string> JobIds, int Imported, IReadOnlyList<KlaviyoImportError> Errors);

public sealed record KlaviyoImportError(string JobId, string Code, string Detail, string? Pointer, string? Email);
