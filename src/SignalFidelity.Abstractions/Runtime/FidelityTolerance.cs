using System;

namespace SignalFidelity.Runtime
{
    /// <summary>
    /// The tolerance rules generated fidelity comparers apply, in one place so that every entity measures
    /// drift the same way. A missing value matches only a missing value; a difference equal to the
    /// tolerance still matches (24 hours of webhook lag is on time).
    /// </summary>
    public static class FidelityTolerance
    {
        /// <summary>Money: the absolute difference is at most <paramref name="amount"/>.</summary>
        public static bool WithinAmount(decimal? expected, decimal? actual, decimal amount)
        {
            if (expected is null || actual is null)
            {
                return expected is null && actual is null;
            }

            return Math.Abs(expected.Value - actual.Value) <= amount;
        }

        /// <summary>Floating-point amounts: the absolute difference is at most <paramref name="amount"/>.</summary>
        public static bool WithinAmount(double? expected, double? actual, double amount)
        {
            if (expected is null || actual is null)
            {
                return expected is null && actual is null;
            }

            // NaN equals NaN here: both systems hold "no number", which is no drift.
            if (double.IsNaN(expected.Value) || double.IsNaN(actual.Value))
            {
                return double.IsNaN(expected.Value) && double.IsNaN(actual.Value);
            }

            return Math.Abs(expected.Value - actual.Value) <= amount;
        }

        /// <summary>Counts: the absolute difference is at most <paramref name="count"/> (one order in flight).</summary>
        public static bool WithinCount(long? expected, long? actual, long count)
        {
            if (expected is null || actual is null)
            {
                return expected is null && actual is null;
            }

            return Math.Abs(expected.Value - actual.Value) <= count;
        }

        /// <summary>Instants: at most <paramref name="hours"/> apart.</summary>
        public static bool WithinHours(DateTimeOffset? expected, DateTimeOffset? actual, double hours)
        {
            if (expected is null || actual is null)
            {
                return expected is null && actual is null;
            }

            return Math.Abs((expected.Value - actual.Value).Ticks) <= TimeSpan.FromHours(hours).Ticks;
        }

        /// <summary>Dates without offset: at most <paramref name="hours"/> apart.</summary>
        public static bool WithinHours(DateTime? expected, DateTime? actual, double hours)
        {
            if (expected is null || actual is null)
            {
                return expected is null && actual is null;
            }

            return Math.Abs((expected.Value - actual.Value).Ticks) <= TimeSpan.FromHours(hours).Ticks;
        }

        /// <summary>Text: equal after trimming, ordinal; a missing value equals an empty one (CRMs drop empty strings).</summary>
        public static bool TextMatches(string? expected, string? actual)
        {
            string left = expected is null ? string.Empty : expected.Trim();
            string right = actual is null ? string.Empty : actual.Trim();
            return string.Equals(left, right, StringComparison.Ordinal);
        }
    }
}
