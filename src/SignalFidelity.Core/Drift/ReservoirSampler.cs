namespace SignalFidelity.Core.Drift;

/// <summary>
/// Draws a uniform random sample of fixed size from a stream of unknown length in one pass (Vitter's
/// algorithm R), so sampling 200 of a million customers holds 200 in memory. Deterministic for a seed
/// and an input order: re-running with <c>--seed</c> over the same export draws the same customers.
/// </summary>
public sealed class ReservoirSampler<T>
{
    private readonly T[] _items;
    private readonly Random _random;

    /// <summary>Creates a sampler of <paramref name="size"/> items.</summary>
    public ReservoirSampler(int size, int seed)
    {
        if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), "a sample needs at least one item");
        _items = new T[size];
        // Random(seed) is the documented-stable legacy algorithm across .NET versions for a given seed.
        _random = new Random(seed);
    }

    /// <summary>Items offered so far.</summary>
    public long Seen { get; private set; }

    /// <summary>Offers the next item of the stream.</summary>
    public void Offer(T item)
    {
        if (Seen < _items.Length) _items[Seen] = item;
        else
        {
            var slot = _random.NextInt64(Seen + 1);
            if (slot < _items.Length) _items[slot] = item;
        }
        Seen++;
    }

    /// <summary>The sample, in reservoir order.</summary>
    public IReadOnlyList<T> Sample => Seen >= _items.Length ? _items : _items[..(int)Seen];
}
