namespace SignalFidelity.Sandbox.Shopify;

/// <summary>Shopify plans and their GraphQL Admin cost buckets (points, and points restored per second).</summary>
public enum ShopifyPlan { Standard, Advanced, Plus, Enterprise }

public static class ShopifyPlanLimits
{
    public static (double Bucket, double RestorePerSecond) For(ShopifyPlan plan) => plan switch
    {
        ShopifyPlan.Standard => (1_000, 100),
        ShopifyPlan.Advanced => (2_000, 200),
        ShopifyPlan.Plus => (10_000, 1_000),
        _ => (20_000, 2_000),
    };
}

/// <summary>
/// The leaky bucket behind GraphQL Admin: a query is refused (Throttled) when its requested cost exceeds
/// what is available; otherwise the requested cost is taken and the difference to the actual cost refunded.
/// </summary>
public sealed class ShopifyCostBucket(ShopifyPlan plan, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly (double Bucket, double Restore) _limits = ShopifyPlanLimits.For(plan);
    private double _available = ShopifyPlanLimits.For(plan).Bucket;
    private DateTimeOffset _at = clock.GetUtcNow();

    public double Maximum => _limits.Bucket;
    public double RestoreRate => _limits.Restore;

    public double Available
    {
        get { lock (_gate) { Refill(); return _available; } }
    }

    public bool TryTake(double requested)
    {
        lock (_gate)
        {
            Refill();
            if (requested > _available) return false;
            _available -= requested;
            return true;
        }
    }

    public void Refund(double points)
    {
        lock (_gate) _available = Math.Min(_limits.Bucket, _available + points);
    }

    private void Refill()
    {
        var now = clock.GetUtcNow();
        var elapsed = (now - _at).TotalSeconds;
        if (elapsed > 0) _available = Math.Min(_limits.Bucket, _available + elapsed * _limits.Restore);
        _at = now;
    }
}
