using SignalFidelity.Core.Volume;

namespace SignalFidelity.Core.Tests.Volume;

public sealed class VolumeReconcilerTests
{
    private static readonly DateOnly Start = new(2026, 11, 1);

    // Ten days with a steady 1% gap, then the day under test.
    private static IReadOnlyList<VolumeDay> Run(long placedLast, long syncedLast, TimeSpan? asOfAfterLastDay = null)
    {
        var placed = new Dictionary<DateOnly, long>();
        var synced = new Dictionary<DateOnly, long>();
        for (var i = 0; i < 10; i++) { placed[Start.AddDays(i)] = 1000; synced[Start.AddDays(i)] = 990; }
        placed[Start.AddDays(10)] = placedLast;
        synced[Start.AddDays(10)] = syncedLast;
        var lastDayEnd = new DateTimeOffset(Start.AddDays(11).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return VolumeReconciler.Reconcile(placed, synced, lastDayEnd + (asOfAfterLastDay ?? TimeSpan.FromHours(2)), new VolumeOptions());
    }

    [Theory]
    [InlineData(1000, 990, VolumeLevel.Normal)]   // the usual 1%
    [InlineData(1000, 970, VolumeLevel.Normal)]   // 3%: +2 points, exactly the warning edge, still normal
    [InlineData(1000, 969, VolumeLevel.Warning)]  // 3.1%: +2.1 points
    [InlineData(1000, 940, VolumeLevel.Warning)]  // 6%: +5 points, exactly the alert edge, a warning
    [InlineData(1000, 939, VolumeLevel.Alert)]    // 6.1%: +5.1 points
    [InlineData(8000, 6000, VolumeLevel.Alert)]   // Black Friday with 25% lost
    public void Levels_against_the_rolling_baseline(long placed, long synced, VolumeLevel level)
    {
        var last = Run(placed, synced)[^1];
        Assert.Equal(level, last.Level);
        Assert.Equal(1.0, last.BaselinePercent!.Value, 6);
    }

    [Fact]
    public void A_day_younger_than_the_webhook_lag_is_pending()
    {
        var days = Run(1000, 500, asOfAfterLastDay: TimeSpan.FromMinutes(30));
        Assert.Equal(VolumeLevel.Pending, days[^1].Level);
        Assert.All(days.Take(10), d => Assert.Equal(VolumeLevel.Normal, d.Level));
    }

    [Fact]
    public void Baseline_is_the_previous_seven_normal_days_only()
    {
        var placed = new Dictionary<DateOnly, long>();
        var synced = new Dictionary<DateOnly, long>();
        for (var i = 0; i < 7; i++) { placed[Start.AddDays(i)] = 100; synced[Start.AddDays(i)] = 98; }
        placed[Start.AddDays(7)] = 100; synced[Start.AddDays(7)] = 50;   // outage: alert, must not raise the baseline
        placed[Start.AddDays(8)] = 100; synced[Start.AddDays(8)] = 98;
        var days = VolumeReconciler.Reconcile(placed, synced, DateTimeOffset.MaxValue, new VolumeOptions());
        Assert.Equal(VolumeLevel.Alert, days[7].Level);
        Assert.Equal(2.0, days[8].BaselinePercent!.Value, 6);
        Assert.Equal(VolumeLevel.Normal, days[8].Level);
        Assert.Null(days[0].BaselinePercent);
    }

    [Fact]
    public void Counts_timestamps_per_utc_day()
    {
        var perDay = VolumeReconciler.PerDay([
            DateTimeOffset.Parse("2026-11-27T23:30:00-05:00", System.Globalization.CultureInfo.InvariantCulture), // 04:30 UTC on the 28th
            DateTimeOffset.Parse("2026-11-28T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        ]);
        Assert.Equal(2, perDay[new DateOnly(2026, 11, 28)]);
    }
}
