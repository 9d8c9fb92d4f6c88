namespace SignalFidelity.Sandbox.Clock;

/// <summary>
/// A clock that runs <see cref="Scale"/> times faster than the wall clock. The sandbox and the clients
/// under test share one instance, so vendor limits keep their real units (75 per second, 10-second
/// windows, Retry-After in seconds) while a test that spans simulated minutes takes real seconds.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly DateTimeOffset _start;
    private readonly long _startTimestamp;

    public ScaledTimeProvider(double scale, DateTimeOffset? start = null)
    {
        if (scale <= 0) throw new ArgumentOutOfRangeException(nameof(scale), scale, "The clock scale must be positive.");
        Scale = scale;
        _start = start ?? System.GetUtcNow();
        _startTimestamp = System.GetTimestamp();
    }

    /// <summary>Simulated seconds per real second.</summary>
    public double Scale { get; }

    public override DateTimeOffset GetUtcNow() => _start + System.GetElapsedTime(_startTimestamp) * Scale;

    public override long TimestampFrequency => System.TimestampFrequency;

    public override long GetTimestamp()
    {
        var realTicks = System.GetTimestamp() - _startTimestamp;
        return _startTimestamp + (long)(realTicks * Scale);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, ToReal(dueTime), ToReal(period)), this);

    /// <summary>Converts a simulated span into the real span that elapses meanwhile.</summary>
    public TimeSpan ToReal(TimeSpan simulated) =>
        simulated == Timeout.InfiniteTimeSpan ? simulated : TimeSpan.FromTicks((long)(simulated.Ticks / Scale));

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.ToReal(dueTime), clock.ToReal(period));
        public void Dispose() => inner.Dispose();
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
