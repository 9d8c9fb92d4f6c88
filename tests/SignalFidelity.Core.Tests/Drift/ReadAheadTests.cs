using SignalFidelity.Core.Drift;

namespace SignalFidelity.Core.Tests.Drift;

/// <summary>The owner-side read-ahead: the source's items in its order, its failures rethrown, its thread stopped on an early exit.</summary>
public sealed class ReadAheadTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(10_001)]
    public void Yields_every_item_in_the_source_order(int count)
    {
        var read = ReadAhead.Of(Enumerable.Range(0, count).Select(i => $"row {i}"), batchSize: 256, depth: 2).ToList();

        Assert.Equal(Enumerable.Range(0, count).Select(i => $"row {i}"), read);
    }

    [Fact]
    public void A_failure_of_the_source_reaches_the_consumer_after_the_items_before_it()
    {
        IEnumerable<int> Failing()
        {
            for (var i = 0; i < 1000; i++) yield return i;
            throw new InvalidDataException("line 1001 is broken");
        }
        var seen = new List<int>();

        var error = Assert.Throws<InvalidDataException>(() => { foreach (var i in ReadAhead.Of(Failing(), batchSize: 64)) seen.Add(i); });

        Assert.Equal("line 1001 is broken", error.Message);
        Assert.Equal(Enumerable.Range(0, 1000), seen);
    }

    [Fact]
    public void Leaving_early_stops_the_reading_thread_before_returning()
    {
        var produced = 0;
        var finished = false;
        IEnumerable<int> Endless()
        {
            try { while (true) yield return Interlocked.Increment(ref produced); }
            finally { Volatile.Write(ref finished, true); }
        }

        var first = ReadAhead.Of(Endless(), batchSize: 16, depth: 2).Take(5).ToList();

        Assert.Equal([1, 2, 3, 4, 5], first);
        // The source was disposed on its own thread before the enumeration returned: the file behind it may be closed now.
        Assert.True(Volatile.Read(ref finished));
        var after = Volatile.Read(ref produced);
        Thread.Sleep(50);
        Assert.Equal(after, Volatile.Read(ref produced));
    }
}
