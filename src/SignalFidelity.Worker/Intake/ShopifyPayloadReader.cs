using System.Globalization;
using System.Text.Json;
using SignalFidelity.Topology;

namespace SignalFidelity.Worker.Intake;

/// <summary>
/// Reads the customer facts out of the Shopify topics the topology consumes (API 2026-07 shapes, per
/// shared/reference/shopify-webhooks). Throws <see cref="JsonException"/> or
/// <see cref="FormatException"/> for a body that is not what the topic promises; intake dead-letters it.
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

        return topic switch
        {
            "customers/create" or "customers/update" => ReadCustomer(root, triggeredAt),
            "customers/purchasing_summary" => ReadPurchasingSummary(root, triggeredAt),
            "orders/create" => ReadOrderCreated(root, triggeredAt),
            // Routed, but their bodies carry nothing the topology reads per customer: spend and counts
            // arrive on customers/purchasing_summary, and reconciliation covers anything missed.
            _ => null,
        };
    }

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

    private static CustomerFacts ReadCustomer(JsonElement root, DateTimeOffset triggeredAt)
    {
        var snapshot = new Customer
        {
            Email = OptionalString(root, "email"),
            Phone = OptionalString(root, "phone"),
            FirstName = OptionalString(root, "first_name"),
            LastName = OptionalString(root, "last_name"),
        };
        return new CustomerFacts(
            CustomerKey(Required(root, "id")),
            snapshot,
            new HashSet<string> { nameof(Customer.Email), nameof(Customer.Phone), nameof(Customer.FirstName), nameof(Customer.LastName) },
            OptionalTime(root, "updated_at") ?? triggeredAt);
    }

    private static CustomerFacts ReadPurchasingSummary(JsonElement root, DateTimeOffset triggeredAt)
    {
        var spent = Required(Required(root, "amountSpent"), "amount");
        var snapshot = new Customer
        {
            OrderCount = Required(root, "numberOfOrders").GetInt32(),
            TotalSpent = spent.ValueKind == JsonValueKind.String
                ? decimal.Parse(spent.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture)
                : spent.GetDecimal(),
        };
        return new CustomerFacts(
            CustomerKey(Required(root, "customerId")),
            snapshot,
            new HashSet<string> { nameof(Customer.OrderCount), nameof(Customer.TotalSpent) },
            OptionalTime(root, "occurredAt") ?? triggeredAt);
    }

    private static CustomerFacts? ReadOrderCreated(JsonElement root, DateTimeOffset triggeredAt)
    {
        if (!root.TryGetProperty("customer", out var customer) || customer.ValueKind != JsonValueKind.Object)
        {
            return null; // a guest order with no customer: nothing to attribute
        }

        var createdAt = OptionalTime(root, "created_at") ?? triggeredAt;
        var snapshot = new Customer
        {
            LastOrderDate = createdAt,
            LastOrderPaymentStatus = OptionalString(root, "financial_status"),
        };
        // The order's own creation time orders the facts: a late delivery of an older order cannot
        // move the last order date back.
        return new CustomerFacts(
            CustomerKey(Required(customer, "id")),
            snapshot,
            new HashSet<string> { nameof(Customer.LastOrderDate), nameof(Customer.LastOrderPaymentStatus) },
            createdAt);
    }

    private static JsonElement Required(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new FormatException($"required property '{name}' is missing");

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? OptionalTime(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;
}
