using SignalFidelity.Worker.Hosting;

namespace SignalFidelity.Worker.Pipeline;

/// <summary>Exponential backoff with full jitter, so that writers failing together do not retry together.</summary>
public static class Backoff
{
    /// <summary>The delay before try <paramref name="nextAttempt"/> (2 is the first retry).</summary>
    public static TimeSpan Delay(int nextAttempt, DispatchOptions options)
    {
        var exponent = Math.Clamp(nextAttempt - 2, 0, 20);
        var ceiling = Math.Min(options.MaxBackoff.TotalMilliseconds, options.FirstBackoff.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
    }
}
