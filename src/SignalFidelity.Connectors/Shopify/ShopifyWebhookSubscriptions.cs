using System.Text.Json;
using System.Text.Json.Serialization;
using SignalFidelity.Connectors.Resilience;

namespace SignalFidelity.Connectors.Shopify;

/// <summary>
/// The app's webhook subscriptions through GraphQL Admin (<c>webhookSubscriptions</c>,
/// <c>webhookSubscriptionCreate</c>; shapes per shopify.dev's Admin GraphQL reference, with <c>uri</c>, which
/// replaced <c>endpoint.callbackUrl</c> in 2025-04). Shopify deletes an app's subscription after repeated
/// failed deliveries; the worker's watchdog lists them against the topology and recreates what is gone.
/// </summary>
public sealed partial class ShopifyClient
{
    /// <summary>Every webhook subscription of the app on this shop (first 250: one per topic is far fewer).</summary>
    public async Task<IReadOnlyList<ShopifyWebhookSubscription>> ListWebhookSubscriptionsAsync(CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync("WebhookSubscriptions", ShopifyWebhookQueries.List, [], 2, ShopifySubscriptionJsonContext.Default.ShopifyWebhookSubscriptionsData, cancellationToken);
        return data.WebhookSubscriptions.Nodes;
    }

    /// <summary>Subscribes <paramref name="uri"/> to <paramref name="topic"/> (a GraphQL enum: <c>CUSTOMERS_UPDATE</c>), JSON format.</summary>
    public async Task<ShopifyWebhookSubscription> CreateWebhookSubscriptionAsync(string topic, Uri uri, CancellationToken cancellationToken = default)
    {
        var variables = new Dictionary<string, JsonElement>
        {
            ["topic"] = JsonSerializer.SerializeToElement(topic, ShopifyJsonContext.Default.String),
            ["webhookSubscription"] = JsonSerializer.SerializeToElement(
                new ShopifyWebhookSubscriptionInput { Uri = uri.ToString(), Format = "JSON" }, ShopifySubscriptionJsonContext.Default.ShopifyWebhookSubscriptionInput),
        };
        var payload = (await ExecuteAsync("WebhookSubscriptionCreate", ShopifyWebhookQueries.Create, variables, 10,
            ShopifySubscriptionJsonContext.Default.ShopifyWebhookSubscriptionCreateData, cancellationToken)).WebhookSubscriptionCreate;
        if (payload.UserErrors.Count > 0 || payload.WebhookSubscription is null)
        {
            throw new ConnectorException(Vendor, "WebhookSubscriptionCreate", $"{topic}: " + string.Join("; ", payload.UserErrors.Select(u => u.Message)), 200, null);
        }

        return payload.WebhookSubscription;
    }

    /// <summary>"customers/update" as the GraphQL <c>WebhookSubscriptionTopic</c> enum writes it: <c>CUSTOMERS_UPDATE</c>.</summary>
    public static string TopicEnum(string topic) => topic.Trim().ToUpperInvariant().Replace('/', '_').Replace('.', '_');
}

internal static class ShopifyWebhookQueries
{
    public const string List = """
        query WebhookSubscriptions {
          webhookSubscriptions(first: 250) { nodes { id topic uri } }
        }
        """;

    public const string Create = """
        mutation WebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
          webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
            webhookSubscription { id topic uri }
            userErrors { field message }
          }
        }
        """;
}

/// <summary>One subscription: <see cref="Topic"/> is the GraphQL enum (<c>CUSTOMERS_UPDATE</c>).</summary>
public sealed record ShopifyWebhookSubscription
{
    public required string Id { get; init; }
    public required string Topic { get; init; }
    public string? Uri { get; init; }
}

public sealed record ShopifyWebhookSubscriptionInput
{
    public required string Uri { get; init; }
    public required string Format { get; init; }
}

public sealed record ShopifyWebhookSubscriptionNodes
{
    public List<ShopifyWebhookSubscription> Nodes { get; init; } = [];
}

public sealed record ShopifyWebhookSubscriptionsData
{
    public required ShopifyWebhookSubscriptionNodes WebhookSubscriptions { get; init; }
}

public sealed record ShopifyWebhookSubscriptionCreatePayload
{
    public ShopifyWebhookSubscription? WebhookSubscription { get; init; }
    public List<ShopifyUserError> UserErrors { get; init; } = [];
}

public sealed record ShopifyWebhookSubscriptionCreateData
{
    public required ShopifyWebhookSubscriptionCreatePayload WebhookSubscriptionCreate { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ShopifyWebhookSubscriptionsData))]
[JsonSerializable(typeof(ShopifyWebhookSubscriptionCreateData))]
[JsonSerializable(typeof(ShopifyWebhookSubscriptionInput))]
internal sealed partial class ShopifySubscriptionJsonContext : JsonSerializerContext;
