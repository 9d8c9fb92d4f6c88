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

    /// <summary>
    /// GraphQL Admin <c>Customer</c> fields selected on top of the connector's own, so each customer's
    /// <see cref="ShopifyCustomer.Node"/> holds them: the worker passes the topology's generated <c>AdminSelection</c>.
    /// </summary>
    public string CustomerSelection { get; init; } = "";

    /// <summary>Throttled answers tolerated for one query before it fails (each one waits for the bucket first).</summary>
    public int MaxThrottledAttempts { get; init; } = 20;
}
