using SignalFidelity.Connectors.Klaviyo;
using SignalFidelity.Connectors.Shopify;
using SignalFidelity.Core.Volume;

namespace SignalFidelity.Worker.Checks;

/// <summary>The days of one volume check and its verdict: the level of the latest day already judged.</summary>
public sealed record VolumeCheckResult(string Crm, string Metric, DateTimeOffset AsOf, VolumeOptions Options, IReadOnlyList<VolumeDay> Days)
{
    /// <summary>The latest day whose webhook lag has passed, or null when every day shown is pending.</summary>
    public VolumeDay? LastJudged => Days.LastOrDefault(d => d.Level != VolumeLevel.Pending);

    /// <summary>The check's level.</summary>
    public VolumeLevel Level => LastJudged?.Level ?? VolumeLevel.Pending;
}

/// <summary>
/// The daily volume check through the APIs (<c>sigfid reconcile</c> and the worker's <c>VolumeCheck</c> schedule):
/// orders placed per UTC day from Shopify's <c>ordersCount</c> (one count per day, <c>created_at</c> range, no cap)
/// against the CRM's order events per day they were placed (Klaviyo's events API, filtered by metric and datetime),
/// through <see cref="VolumeReconciler"/>. The baseline window is read before the days shown, so the first day shown
/// has its full 7-day baseline.
/// </summary>
public sealed class VolumeCheck(ShopifyClient shopify, KlaviyoClient klaviyo, TimeProvider clock, VolumeOptions? options = null)
{
    /// <summary>The check's kind in the history.</summary>
    public const string Kind = "volume";

    private readonly VolumeOptions _options = options ?? new VolumeOptions();

    /// <summary>The last <paramref name="days"/> UTC days up to now, today included (pending until its lag has passed).</summary>
    public async Task<VolumeCheckResult> RunAsync(int days, string metric, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var firstShown = today.AddDays(1 - days);
        var first = firstShown.AddDays(-_options.BaselineDays);
        var placed = new Dictionary<DateOnly, long>();
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            placed[day] = await shopify.CountOrdersAsync(Start(day), day == today ? now : Start(day.AddDays(1)), cancellationToken);
        }

        var synced = (await klaviyo.CountEventsPerDayAsync(metric, Start(first), now, cancellationToken)).ToDictionary(kv => kv.Key, kv => (long)kv.Value);
        var all = VolumeReconciler.Reconcile(placed, synced, now, _options);
        return new VolumeCheckResult(KlaviyoClient.Vendor, metric, now, _options, [.. all.Where(d => d.Day >= firstShown)]);
    }

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
