using System.Globalization;
using System.Text.Json;
using SignalFidelity.Runtime;
using SignalFidelity.Topology;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Worker.Intake;

/// <summary>
/// Reads the customer facts out of a Shopify topic's body. Which fields a topic carries, and where, is the
/// topology's (<c>[FromWebhook]</c>, read by the generated <see cref="CustomerTopology.ReadWebhook"/>); where
/// the body names the customer and the time is Shopify's (<see cref="ShopifyTopics"/>). Throws
/// <see cref="JsonException"/> or <see cref="FormatException"/> for a body that is not what the topic
/// promises; intake dead-letters it.
/// </summary>
public static class ShopifyPayloadReader
{
    private const string CustomerGidPrefix = "gid://shopify/Customer/";

    /// <summary>The facts a topic's body carries, or null when the topic carries none the topology reads.</summary>
    /// <param name="triggeredAt">X-Shopify-Triggered-At: the source time when the body has no better one.</param>
    public static CustomerFacts? Read(string topic, ReadOnlySpan<byte> body, DateTimeOffset triggeredAt)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"a {topic} body must be a JSON object, not {root.ValueKind}");
        }

        // Topics no field is read from (a fulfilment, a refund) carry nothing per customer: spend and counts
        // arrive on customers/purchasing_summary, and reconciliation covers anything missed.
        if (ShopifyTopics.Find(topic) is not { CustomerIdPath: not null } shape
            || CustomerTopology.ReadWebhook(shape.Name, root) is not { } read)
        {
            return null;
        }

        return Locate(shape, root, triggeredAt) is { } at ? new CustomerFacts(at.CustomerKey, read.Snapshot, read.CarriedFields, at.AsOf, read.Resolutions) : null;
    }

    /// <summary>
    /// The customer's tags a topic's body carries (the topic table's <see cref="ShopifyTopic.Tags"/>), or null when
    /// the topic or this body carries none: customers/* bodies lost <c>tags</c> in API 2025-01.
    /// </summary>
    public static TagObservation? ReadTags(string topic, ReadOnlySpan<byte> body, DateTimeOffset triggeredAt)
    {
        if (ShopifyTopics.Find(topic) is not { Tags: { } shape } known)
        {
            return null;
        }

        using var document = JsonDocument.Parse(body.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !TryAt(root, shape.Path, out var value))
        {
            return null;
        }

        var tags = value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String
                ? t.GetString()!
                : throw new FormatException($"{topic}: '{shape.Path}' holds {t.GetRawText()}, not a tag")).ToList(),
            // Older customers/* bodies: one string, tags separated by commas ("vip, wholesale").
            JsonValueKind.String => value.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            _ => throw new FormatException($"{topic}: '{shape.Path}' is {value.ValueKind}, neither a list of tags nor a comma-separated string"),
        };
        if (Locate(known, root, triggeredAt) is not { } at)
        {
            return null;
        }

        var change = shape.Change switch
        {
            ShopifyTagsChange.Added => TagChange.Added,
            ShopifyTagsChange.Removed => TagChange.Removed,
            _ => TagChange.FullSet,
        };
        return new TagObservation(at.CustomerKey, change, tags, at.AsOf);
    }

    /// <summary>
    /// What a merge report (the topic table's <see cref="ShopifyTopic.Merge"/>) says: the kept and the merged-away
    /// customer, and whether Shopify carried the merge out.
    /// </summary>
    public static MergeReport ReadMerge(string topic, ReadOnlySpan<byte> body)
    {
        if (ShopifyTopics.Find(topic) is not { Merge: { } shape, CustomerIdPath: { } keptPath })
        {
            throw new InvalidOperationException($"{topic} is not a merge topic");
        }

        using var document = JsonDocument.Parse(body.ToArray());
        var root = document.RootElement;
        var kept = CustomerKey(RequiredAt(topic, root, keptPath));
        var mergedAway = CustomerKey(RequiredAt(topic, root, shape.MergedAwayIdPath));
        var status = RequiredAt(topic, root, shape.StatusPath) is { ValueKind: JsonValueKind.String } text
            ? text.GetString()!
            : throw new FormatException($"{topic}: '{shape.StatusPath}' is not a string");
        return new MergeReport(kept, mergedAway, status, string.Equals(status.Trim(), shape.CompletedStatus, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Who a body is about and when its facts were true, or null for a guest (an order with no customer).</summary>
    private static (string CustomerKey, DateTimeOffset AsOf)? Locate(ShopifyTopic shape, JsonElement root, DateTimeOffset triggeredAt)
    {
        var idPath = shape.CustomerIdPath ?? throw new FormatException($"{shape.Name} names no customer");
        if (!TryAt(root, idPath, out var id))
        {
            // A nested id whose parent is absent is a guest (an order with no customer): nothing to attribute.
            return idPath.Contains('.', StringComparison.Ordinal) && !TryAt(root, idPath[..idPath.LastIndexOf('.')], out _)
                ? null
                : throw new FormatException($"{shape.Name}: required value '{idPath}' is missing");
        }

        var asOf = shape.SourceTimePath is { } timePath && TryAt(root, timePath, out var time) ? Timestamp(shape.Name, timePath, time) : triggeredAt;
        return (CustomerKey(id), asOf);
    }

    private static JsonElement RequiredAt(string topic, JsonElement root, string path) =>
        TryAt(root, path, out var value) ? value : throw new FormatException($"{topic}: required value '{path}' is missing");

    /// <summary>Who a <c>customers/redact</c> or <c>customers/data_request</c> body is about.</summary>
    public static CustomerIdentity ReadComplianceCustomer(ReadOnlySpan<byte> body)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var customer = Required(document.RootElement, "customer");
        return new CustomerIdentity(CustomerKey(Required(customer, "id")), OptionalString(customer, "email"), OptionalString(customer, "phone"));
    }

    /// <summary>The worker's key for a Shopify customer id, numeric or gid.</summary>
    public static string CustomerKey(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.Number => CustomerGidPrefix + id.GetUInt64().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.String when id.GetString() is { } text && text.StartsWith(CustomerGidPrefix, StringComparison.Ordinal) => text,
        JsonValueKind.String when ulong.TryParse(id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var numeric) =>
            CustomerGidPrefix + numeric.ToString(CultureInfo.InvariantCulture),
        _ => throw new FormatException($"customer id {id.GetRawText()} is neither a number nor a {CustomerGidPrefix} gid"),
    };

    /// <summary>The non-null value at a dotted path.</summary>
    private static bool TryAt(JsonElement root, string dottedPath, out JsonElement value)
    {
        value = root;
        foreach (var step in dottedPath.Split('.'))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(step, out value))
            {
                return false;
            }
        }

        return value.ValueKind != JsonValueKind.Null;
    }

    private static DateTimeOffset Timestamp(string topic, string path, JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new FormatException($"{topic}: '{path}' is {value.GetRawText()}, not an ISO 8601 timestamp");

    private static JsonElement Required(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new FormatException($"required property '{name}' is missing");

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
