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

    /// <summary>
    /// The <c>User-Agent</c> every request carries, or null for .NET's default (none). The CRM's change history and
    /// API logs name the writer by it, which is how an observed-writers inventory tells this client from other apps.
    /// </summary>
    public string? UserAgent { get; init; }

    /// <summary>Profile-import requests in flight at once; the pacer keeps them inside the limits.</summary>
    public int MaxConcurrency { get; init; } = 16;
}
