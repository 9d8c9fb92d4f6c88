using SignalFidelity.Connectors.Resilience;

namespace SignalFidelity.Connectors.Klaviyo;

/// <summary>Where and how to reach a Klaviyo account.</summary>
public sealed record KlaviyoConnection
{
    /// <summary>https://a.klaviyo.com/ in production; the sandbox's Klaviyo URL in tests.</summary>
    public required Uri BaseUrl { get; init; }
    public required string ApiKey { get; init; }
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    public ResilienceSettings Resilience { get; init; } = ResilienceSettings.Default;

    /// <summary>Profile-import requests in flight at once; the pacer keeps them inside the limits.</summary>
    public int MaxConcurrency { get; init; } = 16;
}
