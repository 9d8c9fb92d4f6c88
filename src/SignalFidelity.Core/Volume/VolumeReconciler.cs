namespace SignalFidelity.Core.Volume;

/// <summary>
/// The daily volume check: orders placed per day in Shopify against orders the CRM holds for that day.
/// Each day's gap is compared with the mean gap of the previous <see cref="VolumeOptions.BaselineDays"/>
/// judged days, so a store whose connector always loses 1% is "normal" at 1% and a sale that suddenly
/// loses 9% raises an alert. CRM orders are counted on the day they were placed (the CRM event carries the
/// order time); the webhook lag decides when a day is complete enough to judge.
/// </summary>
public static class VolumeReconciler
{
    /// <summary>Reconciles daily counts.</summary>
    /// <param name="placed">Orders placed per UTC day in Shopify.</param>
    /// <param name="synced">Orders held by the CRM per UTC day the order was placed.</param>
    /// <param name="asOf">When the exports were taken: days ending less than the lag before it are pending.</param>
    /// <param name="options">Thresholds.</param>
    public static IReadOnlyList<VolumeDay> Reconcile(
        IReadOnlyDictionary<DateOnly, long> placed,
        IReadOnlyDictionary<DateOnly, long> synced,
        DateTimeOffset asOf,
        VolumeOptions options)
    {
        if (placed.Count == 0 && synced.Count == 0) return [];
        var first = placed.Keys.Concat(synced.Keys).Min();
        var last = placed.Keys.Concat(synced.Keys).Max();
        var days = new List<VolumeDay>();
        var history = new Queue<double>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var p = placed.GetValueOrDefault(day);
            var s = synced.GetValueOrDefault(day);
            var gap = p == 0 ? 0 : 100.0 * (p - s) / p;
            var dayEnd = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            double? baseline = history.Count == 0 ? null : history.Average();
            var delta = gap - (baseline ?? 0);
            if (dayEnd + options.WebhookLag > asOf)
            {
                days.Add(new VolumeDay(day, p, s, gap, baseline, delta, VolumeLevel.Pending));
                continue;
            }
            var level = delta > options.AlertPoints ? VolumeLevel.Alert
                : delta > options.WarningPoints ? VolumeLevel.Warning
                : VolumeLevel.Normal;
            days.Add(new VolumeDay(day, p, s, gap, baseline, delta, level));
            // Only normal days feed the baseline: an outage must not teach the baseline that losses are usual.
            if (level == VolumeLevel.Normal && p > 0)
            {
                history.Enqueue(gap);
                if (history.Count > options.BaselineDays) history.Dequeue();
            }
        }
        return days;
    }

    /// <summary>Counts timestamps per UTC day.</summary>
    public static Dictionary<DateOnly, long> PerDay(IEnumerable<DateTimeOffset> timestamps)
    {
        var perDay = new Dictionary<DateOnly, long>();
        foreach (var t in timestamps)
        {
            var day = DateOnly.FromDateTime(t.UtcDateTime);
            perDay[day] = perDay.GetValueOrDefault(day) + 1;
        }
        return perDay;
    }
}
