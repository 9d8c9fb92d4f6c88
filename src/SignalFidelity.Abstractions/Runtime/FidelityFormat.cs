using System;
using System.Globalization;

namespace SignalFidelity.Runtime
{
    /// <summary>
    /// How generated comparers print field values for reports: invariant culture, instants as UTC to the
    /// second ("2026-11-27 16:30:58Z"), so a report reads the same on every machine and an operator can
    /// compare two instants at a glance (the 24-hour tolerance makes sub-second digits noise).
    /// </summary>
    public static class FidelityFormat
    {
        private const string UtcSeconds = "yyyy'-'MM'-'dd' 'HH':'mm':'ss'Z'";

        /// <summary>An instant in UTC to the second, or null.</summary>
        public static string? Instant(DateTimeOffset? value) => value?.UtcDateTime.ToString(UtcSeconds, CultureInfo.InvariantCulture);

        /// <summary>A date in UTC to the second (unspecified kinds are taken as UTC), or null.</summary>
        public static string? Instant(DateTime? value) =>
            value is not { } date ? null
                : (date.Kind == DateTimeKind.Local ? date.ToUniversalTime() : date).ToString(UtcSeconds, CultureInfo.InvariantCulture);

        /// <summary>Text as held, or null.</summary>
        public static string? Text(string? value) => value;

        /// <summary>Any other value in the invariant culture, or null.</summary>
        public static string? Value(object? value) =>
            value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value?.ToString();
    }
}
