using System;
using System.Globalization;

namespace SignalFidelity.Runtime
{
    /// <summary>
    /// How generated comparers print field values for reports: invariant culture, instants in ISO 8601
    /// round-trip form, so a report reads the same on every machine.
    /// </summary>
    public static class FidelityFormat
    {
        /// <summary>An instant as ISO 8601 ("O"), or null.</summary>
        public static string? Instant(DateTimeOffset? value) => value?.ToString("O", CultureInfo.InvariantCulture);

        /// <summary>A date as ISO 8601 ("O"), or null.</summary>
        public static string? Instant(DateTime? value) => value?.ToString("O", CultureInfo.InvariantCulture);

        /// <summary>Text as held, or null.</summary>
        public static string? Text(string? value) => value;

        /// <summary>Any other value in the invariant culture, or null.</summary>
        public static string? Value(object? value) =>
            value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value?.ToString();
    }
}
