namespace SignalFidelity.Sandbox.Faults;

/// <summary>
/// Faults injected before a request reaches its simulator, per vendor. Rates are probabilities per
/// request (0 to 1) drawn from a seeded generator, so a failing test replays the same faults.
/// Mutable while the sandbox runs: a test can start a 429 storm mid-run and end it.
/// </summary>
public sealed class FaultOptions
{
    /// <summary>Share of requests answered with the vendor's own 429, on top of the real limits.</summary>
    public double ThrottleRate { get; set; }

    /// <summary>Share of requests answered 500/502/503.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Share of requests whose connection is cut before any answer.</summary>
    public double DropRate { get; set; }

    /// <summary>Share of requests delayed by <see cref="Latency"/> (real time) before they are served.</summary>
    public double LatencyRate { get; set; }

    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>While the sandbox clock is before this instant every request gets a 429 (a storm).</summary>
    public DateTimeOffset? StormUntil { get; set; }

    /// <summary>Retry-After, in seconds, that injected 429s carry.</summary>
    public int ThrottleRetryAfterSeconds { get; set; } = 1;

    public void Clear()
    {
        ThrottleRate = ServerErrorRate = DropRate = LatencyRate = 0;
        StormUntil = null;
    }
}
