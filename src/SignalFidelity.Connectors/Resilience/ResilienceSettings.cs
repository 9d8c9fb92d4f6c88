namespace SignalFidelity.Connectors.Resilience;

/// <summary>
/// How hard a client tries before it gives the records back. 429s wait for Retry-After (or the vendor's
/// window); 5xx, dropped connections and timeouts back off with jitter. Every wait counts against
/// <see cref="TotalBudget"/>; when it or <see cref="MaxRetries"/> is spent the caller gets a
/// <see cref="ConnectorWriteException{TRecord}"/> holding what was not written. Times are on the client's clock.
/// </summary>
public sealed record ResilienceSettings
{
    public int MaxRetries { get; init; } = 12;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan TotalBudget { get; init; } = TimeSpan.FromMinutes(5);

    public static ResilienceSettings Default { get; } = new();
}
