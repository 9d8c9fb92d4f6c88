using SignalFidelity.Connectors.Resilience;

namespace SignalFidelity.Connectors.Shopify;

/// <summary>Where and how to reach a shop's GraphQL Admin API.</summary>
public sealed record ShopifyConnection
{
    /// <summary>https://{shop}.myshopify.com/ in production; the sandbox's Shopify URL in tests.</summary>
    public required Uri ShopUrl { get; init; }
    public required string AccessToken { get; init; }
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    public ResilienceSettings Resilience { get; init; } = ResilienceSettings.Default;

    /// <summary>Throttled answers tolerated for one query before it fails (each one waits for the bucket first).</summary>
    public int MaxThrottledAttempts { get; init; } = 20;
}
