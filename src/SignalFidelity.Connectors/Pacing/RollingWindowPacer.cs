namespace SignalFidelity.Connectors.Pacing;

/// <summary>
/// Client-side mirror of a vendor's rolling windows: a request waits until every window has room.
/// A slot is taken when the request leaves and stamped when its answer arrives, because the vendor
/// counted it somewhere in between: stamping late means this side's window never frees a slot before
/// the vendor's does, so pacing by it never causes a 429 on its own.
/// </summary>
public sealed class RollingWindowPacer
{
    private readonly (int Limit, TimeSpan Window)[] _windows;
    private readonly TimeSpan _longest;
    private readonly TimeProvider _clock;
    private readonly LinkedList<Slot> _slots = new();
    private readonly Lock _gate = new();
    private DateTimeOffset _blockedUntil = DateTimeOffset.MinValue;

    private sealed class Slot
    {
        public DateTimeOffset? StampedAt;
    }

    public RollingWindowPacer(TimeProvider clock, params (int Limit, TimeSpan Window)[] windows)
    {
        _clock = clock;
        _windows = windows;
        _longest = windows.Max(w => w.Window);
    }

    /// <summary>Waits for room, takes a slot, and returns the lease that stamps it when disposed.</summary>
    public async ValueTask<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _clock.GetUtcNow();
                while (_slots.First is { Value.StampedAt: { } t } && t + _longest <= now) _slots.RemoveFirst();
                wait = _blockedUntil > now ? _blockedUntil - now : WaitForRoom(now);
                if (wait <= TimeSpan.Zero)
                {
                    var node = _slots.AddLast(new Slot());
                    return new Lease(this, node);
                }
            }
            await Task.Delay(wait, _clock, cancellationToken);
        }
    }

    private TimeSpan WaitForRoom(DateTimeOffset now)
    {
        var wait = TimeSpan.Zero;
        foreach (var (limit, window) in _windows)
        {
            var inWindow = 0;
            var stamped = new List<DateTimeOffset>();
            foreach (var slot in _slots)
            {
                if (slot.StampedAt is not { } t) { inWindow++; continue; }
                if (t + window > now) { inWindow++; stamped.Add(t); }
            }
            if (inWindow < limit) continue;
            stamped.Sort();
            var mustExpire = inWindow - limit + 1;
            // All in flight: nothing to expire yet, so look again after a fair share of the window.
            var candidate = mustExpire <= stamped.Count ? stamped[mustExpire - 1] + window - now : window / limit;
            if (candidate > wait) wait = candidate;
        }
        return wait <= TimeSpan.Zero && wait != TimeSpan.Zero ? TimeSpan.FromTicks(1) : wait;
    }

    /// <summary>The vendor said to hold off (Retry-After, or a window reported empty): nothing leaves before then.</summary>
    public void BlockUntil(DateTimeOffset until)
    {
        lock (_gate)
            if (until > _blockedUntil) _blockedUntil = until;
    }

    private void Stamp(LinkedListNode<Slot> node)
    {
        lock (_gate)
        {
            node.Value.StampedAt = _clock.GetUtcNow();
            // Keep the list ordered by stamp so expiry from the front stays correct.
            _slots.Remove(node);
            _slots.AddLast(node);
        }
    }

    private sealed class Lease(RollingWindowPacer owner, LinkedListNode<Slot> node) : IDisposable
    {
        private int _done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) owner.Stamp(node);
        }
    }
}
