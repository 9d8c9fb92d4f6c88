using Microsoft.AspNetCore.Http;

namespace SignalFidelity.Worker.Intake;

/// <summary>
/// Shopify's delivery headers by their suffix. Webhook deliveries name them <c>X-Shopify-*</c>; from API
/// 2026-10 Shopify's Events deliveries send the same headers without the <c>X-</c> prefix
/// (<c>Shopify-Webhook-Id</c>, ...). Both forms are read as one.
/// </summary>
public static class ShopifyHeaders
{
    public const string Hmac = "Hmac-Sha256";
    public const string Topic = "Topic";
    public const string ShopDomain = "Shop-Domain";
    public const string EventId = "Event-Id";
    public const string WebhookId = "Webhook-Id";
    public const string TriggeredAt = "Triggered-At";

    /// <summary>The API version Shopify rendered the body in: the pin, or a newer one once the pin is retired (fall-forward).</summary>
    public const string ApiVersion = "API-Version";

    /// <summary>The headers every delivery carries, in the order they are checked.</summary>
    public static readonly string[] Required = [Hmac, Topic, ShopDomain, EventId, WebhookId, TriggeredAt];

    /// <summary>"X-Shopify-Topic": the classic form, used in messages.</summary>
    public static string Prefixed(string name) => "X-Shopify-" + name;

    /// <summary>The header's value in either form, the prefixed one first; empty when neither is sent.</summary>
    public static string Get(IHeaderDictionary headers, string name)
    {
        var prefixed = headers[Prefixed(name)].ToString();
        return string.IsNullOrWhiteSpace(prefixed) ? headers["Shopify-" + name].ToString() : prefixed;
    }
}
