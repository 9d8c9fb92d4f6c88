namespace SignalFidelity.Core.Volume;

/// <summary>Thresholds of the daily volume check.</summary>
public sealed record VolumeOptions
{
    /// <summary>
    /// How long a placed order may take to reach the CRM (Shopify webhook delivery plus the sync queue).
    /// A day is judged only once its last order has had this long to arrive; younger days are "pending".
    /// </summary>
    public TimeSpan WebhookLag { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Days of history the baseline averages.</summary>
    public int BaselineDays { get; init; } = 7;

    /// <summary>Percentage points above the baseline gap that raise a warning.</summary>
    public double WarningPoints { get; init; } = 2;

    /// <summary>Percentage points above the baseline gap that raise an alert.</summary>
    public double AlertPoints { get; init; } = 5;
}
