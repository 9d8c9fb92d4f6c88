namespace SignalFidelity.Sandbox.Http;

/// <summary>One rolling window: at most <paramref name="Limit"/> requests in any span of <paramref name="Window"/>.</summary>
public sealed record RateWindow(int Limit, TimeSpan Window, string Name);

/// <summary>The verdict on one request: admitted, or refused by a named window with the time until it has room.</summary>
public readonly record struct RateDecision(bool Admitted, RateWindow Tightest, int Remaining, TimeSpan RetryAfter, TimeSpan ResetIn);

/// <summary>
/// Rolling windows checked together the way the vendors describe theirs (Klaviyo's burst per second and
/// steady per minute, HubSpot's ten seconds and day). A request is admitted only if every window has
/// room; refused requests do not count. Time comes from the sandbox clock.
/// </summary>
public sealed class RollingWindowLimiter
{
    private readonly RateWindow[] _windows;
    private readonly TimeProvider _clock;
    private readonly Queue<DateTimeOffset> _admitted = new();
    private readonly TimeSpan _longest;
    private readonly Lock _gate = new();

    public RollingWindowLimiter(TimeProvider clock, params RateWindow[] windows)
    {
        if (windows.Length == 0) throw new ArgumentException("At least one window is required.", nameof(windows));
        _windows = windows;
        _clock = clock;
        _longest = windows.Max(w => w.Window);
    }

    public IReadOnlyList<RateWindow> Windows => _windows;

    public RateDecision TryAcquire()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            while (_admitted.Count > 0 && _admitted.Peek() + _longest <= now) _admitted.Dequeue();

            RateWindow? refusedBy = null;
            var retryAfter = TimeSpan.Zero;
            foreach (var window in _windows)
            {
                var inWindow = CountSince(now - window.Window, out var oldestInWindow);
                if (inWindow >= window.Limit)
                {
                    var wait = oldestInWindow + window.Window - now;
                    if (wait > retryAfter) { retryAfter = wait; refusedBy = window; }
                }
            }
            if (refusedBy is not null) return new RateDecision(false, refusedBy, 0, retryAfter, retryAfter);

            _admitted.Enqueue(now);
            // Report the window closest to refusing, as RateLimit-* headers do.
            var tightest = _windows[0];
            var tightestRemaining = int.MaxValue;
            var resetIn = TimeSpan.Zero;
            foreach (var window in _windows)
            {
                var remaining = window.Limit - CountSince(now - window.Window, out var oldest);
                if (remaining < tightestRemaining)
                {
                    tightestRemaining = remaining;
                    tightest = window;
                    resetIn = oldest + window.Window - now;
                }
            }
            return new RateDecision(true, tightest, tightestRemaining, TimeSpan.Zero, resetIn);
        }
    }

    private int CountSince(DateTimeOffset from, out DateTimeOffset oldest)
    {
        var count = 0;
        oldest = DateTimeOffset.MaxValue;
        foreach (var t in _admitted)
        {
            if (t <= from) continue;
            count++;
            if (t < oldest) oldest = t;
        }
        if (count == 0) oldest = _clock.GetUtcNow();
        return count;
    }
}
