namespace SignalFidelity.Sandbox.Clock;

/// <summary>
/// A clock that only moves when told to. The demo replays ninety days of orders by stepping it from
/// one sync run to the next, so the vendor limits the naive connector meets depend on the scenario
/// and the seed, never on how fast this machine is. Timers still run on the wall clock.
/// </summary>
public sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Set(DateTimeOffset now)
    {
        if (now.UtcTicks < Interlocked.Read(ref _ticks)) throw new ArgumentOutOfRangeException(nameof(now), now, "A virtual clock never runs backwards.");
        Interlocked.Exchange(ref _ticks, now.UtcTicks);
    }

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
}
