namespace SignalFidelity.Worker.Intake;

/// <summary>
/// When a delivery's facts were true, and whether the delivery is fresh enough to apply at all.
/// <list type="bullet">
/// <item>Shopify's <c>updated_at</c> has one-second resolution, so two updates in one second tie. A whole-second
/// source time is refined by <c>X-Shopify-Triggered-At</c> within that second (never past it, so a value
/// of the next second still wins); an exact tie after that goes to the later arrival (the ledger's rule).</item>
/// <item>A source time more than <see cref="MaxFutureSkew"/> ahead of the receive time cannot be true (an
/// <c>updated_at</c> in 2099 would pin the field for ever): it is clamped to the receive time and counted.</item>
/// <item>A signed delivery triggered longer than <see cref="FreshnessWindow"/> ago, or further than
/// <see cref="MaxFutureSkew"/> ahead, is outside the window: recorded and dead-lettered with the reason, not
/// applied (a replay by the operator applies it). The default window covers Shopify's retries, 8 tries
/// over 4 hours, with margin.</item>
/// </list>
/// </summary>
public sealed class SourceTimeRules(TimeSpan freshnessWindow, TimeSpan maxFutureSkew)
{
    private static readonly TimeSpan LastTickOfSecond = TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1);
    private long _clamped;
    private long _outsideWindow;

    /// <summary>The defaults: a 12-hour window and 5 minutes of tolerated clock skew.</summary>
    public static SourceTimeRules Default => new(TimeSpan.FromHours(12), TimeSpan.FromMinutes(5));

    public TimeSpan FreshnessWindow { get; } = freshnessWindow;

    public TimeSpan MaxFutureSkew { get; } = maxFutureSkew;

    /// <summary>Source times clamped to the receive time since start.</summary>
    public long FutureTimesClamped => Interlocked.Read(ref _clamped);

    /// <summary>Deliveries dead-lettered as outside the freshness window since start.</summary>
    public long OutsideWindow => Interlocked.Read(ref _outsideWindow);

    /// <summary>Why the delivery is outside the window, or null when it may be applied.</summary>
    public string? FreshnessProblem(DateTimeOffset triggeredAt, DateTimeOffset receivedAt)
    {
        string? problem = null;
        if (triggeredAt < receivedAt - FreshnessWindow)
        {
            problem = $"triggered at {triggeredAt:O}, {(receivedAt - triggeredAt).TotalHours:0.#} h before it arrived: outside the {FreshnessWindow.TotalHours:0.#} h freshness window "
                + "(SignalFidelity:Shopify:FreshnessWindow); not applied, reconciliation brings the current value, or replay the dead letter to apply it";
        }
        else if (triggeredAt > receivedAt + MaxFutureSkew)
        {
            problem = $"triggered at {triggeredAt:O}, {(triggeredAt - receivedAt).TotalMinutes:0.#} min after it arrived: more than the {MaxFutureSkew.TotalMinutes:0.#} min "
                + "of clock skew tolerated (SignalFidelity:Shopify:MaxFutureSkew); not applied";
        }

        if (problem is not null)
        {
            Interlocked.Increment(ref _outsideWindow);
        }

        return problem;
    }

    /// <summary>The time the ledger orders this delivery's facts by.</summary>
    public DateTimeOffset Effective(DateTimeOffset sourceTime, DateTimeOffset triggeredAt, DateTimeOffset receivedAt)
    {
        if (sourceTime > receivedAt + MaxFutureSkew)
        {
            Interlocked.Increment(ref _clamped);
            return receivedAt;
        }

        if (sourceTime.UtcTicks % TimeSpan.TicksPerSecond != 0 || triggeredAt <= sourceTime)
        {
            return sourceTime;
        }

        var withinSecond = triggeredAt - sourceTime;
        return sourceTime + (withinSecond < LastTickOfSecond ? withinSecond : LastTickOfSecond);
    }
}
