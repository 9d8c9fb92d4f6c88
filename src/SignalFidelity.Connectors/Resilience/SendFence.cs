namespace SignalFidelity.Connectors.Resilience;

/// <summary>
/// A send's right to reach the vendor, held as long as the caller's lease on the write. The dispatcher
/// opens one around each send (<see cref="Enter"/>) and extends it while it renews its lease; the
/// innermost handler of every connector (<see cref="FencedSendHandler"/>) checks it before each attempt,
/// retries included. So a replica that was paused or lost its lease while waiting out a Retry-After never
/// sends its now-stale value after the replica that took the write over.
/// </summary>
public sealed class SendFence
{
    private static readonly AsyncLocal<SendFence?> Ambient = new();
    private readonly TimeProvider _clock;
    private long _heldUntilTicks;

    public SendFence(TimeProvider clock, DateTimeOffset heldUntil)
    {
        _clock = clock;
        _heldUntilTicks = heldUntil.UtcTicks;
    }

    /// <summary>The fence of the send under way on this async flow, if any.</summary>
    public static SendFence? Current => Ambient.Value;

    /// <summary>Until when the send may go on.</summary>
    public DateTimeOffset HeldUntil => new(Math.Max(Interlocked.Read(ref _heldUntilTicks), 0), TimeSpan.Zero);

    /// <summary>True until the lease it stands for may have passed to someone else.</summary>
    public bool IsHeld => _clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _heldUntilTicks);

    /// <summary>The lease was renewed: the send may go on until <paramref name="heldUntil"/>.</summary>
    public void Extend(DateTimeOffset heldUntil) => Interlocked.Exchange(ref _heldUntilTicks, heldUntil.UtcTicks);

    /// <summary>The lease is gone: no further attempt may leave.</summary>
    public void Revoke() => Interlocked.Exchange(ref _heldUntilTicks, long.MinValue);

    /// <summary>Makes <paramref name="fence"/> the current one for the sends started inside the scope.</summary>
    public static IDisposable Enter(SendFence fence)
    {
        var previous = Ambient.Value;
        Ambient.Value = fence;
        return new Scope(previous);
    }

    private sealed class Scope(SendFence? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}

/// <summary>Thrown instead of sending when the write's lease is no longer held.</summary>
public sealed class LeaseLostException() : Exception("The write's lease passed to another dispatcher before this attempt; it was not sent.");

/// <summary>The innermost handler: refuses to send when the ambient <see cref="SendFence"/> is no longer held.</summary>
public sealed class FencedSendHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (SendFence.Current is { IsHeld: false })
        {
            throw new LeaseLostException();
        }

        return base.SendAsync(request, cancellationToken);
    }
}
