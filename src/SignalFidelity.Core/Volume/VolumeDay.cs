namespace SignalFidelity.Core.Volume;

/// <summary>The verdict of one day.</summary>
public enum VolumeLevel
{
    /// <summary>Within the usual gap.</summary>
    Normal,

    /// <summary>The gap grew by more than the warning threshold.</summary>
    Warning,

    /// <summary>The gap grew by more than the alert threshold: orders are being lost.</summary>
    Alert,

    /// <summary>The day is younger than the webhook lag allows; not judged yet.</summary>
    Pending,
}

/// <summary>One day of the volume check.</summary>
/// <param name="Day">The calendar day (UTC) the orders were placed on.</param>
/// <param name="Placed">Orders placed in Shopify that day.</param>
/// <param name="Synced">Of those days' orders, how many the CRM holds.</param>
/// <param name="GapPercent">(placed - synced) / placed, in percent; 0 when nothing was placed.</param>
/// <param name="BaselinePercent">The mean gap of the preceding judged days (up to the baseline window), or null without history.</param>
/// <param name="DeltaPoints">Gap minus baseline, in percentage points (the gap itself without history).</param>
/// <param name="Level">The verdict.</param>
public sealed record VolumeDay(DateOnly Day, long Placed, long Synced, double GapPercent, double? BaselinePercent, double DeltaPoints, VolumeLevel Level);
