using SignalFidelity.Core.Statistics;

namespace SignalFidelity.Core.Tests.Statistics;

public sealed class WilsonIntervalTests
{
    // Reference values from the closed form, cross-checked against published Wilson calculators.
    [Theory]
    [InlineData(0, 200, 0.0, 1.8845)]
    [InlineData(20, 200, 6.5670, 14.9406)]
    [InlineData(37, 200, 13.7302, 24.4571)]
    [InlineData(200, 200, 98.1155, 100.0)]
    [InlineData(1, 10, 1.7876, 40.4150)]
    public void Matches_reference_values(long drifted, long n, double low, double high)
    {
        var (l, h) = WilsonInterval.Percent(drifted, n);
        Assert.Equal(low, l, 0.001);
        Assert.Equal(high, h, 0.001);
    }

    [Fact]
    public void Zero_drift_still_has_an_upper_bound_unlike_wald()
    {
        var (low, high) = WilsonInterval.Percent(0, 200);
        Assert.Equal(0, low);
        Assert.True(high > 1.5, "Wilson keeps an honest upper bound where Wald collapses to [0, 0]");
    }

    [Fact]
    public void No_trials_is_the_whole_range() => Assert.Equal((0d, 100d), WilsonInterval.Percent(0, 0));

    [Fact]
    public void More_successes_than_trials_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Percent(3, 2));

    [Fact]
    public void Interval_narrows_as_the_sample_grows()
    {
        var (l1, h1) = WilsonInterval.Percent(20, 200);
        var (l2, h2) = WilsonInterval.Percent(20_000, 200_000);
        Assert.True(h2 - l2 < (h1 - l1) / 5);
        Assert.InRange(10.0, l2, h2);
    }
}
