using SignalFidelity.Core.Drift;

namespace SignalFidelity.Core.Tests.Drift;

public sealed class ReservoirSamplerTests
{
    private static int[] Draw(int size, int seed, int population)
    {
        var sampler = new ReservoirSampler<int>(size, seed);
        for (var i = 0; i < population; i++) sampler.Offer(i);
        return sampler.Sample.ToArray();
    }

    [Fact]
    public void Same_seed_draws_the_same_sample() => Assert.Equal(Draw(200, 42, 100_000), Draw(200, 42, 100_000));

    [Fact]
    public void Another_seed_draws_another_sample() => Assert.NotEqual(Draw(200, 42, 100_000), Draw(200, 43, 100_000));

    [Fact]
    public void Sample_has_distinct_members_of_the_population()
    {
        var sample = Draw(200, 7, 10_000);
        Assert.Equal(200, sample.Length);
        Assert.Equal(200, sample.Distinct().Count());
        Assert.All(sample, i => Assert.InRange(i, 0, 9_999));
    }

    [Fact]
    public void Small_population_is_taken_whole()
    {
        var sample = Draw(200, 1, 50);
        Assert.Equal(Enumerable.Range(0, 50), sample);
    }

    [Fact]
    public void Sampling_is_uniform_enough_to_trust()
    {
        // 2,000 draws of 10 out of 100: each item's inclusion rate should be near 10%.
        var hits = new int[100];
        for (var seed = 0; seed < 2_000; seed++) foreach (var i in Draw(10, seed, 100)) hits[i]++;
        Assert.All(hits, h => Assert.InRange(h, 120, 290)); // expected 200, about 5 standard deviations either side
        Assert.InRange(hits.Take(50).Sum() / (double)hits.Sum(), 0.45, 0.55);
    }
}
