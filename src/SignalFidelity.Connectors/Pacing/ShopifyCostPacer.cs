namespace SignalFidelity.Connectors.Pacing;

/// <summary>Shopify's bucket as last reported in <c>extensions.cost.throttleStatus</c>.</summary>
public readonly record struct ShopifyThrottleStatus(double MaximumAvailable, double CurrentlyAvailable, double RestoreRate);

/// <summary>
/// Shopify GraphQL Admin is a leaky bucket of cost points. Every answer reports how full it is; between
/// answers it refills at the restore rate. A query whose cost the projected bucket (less what queries in
/// flight may take) cannot afford waits exactly as long as the refill needs, so it is never sent to be throttled.
/// </summary>
public sealed class ShopifyCostPacer(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private ShopifyThrottleStatus? _status;
    private DateTimeOffset _statusAt;
    private double _reserved;

    public ShopifyThrottleStatus? LastStatus
    {
        get { lock (_gate) return _status; }
    }

    /// <summary>Waits until the bucket can afford <paramref name="cost"/>, then reserves it until <see cref="Release"/>.</summary>
    public async Task ReserveAsync(double cost, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                if (_status is not { } s)
                {
                    // Nothing known yet: one query at a time until the first answer reports the bucket.
                    if (_reserved == 0) { _reserved += cost; return; }
                    wait = TimeSpan.FromMilliseconds(50);
                }
                else
                {
                    var projected = Math.Min(s.MaximumAvailable, s.CurrentlyAvailable + s.RestoreRate * (clock.GetUtcNow() - _statusAt).TotalSeconds) - _reserved;
                    var affordable = Math.Min(cost, s.MaximumAvailable);
                    if (projected >= affordable) { _reserved += cost; return; }
                    wait = TimeSpan.FromSeconds((affordable - projected) / s.RestoreRate);
                }
            }
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    /// <summary>Gives back a reservation and records the bucket the answer reported (if any).</summary>
    public void Release(double cost, ShopifyThrottleStatus? reported)
    {
        lock (_gate)
        {
            _reserved = Math.Max(0, _reserved - cost);
            if (reported is { } r)
            {
                _status = r;
                _statusAt = clock.GetUtcNow();
            }
        }
    }
}
