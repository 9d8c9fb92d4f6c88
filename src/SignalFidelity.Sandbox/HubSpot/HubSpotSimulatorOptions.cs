namespace SignalFidelity.Sandbox.HubSpot;

/// <summary>HubSpot's published API limits per subscription tier.</summary>
public enum HubSpotTier { Starter, Professional, Enterprise }

public sealed class HubSpotSimulatorOptions
{
    public string AccessToken { get; set; } = "pat-sandbox-" + Guid.NewGuid().ToString("N");

    public HubSpotTier Tier { get; set; } = HubSpotTier.Professional;

    /// <summary>Requests per rolling ten seconds: 100 on Free/Starter, 190 on Professional/Enterprise.</summary>
    public int? TenSecondLimitOverride { get; set; }

    /// <summary>Requests per day: 250k Starter, 625k Professional, 1M Enterprise.</summary>
    public int? DailyLimitOverride { get; set; }

    /// <summary>The search endpoints have their own, lower limit (HubSpot documents five per second).</summary>
    public int SearchPerSecond { get; set; } = 5;

    public int TenSecondLimit => TenSecondLimitOverride ?? (Tier == HubSpotTier.Starter ? 100 : 190);

    public int DailyLimit => DailyLimitOverride ?? Tier switch
    {
        HubSpotTier.Starter => 250_000,
        HubSpotTier.Professional => 625_000,
        _ => 1_000_000,
    };

    /// <summary>
    /// The scopes the private app's token was granted; null grants every scope. A call whose endpoint needs a scope
    /// the token lacks is answered 403 <c>MISSING_SCOPES</c>. HubSpot's read and write scopes are separate grants.
    /// </summary>
    public HashSet<string>? GrantedScopes { get; set; }

    /// <summary>Properties that may serve as idProperty besides email (custom unique properties).</summary>
    public HashSet<string> UniqueProperties { get; } = new(StringComparer.Ordinal) { "email", "shopify_customer_id" };
}
