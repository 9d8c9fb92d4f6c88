namespace SignalFidelity.Core.Statistics;

/// <summary>
/// The Wilson score interval of a proportion. Chosen over the normal ("Wald") interval because audit
/// samples are small (200) and drift rates near 0% or near 30%: Wald collapses to [0, 0] at zero
/// drifted and can leave [0, 100]; Wilson stays inside and is honest at the edges.
/// </summary>
public static class WilsonInterval
{
    /// <summary>z for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The interval of <paramref name="successes"/> out of <paramref name="trials"/>, as percentages.</summary>
    /// <returns>(low, high) in percent; (0, 100) when there are no trials.</returns>
    public static (double Low, double High) Percent(long successes, long trials, double z = Z95)
    {
        if (trials <= 0) return (0, 100);
        if (successes < 0 || successes > trials) throw new ArgumentOutOfRangeException(nameof(successes), "successes must be within 0..trials");
        double n = trials, p = successes / n, z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = z / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return (Math.Max(0, centre - half) * 100, Math.Min(1, centre + half) * 100);
    }
}
