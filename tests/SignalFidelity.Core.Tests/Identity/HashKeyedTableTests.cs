using SignalFidelity.Core.Identity;

namespace SignalFidelity.Core.Tests.Identity;

/// <summary>The open-addressed key-hash table holds what a dictionary would, through growth and for the key zero.</summary>
public sealed class HashKeyedTableTests
{
    [Fact]
    public void Holds_the_same_values_as_a_dictionary_through_growth_and_colliding_slots()
    {
        var table = new HashKeyedTable<long>(expectedCount: 4); // far too small: grows many times
        var expected = new Dictionary<ulong, long>();
        var random = new Random(12);
        for (var i = 0; i < 50_000; i++)
        {
            // Keys that differ only in their high or low bits, real key hashes, and the key zero.
            var key = (i % 5) switch
            {
                0 => (ulong)i,
                1 => (ulong)i << 40,
                2 => KeyHash.Of($"customer{i % 20_000}@example.com"),
                3 => 0UL,
                _ => (ulong)random.NextInt64(),
            };
            ref var slot = ref table.GetValueRefOrAddDefault(key, out var exists);
            Assert.Equal(expected.ContainsKey(key), exists);
            slot = Math.Max(slot, i);
            expected[key] = Math.Max(expected.GetValueOrDefault(key), i);
        }

        Assert.Equal(expected.Count, table.Count);
        foreach (var (key, value) in expected)
        {
            Assert.True(table.TryGetValue(key, out var held));
            Assert.Equal(value, held);
        }
        Assert.False(table.TryGetValue(KeyHash.Of("nobody@example.com"), out _));
    }

    [Fact]
    public void The_key_hash_is_stable_and_tells_keys_apart()
    {
        Assert.Equal(KeyHash.Of("pat@example.com"), KeyHash.Of("pat@example.com".AsSpan()));
        Assert.NotEqual(KeyHash.Of("pat@example.com"), KeyHash.Of("pat@example.co"));
        Assert.NotEqual(KeyHash.Of(""), KeyHash.Of("\0"));
    }
}
