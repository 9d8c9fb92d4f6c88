using SignalFidelity.Connectors.Resilience;

namespace SignalFidelity.Connectors.HubSpot;

/// <summary>Where and how to reach a HubSpot portal, with the app's limits for its tier.</summary>
public sealed record HubSpotConnection
{
    /// <summary>https://api.hubapi.com/ in production; the sandbox's HubSpot URL in tests.</summary>
    public required Uri BaseUrl { get; init; }
    public required string AccessToken { get; init; }
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    public ResilienceSettings Resilience { get; init; } = ResilienceSettings.Default;

    /// <summary>
    /// The <c>User-Agent</c> every request carries, or null for .NET's default (none). The CRM's change history and
    /// API logs name the writer by it, which is how an observed-writers inventory tells this client from other apps.
    /// </summary>
    public string? UserAgent { get; init; }

    /// <summary>190 per ten seconds on Professional and Enterprise, 100 on Free and Starter.</summary>
    public int TenSecondLimit { get; init; } = 190;
    public int DailyLimit { get; init; } = 625_000;

    /// <summary>Batches in flight at once; the pacer keeps them inside the window.</summary>
    public int MaxConcurrency { get; init; } = 8;
}

/// <summary>A contact to write: its key (email or a custom unique property) and the properties the caller owns.</summary>
public sealed record HubSpotContactInput(string IdProperty, string Id, IReadOnlyDictionary<string, string?> Properties);
