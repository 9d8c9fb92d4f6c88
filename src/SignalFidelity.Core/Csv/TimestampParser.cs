using System.Globalization;

namespace SignalFidelity.Core.Csv;

/// <summary>
/// Reads timestamps as Shopify (<c>2026-03-01 10:15:30 -0500</c>) and CRMs (ISO 8601) export them.
/// A timestamp without an offset is taken as UTC (stated in README.md); anything else is refused, not guessed.
/// </summary>
public static class TimestampParser
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-dd HH:mm:ss zz", "yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", "yyyy-MM-dd HH:mm:ssZ", "yyyy-MM-dd HH:mm:ss UTC",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    /// <summary>Parses <paramref name="raw"/>; returns false with the reason on failure.</summary>
    public static bool TryParse(ReadOnlySpan<char> raw, out DateTimeOffset value, out string? problem)
    {
        problem = null;
        var text = raw.Trim();
        if (text.IsEmpty) { value = default; problem = "empty timestamp"; return false; }
        // Shopify writes offsets as -0500; .NET's zzz wants -05:00.
        if (text.Length > 10 && text[^5] is '+' or '-' && char.IsAsciiDigit(text[^4]) && char.IsAsciiDigit(text[^1]) && text[^3] != ':')
        {
            Span<char> buffer = stackalloc char[text.Length + 1];
            text[..^2].CopyTo(buffer);
            buffer[text.Length - 2] = ':';
            text[^2..].CopyTo(buffer[(text.Length - 1)..]);
            if (DateTimeOffset.TryParseExact(buffer, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)) return true;
        }
        else if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)) return true;
        problem = $"'{raw.ToString()}' is not a timestamp (expected 2026-03-01 10:15:30 -0500 or ISO 8601)";
        return false;
    }
}
