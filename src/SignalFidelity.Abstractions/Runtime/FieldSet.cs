using System;
using System.Collections.Generic;

namespace SignalFidelity.Runtime
{
    /// <summary>
    /// A set of field indexes with no upper bound: the first 64 fields live in one word inline, so a
    /// comparison of an ordinary entity allocates nothing; fields 64 and up spill into an array, which is
    /// allocated only when one of them is in the set.
    /// </summary>
    public readonly struct FieldSet : IEquatable<FieldSet>
    {
        private const int WordBits = 64;
        private readonly ulong low;
        private readonly ulong[]? high;

        /// <summary>Creates a set from its words: <paramref name="low"/> holds fields 0-63, <paramref name="high"/> word <c>k</c> fields 64(k+1) to 64(k+1)+63.</summary>
        public FieldSet(ulong low, ulong[]? high = null)
        {
            this.low = low;
            this.high = high;
        }

        /// <summary>The empty set.</summary>
        public static FieldSet Empty => default;

        /// <summary>True when no field is in the set.</summary>
        public bool IsEmpty
        {
            get
            {
                if (low != 0)
                {
                    return false;
                }

                if (high is not null)
                {
                    foreach (ulong word in high)
                    {
                        if (word != 0)
                        {
                            return false;
                        }
                    }
                }

                return true;
            }
        }

        /// <summary>How many fields are in the set.</summary>
        public int Count
        {
            get
            {
                int count = PopCount(low);
                if (high is not null)
                {
                    foreach (ulong word in high)
                    {
                        count += PopCount(word);
                    }
                }

                return count;
            }
        }

        /// <summary>The set holding exactly the given field indexes.</summary>
        public static FieldSet Of(IEnumerable<int> indexes)
        {
            FieldSet set = Empty;
            foreach (int index in indexes)
            {
                set = set.With(index);
            }

            return set;
        }

        /// <summary>The set holding exactly the given field indexes.</summary>
        public static FieldSet Of(params int[] indexes) => Of((IEnumerable<int>)indexes);

        /// <summary>True when the field at <paramref name="index"/> is in the set.</summary>
        public bool Contains(int index)
        {
            if (index < 0)
            {
                return false;
            }

            if (index < WordBits)
            {
                return (low & (1UL << index)) != 0;
            }

            int word = (index / WordBits) - 1;
            return high is not null && word < high.Length && (high[word] & (1UL << (index % WordBits))) != 0;
        }

        /// <summary>This set plus <paramref name="index"/>.</summary>
        public FieldSet With(int index)
        {
            if (index < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, "A field index is zero or more.");
            }

            if (index < WordBits)
            {
                return new FieldSet(low | (1UL << index), high);
            }

            int word = (index / WordBits) - 1;
            ulong[] words = new ulong[Math.Max(word + 1, high?.Length ?? 0)];
            high?.CopyTo(words, 0);
            words[word] |= 1UL << (index % WordBits);
            return new FieldSet(low, words);
        }

        /// <summary>The fields of this set that are not in <paramref name="other"/>.</summary>
        public FieldSet Except(FieldSet other)
        {
            ulong[]? words = null;
            if (high is not null)
            {
                words = (ulong[])high.Clone();
                for (int i = 0; i < words.Length && other.high is not null && i < other.high.Length; i++)
                {
                    words[i] &= ~other.high[i];
                }
            }

            return new FieldSet(low & ~other.low, words);
        }

        /// <summary>The indexes in the set, ascending.</summary>
        public IEnumerable<int> Indexes()
        {
            for (int i = 0; i < WordBits; i++)
            {
                if ((low & (1UL << i)) != 0)
                {
                    yield return i;
                }
            }

            if (high is null)
            {
                yield break;
            }

            for (int word = 0; word < high.Length; word++)
            {
                for (int bit = 0; bit < WordBits; bit++)
                {
                    if ((high[word] & (1UL << bit)) != 0)
                    {
                        yield return ((word + 1) * WordBits) + bit;
                    }
                }
            }
        }

        /// <inheritdoc/>
        public bool Equals(FieldSet other)
        {
            if (low != other.low)
            {
                return false;
            }

            int length = Math.Max(high?.Length ?? 0, other.high?.Length ?? 0);
            for (int i = 0; i < length; i++)
            {
                ulong mine = high is not null && i < high.Length ? high[i] : 0;
                ulong theirs = other.high is not null && i < other.high.Length ? other.high[i] : 0;
                if (mine != theirs)
                {
                    return false;
                }
            }

            return true;
        }

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is FieldSet other && Equals(other);

        /// <summary>True when both sets hold the same fields.</summary>
        public static bool operator ==(FieldSet left, FieldSet right) => left.Equals(right);

        /// <summary>True when the sets differ in at least one field.</summary>
        public static bool operator !=(FieldSet left, FieldSet right) => !left.Equals(right);

        /// <inheritdoc/>
        public override int GetHashCode()
        {
            // Zero words are skipped so that equal sets hash alike whatever their spill length.
            ulong hash = low;
            if (high is not null)
            {
                for (int i = 0; i < high.Length; i++)
                {
                    if (high[i] != 0)
                    {
                        hash ^= high[i] * (0x9E3779B97F4A7C15UL + (ulong)i);
                    }
                }
            }

            return hash.GetHashCode();
        }

        // netstandard2.0 has no BitOperations; Kernighan's loop clears one set bit per turn.
        private static int PopCount(ulong word)
        {
            int count = 0;
            for (; word != 0; word &= word - 1)
            {
                count++;
            }

            return count;
        }

        /// <summary>"{0, 3, 70}": for test failures and logs.</summary>
        public override string ToString() => "{" + string.Join(", ", Indexes()) + "}";
    }
}
