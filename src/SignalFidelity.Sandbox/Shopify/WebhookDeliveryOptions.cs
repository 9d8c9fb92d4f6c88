namespace SignalFidelity.Sandbox.Shopify;

/// <summary>How the simulated Shopify delivers webhooks: everything Shopify warns apps about, at configurable rates.</summary>
public sealed class WebhookDeliveryOptions
{
    /// <summary>Where deliveries go; null means webhooks are recorded but not sent.</summary>
    public Uri? TargetUrl { get; set; }

    /// <summary>Share of deliveries sent twice (same event id, new webhook id), as Shopify does.</summary>
    public double DuplicateRate { get; set; } = 0.05;

    /// <summary>Each delivery is held back by a random share of this (simulated) span, so arrival order differs from event order.</summary>
    public TimeSpan ReorderWindow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Events on one resource and topic raised within this span are coalesced into the last one.</summary>
    public TimeSpan CoalesceWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Shopify waits 5 seconds for an answer; slower counts as a failure.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The waits between attempts after the first: eight retries spread over four hours, on the sandbox
    /// clock (a scaled clock compresses them).
    /// </summary>
    public TimeSpan[] RetrySchedule { get; set; } =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(8),
        TimeSpan.FromMinutes(16), TimeSpan.FromMinutes(32), TimeSpan.FromMinutes(64), TimeSpan.FromMinutes(113),
    ];
}

/// <summary>One HTTP attempt, for tests and ground truth.</summary>
public sealed record WebhookAttempt(string Topic, string WebhookId, string EventId, int Attempt, int? Status, string? Error, DateTimeOffset At);
